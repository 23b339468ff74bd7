# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.addons.queue_job.delay import chain
from odoo.exceptions import UserError
from odoo.tools import config

# Appraisals created or published per background job.
CHUNK = 500
MODE_PARAM = "mfg_queue_job.mode"
OPEN_STATES = ("wait_dependencies", "pending", "enqueued", "started")
STATES = [
    ("queued", "Queued"),
    ("running", "Running"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
]


class MfgJobBatch(models.Model):
    """One piece of heavy work asked for by someone (a KPI computation, a cycle launch or
    publication), run as a chain of queue jobs, each idempotent and retryable: the batch shows
    their progress to the people who asked, who need not read the job queue."""

    _name = "mfg.job.batch"
    _description = "Background Work"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    kind = fields.Selection(
        [
            ("kpi", "KPI computation"),
            ("launch", "Cycle launch"),
            ("publish", "Cycle publication"),
        ],
        required=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users", string="Requested By", readonly=True, default=lambda self: self.env.user
    )
    period_ids = fields.Many2many("mfg.kpi.period", string="KPI Periods", readonly=True)
    cycle_id = fields.Many2one(
        "mfg.appraisal.cycle", string="Appraisal Cycle", readonly=True, ondelete="cascade"
    )
    job_ids = fields.One2many("queue.job", "mfg_batch_id", string="Jobs", readonly=True)
    job_count = fields.Integer(string="Parts", compute="_compute_progress")
    job_done_count = fields.Integer(string="Parts Done", compute="_compute_progress")
    progress = fields.Float(compute="_compute_progress", help="Parts done, in percent.")
    state = fields.Selection(STATES, compute="_compute_progress")
    job_summary = fields.Html(
        string="Parts in Detail", compute="_compute_job_summary", sanitize=False
    )

    # ------------------------------------------------------------------
    # Progress
    # ------------------------------------------------------------------
    @api.depends("job_ids.state")
    def _compute_progress(self):
        counts = defaultdict(dict)
        if self.ids:
            for batch, state, count in (
                self.env["queue.job"]
                .sudo()
                ._read_group(
                    [("mfg_batch_id", "in", self.ids)], ["mfg_batch_id", "state"], ["__count"]
                )
            ):
                counts[batch.id][state] = count
        for batch in self:
            states = counts.get(batch.id, {})
            total = sum(states.values())
            done = states.get("done", 0)
            batch.job_count = total
            batch.job_done_count = done
            batch.progress = 100.0 * done / total if total else 0.0
            if states.get("failed"):
                batch.state = "failed"
            elif total and done == total:
                batch.state = "done"
            elif not any(states.get(s) for s in OPEN_STATES) and states.get("cancelled"):
                batch.state = "cancelled"
            elif done or states.get("started") or states.get("enqueued"):
                batch.state = "running"
            else:
                batch.state = "queued"

    @api.depends("job_ids.state")
    def _compute_job_summary(self):
        labels = dict(self.env["queue.job"]._fields["state"]._description_selection(self.env))
        jobs = self.env["queue.job"].sudo().search([("mfg_batch_id", "in", self.ids)], order="id")
        by_batch = defaultdict(list)
        for job in jobs:
            by_batch[job.mfg_batch_id.id].append(job)
        for batch in self:
            rows = [
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (job.name, labels.get(job.state, job.state), job.exc_message or "")
                for job in by_batch.get(batch.id, [])
            ]
            batch.job_summary = (
                Markup('<table class="table table-sm o_mfg_job_parts"><tbody>%s</tbody></table>')
                % Markup().join(rows)
                if rows
                else False
            )

    def _is_open(self):
        """Whether any part is still to run (or running)."""
        return any(batch.state in ("queued", "running") for batch in self)

    def _job_store_values(self, job):
        """queue_job hook: each job of a batch is linked to it (its progress)."""
        return {"mfg_batch_id": self.id}

    # ------------------------------------------------------------------
    # Mode
    # ------------------------------------------------------------------
    @api.model
    def _jobs_enabled(self):
        """Whether heavy work goes to the job queue: the ``mfg_queue_job.mode`` system
        parameter (``jobs``, ``inline`` or ``auto``, the default). In ``auto``, only when the
        job runner starts with this server (``queue_job`` among its server-wide modules);
        without a runner the work runs inline, as without this addon."""
        mode = self.env["ir.config_parameter"].sudo().get_param(MODE_PARAM, "auto")
        if mode in ("jobs", "inline"):
            return mode == "jobs"
        return "queue_job" in (config.get("server_wide_modules") or [])

    @api.model
    def _new_batch(self, vals, delayables_of):
        """Create a batch and enqueue its parts in one chain (each part starts when the one
        before it is done: parts of one batch share rows and would wait for each other)."""
        batch = self.sudo().create(vals)
        delayables = delayables_of(batch)
        chain(*delayables).delay()
        return batch.with_env(self.env)

    # ------------------------------------------------------------------
    # KPI computation
    # ------------------------------------------------------------------
    @api.model
    def _enqueue_kpis(self, periods, kpis=None):
        """Compute ``kpis`` (default: every computed KPI) of ``periods`` in the background:
        a batch per company, one part per period and bridge (its KPIs share their cohorts)."""
        providers = self.env["mfg.kpi.provider"]._get_providers()
        kpis = kpis or self.env["mfg.kpi"].sudo().search([("code", "in", list(providers))])
        groups = defaultdict(lambda: self.env["mfg.kpi"])
        for kpi in kpis.filtered(lambda k: k.code in providers):
            groups[providers[kpi.code].get("module", "mfg_kpi")] |= kpi
        # Parts are named after the bridge's title, as the Apps list shows it.
        titles = {
            module.name: module.shortdesc
            for module in self.env["ir.module.module"].sudo().search([("name", "in", list(groups))])
        }
        batches = self.browse()
        for company, company_periods in periods.grouped("company_id").items():

            def parts(batch, company_periods=company_periods):
                return [
                    batch.delayable(
                        description=self.env._(
                            "%(module)s: KPIs of %(period)s",
                            module=titles.get(module, module),
                            period=period.display_name,
                        )
                    )._job_compute_kpis(period.ids, group.ids)
                    for period in company_periods
                    for module, group in sorted(groups.items())
                ]

            batches |= self._new_batch(
                {
                    "name": self.env._(
                        "KPI computation: %(periods)s",
                        periods=", ".join(company_periods.mapped("display_name")),
                    ),
                    "kind": "kpi",
                    "company_id": company.id,
                    "period_ids": [(6, 0, company_periods.ids)],
                },
                parts,
            )
        return batches

    def _job_compute_kpis(self, period_ids, kpi_ids):
        """A part: some KPIs of one period, as the inline computation does them (values
        updated in place, so running it twice changes nothing)."""
        periods = self.env["mfg.kpi.period"].sudo().browse(period_ids).exists()
        kpis = self.env["mfg.kpi"].sudo().browse(kpi_ids).exists()
        totals = self.env["mfg.kpi.provider"].sudo()._compute_periods(periods, kpis)
        return self.env._(
            "%(created)s values created, %(updated)s updated, %(removed)s removed, "
            "%(locked)s locked left unchanged.",
            **totals,
        )

    # ------------------------------------------------------------------
    # Appraisal cycles
    # ------------------------------------------------------------------
    @api.model
    def _enqueue_cycle(self, cycle, kind, ids, part, done, labels):
        """A batch of ``kind`` on ``cycle``: ``part(cycle id, chunk)`` for every ``CHUNK`` of ``ids``,
        then ``done(cycle id)``; ``labels``: the batch's name, a part's and the last part's."""
        name, part_label, done_label = labels
        chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]

        def parts(batch):
            return [
                getattr(
                    batch.delayable(
                        description=part_label
                        % {
                            "cycle": cycle.name,
                            "first": index * CHUNK + 1,
                            "last": index * CHUNK + len(chunk),
                            "total": len(ids),
                        }
                    ),
                    part,
                )(cycle.id, chunk)
                for index, chunk in enumerate(chunks)
            ] + [
                getattr(batch.delayable(description=done_label % {"cycle": cycle.name}), done)(
                    cycle.id
                )
            ]

        return self._new_batch(
            {
                "name": name % {"cycle": cycle.name},
                "kind": kind,
                "company_id": cycle.company_id.id,
                "cycle_id": cycle.id,
            },
            parts,
        )

    @api.model
    def _enqueue_launch(self, cycle, employees):
        """Create the appraisals of ``employees`` (the checked scope of ``cycle``) in parts."""
        return self._enqueue_cycle(
            cycle,
            "launch",
            employees.ids,
            "_job_launch",
            "_job_launch_done",
            (
                self.env._("Launch of %(cycle)s"),
                self.env._("%(cycle)s: appraisals %(first)s-%(last)s of %(total)s"),
                self.env._("%(cycle)s: launch finished"),
            ),
        )

    def _job_launch(self, cycle_id, employee_ids):
        """A part of a launch: the appraisals of these people (none twice)."""
        cycle = self.env["mfg.appraisal.cycle"].browse(cycle_id)
        employees = self.env["hr.employee"].sudo().browse(employee_ids).exists()
        if cycle.state != "running":
            return self.env._("The cycle is no longer running: nothing created.")
        created = self.env["mfg.appraisal"]._launch_create(cycle, employees)
        return self.env._("%(n)s appraisals created.", n=len(created))

    def _job_launch_done(self, cycle_id):
        """The end of a launch: the cycle's chatter says so, with the KPI prefill and
        approval-chain report an inline launch gives."""
        cycle = self.env["mfg.appraisal.cycle"].browse(cycle_id)
        cycle.sudo().message_post(
            body=self.env._(
                "Launch finished in the background: %(n)s appraisals.", n=cycle.appraisal_count
            )
        )
        cycle._launch_report(cycle.appraisal_ids)
        return self.env._("Launch finished.")

    @api.model
    def _enqueue_publish(self, cycle, appraisals):
        """Publish the (checked) ``appraisals`` of ``cycle`` in parts, then the cycle."""
        return self._enqueue_cycle(
            cycle,
            "publish",
            appraisals.ids,
            "_job_publish",
            "_job_publish_done",
            (
                self.env._("Publication of %(cycle)s"),
                self.env._("%(cycle)s: results %(first)s-%(last)s of %(total)s"),
                self.env._("%(cycle)s: publication finished"),
            ),
        )

    def _job_publish(self, cycle_id, appraisal_ids):
        """A part of a publication: these appraisals of the cycle, those still reviewed (none
        twice)."""
        appraisals = (
            self.env["mfg.appraisal"]
            .browse(appraisal_ids)
            .exists()
            .filtered(lambda a: a.cycle_id.id == cycle_id and a.state == "review")
        )
        appraisals.action_publish()
        return self.env._("%(n)s results published.", n=len(appraisals))

    def _job_publish_done(self, cycle_id):
        """The cycle is published once none of its appraisals waits any more."""
        cycle = self.env["mfg.appraisal.cycle"].browse(cycle_id)
        waiting = cycle.appraisal_ids.filtered(
            lambda a: a.state in ("draft", "self_assessment", "rating", "review")
        )
        if cycle.state != "running" or waiting:
            return self.env._("The cycle was not published: %(n)s appraisals wait.", n=len(waiting))
        cycle._publish_done()
        return self.env._("Cycle published.")

    # ------------------------------------------------------------------
    # Guards and actions
    # ------------------------------------------------------------------
    @api.model
    def _check_cycles_idle(self, cycles):
        """Refuse to act on cycles whose launch or publication is still running."""
        busy = self.sudo().search([("cycle_id", "in", cycles.ids)]).filtered(lambda b: b._is_open())
        if busy:
            raise UserError(
                self.env._(
                    "%(work)s is still running in the background (%(done)s of %(total)s parts "
                    "done): wait until it has finished.",
                    work=busy[0].name,
                    done=busy[0].job_done_count,
                    total=busy[0].job_count,
                )
            )

    def action_open_jobs(self):
        """The batch's jobs in the job queue (job queue managers)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "queue.job",
            "view_mode": "list,form",
            "domain": [("mfg_batch_id", "=", self.id)],
        }
