# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.mfg_org.models.hr_job import copy_translations
from odoo.fields import Command, Domain

from .common import APPRAISAL_SYSTEMS


class HrJob(models.Model):
    _inherit = "hr.job"

    mfg_appraisal_template_ids = fields.Many2many(
        "mfg.appraisal.template",
        "mfg_appraisal_template_job_rel",
        "job_id",
        "template_id",
        string="Appraisal Sheets",
    )
    mfg_appraisal_scope = fields.Selection(
        [(key, label) for key, label in APPRAISAL_SYSTEMS if key != "director_plan"],
        string="Appraised Under",
        help="The appraisal system whose cycles include this position (车间人员 第3条, 班组人员 "
        "第2条). Anyone in scope without a sheet gets a visible exclusion at launch.",
    )
    mfg_appraisal_kpi_line_ids = fields.Many2many(
        "mfg.appraisal.template.line",
        string="Appraisal KPIs",
        compute="_compute_mfg_appraisal_kpi_line_ids",
        groups="mfg_appraisal.group_appraisal_user",
        help="The weighted KPIs the position is appraised on: the lines of its appraisal sheets "
        "that name a KPI, with their weight in their section. The sheets are their only home: "
        "edit them there.",
    )

    @api.depends(
        "mfg_appraisal_template_ids.line_ids.kpi_id",
        "mfg_appraisal_template_ids.line_ids.kpi_code",
        "mfg_appraisal_template_ids.line_ids.weight",
    )
    def _compute_mfg_appraisal_kpi_line_ids(self):
        for job in self:
            job.mfg_appraisal_kpi_line_ids = job._mfg_appraisal_kpi_lines().with_env(self.env)

    @api.depends(
        "mfg_appraisal_template_ids.line_ids.kpi_id",
        "mfg_appraisal_template_ids.line_ids.kpi_code",
    )
    def _compute_mfg_kpi_ids(self):
        return super()._compute_mfg_kpi_ids()

    def _search_mfg_kpi_ids(self, operator, value):
        if operator in Domain.NEGATIVE_OPERATORS:
            return NotImplemented  # the ORM negates the positive search
        if operator == "in":
            kpis = self.env["mfg.kpi"].browse([v for v in value if isinstance(v, int)])
            without_kpi = False in value  # ("mfg_kpi_ids", "=", False): positions without KPI
        elif operator == "any":
            kpis, without_kpi = self.env["mfg.kpi"].search(value), False
        else:
            return super()._search_mfg_kpi_ids(operator, value)
        domain = super()._search_mfg_kpi_ids("in", kpis.ids) | Domain(
            "id", "in", self._mfg_jobs_appraised_on(kpis).ids
        )
        if without_kpi:
            domain |= Domain("mfg_kpi_line_ids", "=", False) & Domain(
                "id", "not in", self._mfg_jobs_appraised_on().ids
            )
        return domain

    @api.model
    def _mfg_jobs_appraised_on(self, kpis=None):
        """The positions whose sheets have a line naming one of ``kpis`` (by link or by code;
        any KPI when ``kpis`` is None), as superuser."""
        Kpi = self.env["mfg.kpi"].sudo().with_context(active_test=False)
        if kpis is None:
            # any KPI: linked, or named by the code of a KPI that exists
            domain = Domain("kpi_id", "!=", False) | Domain(
                "kpi_code", "in", Kpi._search([("code", "!=", False)]).subselect("code")
            )
        else:
            codes = [code for code in kpis.sudo().mapped("code") if code]
            domain = Domain("kpi_id", "in", kpis.ids) | Domain("kpi_code", "in", codes)
        lines = self.env["mfg.appraisal.template.line"].sudo().search_fetch(domain, ["template_id"])
        return lines.template_id.job_ids

    def _mfg_appraisal_kpi_lines(self):
        """The sheet lines of the position that name a KPI (by link or by code), as superuser:
        sheet by sheet (sheets of the current companies), in their order."""
        self.ensure_one()
        templates = self.sudo().mfg_appraisal_template_ids.filtered(
            lambda template: template.company_id in self.env.companies
        )
        return templates.sorted(lambda t: (t.sequence, t.name or "", t.id)).line_ids.filtered(
            lambda line: line.kpi_id or line.kpi_code
        )

    def _mfg_kpis(self):
        kpis = super()._mfg_kpis()
        lines = self._mfg_appraisal_kpi_lines()
        codes = lines.filtered(lambda line: not line.kpi_id).mapped("kpi_code")
        if codes:
            kpis |= self.env["mfg.kpi"].sudo().search([("code", "in", codes)]).with_env(self.env)
        return kpis | lines.kpi_id.with_env(self.env)

    def _mfg_kpi_sections(self):
        """The position description also prints, per sheet section, the weighted KPIs the
        position is appraised on (names and weights only, read as superuser)."""
        sections = super()._mfg_kpi_sections()
        lines = self._mfg_appraisal_kpi_lines()
        for section in lines.section_id:
            section_lines = lines.filtered(lambda line, s=section: line.section_id == s)
            sections.append(
                {
                    "label": f"{section.template_id.name} · {section.name}",
                    "weighted": True,
                    "note": self.env._(
                        "Weights in %% of the section, which counts for %(weight)s%% of the "
                        "sheet.",
                        weight=f"{section.weight:g}",
                    )
                    if section.weight != 100
                    else False,
                    "lines": [(line.name, line.weight) for line in section_lines],
                }
            )
        return sections

    # ------------------------------------------------------------------
    # Job mapping (mfg_org): sheets of the positions in another company
    # ------------------------------------------------------------------
    @api.model
    def _mfg_seed_values(self, seed):
        vals = super()._mfg_seed_values(seed)
        vals["mfg_appraisal_scope"] = seed.mfg_appraisal_scope
        return vals

    @api.model
    def _mfg_positions_mapped(self, company, positions):
        """The seed's sheets apply to the positions standing for the seed positions in
        ``company``: a company has its own copy of each sheet (its scoring parameters are the
        company's), on those positions; a sheet already copied gains the positions it misses."""
        res = super()._mfg_positions_mapped(company, positions)
        seeds = self._mfg_seed_positions()
        seed_to_job = {seeds[key]: job for key, job in positions.items() if key in seeds}
        Template = self.env["mfg.appraisal.template"].sudo()
        sources = Template.search(
            [
                ("job_ids", "in", [seed.id for seed in seed_to_job]),
                ("company_id", "!=", company.id),
            ]
        )
        own = Template.with_context(active_test=False).search(
            [("company_id", "=", company.id), ("code", "in", sources.mapped("code"))]
        )
        by_code = {sheet.code: sheet for sheet in own}
        for source in sources:
            jobs = self.browse([seed_to_job[j].id for j in source.job_ids if j in seed_to_job])
            sheet = by_code.get(source.code) if source.code else None
            if not sheet:
                sheet = source.copy(
                    {
                        "company_id": company.id,
                        "job_ids": [Command.set(jobs.ids)],
                        "state": source.state,
                    }
                )
                copy_translations(sheet, source, ["name"])
                # The sheet's lines arrive through its sections: read them afresh.
                sheet.invalidate_recordset(["line_ids"])
                if source.code:
                    by_code[source.code] = sheet
            elif jobs - sheet.job_ids:
                sheet.job_ids = [Command.link(job.id) for job in jobs - sheet.job_ids]
        return res
