# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from contextlib import contextmanager
from datetime import date

from odoo.fields import Command
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

MARCH_1 = date(2026, 3, 1)
MARCH_31 = date(2026, 3, 31)


class DutyCommon(TransactionCase):
    """A workshop of one team leader and four operators, plus a second company.

    - ``leader`` (user ``user_leader``) leads ``emp_a``, ``emp_b`` (users ``user_a``, ``user_b``)
      and ``emp_c`` (no user); ``emp_d`` (user ``user_d``) has no superior.
    - ``template`` (position ``job_operator``): two daily items (the second needs a photo),
      one weekly and one monthly item.
    - ``manager`` (user ``user_manager``) manages the checklists of the main company only.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                no_reset_password=True,
            )
        )
        cls.Run = cls.env["mfg.duty.run"]
        cls.Item = cls.env["mfg.duty.run.item"]
        cls.company = cls.env.company
        cls.company_2 = cls.env["res.company"].create({"name": "Duty Test Plant 2"})

        cls.job_operator = cls.env["hr.job"].create(
            {"name": "Duty test operator", "company_id": cls.company.id}
        )
        cls.job_leader = cls.env["hr.job"].create(
            {"name": "Duty test team leader", "company_id": cls.company.id}
        )
        cls.template = cls.env["mfg.duty.template"].create(
            {
                "name": "Operator shift checklist",
                "job_id": cls.job_operator.id,
                "company_id": cls.company.id,
                "line_ids": [
                    Command.create({"name": "Check guards", "frequency": "daily", "sequence": 1}),
                    Command.create(
                        {
                            "name": "First piece photo",
                            "frequency": "daily",
                            "evidence": "photo",
                            "sequence": 2,
                        }
                    ),
                    Command.create({"name": "Deep clean", "frequency": "weekly", "sequence": 3}),
                    Command.create(
                        {"name": "Review spare parts", "frequency": "monthly", "sequence": 4}
                    ),
                ],
            }
        )
        cls.line_guards, cls.line_photo, cls.line_weekly, cls.line_monthly = cls.template.line_ids

        user_group = "mfg_duty.group_duty_user"
        cls.user_leader = new_test_user(cls.env, "duty_leader", groups=user_group)
        cls.user_a = new_test_user(cls.env, "duty_a", groups=user_group)
        cls.user_b = new_test_user(cls.env, "duty_b", groups=user_group)
        cls.user_d = new_test_user(cls.env, "duty_d", groups=user_group)
        cls.user_manager = new_test_user(
            cls.env, "duty_manager", groups="mfg_duty.group_duty_manager"
        )

        Employee = cls.env["hr.employee"]
        cls.leader = Employee.create(
            {
                "name": "Leader Lin",
                "job_id": cls.job_leader.id,
                "user_id": cls.user_leader.id,
                "company_id": cls.company.id,
            }
        )
        cls.emp_a, cls.emp_b, cls.emp_c = Employee.create(
            [
                {
                    "name": name,
                    "job_id": cls.job_operator.id,
                    "user_id": user.id,
                    "parent_id": cls.leader.id,
                    "company_id": cls.company.id,
                }
                for name, user in (
                    ("Operator A", cls.user_a),
                    ("Operator B", cls.user_b),
                    ("Operator C", cls.env["res.users"]),
                )
            ]
        )
        cls.emp_d = Employee.create(
            {
                "name": "Operator D",
                "job_id": cls.job_operator.id,
                "user_id": cls.user_d.id,
                "company_id": cls.company.id,
            }
        )
        cls.operators = cls.emp_a | cls.emp_b | cls.emp_c | cls.emp_d

        # Second company: same kind of position, its own template and operator.
        cls.job_operator_2 = cls.env["hr.job"].create(
            {"name": "Duty test operator (plant 2)", "company_id": cls.company_2.id}
        )
        cls.template_2 = cls.env["mfg.duty.template"].create(
            {
                "name": "Plant 2 checklist",
                "job_id": cls.job_operator_2.id,
                "company_id": cls.company_2.id,
                "line_ids": [Command.create({"name": "Check guards", "frequency": "daily"})],
            }
        )
        cls.emp_2 = Employee.create(
            {
                "name": "Operator Plant 2",
                "job_id": cls.job_operator_2.id,
                "company_id": cls.company_2.id,
            }
        )

    @contextmanager
    def assertRaisesText(self, exception, text):
        """``assertRaises`` (which rolls back and clears the cache) checking the message too."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIn(text, str(catcher.exception))

    @classmethod
    def _generate(cls, date_from, date_to, templates=None):
        return cls.env["mfg.duty.run"]._generate(
            date_from, date_to, templates=templates if templates is not None else cls.template
        )

    @classmethod
    def _image(cls, item, name="photo.png"):
        return cls.env["ir.attachment"].create(
            {
                "name": name,
                "raw": b"\x89PNG\r\n\x1a\n" + b"\0" * 16,
                "mimetype": "image/png",
                "res_model": item._name,
                "res_id": item.id,
            }
        )
