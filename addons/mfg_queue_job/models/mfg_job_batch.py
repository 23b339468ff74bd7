# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.addons.mfg_appraisal.models.mfg_appraisal_launch import REFRESH_STATES
from odoo.addons.queue_job.delay import chain
from odoo.exceptions import AccessError, UserError
from odoo.tools import config

# Appraisals created, published or moved per background job.
CHUNK = 500
# A step HR takes on many appraisals at once runs in parts (one batch per cycle) beyond one
# CHUNK: a smaller selection (e.g. one appraisal from its form) runs inline, its result shown
# at once. step: the groups of states an appraisal takes the step from, in the order run.
STEP_STATES = {
    "submit_self": [("self_assessment",)],
    "submit_rating": [("rating",)],
    "back_to_rating": [("review",)],
    # The ratings first, as inline: a self-assessment handed in is not a rating handed in.
    "on_behalf": [("rating",), ("self_assessment",)],
    "publish_results": [("review",)],
    "refresh_kpi": [("draft", "self_assessment")],
}
MODE_PARAM = "mfg_queue_job.mode"
# Where whoever asked for background work follows it (the batches they asked for).
BATCH_ACTION = "mfg_queue_job.mfg_job_batch_action_mine"
# Stands for the links to the batches in a notification's text.
LINK = "\ufffc"
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
            ("submit_self", "Self-assessments submitted"),
            ("submit_rating", "Ratings submitted"),
            ("back_to_rating", "Sent back to rating"),
            ("on_behalf", "Submitted on behalf"),
            ("publish_results", "Results published"),
            ("refresh_kpi", "KPI values refreshed"),
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
    # The queue's own records, for those who manage the queue: the others follow the batch.
    job_ids = fields.One2many(
        "queue.job",
        "mfg_batch_id",
        string="Jobs",
        readonly=True,
        groups="queue_job.group_queue_job_manager",
    )
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
                % (job.name, labels.get(job.state, job.state), job.exc_message or job.result or "")
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
        before it is done: parts of one batch share rows and would wait for each other).

        Only the batch is created as superuser: its parts are queued on the batch in the
        requester's environment, so that each runs as the one who asked, with their rights
        checked again (a part queued as superuser would keep rights its requester has lost)."""
        batch = self.sudo().create(vals).with_env(self.env)
        chain(*delayables_of(batch)).delay()
        return batch

    # ------------------------------------------------------------------
    # KPI computation
    # ------------------------------------------------------------------
    @api.model
    def _enqueue_kpis(self, periods, kpis=None):
        """Compute ``kpis`` (default: every computed KPI) of ``periods`` in the background:
        a batch per company, one part per period and bridge (its KPIs share their cohorts).
        The KPIs that read KPI values (``reads_values``) come in the period's last parts, as
        in the inline computation: they read the values the parts before them computed."""
        providers = self.env["mfg.kpi.provider"]._get_providers()
        kpis = kpis or self.env["mfg.kpi"].sudo().search([("code", "in", list(providers))])
        groups = defaultdict(lambda: self.env["mfg.kpi"])
        for kpi in kpis.filtered(lambda k: k.code in providers):
            provider = providers[kpi.code]
            groups[bool(provider.get("reads_values")), provider.get("module", "mfg_kpi")] |= kpi
        # Parts are named after the bridge's title, as the Apps list shows it.
        titles = {
            module.name: module.shortdesc
            for module in self.env["ir.module.module"]
            .sudo()
            .search([("name", "in", [module for _reads, module in groups])])
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
                    for (_reads, module), group in sorted(groups.items())
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
    # Steps on many appraisals (HR's bulk actions, the KPI refresh)
    # ------------------------------------------------------------------
    @api.model
    def _in_background(self, appraisals):
        """Whether a step on ``appraisals`` goes to the job queue: jobs enabled, more than one
        ``CHUNK`` of them, and not asked from inside a part (a part runs its step inline)."""
        return (
            len(appraisals) > CHUNK
            and not self.env.context.get("job_uuid")
            and self._jobs_enabled()
        )

    def _step_labels(self, step):
        """(batch name, a part's label, the last part's label) of a step."""
        _ = self.env._
        return {
            "submit_self": (
                _("%(cycle)s: self-assessments submitted"),
                _("%(cycle)s: self-assessments %(first)s-%(last)s of %(total)s"),
                _("%(cycle)s: self-assessments submitted, report"),
            ),
            "submit_rating": (
                _("%(cycle)s: ratings submitted"),
                _("%(cycle)s: ratings %(first)s-%(last)s of %(total)s"),
                _("%(cycle)s: ratings submitted, report"),
            ),
            "back_to_rating": (
                _("%(cycle)s: sent back to rating"),
                _("%(cycle)s: back to rating %(first)s-%(last)s of %(total)s"),
                _("%(cycle)s: sent back to rating, report"),
            ),
            "on_behalf": (
                _("%(cycle)s: submitted on behalf"),
                _("%(cycle)s: on behalf %(first)s-%(last)s of %(total)s"),
                _("%(cycle)s: submitted on behalf, report"),
            ),
            "publish_results": (
                _("%(cycle)s: results published"),
                _("%(cycle)s: results %(first)s-%(last)s of %(total)s"),
                _("%(cycle)s: results published, report"),
            ),
            "refresh_kpi": (
                _("%(cycle)s: KPI values refreshed"),
                _("%(cycle)s: KPI values %(first)s-%(last)s of %(total)s"),
                _("%(cycle)s: KPI values refreshed, report"),
            ),
        }[step]

    @api.model
    def _enqueue_steps(self, appraisals, step, params=None):
        """Take ``step`` on ``appraisals`` (checked by the caller: nothing here refuses but a
        cycle still busy) in background parts of ``CHUNK``, a batch per cycle; returns the
        notification telling the user."""
        appraisals = appraisals.sudo().with_prefetch()
        by_cycle = appraisals.grouped("cycle_id")
        self._check_cycles_idle(appraisals.cycle_id)
        name, part_label, done_label = self._step_labels(step)
        batches = self.browse()
        for cycle, group in by_cycle.items():
            chunks = tuple(
                (states, ids[i : i + CHUNK])
                for states in STEP_STATES[step]
                for ids in [group.filtered(lambda a, states=states: a.state in states).ids]
                for i in range(0, len(ids), CHUNK)
            )

            def parts(batch, cycle=cycle, group=group, chunks=chunks):
                delayables = []
                first = 1
                for states, chunk in chunks:
                    label = part_label % {
                        "cycle": cycle.name,
                        "first": first,
                        "last": first + len(chunk) - 1,
                        "total": len(group),
                    }
                    first += len(chunk)
                    delayables.append(
                        batch.delayable(description=label)._job_step(
                            cycle.id, chunk, step, list(states), params or {}
                        )
                    )
                delayables.append(
                    batch.delayable(description=done_label % {"cycle": cycle.name})._job_step_done(
                        cycle.id, group.ids, step
                    )
                )
                return delayables

            batches |= self._new_batch(
                {
                    "name": name % {"cycle": cycle.name},
                    "kind": step,
                    "company_id": cycle.company_id.id,
                    "cycle_id": cycle.id,
                },
                parts,
            )
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        return batches._notification(
            self.env._(
                "%(step)s: %(n)s appraisals, in %(parts)s parts. The appraisals move as the "
                "parts finish; follow the progress in %(work)s.",
                step=kinds[step],
                n=len(appraisals),
                parts=sum(batch.job_count for batch in batches),
                work=LINK,
            )
        )

    def _notification(self, text):
        """The notification of work sent to the background, with a link to each batch (its
        form, where the one who asked follows it: its state, progress and report), ``LINK``
        in ``text`` standing for the links."""
        notification = self.env["mfg.appraisal"]._notification(
            self.env._("Running in the background"), text, "info"
        )
        params = notification["params"]
        # The web client fills each %s with a link; any other % is literal.
        params["message"] = (
            params["message"].replace("%", "%%").replace(LINK, ", ".join(["%s"] * len(self)))
        )
        params["links"] = [
            {"label": batch.name, "url": f"/odoo/action-{BATCH_ACTION}/{batch.id}"}
            for batch in self
        ]
        return notification

    def _job_step(self, cycle_id, appraisal_ids, step, states, params):
        """A part of a step: these appraisals of the cycle that have not taken it yet (a
        retry moves none twice), the step inline, as the user who asked for it."""
        appraisals = (
            self.env["mfg.appraisal"]
            .browse(appraisal_ids)
            .exists()
            .with_prefetch()
            .filtered(lambda a: a.cycle_id.id == cycle_id and a.state in states)
        )
        if appraisals:
            if step == "submit_self":
                appraisals.action_submit_self()
            elif step == "submit_rating":
                appraisals.action_submit_rating()
            elif step == "back_to_rating":
                appraisals.action_back_to_rating()
            elif step == "on_behalf":
                appraisals.action_submit_on_behalf(params["reason"])
            elif step == "publish_results":
                appraisals.action_publish()
            elif step == "refresh_kpi":
                appraisals._refresh_kpi_values()
        return self.env._(
            "%(n)s of %(total)s appraisals done (the others had already moved on).",
            n=len(appraisals),
            total=len(appraisal_ids),
        )

    def _job_step_done(self, cycle_id, appraisal_ids, step):
        """The end of a step: the cycle's chatter says what it did (for a KPI refresh, the
        prefill report an inline refresh gives)."""
        Appraisal = self.env["mfg.appraisal"]
        cycle = self.env["mfg.appraisal.cycle"].browse(cycle_id)
        appraisals = Appraisal.browse(appraisal_ids).exists().with_prefetch()
        if step == "refresh_kpi":
            Appraisal._refresh_report(appraisals.filtered(lambda a: a.state in REFRESH_STATES))
            return self.env._("KPI refresh reported.")
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        body = Markup("<p>%s</p>") % self.env._(
            "%(step)s in the background: %(total)s appraisals selected, requested by %(by)s.",
            step=kinds[step],
            total=len(appraisal_ids),
            by=self.env.user.name,
        )
        if step == "submit_rating":
            gaps = appraisals._tier_gap_text(appraisals._tier_gaps())
            if gaps:
                body += Markup("<ul>%s</ul>") % Markup("").join(
                    Markup("<li>%s</li>") % gap for gap in gaps
                )
        cycle.sudo().message_post(body=body)
        return self.env._("Reported.")

    # ------------------------------------------------------------------
    # Guards and actions
    # ------------------------------------------------------------------
    @api.model
    def _check_cycles_idle(self, cycles):
        """Refuse to act on cycles whose launch, publication or step is still running. The work
        is named, with its progress, to those who follow it (who may read the batch) only."""
        busy = self.sudo().search([("cycle_id", "in", cycles.ids)]).filtered(lambda b: b._is_open())
        if busy and not busy[0].with_env(self.env).has_access("read"):
            raise UserError(
                self.env._(
                    "Work on this cycle is still running in the background: wait until it has "
                    "finished."
                )
            )
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
        """The batch's jobs in the job queue (job queue managers: the others follow the batch,
        not the queue)."""
        self.ensure_one()
        self.check_access("read")
        if not self.env.user.has_group("queue_job.group_queue_job_manager"):
            raise AccessError(self.env._("Only job queue managers open the job queue."))
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "queue.job",
            "view_mode": "list,form",
            "domain": [("mfg_batch_id", "=", self.id)],
        }
