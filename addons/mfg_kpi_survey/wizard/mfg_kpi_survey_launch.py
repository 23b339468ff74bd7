# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError


class MfgKpiSurveyLaunch(models.TransientModel):
    """Launch the satisfaction surveys of a period: one campaign per rule, invitations sent."""

    _name = "mfg.kpi.survey.launch"
    _description = "Launch Satisfaction Surveys"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date = fields.Date(
        string="Period Containing",
        required=True,
        default=fields.Date.context_today,
        help="Each rule is launched for its period (month, quarter or year) containing this day.",
    )
    rule_ids = fields.Many2many(
        "mfg.kpi.survey.rule",
        string="Survey Rules",
        domain="[('company_id', '=', company_id)]",
        default=lambda self: self.env["mfg.kpi.survey.rule"].search(
            [("company_id", "=", self.env.company.id)]
        ),
    )

    def action_launch(self):
        self.ensure_one()
        self.env["mfg.kpi.survey.campaign"]._check_manager()
        if not self.rule_ids:
            raise UserError(self.env._("Choose the survey rules to launch."))
        Period = self.env["mfg.kpi.period"].sudo().with_company(self.company_id)
        Campaign = self.env["mfg.kpi.survey.campaign"].sudo()
        periods = {
            rule.id: Period._get_or_create(rule.period_kind, self.date, self.company_id)
            for rule in self.rule_ids
        }
        existing = Campaign.search(
            [
                ("rule_id", "in", self.rule_ids.ids),
                ("period_id", "in", [period.id for period in periods.values()]),
            ]
        )
        found = {(c.rule_id.id, c.period_id.id): c for c in existing}
        new = Campaign.create(
            [
                {"rule_id": rule.id, "period_id": periods[rule.id].id}
                for rule in self.rule_ids
                if (rule.id, periods[rule.id].id) not in found
            ]
        )
        campaigns = new | existing
        campaigns.filtered(lambda c: c.state == "draft").with_env(self.env).action_launch()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Satisfaction Campaigns"),
            "res_model": "mfg.kpi.survey.campaign",
            "view_mode": "list,form",
            "domain": [("id", "in", campaigns.ids)],
        }
