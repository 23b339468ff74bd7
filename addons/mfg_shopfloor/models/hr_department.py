# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import urls

KIOSK_GROUPS = "mfg_duty.group_duty_manager,hr.group_hr_manager"
# Wrong badges or PINs a kiosk accepts in a minute before it locks itself.
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=1)
LOCK_DURATION = timedelta(minutes=5)


class HrDepartment(models.Model):
    _inherit = "hr.department"

    mfg_kiosk_token = fields.Char(
        string="Kiosk Token",
        copy=False,
        readonly=True,
        index="btree_not_null",
        groups=KIOSK_GROUPS,
        help="Secret part of the kiosk address of this workshop. Regenerate it to lock out a "
        "lost or stolen tablet.",
    )
    mfg_kiosk_url = fields.Char(
        string="Kiosk Address",
        compute="_compute_mfg_kiosk_url",
        groups=KIOSK_GROUPS,
        help="Open this address on the workshop's shared tablet.",
    )
    mfg_kiosk_idle_seconds = fields.Integer(
        string="Kiosk Idle Time",
        default=90,
        groups=KIOSK_GROUPS,
        help="Seconds without a touch after which the kiosk closes the operator's session and "
        "returns to the idle screen.",
    )
    mfg_kiosk_lang = fields.Selection(
        selection="_selection_mfg_kiosk_lang",
        string="Kiosk Language",
        groups=KIOSK_GROUPS,
        help="Language of the kiosk screens; empty: the company's language.",
    )
    mfg_kiosk_locked_until = fields.Datetime(
        string="Kiosk Locked Until",
        readonly=True,
        copy=False,
        groups=KIOSK_GROUPS,
        help="Too many wrong badges or PINs: the kiosk refuses every identification until then.",
    )

    mfg_kiosk_locked = fields.Boolean(
        string="Kiosk Locked",
        compute="_compute_mfg_kiosk_locked",
        groups=KIOSK_GROUPS,
    )

    _mfg_kiosk_idle_check = models.Constraint(
        "CHECK(mfg_kiosk_idle_seconds IS NULL OR mfg_kiosk_idle_seconds BETWEEN 15 AND 3600)",
        "The kiosk idle time is between 15 seconds and one hour.",
    )

    @api.model
    def _selection_mfg_kiosk_lang(self):
        return self.env["res.lang"].get_installed()

    @api.depends("mfg_kiosk_token")
    def _compute_mfg_kiosk_url(self):
        base_url = self.get_base_url()
        for department in self:
            department.mfg_kiosk_url = (
                urls.urljoin(base_url, f"/mfg_shopfloor/kiosk/{department.mfg_kiosk_token}")
                if department.mfg_kiosk_token
                else False
            )

    def _compute_mfg_kiosk_locked(self):
        now = fields.Datetime.now()
        for department in self:
            locked_until = department.mfg_kiosk_locked_until
            department.mfg_kiosk_locked = bool(locked_until and locked_until > now)

    def _mfg_kiosk_check_manager(self):
        if not self.env.su and not any(
            self.env.user.has_group(group) for group in KIOSK_GROUPS.split(",")
        ):
            raise AccessError(
                self.env._("Only duty checklist managers and HR managers manage the kiosks.")
            )

    def action_mfg_kiosk_new_token(self):
        """Give the workshops a new kiosk address; the old one stops working at once."""
        self._mfg_kiosk_check_manager()
        self.check_access("read")
        for department in self.sudo():
            department.mfg_kiosk_token = secrets.token_urlsafe(24)
        return True

    def action_mfg_kiosk_disable(self):
        """Close the kiosk of the workshops: their address stops working."""
        self._mfg_kiosk_check_manager()
        self.check_access("read")
        self.sudo().mfg_kiosk_token = False
        return True

    def action_mfg_kiosk_unlock(self):
        """Lift the lock a kiosk set itself after too many wrong badges or PINs."""
        self._mfg_kiosk_check_manager()
        self.check_access("read")
        # The lock ends now: the failures before it no longer count towards the next one.
        self.sudo().mfg_kiosk_locked_until = fields.Datetime.now()
        return True

    def action_mfg_kiosk_open(self):
        self.ensure_one()
        self._mfg_kiosk_check_manager()
        return {"type": "ir.actions.act_url", "url": self.sudo().mfg_kiosk_url, "target": "new"}

    # ------------------------------------------------------------------
    # Kiosk identification (called by the kiosk controller, as superuser)
    # ------------------------------------------------------------------
    @api.model
    def _mfg_kiosk_from_token(self, token):
        """The workshop whose kiosk address holds ``token``, or an empty recordset."""
        if not token or not isinstance(token, str) or len(token) < 16:
            return self.browse()
        return self.sudo().search([("mfg_kiosk_token", "=", token)], limit=1)

    def _mfg_kiosk_employees(self):
        """Employees the kiosk serves: those of the workshop and of its teams."""
        self.ensure_one()
        domain = [("department_id", "child_of", self.id)]
        if self.company_id:
            domain.append(("company_id", "=", self.company_id.id))
        return self.env["hr.employee"].sudo().search(domain, order="name, id")

    def _mfg_kiosk_lock_remaining(self):
        """Seconds the kiosk stays locked (0 when it is not)."""
        self.ensure_one()
        locked_until = self.sudo().mfg_kiosk_locked_until
        now = fields.Datetime.now()
        if not locked_until or locked_until <= now:
            return 0
        return int((locked_until - now).total_seconds()) + 1

    def _mfg_kiosk_record_failure(self, method):
        """Log a wrong badge or PIN; the fifth in a minute locks the kiosk for a while."""
        self.ensure_one()
        department = self.sudo()
        now = fields.Datetime.now()
        Attempt = self.env["mfg.shopfloor.attempt"].sudo()
        Attempt.create({"department_id": department.id, "method": method, "date": now})
        since = now - FAILURE_WINDOW
        if department.mfg_kiosk_locked_until and department.mfg_kiosk_locked_until > since:
            since = department.mfg_kiosk_locked_until
        failures = Attempt.search_count(
            [("department_id", "=", department.id), ("date", ">", since)]
        )
        if failures >= MAX_FAILURES:
            department.mfg_kiosk_locked_until = now + LOCK_DURATION
            return True
        return False
