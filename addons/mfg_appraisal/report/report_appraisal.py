# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .. import scoring

# Rater roles whose individual scores are shown only as an average of enough raters.
AGGREGATE_ROLES = ("peer", "subordinate")


def fmt(value):
    """A number as people write it on a sheet, at most 2 decimals: 98.0 -> '98', 2.50 -> '2.5',
    1000000.0 -> '1000000'."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class ReportAppraisal(models.AbstractModel):
    """Values of the printed appraisal sheet (考核表): header, criteria, scores, signatures."""

    _name = "report.mfg_appraisal.report_appraisal"
    _description = "Appraisal Sheet Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        appraisals = self.env["mfg.appraisal"].browse(docids)
        appraisals.check_access("read")
        # The reporting line is public employee data: read it from hr.employee.public so that
        # an appraisee or a rater without HR rights can print the sheet.
        public = self.env["hr.employee.public"].browse(appraisals.employee_id.ids)
        superiors = {employee.id: employee.parent_id.name or "" for employee in public}
        return {
            "doc_ids": docids,
            "doc_model": "mfg.appraisal",
            "docs": appraisals,
            "superiors": superiors,
            "sheets": {appraisal.id: self._sheet(appraisal) for appraisal in appraisals},
            "fmt": fmt,
        }

    # ------------------------------------------------------------------
    # Criteria
    # ------------------------------------------------------------------
    def _sheet(self, appraisal):
        roles = self._role_labels()
        sections = []
        for section in appraisal.section_ids.sorted(lambda s: (s.sequence, s.id)):
            role_weights = section._role_weights()
            rows, previous = [], None
            for line in section.line_ids.sorted(lambda ln: (ln.sequence, ln.id)):
                direct = line.rule_kind == "direct"
                rows.append(
                    {
                        "line": line,
                        "dimension": line.dimension if line.dimension != previous else "",
                        "direct": direct,
                        "rule": [] if direct else self._rule_lines(line),
                        "actual": self._actual(line, appraisal),
                        "score": fmt(line.score) if line.score_set else "",
                    }
                )
                previous = line.dimension
            direct = any(row["direct"] for row in rows)
            sections.append(
                {
                    "section": section,
                    "rows": rows,
                    "raters": " / ".join(
                        f"{roles.get(role, role)} {fmt(weight)}%"
                        for role, weight in role_weights.items()
                        if weight
                    )
                    if direct
                    else "",
                    "score": fmt(section.score) if section.score_complete else "",
                }
            )
        tiers = self._tiers(appraisal)
        # The chain's tiers say whether the approvers comment (e.g. the director plan's
        # 考核负责人评语 / 审核意见 / 审批意见): then the sheet prints a comments column.
        comments = any(tier.has_comment for tier in tiers)
        return {
            "sections": sections,
            "has_dimension": any(appraisal.line_ids.mapped("dimension")),
            "comments": comments,
            "review_adjustment": appraisal.template_id.review_adjustment,
            "signatures": self._signatures(appraisal, tiers, comments),
        }

    def _role_labels(self):
        return dict(
            self.env["mfg.appraisal.rater"]._fields["role"]._description_selection(self.env)
        )

    def _rule_lines(self, line):
        """The scoring rule of a line as on the seed's sheet (评分标准): a list of
        ``{"text", "selected"}`` rows; the band or level the line falls in is selected."""
        rule = line._rule()
        kind = line.rule_kind
        _ = self.env._
        if kind == "linear":
            text = _(
                "Target %(x)s; each %(s)s %(dir)s deducts %(d)s points",
                x=fmt(rule.get("target") or 0.0),
                s=fmt(rule.get("step") or 0.0),
                dir=_("below") if rule.get("direction") == "higher" else _("above"),
                d=fmt(rule.get("deduction") or 0.0),
            )
            if rule.get("whole_steps"):
                text += _(" (whole steps only)")
            return [{"text": text, "selected": False}]
        if kind == "occurrence":
            allowed = rule.get("allowed") or 0
            deduction = fmt(rule.get("deduction") or 0.0)
            per = int(rule.get("step") or 1)
            if per > 1:
                text = _(
                    "At most %(n)s; each %(per)s further occurrences deduct %(d)s points",
                    n=allowed,
                    per=per,
                    d=deduction,
                )
            elif allowed:
                text = _(
                    "At most %(n)s; each further occurrence deducts %(d)s points",
                    n=allowed,
                    d=deduction,
                )
            else:
                text = _("Target 0; each occurrence deducts %(d)s points", d=deduction)
            if rule.get("major_event_zero"):
                text += _("; a major event scores 0")
            return [{"text": text, "selected": False}]
        if kind == "bands":
            bands = rule.get("bands", [])
            selected = self._band_index(bands, line)
            return [
                {
                    "text": _(
                        "%(band)s: %(low)s–%(high)s",
                        band=band.get("label") or "",
                        low=fmt(band["score_min"]),
                        high=fmt(band["score_max"]),
                    ),
                    "selected": index == selected,
                }
                for index, band in enumerate(bands)
            ]
        if kind == "levels":
            levels = rule.get("levels", [])
            selected = self._level_index(levels, line)
            return [
                {
                    "text": _(
                        "%(low)s–%(high)s: %(level)s",
                        low=fmt(level["score_min"]),
                        high=fmt(level["score_max"]),
                        level=level.get("label") or "",
                    ),
                    "selected": index == selected,
                }
                for index, level in enumerate(levels)
            ]
        return []

    def _band_index(self, bands, line):
        """Index of the band containing the line's actual value, or None."""
        if not line.actual_set:
            return None
        objects = [scoring.Band(**band) for band in bands]
        try:
            found = scoring.find_band(objects, line.actual_value)
        except scoring.ScoringError:
            return None
        return objects.index(found)

    def _level_index(self, levels, line):
        """Index of the level the appraiser picked, or None."""
        labels = [level.get("label") for level in levels]
        return labels.index(line.level_name) if line.level_name in labels else None

    def _actual(self, line, appraisal):
        """What was measured or rated on the line, as text."""
        kind = line.rule_kind
        _ = self.env._
        if kind in ("linear", "bands"):
            if not line.actual_set:
                return ""
            unit = "%" if line.kpi_id.sudo().unit == "percent" else ""
            return fmt(line.actual_value) + unit
        if kind == "occurrence":
            if not line.actual_set:
                return ""
            text = str(line.occurrences)
            if line.major_event:
                text += " " + _("(major event)")
            return text
        if kind == "levels":
            index = self._level_index(line._rule().get("levels", []), line)
            if index is None:
                return ""
            level = line._rule()["levels"][index]
            return _(
                "Level %(n)s (%(low)s–%(high)s)",
                n=index + 1,
                low=fmt(level["score_min"]),
                high=fmt(level["score_max"]),
            )
        return self._direct_scores(line, appraisal)

    def _direct_scores(self, line, appraisal):
        """Average score per rater role of a direct-rating line: peers and subordinates only as
        an average of at least the sheet's minimum number of raters (DESIGN §3)."""
        roles = self._role_labels()
        minimum = appraisal.template_id.sudo().min_aggregate_raters
        scores = {}
        for rating in line.rating_ids.filtered(lambda r: r.score_set):
            if rating.rater_id.state == "submitted":
                scores.setdefault(rating.role, []).append(rating.score)
        parts = []
        for role, values in scores.items():
            if role in AGGREGATE_ROLES and len(values) < minimum:
                continue
            parts.append(f"{roles.get(role, role)} {fmt(sum(values) / len(values))}")
        return " · ".join(parts)

    # ------------------------------------------------------------------
    # Signatures
    # ------------------------------------------------------------------
    def _tiers(self, appraisal):
        """The tiers of the appraisal's approval chain in the order they are reviewed: its
        reviews once the chain is requested, else the tier definitions that will apply."""
        reviews = appraisal.sudo().review_ids.sorted("sequence")
        if reviews:
            return reviews
        definitions = (
            self.env["tier.definition"]
            .sudo()
            .search(
                [
                    ("model", "=", appraisal._name),
                    ("company_id", "in", [False, appraisal.company_id.id]),
                ],
                order="sequence desc",
            )
        )
        return definitions.filtered(lambda d: appraisal.sudo().evaluate_tier(d))

    def _signatures(self, appraisal, tiers, comments):
        """Signature rows: the appraiser, then one row per tier of the approval chain, in the
        order the tiers are reviewed, named as the tier definitions are (any number of tiers);
        a tier is filled once approved. Before the chain is requested, the tiers that will
        apply are printed blank."""
        _ = self.env._
        appraiser = appraisal.rater_ids.filtered(
            lambda r: r.role in ("superior", "indirect") and r.user_id == appraisal.appraiser_id
        )[:1]
        first = {
            "label": _("Appraiser's comments") if comments else _("Appraiser"),
            "name": appraisal.appraiser_id.name or "",
            "date": self._local_date(appraiser.date_submitted),
            "comment": appraiser.comment or "",
        }
        rows = []
        for tier in tiers:
            approved = tier._name == "tier.review" and tier.status == "approved"
            rows.append(
                {
                    "label": tier.name or _("Reviewer"),
                    "name": tier.done_by.name if approved else "",
                    "date": approved and self._local_date(tier.reviewed_date),
                    "comment": tier.comment if approved else "",
                }
            )
        return (
            [first, *rows]
            if rows
            else [
                first,
                {"label": _("Reviewer"), "name": "", "date": False, "comment": ""},
            ]
        )

    def _local_date(self, moment):
        """The date of a UTC datetime in the reader's time zone (False when unset)."""
        return moment and fields.Datetime.context_timestamp(self, moment).date()
