# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MfgOwnedMixin(models.AbstractModel):
    """Ownership by a workshop (车间) and, optionally, one of its teams (班组).

    Workshops and teams are departments: a team is a department below its workshop, so that team
    leaders, members and KPI targets use the ordinary organisation chart. Work centres,
    manufacturing orders and warehouses inherit this mixin; their KPIs count for the owners.
    The inheriting model needs a ``company_id`` field (the owners are checked against it).
    """

    _name = "mfg.owned.mixin"
    _description = "Owned by a Workshop and Team"

    mfg_department_id = fields.Many2one(
        "hr.department",
        string="Workshop",
        index="btree_not_null",
        check_company=True,
        help="Workshop (department) that owns the record; its figures count for the "
        "workshop's KPIs.",
    )
    mfg_team_id = fields.Many2one(
        "hr.department",
        string="Team",
        index="btree_not_null",
        check_company=True,
        domain="[('id', 'child_of', mfg_department_id), ('id', '!=', mfg_department_id)]",
        help="Team (a department below the workshop) accountable for the record.",
    )

    @api.constrains("mfg_department_id", "mfg_team_id")
    def _check_mfg_team(self):
        for record in self.filtered("mfg_team_id"):
            workshop, team = record.mfg_department_id, record.mfg_team_id
            if not workshop:
                raise ValidationError(
                    self.env._(
                        "%(record)s: choose the workshop of team %(team)s.",
                        record=record.display_name,
                        team=team.display_name,
                    )
                )
            if not self._mfg_is_below(team, workshop):
                raise ValidationError(
                    self.env._(
                        "%(record)s: team %(team)s is not a department below workshop "
                        "%(workshop)s.",
                        record=record.display_name,
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
        if self.mfg_team_id and not self._mfg_is_below(self.mfg_team_id, self.mfg_department_id):
            self.mfg_team_id = False

    @api.model
    def _mfg_is_below(self, team, workshop):
        """Whether department ``team`` lies strictly below department ``workshop``."""
        if not (team and workshop) or team == workshop:
            return False
        ancestors = (team.parent_path or "").strip("/").split("/")[:-1]
        return str(workshop.id) in ancestors

    def _mfg_owner_departments(self):
        """The owners of the records as departments: their workshops and teams."""
        return self.mfg_department_id | self.mfg_team_id

    def _mfg_owner_vals(self):
        """Values that give another owned record the same owners as this one."""
        self.ensure_one()
        return {
            "mfg_department_id": self.mfg_department_id.id,
            "mfg_team_id": self.mfg_team_id.id,
        }
