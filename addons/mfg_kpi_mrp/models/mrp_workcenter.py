# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


def _is_below(team, workshop):
    """Whether department ``team`` lies strictly below department ``workshop``."""
    if not (team and workshop) or team == workshop:
        return False
    ancestors = (team.parent_path or "").strip("/").split("/")[:-1]
    return str(workshop.id) in ancestors


class MrpWorkcenter(models.Model):
    """Work centres belong to a workshop (车间) and optionally to one of its teams (班组).

    Workshops and teams are departments: a team is a department below its workshop, so that
    team leaders, members and KPI targets use the ordinary organisation chart.
    """

    _inherit = "mrp.workcenter"

    mfg_department_id = fields.Many2one(
        "hr.department",
        string="Workshop",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        help="Workshop (department) that owns this work centre; its production counts for the "
        "workshop's KPIs.",
    )
    mfg_team_id = fields.Many2one(
        "hr.department",
        string="Team",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        domain="[('id', 'child_of', mfg_department_id), ('id', '!=', mfg_department_id)]",
        help="Team (department below the workshop) that runs this work centre.",
    )

    @api.constrains("mfg_department_id", "mfg_team_id")
    def _check_mfg_team(self):
        for workcenter in self.filtered("mfg_team_id"):
            workshop, team = workcenter.mfg_department_id, workcenter.mfg_team_id
            if not workshop:
                raise ValidationError(
                    _(
                        "Work centre %(workcenter)s: choose the workshop of team %(team)s.",
                        workcenter=workcenter.display_name,
                        team=team.display_name,
                    )
                )
            if not _is_below(team, workshop):
                raise ValidationError(
                    _(
                        "Work centre %(workcenter)s: team %(team)s is not a department below "
                        "workshop %(workshop)s.",
                        workcenter=workcenter.display_name,
                        team=team.display_name,
                        workshop=workshop.display_name,
                    )
                )

    @api.onchange("mfg_team_id")
    def _onchange_mfg_team_id(self):
        if self.mfg_team_id and not self.mfg_department_id:
            self.mfg_department_id = self.mfg_team_id.parent_id

    @api.onchange("mfg_department_id")
    def _onchange_mfg_department_id(self):
        if self.mfg_team_id and not _is_below(self.mfg_team_id, self.mfg_department_id):
            self.mfg_team_id = False
