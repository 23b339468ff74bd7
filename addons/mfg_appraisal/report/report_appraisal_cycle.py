# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .. import scoring
from .report_appraisal import fmt


class ReportAppraisalCycle(models.AbstractModel):
    """Values of the cycle summary: grade distribution against the policy (第11条) and counts
    by department, computed with two grouped queries per cycle."""

    _name = "report.mfg_appraisal.report_appraisal_cycle"
    _description = "Appraisal Cycle Summary Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        cycles = self.env["mfg.appraisal.cycle"].browse(docids)
        cycles.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "mfg.appraisal.cycle",
            "docs": cycles,
            "summaries": {cycle.id: self._summary(cycle) for cycle in cycles},
            "fmt": fmt,
        }

    def _summary(self, cycle):
        Appraisal = self.env["mfg.appraisal"]
        domain = [("cycle_id", "=", cycle.id), ("state", "!=", "cancelled")]
        groups = Appraisal._read_group(
            domain, ["department_id", "grade"], ["__count", "final_score:sum"]
        )
        grade_counts = dict.fromkeys(scoring.GRADE_CODES, 0)
        departments = {}
        for department, grade, count, score_sum in groups:
            row = departments.setdefault(
                department,
                {
                    "department": department,
                    "name": department.display_name if department else "",
                    "total": 0,
                    "grades": dict.fromkeys(scoring.GRADE_CODES, 0),
                    "ungraded": 0,
                    "score_sum": 0.0,
                },
            )
            row["total"] += count
            if grade:
                row["grades"][grade] += count
                row["score_sum"] += score_sum
                grade_counts[grade] += count
            else:
                row["ungraded"] += count
        rows = sorted(departments.values(), key=lambda r: (not r["department"], r["name"]))
        for row in rows:
            graded = row["total"] - row["ungraded"]
            row["average"] = fmt(row["score_sum"] / graded) if graded else ""
        graded = sum(grade_counts.values())
        score_sum = sum(r["score_sum"] for r in rows)
        return {
            "total": sum(r["total"] for r in rows),
            "graded": graded,
            "departments": rows,
            "ungraded": sum(r["ungraded"] for r in rows),
            "average": fmt(score_sum / graded) if graded else "",
            "grades": self._grade_rows(cycle, grade_counts, graded),
            "exclusions": cycle.exclusion_ids,
        }

    def _grade_rows(self, cycle, counts, graded):
        """One row per grade: cut scores, count, share and the policy rule with its verdict."""
        _ = self.env._
        labels = dict(self.env["mfg.appraisal"]._fields["grade"]._description_selection(self.env))
        limits = scoring.policy_limits(graded, cycle._policy())
        excellent, good, passing = (
            fmt(cycle.threshold_excellent),
            fmt(cycle.threshold_good),
            fmt(cycle.threshold_pass),
        )
        ranges = {
            "excellent": _("%(e)s and above", e=excellent),
            "good": _("%(g)s to below %(e)s", g=good, e=excellent),
            "pass": _("%(p)s to below %(g)s", p=passing, g=good),
            "fail": _("below %(p)s", p=passing),
        }
        policies = {
            "excellent": (
                _(
                    "at most %(p)s%% (max. %(n)s)",
                    p=fmt(cycle.policy_excellent_max),
                    n=limits.max_excellent,
                ),
                counts["excellent"] <= limits.max_excellent,
            ),
            "good": (
                _("at least %(p)s%% (min. %(n)s)", p=fmt(cycle.policy_good_min), n=limits.min_good),
                counts["good"] >= limits.min_good,
            ),
            "pass": ("", True),
            "fail": (
                _("about %(p)s%% (max. %(n)s)", p=fmt(cycle.policy_fail_target), n=limits.max_fail),
                counts["fail"] <= limits.max_fail,
            ),
        }
        rows = []
        for code in scoring.GRADE_CODES:
            policy, met = policies[code]
            rows.append(
                {
                    "code": code,
                    "label": labels[code],
                    "range": ranges[code],
                    "count": counts[code],
                    "share": fmt(100.0 * counts[code] / graded) if graded else "0",
                    "policy": policy,
                    "met": met or not graded,
                }
            )
        return rows
