# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL


def copy_translations(records, source, fnames):
    """Copy the translated fields ``fnames`` of ``source`` (every language) onto ``records``."""
    for fname in fnames:
        records.env.cr.execute(
            SQL(
                "UPDATE %s SET %s = (SELECT %s FROM %s WHERE id = %s) WHERE id IN %s",
                SQL.identifier(records._table),
                SQL.identifier(fname),
                SQL.identifier(fname),
                SQL.identifier(source._table),
                source.id,
                tuple(records.ids),
            )
        )
    records.invalidate_recordset(fnames)


def complete_translations(records, source, fname):
    """Give ``records`` the values of the translated field ``fname`` of ``source`` in the
    languages they have none for (their own values stay)."""
    records.env.cr.execute(
        SQL(
            """UPDATE %(t)s SET %(f)s = COALESCE((SELECT %(f)s FROM %(t)s WHERE id = %(src)s), '{}')
                                      || COALESCE(%(f)s, '{}')
                WHERE id IN %(ids)s""",
            t=SQL.identifier(records._table),
            f=SQL.identifier(fname),
            src=source.id,
            ids=tuple(records.ids),
        )
    )
    records.invalidate_recordset([fname])


MAPPING_FIELDS = {"mfg_seed_job_id", "mfg_adopted"}

LEVELS = [
    ("company", "Company"),
    ("department", "Department"),
    ("workshop", "Workshop"),
    ("team", "Team"),
]


class HrJob(models.Model):
    """Positions (岗位) of the production organisation: reporting line, duties and KPIs."""

    _inherit = "hr.job"
    _rec_names_search = ["name", "mfg_aliases"]

    mfg_is_production = fields.Boolean(
        string="Production Organisation",
        help="The position belongs to the organisation of the Production Management Suite.",
    )
    mfg_level = fields.Selection(LEVELS, string="Level", index=True)
    mfg_parent_job_id = fields.Many2one(
        "hr.job",
        string="Reports To",
        index=True,
        ondelete="set null",
        domain="[('id', '!=', id)]",
        help="The position this position reports to.",
    )
    mfg_child_job_ids = fields.One2many(
        "hr.job", "mfg_parent_job_id", string="Subordinate Positions"
    )
    mfg_function_ids = fields.Many2many(
        "mfg.function",
        "hr_job_mfg_function_rel",
        "job_id",
        "function_id",
        string="Functions",
        help="Department functions the position serves.",
    )
    mfg_duty_ids = fields.One2many("mfg.duty", "job_id", string="Duties")
    mfg_kpi_line_ids = fields.One2many(
        "mfg.job.kpi",
        "job_id",
        string="KPI Lines",
        help="The key KPIs of the position description (unweighted). The weighted KPIs the "
        "position is appraised on are the lines of its appraisal sheets.",
    )
    mfg_kpi_ids = fields.Many2many(
        "mfg.kpi",
        string="KPIs",
        compute="_compute_mfg_kpi_ids",
        search="_search_mfg_kpi_ids",
        help="Every KPI of the position, whatever list it comes from (position description, "
        "appraisal sheets).",
    )
    mfg_aliases = fields.Char(
        string="Aliases",
        translate=True,
        help="Other names of the position in the requirement documents, separated by commas "
        "(e.g. 工艺技术员 for 生产技术员). Searching a position by name also searches its aliases.",
    )
    mfg_seed_job_id = fields.Many2one(
        "hr.job",
        string="Seed Position",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        readonly=True,
        help="The suite's position this position stands for in its company (set by the job "
        "mapping): its duties, KPIs and appraisal sheets come from there.",
    )
    mfg_adopted = fields.Boolean(
        string="Adopted Position",
        copy=False,
        readonly=True,
        help="A position of the company that existed before the suite and was mapped onto a seed "
        "position: it stays when the suite is uninstalled.",
    )
    mfg_duty_count = fields.Integer(compute="_compute_mfg_counts", string="Number of Duties")
    mfg_kpi_count = fields.Integer(compute="_compute_mfg_counts", string="Number of KPIs")

    @api.constrains("mfg_parent_job_id")
    def _check_mfg_parent_job_id(self):
        for job in self:
            if job.mfg_parent_job_id == job:
                raise ValidationError(
                    self.env._("The position %(job)s cannot report to itself.", job=job.name)
                )
        if self._has_cycle("mfg_parent_job_id"):
            raise ValidationError(
                self.env._(
                    "Reporting loop: %(jobs)s would (indirectly) report to themselves. "
                    "Choose another “Reports To” position.",
                    jobs=", ".join(self.mapped("name")),
                )
            )

    @api.depends("mfg_kpi_line_ids.kpi_id")
    def _compute_mfg_kpi_ids(self):
        for job in self:
            job.mfg_kpi_ids = job._mfg_kpis()

    def _search_mfg_kpi_ids(self, operator, value):
        return Domain("mfg_kpi_line_ids.kpi_id", operator, value)

    @api.depends("mfg_duty_ids", "mfg_kpi_ids")
    def _compute_mfg_counts(self):
        duty_counts = dict(
            self.env["mfg.duty"]._read_group([("job_id", "in", self.ids)], ["job_id"], ["__count"])
        )
        for job in self:
            job.mfg_duty_count = duty_counts.get(job, 0)
            job.mfg_kpi_count = len(job.mfg_kpi_ids)

    @api.model_create_multi
    def create(self, vals_list):
        self._mfg_check_mapping_fields(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._mfg_check_mapping_fields([vals])
        return super().write(vals)

    @api.model
    def _mfg_check_mapping_fields(self, vals_list):
        """The link to the seed and the adopted flag are the job mapping's results: only the
        mapping (run as superuser once the user's rights were checked) sets them."""
        if self.env.su:
            return
        if any(MAPPING_FIELDS & set(vals) for vals in vals_list):
            raise AccessError(
                self.env._(
                    "The seed position and the adopted flag of a position are set by the job "
                    "mapping (Production Management ▸ Configuration ▸ Map Positions)."
                )
            )

    def action_print_position_description(self):
        return self.env.ref("mfg_org.action_report_position_description").report_action(self)

    def _mfg_kpis(self):
        """The KPIs of the position, whatever list they come from. Here the position
        description's; the appraisal module adds those of the position's sheets."""
        self.ensure_one()
        return self.mfg_kpi_line_ids.kpi_id

    def _mfg_kpi_sections(self):
        """The KPI lists printed on the position description (岗位说明书) of the position:
        ``[{"label": str, "weighted": bool, "lines": [(name, weight in %)]}]``. Here the key
        KPIs of the position description; the appraisal module adds the weighted lines of the
        position's sheets. The position's lines are read with the reader's rights, the KPI names
        as superuser (``display_kpi_name``)."""
        self.ensure_one()
        if not self.mfg_kpi_line_ids:
            return []
        return [
            {
                "label": self.env._("Position Description"),
                "weighted": False,
                "lines": [(line.display_kpi_name, 0.0) for line in self.mfg_kpi_line_ids],
            }
        ]

    # ------------------------------------------------------------------
    # Job mapping: seed positions onto a company's existing jobs
    # ------------------------------------------------------------------
    @api.model
    def _mfg_check_mapping_rights(self, company=None):
        """Mapping positions rewrites the organisation: administrators and HR managers only,
        in a company of theirs."""
        if self.env.su:
            return
        user = self.env.user
        if not (user.has_group("hr.group_hr_manager") or user._is_admin()):
            raise AccessError(
                self.env._(
                    "Only administrators and HR managers map positions onto the suite's seed "
                    "organisation."
                )
            )
        if company and company not in user.company_ids:
            raise AccessError(
                self.env._(
                    "You cannot map the positions of %(company)s: it is not one of your "
                    "companies.",
                    company=company.name,
                )
            )

    @api.model
    def _mfg_seed_positions(self):
        """``{key: position}``: the suite's seed positions by the name of their XML id (the
        position holding the id: the shipped one, or the existing job it was merged into),
        in seed order."""
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search_fetch(
                [("module", "=", "mfg_org"), ("model", "=", "hr.job")], ["name", "res_id"]
            )
        )
        jobs = self.sudo().with_context(active_test=False).browse(data.mapped("res_id")).exists()
        key_of = {row.res_id: row.name for row in data}
        return {
            key_of[job.id]: job
            for job in jobs.sorted(lambda j: (j.sequence, j.id))
            if not job.mfg_seed_job_id
        }

    @api.model
    def _mfg_company_positions(self, company, seeds=None):
        """``{key: position}``: the position standing for each seed position in ``company``
        (the seed itself in its own company, else the company's copy or mapped job)."""
        seeds = seeds if seeds is not None else self._mfg_seed_positions()
        result = {
            key: job
            for key, job in seeds.items()
            if not job.company_id or job.company_id == company
        }
        by_seed = {job: key for key, job in seeds.items()}
        linked = self.sudo().search(
            [
                ("mfg_seed_job_id", "in", [j.id for j in seeds.values()]),
                ("company_id", "=", company.id),
            ],
            order="id",
        )
        for job in linked:
            result.setdefault(by_seed[job.mfg_seed_job_id], job)
        return result

    @api.model
    def _mfg_names(self, record, fname):
        """Lower-cased values of a translated field of ``record`` in every installed language."""
        names = set()
        for lang, __ in self.env["res.lang"].get_installed():
            value = record.with_context(lang=lang)[fname] or ""
            for part in value.split(",") if fname == "mfg_aliases" else [value]:
                if part.strip():
                    names.add(part.strip().lower())
        return names

    @api.model
    def _mfg_propose_mapping(self, company):
        """``{key: position or empty}``: for each seed position, the job of ``company`` proposed
        to stand for it: the one already mapped or instantiated, else an existing job of the
        company with the seed's name or one of its aliases (any installed language)."""
        seeds = self._mfg_seed_positions()
        current = self._mfg_company_positions(company, seeds)
        suite = set(seeds.values()) | set(current.values())
        candidates = self.sudo().search(
            [
                ("company_id", "in", [company.id, False]),
                ("mfg_seed_job_id", "=", False),
                ("id", "not in", [job.id for job in suite]),
            ],
            order="id",
        )
        index = {}
        for job in candidates:
            for name in self._mfg_names(job, "name"):
                index.setdefault(name, job)
        proposal = {}
        for key, seed in seeds.items():
            job = current.get(key)
            if job and (job != seed or job.mfg_adopted):
                proposal[key] = job
                continue
            names = self._mfg_names(seed, "name") | self._mfg_names(seed, "mfg_aliases")
            match = next((index[name] for name in sorted(names) if name in index), None)
            proposal[key] = match or job or self.browse()
        return proposal

    @api.model
    def _mfg_seed_values(self, seed):
        """Values of the suite's data a position takes from its seed position (modules add
        theirs). The translated texts are copied in every language afterwards."""
        return {
            "mfg_is_production": True,
            "mfg_level": seed.mfg_level,
            "mfg_function_ids": [fields.Command.set(seed.mfg_function_ids.ids)],
        }

    def _mfg_complete_name(self, seed):
        """A position named as the seed (in some language) takes the seed's name in the
        languages it has none in; a position named otherwise (an alias) keeps its name."""
        if self._mfg_names(self, "name") & self._mfg_names(seed, "name"):
            complete_translations(self, seed, "name")

    def _mfg_take_seed_content(self, seed):
        """Give ``self`` (one position) copies of the duties and description KPIs of ``seed``
        that it does not have yet."""
        self.ensure_one()
        have = set(self.mfg_kpi_line_ids.kpi_id.ids)
        for line in seed.mfg_kpi_line_ids.filtered(lambda line: line.kpi_id.id not in have):
            line.copy({"job_id": self.id})
        if not self.mfg_duty_ids:
            for duty in seed.mfg_duty_ids:
                duty.copy({"job_id": self.id})

    @api.model
    def _mfg_repoint(self, model, old, new):
        """Every stored link to record ``old`` of ``model`` now points to ``new`` (many2one
        columns and many2many tables of every model, in SQL as Odoo's partner merge does), so
        ``old`` can go without anyone losing what they had."""
        cr = self.env.cr
        for other in self.env.registry.values():
            if other._abstract or not other._auto or other._table_query:
                continue
            for field in other._fields.values():
                if field.comodel_name != model or not field.store or field.inherited:
                    continue
                if field.type == "many2one":
                    cr.execute(
                        SQL(
                            "UPDATE %s SET %s = %s WHERE %s = %s",
                            SQL.identifier(other._table),
                            SQL.identifier(field.name),
                            new.id,
                            SQL.identifier(field.name),
                            old.id,
                        )
                    )
                elif field.type == "many2many":
                    table, own, target = field.relation, field.column1, field.column2
                    cr.execute(
                        SQL(
                            """INSERT INTO %(t)s (%(own)s, %(tg)s)
                                    SELECT %(own)s, %(new)s FROM %(t)s WHERE %(tg)s = %(old)s
                               ON CONFLICT DO NOTHING""",
                            t=SQL.identifier(table),
                            own=SQL.identifier(own),
                            tg=SQL.identifier(target),
                            new=new.id,
                            old=old.id,
                        )
                    )
                    cr.execute(
                        SQL(
                            "DELETE FROM %s WHERE %s = %s",
                            SQL.identifier(table),
                            SQL.identifier(target),
                            old.id,
                        )
                    )
        self.env.invalidate_all()

    @api.model
    def _mfg_move_xmlids(self, model, old, new):
        """The XML ids of ``old`` now name ``new``: upgrades of the suite update ``new``."""
        self.env.cr.execute(
            SQL(
                "UPDATE ir_model_data SET res_id = %s WHERE model = %s AND res_id = %s",
                new.id,
                model,
                old.id,
            )
        )
        self.env.registry.clear_cache()

    def _mfg_merge_into(self, target):
        """Merge position ``self`` (the suite's, in the target's company) into the existing job
        ``target``: the target takes the suite's data, duties, description KPIs, appraisal sheets,
        employees, subordinates and XML id; ``self`` is then deleted."""
        self.ensure_one()
        seed = self.mfg_seed_job_id or self
        target.write(dict(self._mfg_seed_values(self), mfg_adopted=True))
        copy_translations(target, self, ["mfg_aliases"])
        target._mfg_complete_name(self)
        if not target.description:
            copy_translations(target, self, ["description"])
        # A description KPI the target already has stays the target's (one line per KPI).
        self.mfg_kpi_line_ids.filtered(
            lambda line: line.kpi_id in target.mfg_kpi_line_ids.kpi_id
        ).unlink()
        if target.mfg_duty_ids:
            self.mfg_duty_ids.unlink()
        self._mfg_repoint("hr.job", self, target)
        self._mfg_move_xmlids("hr.job", self, target)
        if seed != self:
            target.mfg_seed_job_id = seed
        self.unlink()

    @api.model
    def _mfg_apply_mapping(self, company, mapping=None, department=None):
        """Make the seed organisation exist in ``company``: ``mapping`` is ``{key: existing job
        or empty}`` (keys of ``_mfg_seed_positions``). A seed position mapped onto an existing job
        is merged into it (its own company) or gives it its data (another company); a seed
        position not mapped and not yet in the company is copied into it, in the company's
        production department (``department`` when given, merged with the suite's). Reporting
        lines follow the seed's. Re-running changes nothing. Returns ``{key: position}``."""
        self._mfg_check_mapping_rights(company)
        Job = self.sudo()
        mapping = {key: Job.browse(job.id) for key, job in (mapping or {}).items() if job}
        seeds = Job._mfg_seed_positions()
        parents = {
            key: next((k for k, j in seeds.items() if j == seed.mfg_parent_job_id), None)
            for key, seed in seeds.items()
        }
        targets = list(mapping.values())
        for job in targets:
            if job.company_id and job.company_id != company:
                raise UserError(
                    self.env._(
                        "The position %(job)s belongs to %(other)s, not to %(company)s.",
                        job=job.display_name,
                        other=job.company_id.name,
                        company=company.name,
                    )
                )
        if len(set(targets)) != len(targets):
            raise UserError(self.env._("Map each existing position onto one seed position only."))
        for key, target in mapping.items():
            if key not in seeds:
                raise UserError(self.env._("Unknown seed position: %(key)s.", key=key))
            if target in seeds.values() and seeds[key] != target:
                raise UserError(
                    self.env._(
                        "%(job)s is a seed position itself: it cannot stand for another one.",
                        job=target.display_name,
                    )
                )
        dept = self.env["hr.department"].sudo()._mfg_production_department(company, department)
        current = Job._mfg_company_positions(company, seeds)
        result = {}
        to_copy = []
        for key, seed in seeds.items():
            target, job = mapping.get(key), current.get(key)
            if target and job and target != job:
                job._mfg_merge_into(target)
                result[key] = target
            elif target and not job:
                target.write(
                    dict(Job._mfg_seed_values(seed), mfg_adopted=True, mfg_seed_job_id=seed.id)
                )
                copy_translations(target, seed, ["mfg_aliases"])
                target._mfg_complete_name(seed)
                target._mfg_take_seed_content(seed)
                result[key] = target
            elif job:
                result[key] = job
            else:
                to_copy.append(key)
        if to_copy:
            copies = Job.create(
                [
                    dict(
                        Job._mfg_seed_values(seeds[key]),
                        name=seeds[key].name,
                        sequence=seeds[key].sequence,
                        company_id=company.id,
                        department_id=dept.id,
                        no_of_recruitment=0,
                        mfg_seed_job_id=seeds[key].id,
                    )
                    for key in to_copy
                ]
            )
            self.env["ir.model.data"].sudo().create(
                [
                    {
                        "module": "mfg_org",
                        "name": f"{key}_company_{company.id}",
                        "model": "hr.job",
                        "res_id": copy.id,
                        "noupdate": True,
                    }
                    for key, copy in zip(to_copy, copies, strict=True)
                ]
            )
            for key, copy in zip(to_copy, copies, strict=True):
                copy_translations(copy, seeds[key], ["name", "mfg_aliases", "description"])
                copy._mfg_take_seed_content(seeds[key])
                result[key] = copy
        for key, job in result.items():
            parent = result.get(parents[key]) if parents[key] else Job.browse()
            if job.mfg_parent_job_id != parent:
                job.mfg_parent_job_id = parent
        Job._mfg_positions_mapped(company, result)
        return result

    @api.model
    def _mfg_positions_mapped(self, company, positions):
        """Hook called once ``positions`` (``{key: position}``) stand for the seed positions in
        ``company``: other modules give them what they need there (e.g. appraisal sheets)."""
        return True
