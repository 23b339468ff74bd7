# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessDenied

# A kiosk session never lasts longer than this, however busy the operator.
MAX_SESSION = timedelta(minutes=30)


class MfgShopfloorSession(models.Model):
    """An employee identified on a workshop kiosk, until they leave or the kiosk idles.

    The kiosk acts for this employee only: every record it reads or writes is checked against
    the session's employee. It is the evidence, in the records' chatter, of what an employee
    without a user account did on the kiosk.
    """

    _name = "mfg.shopfloor.session"
    _description = "Kiosk Session"
    _order = "date_start desc, id desc"
    _rec_name = "employee_id"

    department_id = fields.Many2one(
        "hr.department", string="Workshop", required=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="department_id.company_id", store=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, readonly=True, index=True, ondelete="cascade"
    )
    method = fields.Selection(
        [("badge", "Badge"), ("pin", "PIN")],
        string="Identified By",
        required=True,
        readonly=True,
    )
    token = fields.Char(required=True, readonly=True, copy=False, groups="base.group_system")
    date_start = fields.Datetime(string="Started", required=True, readonly=True)
    last_activity = fields.Datetime(required=True, readonly=True)
    date_end = fields.Datetime(string="Ended", readonly=True)
    action_count = fields.Integer(string="Actions", readonly=True)

    _token_uniq = models.Constraint("UNIQUE(token)", "A kiosk session token is unique.")

    @api.model
    def _mfg_open(self, department, employee, method):
        now = fields.Datetime.now()
        return self.sudo().create(
            {
                "department_id": department.id,
                "employee_id": employee.id,
                "method": method,
                "token": secrets.token_urlsafe(24),
                "date_start": now,
                "last_activity": now,
            }
        )

    @api.model
    def _mfg_get(self, kiosk_token, session_token):
        """The open session of ``session_token`` on the kiosk of ``kiosk_token``, refreshed;
        AccessDenied when the kiosk or the session is unknown, closed or idle too long."""
        department = self.env["hr.department"]._mfg_kiosk_from_token(kiosk_token)
        if not department or not session_token or not isinstance(session_token, str):
            raise AccessDenied(self.env._("This kiosk session is closed."))
        session = self.sudo().search(
            [
                ("token", "=", session_token),
                ("department_id", "=", department.id),
                ("date_end", "=", False),
            ],
            limit=1,
        )
        now = fields.Datetime.now()
        idle = timedelta(seconds=department.mfg_kiosk_idle_seconds or 90)
        if (
            not session
            or session.last_activity + idle < now
            or session.date_start + MAX_SESSION < now
        ):
            if session:
                session.date_end = now
            raise AccessDenied(self.env._("This kiosk session is closed."))
        session.last_activity = now
        return session

    def _mfg_close(self):
        self.sudo().filtered(lambda session: not session.date_end).date_end = fields.Datetime.now()

    def _mfg_count_action(self):
        self.ensure_one()
        self.sudo().action_count += 1

    def _mfg_as_employee(self, records):
        """``records`` in the environment the kiosk acts in for the session's employee: as
        their user when they have one (the backend's rights and rules apply as they are), else
        as superuser, every record having been checked to be the employee's own."""
        self.ensure_one()
        user = self.employee_id.sudo().user_id
        if user:
            return records.with_user(user).with_company(self.employee_id.company_id)
        return records.sudo()

    def _mfg_evidence(self):
        """How the kiosk identified the employee, for the chatter."""
        self.ensure_one()
        return self.env._(
            "on the kiosk of %(workshop)s (session %(session)s, identified by %(method)s at "
            "%(start)s)",
            workshop=self.department_id.display_name,
            session=self.id,
            method=dict(self._fields["method"]._description_selection(self.env))[self.method],
            start=fields.Datetime.to_string(self.date_start),
        )
