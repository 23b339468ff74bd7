from datetime import date

from odoo import Command
from odoo.addons.mfg_kpi.tests.rpc import RpcCase
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

ATTITUDE = [
    ("Professional knowledge and skills", 15),
    ("Planning and execution", 5),
    ("Problem solving", 10),
    ("Work efficiency", 15),
    ("Work accuracy", 10),
    ("Communication", 10),
    ("Learning and innovation", 5),
    ("Sense of responsibility", 10),
    ("Initiative", 15),
    ("Service awareness", 5),
]


class AppraisalCase(TransactionCase):
    """An organisation (HR, a director, a leader, an operator and peers), sheets and a cycle."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, mail_create_nolog=True))
        cls.company = cls.env.company
        Job = cls.env["hr.job"]
        cls.job_equipment = Job.create({"name": "Equipment administrator (test)"})
        cls.job_leader = Job.create({"name": "Team leader (test)"})
        cls.job_director = Job.create({"name": "Workshop director (test)"})

        cls.user_hr = new_test_user(
            cls.env, "appr_hr", groups="mfg_appraisal.group_appraisal_hr,hr.group_hr_user"
        )
        cls.user_boss = new_test_user(
            cls.env, "appr_boss", groups="mfg_appraisal.group_appraisal_appraiser"
        )
        cls.user_director = new_test_user(
            cls.env, "appr_director", groups="mfg_appraisal.group_appraisal_appraiser"
        )
        cls.user_emp = new_test_user(
            cls.env, "appr_emp", groups="mfg_appraisal.group_appraisal_user"
        )
        cls.user_peer = new_test_user(
            cls.env, "appr_peer", groups="mfg_appraisal.group_appraisal_user"
        )
        cls.user_other = new_test_user(
            cls.env, "appr_other", groups="mfg_appraisal.group_appraisal_user"
        )
        Employee = cls.env["hr.employee"]
        cls.boss = Employee.create(
            {"name": "Boss", "user_id": cls.user_boss.id, "job_id": cls.job_director.id}
        )
        cls.director = Employee.create(
            {
                "name": "Director",
                "user_id": cls.user_director.id,
                "parent_id": cls.boss.id,
                "job_id": cls.job_director.id,
            }
        )
        cls.emp = Employee.create(
            {
                "name": "Equipment Admin",
                "user_id": cls.user_emp.id,
                "parent_id": cls.director.id,
                "job_id": cls.job_equipment.id,
            }
        )
        cls.peer = Employee.create(
            {
                "name": "Peer Admin",
                "user_id": cls.user_peer.id,
                "parent_id": cls.director.id,
                "job_id": cls.job_equipment.id,
            }
        )
        cls.other = Employee.create(
            {"name": "Someone Else", "user_id": cls.user_other.id, "job_id": cls.job_leader.id}
        )
        cls.template = cls._equipment_template()

    @classmethod
    def _equipment_template(cls, **params):
        """The seed's workshop equipment administrator sheet: performance 70% (9 lines) and
        attitude-and-ability 30% (10 direct-rating items, self 30% / superior 70%)."""
        target = params.get("target", 98.0)
        step = params.get("step", 1.0)
        deduction = params.get("deduction", 5.0)

        def linear(name, weight, direction="higher", x=target):
            return {
                "name": name,
                "weight": weight,
                "rule_kind": "linear",
                "direction": direction,
                "target": x,
                "step": step,
                "deduction": deduction,
            }

        def occurrence(name, weight):
            return {
                "name": name,
                "weight": weight,
                "rule_kind": "occurrence",
                "direction": "zero",
                "deduction": 10.0 if deduction else 0.0,
            }

        performance = [
            occurrence("Operating procedure errors", 10),
            linear("Loss from procedure errors", 10, "zero", 0.0),
            linear("Equipment inspections", 15, "higher", 20.0),
            linear("Equipment intact rate", 15),
            linear("Equipment effective utilisation", 15),
            linear("Repair cost per output", 15, "lower", 2.0),
            linear("Equipment failure rate", 5, "lower", 2.0),
            linear("Changeover time", 5, "lower", 4.0),
            linear("Operation training plan completion", 10),
        ]
        return cls.env["mfg.appraisal.template"].create(
            {
                "name": "Equipment administrator (test)",
                "code": "equipment_admin_test",
                "job_ids": [(6, 0, cls.job_equipment.ids)],
                "state": "active",
                "section_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Performance",
                            "sequence": 1,
                            "weight": 70,
                            "line_ids": [
                                (0, 0, dict(vals, sequence=i)) for i, vals in enumerate(performance)
                            ],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Attitude and ability",
                            "sequence": 2,
                            "weight": 30,
                            "rater_ids": [
                                (0, 0, {"role": "self", "weight": 30}),
                                (0, 0, {"role": "superior", "weight": 70}),
                            ],
                            "line_ids": [
                                (
                                    0,
                                    0,
                                    {"name": n, "weight": w, "rule_kind": "direct", "sequence": i},
                                )
                                for i, (n, w) in enumerate(ATTITUDE)
                            ],
                        },
                    ),
                ],
            }
        )

    @classmethod
    def _add_peer_raters(cls):
        """Peers rate the attitude items too: self 30 / superior 50 / peer 20; one rater
        of a role is enough for its score."""
        attitude = cls.template.section_ids.filtered(lambda s: s.sequence == 2)
        attitude.rater_ids.filtered(lambda r: r.role == "superior").weight = 50
        attitude.rater_ids = [Command.create({"role": "peer", "weight": 20})]
        cls.template.min_aggregate_raters = 1

    @classmethod
    def _cycle(cls, kind="annual", **vals):
        defaults = {
            "name": f"{kind} cycle",
            "kind": kind,
            "date_start": date(2025, 1, 1),
            "date_end": date(2025, 12, 31),
            "job_ids": [(6, 0, cls.job_equipment.ids)],
        }
        defaults.update(vals)
        return cls.env["mfg.appraisal.cycle"].with_user(cls.user_hr).create(defaults)

    def _appraisal(self, cycle, employee=None):
        return cycle.appraisal_ids.filtered(lambda a: a.employee_id == (employee or self.emp))

    def _rate(self, appraisal, user, scores):
        """``user`` gives ``scores`` (list in line order) on their direct-rating lines."""
        rater = appraisal.rater_ids.filtered(lambda r: r.user_id == user)
        rater = rater.with_user(user)
        for rating, score in zip(
            rater.rating_ids.sorted(lambda r: r.line_id.sequence), scores, strict=True
        ):
            rating.score = score
        rater.action_submit()
        return rater


class AppraisalRpcCase(AppraisalCase, RpcCase):
    """:class:`AppraisalCase` probed through the real external API (``/jsonrpc``) as each role."""

    def assertRefusedUnchanged(self, user, records, model, method, *args, **kwargs):
        """The call is refused and ``records`` (a recordset or a list of them) read back
        exactly as before."""
        recordsets = records if isinstance(records, list | tuple) else [records]
        before = [self.snapshot(rs) for rs in recordsets]
        error = self.refused(user, model, method, *args, **kwargs)
        self.assertTrue(error.message)
        after = [self.snapshot(rs) for rs in recordsets]
        self.assertEqual(after, before, f"{model}.{method} left changes")
        return error
