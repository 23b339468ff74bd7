# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The workshop kiosk: a public page opened with the workshop's kiosk token, and the JSON
routes its OWL application calls.

Nothing here trusts an id of an employee sent by the browser once someone is identified: the
routes act for the employee of the kiosk session only, and every record id they receive is
checked to be that employee's own before the backend's own methods are called on it.
"""

import hmac
import json

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import request
from odoo.tools import html2plaintext, py_to_js_locale
from odoo.tools.misc import get_lang

from ..models.mfg_shopfloor_session import LOGIN_IDLE


class ShopfloorKiosk(http.Controller):
    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @staticmethod
    def _kiosk(token):
        """The workshop of the kiosk token, with the kiosk's language; NotFound otherwise."""
        department = request.env["hr.department"]._mfg_kiosk_from_token(token)
        if not department:
            raise NotFound()
        request.update_context(lang=ShopfloorKiosk._kiosk_lang(department))
        return department.sudo()

    @staticmethod
    def _kiosk_lang(department):
        department = department.sudo()
        installed = {code for code, __ in request.env["res.lang"].get_installed()}
        for lang in (department.mfg_kiosk_lang, department.company_id.partner_id.lang):
            if lang and lang in installed:
                return lang
        return get_lang(request.env).code

    @staticmethod
    def _session(token, session):
        """The kiosk session of ``session``: on the kiosk of ``token``, or, without a token,
        one the logged-in user opened on ``/mfg_shopfloor/my``."""
        if not token:
            return request.env["mfg.shopfloor.session"]._mfg_get_logged_in(session)
        ShopfloorKiosk._kiosk(token)
        return request.env["mfg.shopfloor.session"]._mfg_get(token, session)

    @staticmethod
    def _employee_info(session):
        employee = session.employee_id.sudo()
        department = session.department_id.sudo()
        idle = (
            int(LOGIN_IDLE.total_seconds())
            if session.method == "login"
            else department.mfg_kiosk_idle_seconds or 90
        )
        return {
            "session": session.sudo().token,
            "idle_seconds": idle,
            "employee": {
                "id": employee.id,
                "name": employee.name,
                "job": employee.job_id.name or "",
                "has_user": bool(employee.user_id),
                "leads": bool(
                    request.env["hr.employee"]
                    .sudo()
                    .search_count([("parent_id", "=", employee.id)])
                ),
            },
        }

    # ------------------------------------------------------------------
    # Page
    # ------------------------------------------------------------------
    @http.route("/mfg_shopfloor/kiosk/<string:token>", type="http", auth="public", sitemap=False)
    def kiosk_page(self, token, **kwargs):
        department = self._kiosk(token)
        lang = self._kiosk_lang(department)
        info = {
            "token": token,
            "workshop": department.display_name,
            "company_id": department.company_id.id,
            "company_name": department.company_id.name,
            "idle_seconds": department.mfg_kiosk_idle_seconds or 90,
            "lang": py_to_js_locale(lang),
        }
        return request.render(
            "mfg_shopfloor.kiosk_page",
            {"kiosk_info": info, "kiosk_info_json": json.dumps(info)},
            headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY"},
        )

    @http.route("/mfg_shopfloor/my", type="http", auth="user", sitemap=False)
    def my_page(self, **kwargs):
        """The same screens for an internal user, with their own login: their own employee
        of the current company, acting as themselves."""
        user = request.env.user
        employee = user.employee_id
        if not user._is_internal() or not employee:
            raise NotFound()
        session = request.env["mfg.shopfloor.session"]._mfg_open_logged_in(employee.sudo())
        info = {
            "token": "",
            "workshop": employee.sudo().department_id.display_name or employee.company_id.name,
            "company_id": employee.company_id.id,
            "company_name": employee.company_id.name,
            "idle_seconds": int(LOGIN_IDLE.total_seconds()),
            "lang": py_to_js_locale(get_lang(request.env).code),
            "login": self._employee_info(session),
        }
        return request.render(
            "mfg_shopfloor.kiosk_page",
            {"kiosk_info": info, "kiosk_info_json": json.dumps(info)},
            headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY"},
        )

    # ------------------------------------------------------------------
    # Identification
    # ------------------------------------------------------------------
    @http.route("/mfg_shopfloor/employees", type="jsonrpc", auth="public")
    def kiosk_employees(self, token):
        """The workshop's employees who have a PIN, to pick one before typing the PIN."""
        department = self._kiosk(token)
        return [
            {"id": employee.id, "name": employee.name, "job": employee.job_id.name or ""}
            for employee in department._mfg_kiosk_employees().filtered("pin")
        ]

    @http.route("/mfg_shopfloor/identify", type="jsonrpc", auth="public")
    def kiosk_identify(self, token, badge=None, employee_id=None, pin=None):
        """Open a session for the employee of the badge, or of the employee and PIN.

        A failure answers normally (it is not an exception) so that it is recorded: the fifth
        in a minute locks the kiosk for a while.
        """
        department = self._kiosk(token)
        env = request.env
        remaining = department._mfg_kiosk_lock_remaining()
        if remaining:
            return {
                "error": env._(
                    "Too many wrong badges or PINs: the kiosk is locked for %(seconds)s "
                    "seconds.",
                    seconds=remaining,
                ),
                "locked": remaining,
            }
        employees = department._mfg_kiosk_employees()
        method = "badge" if badge else "pin"
        employee = env["hr.employee"]
        if badge and isinstance(badge, str):
            employee = employees.filtered(
                lambda emp: emp.barcode
                and hmac.compare_digest(emp.barcode.encode(), badge.strip().encode())
            )[:1]
        elif isinstance(employee_id, int) and isinstance(pin, str) and pin:
            candidate = employees.filtered(lambda emp: emp.id == employee_id)
            if candidate.pin and hmac.compare_digest(candidate.pin.encode(), pin.encode()):
                employee = candidate
        if not employee:
            locked = department._mfg_kiosk_record_failure(method)
            message = env._("Unknown badge.") if method == "badge" else env._("Wrong PIN.")
            if locked:
                remaining = department._mfg_kiosk_lock_remaining()
                message = env._(
                    "Too many wrong badges or PINs: the kiosk is locked for %(seconds)s "
                    "seconds.",
                    seconds=remaining,
                )
                return {"error": message, "locked": remaining}
            return {"error": message}
        session = env["mfg.shopfloor.session"]._mfg_open(department, employee, method)
        return self._employee_info(session)

    @http.route("/mfg_shopfloor/logout", type="jsonrpc", auth="public")
    def kiosk_logout(self, token, session):
        if not token:
            domain = [("user_id", "=", request.env.user.id), ("method", "=", "login")]
        else:
            domain = [("department_id", "=", self._kiosk(token).id)]
        if isinstance(session, str) and session:
            request.env["mfg.shopfloor.session"].sudo().search(
                [("token", "=", session), *domain]
            )._mfg_close()
        return True

    # ------------------------------------------------------------------
    # Today's duty checklist
    # ------------------------------------------------------------------
    @staticmethod
    def _today(employee):
        return fields.Date.context_today(employee.with_context(tz=employee.sudo().tz))

    @http.route("/mfg_shopfloor/checklist", type="jsonrpc", auth="public")
    def kiosk_checklist(self, token, session):
        session = self._session(token, session)
        employee = session.employee_id.sudo()
        today = self._today(employee)
        runs = (
            request.env["mfg.duty.run"]
            .sudo()
            .search(
                [
                    ("employee_id", "=", employee.id),
                    ("period_start", "<=", today),
                    ("period_end", ">=", today),
                ],
                order="period_end, template_id, id",
            )
        )
        Item = request.env["mfg.duty.run.item"]
        results = dict(Item._fields["result"]._description_selection(request.env))
        evidences = dict(Item._fields["evidence"]._description_selection(request.env))
        return {
            "kinds": [{"kind": kind, "label": label} for kind, label in Item._get_followup_kinds()],
            "runs": [
                {
                    "id": run.id,
                    "name": run.template_id.name,
                    "period": run.period_label,
                    "deadline": fields.Date.to_string(run.deadline),
                    "item_count": run.item_count,
                    "checked_count": run.checked_count,
                    "items": [
                        {
                            "id": item.id,
                            "name": item.name,
                            "instructions": html2plaintext(item.instructions or ""),
                            "evidence": item.evidence or "",
                            "evidence_label": evidences.get(item.evidence, ""),
                            "result": item.result,
                            "result_label": results[item.result],
                            "note": item.note or "",
                            "photo_count": len(item.attachment_ids),
                            "followup": item.followup_status or "",
                        }
                        for item in run.item_ids
                    ],
                }
                for run in runs
            ],
        }

    @http.route("/mfg_shopfloor/answer", type="jsonrpc", auth="public")
    def kiosk_answer(self, token, session, item_id, result, photo=None):
        session = self._session(token, session)
        item = request.env["mfg.duty.run.item"]._mfg_kiosk_browse(session, item_id)
        item._mfg_kiosk_answer(session, result, photo=photo)
        return True

    @http.route("/mfg_shopfloor/problem", type="jsonrpc", auth="public")
    def kiosk_problem(self, token, session, item_id, note, kind, photo=None):
        session = self._session(token, session)
        item = request.env["mfg.duty.run.item"]._mfg_kiosk_browse(session, item_id)
        record = item._mfg_kiosk_report_problem(session, note, kind, photo=photo)
        return {"followup": record.display_name if record else ""}

    # ------------------------------------------------------------------
    # My results
    # ------------------------------------------------------------------
    @http.route("/mfg_shopfloor/results", type="jsonrpc", auth="public")
    def kiosk_results(self, token, session):
        session = self._session(token, session)
        today = self._today(session.employee_id)
        return {
            "kpi": session._mfg_kpi_results(today),
            "appraisals": session._mfg_appraisal_results(today),
        }

    @http.route("/mfg_shopfloor/appeal", type="jsonrpc", auth="public")
    def kiosk_appeal(self, token, session, appraisal_id, reason):
        session = self._session(token, session)
        session._mfg_appeal(appraisal_id, reason)
        return True

    # ------------------------------------------------------------------
    # Rating and team
    # ------------------------------------------------------------------
    @http.route("/mfg_shopfloor/rating_tasks", type="jsonrpc", auth="public")
    def kiosk_rating_tasks(self, token, session):
        session = self._session(token, session)
        return session._mfg_rater_tasks()

    @http.route("/mfg_shopfloor/rate", type="jsonrpc", auth="public")
    def kiosk_rate(self, token, session, rater_id, scores, submit=False, self_report=None):
        session = self._session(token, session)
        return session._mfg_rate(rater_id, scores, submit=bool(submit), self_report=self_report)

    @http.route("/mfg_shopfloor/value_tasks", type="jsonrpc", auth="public")
    def kiosk_value_tasks(self, token, session):
        session = self._session(token, session)
        return session._mfg_value_tasks()

    @http.route("/mfg_shopfloor/values", type="jsonrpc", auth="public")
    def kiosk_values(self, token, session, appraisal_id, values):
        session = self._session(token, session)
        return session._mfg_enter_values(appraisal_id, values)

    @http.route("/mfg_shopfloor/team", type="jsonrpc", auth="public")
    def kiosk_team(self, token, session):
        session = self._session(token, session)
        return session._mfg_team_overview(self._today(session.employee_id))
