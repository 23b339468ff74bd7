# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Launch checks, KPI prefill people can steer and approval-chain warnings of appraisals
(issue 12 §3, §6, §8; issue 13 approval chains)."""

from markupsafe import Markup, escape

from odoo import api, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext

# Appraisal states in which the KPI values may still be refreshed: until rating starts.
REFRESH_STATES = ("draft", "self_assessment")
GROUP_USER = "mfg_appraisal.group_appraisal_user"
GROUP_APPRAISER = "mfg_appraisal.group_appraisal_appraiser"


class MfgAppraisal(models.Model):
    _inherit = "mfg.appraisal"

    # ------------------------------------------------------------------
    # People: who may receive an activity, what the launch needs of them
    # ------------------------------------------------------------------
    @api.model
    def _group_members(self, xmlid):
        """Active internal users holding the group ``xmlid`` (directly or implied)."""
        group = self.env.ref(xmlid).sudo()
        return group.all_user_ids.filtered(lambda u: u.active and not u.share)

    @api.model
    def _launch_people(self, cycle, employees, appraisers, templates):
        """What the launch of ``cycle`` needs of the people of ``employees`` (appraised),
        ``appraisers`` ({employee id: user id}) and ``templates`` ({position: sheet}):
        {"no_login": employees, "no_appraiser": employees, "users": logins missing the
        employee group, "appraisers": logins missing the appraiser group}."""
        users = self.env["res.users"].sudo()
        appraiser_users = users.browse(set(appraisers.values()))
        # Subordinates rate where a sheet weights them (their logins get a to-do too).
        rated_by_subordinates = employees.filtered(
            lambda e: "subordinate"
            in (cycle.template_id or templates[e.job_id]).section_ids.rater_ids.mapped("role")
        )
        subordinate_users = users
        if rated_by_subordinates:
            subordinate_users = (
                self.env["hr.employee"]
                .sudo()
                .search([("parent_id", "in", rated_by_subordinates.ids), ("user_id", "!=", False)])
                .user_id
            )
        with_login = employees.filtered(lambda e: e.user_id and not e.user_id.share)
        members = self._group_members(GROUP_USER)
        appraiser_members = self._group_members(GROUP_APPRAISER)
        return {
            "no_login": employees - with_login,
            "no_appraiser": employees.filtered(lambda e: e.id not in appraisers),
            "users": (with_login.user_id | subordinate_users).filtered(
                lambda u: u not in members and not u.share
            ),
            "appraisers": appraiser_users.filtered(lambda u: u not in appraiser_members),
        }

    @api.model
    def _grant_launch_groups(self, cycle, people):
        """Grant the employee group to the logins missing it and the appraiser group to the
        appraisers missing it (the cycle's option, HR managers only); logged on the cycle."""
        granted = []
        for users, xmlid in (
            (people["users"], GROUP_USER),
            (people["appraisers"], GROUP_APPRAISER),
        ):
            if users:
                group = self.env.ref(xmlid).sudo()
                group.write({"user_ids": [(4, user.id) for user in users]})
                granted.append((group, users))
        if granted:
            items = Markup("").join(
                Markup("<li>%s: %s</li>") % (group.name, ", ".join(sorted(users.mapped("name"))))
                for group, users in granted
            )
            cycle.sudo().message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (self.env._("Groups granted at launch:"), items)
            )
        people["users"] = people["appraisers"] = self.env["res.users"]
        return granted

    @api.model
    def _launch_problems(self, cycle, templates_used, people):
        """Every reason the launch of ``cycle`` cannot go on, as texts (empty: it can)."""
        problems = list(templates_used._launch_problems())
        if people["no_login"] and not cycle.allow_without_login:
            problems.append(
                self.env._(
                    'Without a login (give them one, or tick "Appraise People Without a '
                    'Login" if HR or the shop-floor kiosk records their self-assessment): '
                    "%(who)s.",
                    who=", ".join(sorted(people["no_login"].mapped("name"))),
                )
            )
        if people["no_appraiser"]:
            problems.append(
                self.env._(
                    "No appraiser (no superior with a login; set their manager, or exclude them "
                    "on the Exclusions tab): %(who)s.",
                    who=", ".join(sorted(people["no_appraiser"].mapped("name"))),
                )
            )
        if people["users"]:
            problems.append(
                self.env._(
                    'Logins without the group "%(group)s" (they could not open their appraisal '
                    "or rating): %(who)s.",
                    group=self.env.ref(GROUP_USER).sudo().name,
                    who=", ".join(sorted(people["users"].mapped("name"))),
                )
            )
        if people["appraisers"]:
            problems.append(
                self.env._(
                    'Appraisers without the group "%(group)s": %(who)s.',
                    group=self.env.ref(GROUP_APPRAISER).sudo().name,
                    who=", ".join(sorted(people["appraisers"].mapped("name"))),
                )
            )
        return problems

    @api.model
    def _raise_launch_problems(self, cycle, problems, groups_missing=False):
        """One error listing every problem of the launch of ``cycle`` (none: nothing)."""
        if not problems:
            return
        lines = [
            self.env._(
                "Cycle %(c)s cannot be launched yet; nothing was created. Fix all of this first:",
                c=cycle.name,
            ),
            *(f"• {problem}" for problem in problems),
        ]
        if groups_missing:
            lines.append(
                self.env._(
                    'An HR manager may tick "Grant the Appraisal Groups at Launch" on the '
                    "cycle to give the groups to the people in scope."
                )
            )
        raise ValidationError("\n".join(lines))

    @api.model
    def _activity_users(self, users):
        """``users`` who can open an appraisal (the suite's employee group): nobody gets a
        to-do they could not open."""
        return users & self._group_members(GROUP_USER)

    # ------------------------------------------------------------------
    # KPI prefill: refresh and report
    # ------------------------------------------------------------------
    def _kpi_lines(self):
        """Lines of these appraisals a KPI value fills (as superuser)."""
        return self.sudo().line_ids.filtered(lambda x: x.kpi_id and x.rule_kind != "direct")

    def _refresh_kpi_values(self):
        """Fill the KPI lines of these appraisals again from their cycle's KPI period (the
        value of the employee, else of the department, whatever its status); lines an HR
        manager corrected are left alone; a line whose value is gone is emptied."""
        empty = {
            "kpi_value_id": False,
            "kpi_value_state": False,
            "kpi_prefill_value": 0.0,
            "actual_value": 0.0,
            "actual_set": False,
            "occurrences": 0,
        }
        for cycle, appraisals in self.sudo().grouped("cycle_id").items():
            cycle._link_kpi_period()
            lines = appraisals._kpi_lines().filtered(lambda x: not x.kpi_corrected)
            by_key = self._kpi_prefill(
                cycle,
                set(lines.kpi_id.ids),
                appraisals.employee_id.ids,
                appraisals.department_id.ids,
            )
            groups = {}
            for line in lines:
                appraisal = line.appraisal_id
                vals = self._kpi_prefill_vals(
                    {"kpi_id": line.kpi_id.id, "rule_kind": line.rule_kind, "rule": line.rule},
                    appraisal.employee_id.id,
                    appraisal.department_id.id,
                    by_key,
                )
                vals = dict(empty, **vals)
                groups.setdefault(tuple(sorted(vals.items())), []).append(line.id)
            # Each group written within the prefetch of all the lines (and their sections,
            # read once), not of the group alone.
            appraisals.section_ids.fetch(["appraisal_id", "weight", "score", "score_complete"])
            for vals, ids in groups.items():
                lines.browse(ids).with_prefetch(lines._prefetch_ids)._write_prefill(dict(vals))

    def _kpi_prefill_report(self):
        """(message html, nothing filled) on the KPI lines of these appraisals (one cycle):
        how many a KPI value filled, how many of those are not locked, and why the others are
        empty; (False, False) when the sheets have no KPI line."""
        lines = self._kpi_lines()
        if not lines:
            return False, False
        _ = self.env._
        cycle = self.cycle_id[:1]
        period = cycle.kpi_period_id
        filled = lines.filtered("kpi_value_id")
        corrected = lines.filtered("kpi_corrected")
        unlocked = filled.filtered(lambda x: x.kpi_value_state != "locked")
        empty = lines - filled - corrected
        parts = [
            _(
                "KPI values: %(filled)s of %(total)s KPI lines filled, %(unlocked)s of them from "
                'values not locked yet (marked "not locked": they may still change).',
                filled=len(filled),
                total=len(lines),
                unlocked=len(unlocked),
            )
        ]
        if corrected:
            parts.append(_("%(n)s lines carry an HR manager's correction.", n=len(corrected)))
        reasons = []
        if empty and not period:
            reasons.append(
                _(
                    "No KPI period has the cycle's dates (%(start)s – %(end)s): KPI values are "
                    "kept per month, quarter, half-year or year; create a custom KPI period "
                    "with these dates, then refresh.",
                    start=cycle.date_start,
                    end=cycle.date_end,
                )
            )
        elif empty:
            for kpi in empty.kpi_id.sorted("name"):
                if kpi.measurement == "manual":
                    reason = _(
                        "%(kpi)s: entered by hand, no value entered for %(period)s.",
                        kpi=kpi.name,
                        period=period.display_name,
                    )
                else:
                    reason = _(
                        "%(kpi)s: no value for %(period)s for these people yet (compute the "
                        "KPIs of the period, then refresh).",
                        kpi=kpi.name,
                        period=period.display_name,
                    )
                reasons.append(reason)
        nothing = not filled and not corrected
        head = (
            _("No KPI value could be prefilled.")
            if nothing
            else _("Some KPI lines stay empty:")
            if reasons
            else ""
        )
        body = Markup("").join(Markup("<p>%s</p>") % part for part in parts)
        if reasons:
            body += Markup("<p>%s</p><ul>%s</ul>") % (
                head,
                Markup("").join(Markup("<li>%s</li>") % escape(r) for r in reasons),
            )
        elif nothing:
            body += Markup("<p>%s</p>") % head
        return body, nothing

    def action_refresh_kpi(self):
        """HR fills the KPI lines again from the current KPI values, until rating starts."""
        self._check_hr(self.env._("refresh the KPI values"))
        started = self.filtered(lambda a: a.state not in REFRESH_STATES)
        if started:
            raise UserError(
                self.env._(
                    "The KPI values of %(who)s can no longer be refreshed: rating has started "
                    "(%(state)s). An HR manager may correct a KPI line instead, with a reason.",
                    who=", ".join(started.mapped("employee_id.name")),
                    state=self._state_label(started[0].state),
                )
            )
        return self._refresh_and_report(self)

    @api.model
    def _refresh_and_report(self, appraisals):
        """Refresh ``appraisals``, log what happened on each cycle and each appraisal, and
        return the notification telling the user."""
        appraisals._refresh_kpi_values()
        return self._refresh_report(appraisals)

    @api.model
    def _refresh_report(self, appraisals):
        """Log the KPI prefill of refreshed ``appraisals`` on each cycle (on the appraisal
        when alone) and return the notification telling the user."""
        messages = []
        nothing_at_all = True
        for cycle, group in appraisals.sudo().grouped("cycle_id").items():
            body, nothing = group._kpi_prefill_report()
            if body is False:
                body = Markup("<p>%s</p>") % self.env._("The sheets have no KPI line.")
            nothing_at_all = nothing_at_all and nothing
            title = Markup("<p><b>%s</b></p>") % self.env._("KPI values refreshed")
            if len(group) == 1:
                group._message_log_batch({group.id: title + body})
            else:
                cycle.message_post(body=title + body)
            messages.append(body)
        return self._notification(
            self.env._("KPI values refreshed"),
            Markup("").join(messages),
            "warning" if nothing_at_all else "success",
        )

    @api.model
    def _notification(self, title, body_html, kind):
        """A client notification (plain text of ``body_html``) that reloads the view after."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": title,
                "message": html2plaintext(body_html),
                "type": kind,
                "sticky": kind == "warning",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------
    # Approval chains checked before they are needed
    # ------------------------------------------------------------------
    def _tier_gaps(self):
        """[(tier definition, appraisals)] of the approval tiers these appraisals will go
        through that nobody can decide: a group tier whose group has no active internal member
        in the appraisal's company (besides the appraisee), an individual tier whose reviewer
        is archived."""
        by_record = self._tier_definitions_by_record()
        gaps = {}
        members_of = {}
        for appraisal in self.sudo():
            for definition in by_record.get(appraisal.id, []):
                if definition.review_type == "group" and definition.reviewer_group_id:
                    group = definition.reviewer_group_id
                    if group not in members_of:
                        members_of[group] = group.sudo().all_user_ids.filtered(
                            lambda u: u.active and not u.share
                        )
                    members = (
                        members_of[group].filtered(
                            lambda u, a=appraisal: a.company_id in u.company_ids
                        )
                        - appraisal.employee_user_id
                    )
                    empty = not members
                elif definition.review_type == "individual":
                    empty = not definition.reviewer_id.active
                else:
                    empty = False
                if empty:
                    gaps.setdefault(definition, self.browse())
                    gaps[definition] |= appraisal
        return sorted(gaps.items(), key=lambda item: -item[0].sequence)

    def _tier_gap_text(self, gaps):
        """Texts naming each tier nobody can decide and its group."""
        texts = []
        for definition, appraisals in gaps:
            if definition.review_type == "group":
                texts.append(
                    self.env._(
                        'Approval tier "%(tier)s" has nobody to decide it: the group '
                        '"%(group)s" has no member in the company. %(n)s appraisals (e.g. '
                        "%(who)s) would wait there; an administrator adds a member to the group "
                        "before publication.",
                        tier=definition.name,
                        group=definition.reviewer_group_id.name,
                        n=len(appraisals),
                        who=appraisals[0].employee_id.name,
                    )
                )
            else:
                texts.append(
                    self.env._(
                        'Approval tier "%(tier)s": its reviewer %(user)s is archived. %(n)s '
                        "appraisals (e.g. %(who)s) would wait there.",
                        tier=definition.name,
                        user=definition.reviewer_id.name,
                        n=len(appraisals),
                        who=appraisals[0].employee_id.name,
                    )
                )
        return texts

    def _warn_tier_gaps(self):
        """After the rating is submitted: each approval tier of these appraisals nobody can
        decide is logged on the appraisals and told in a notification (True when none)."""
        texts = self._tier_gap_text(self._tier_gaps())
        if not texts:
            return True
        body = Markup("<ul>%s</ul>") % Markup("").join(Markup("<li>%s</li>") % t for t in texts)
        self.sudo()._message_log_batch({appraisal.id: body for appraisal in self})
        return self._notification(self.env._("Approval chain incomplete"), body, "warning")
