# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # The appraisal record rules ask "is this employee the user's or below the user's employee
    # in the hierarchy" (child_of user.employee_ids). Without a parent path, the ORM answers
    # child_of level by level, on every search and access check; this stored set answers it
    # with one join.
    mfg_line_user_ids = fields.Many2many(
        "res.users",
        "hr_employee_mfg_line_user_rel",
        "employee_id",
        "user_id",
        string="Reporting Line Logins",
        compute="_compute_mfg_line_user_ids",
        store=True,
        recursive=True,
        compute_sudo=True,
        groups="base.group_system",
        help="Logins of the employee and of every superior above them (the appraisal access "
        "rules: a user sees the appraisals of the employees whose reporting line they are on).",
    )

    @api.depends("active", "user_id", "parent_id.mfg_line_user_ids")
    def _compute_mfg_line_user_ids(self):
        # As child_of user.employee_ids: the user's active employee records, and everyone
        # below them through any superior, archived or not.
        for employee in self:
            own = employee.user_id if employee.active else employee.user_id.browse()
            employee.mfg_line_user_ids = own | employee.parent_id.mfg_line_user_ids
