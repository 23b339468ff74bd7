# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user


class OnboardingCase(TransactionCase):
    """A company of its own (so that every count is the test's), an administrator, and helpers
    to build the operations of an existing instance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, mail_create_nolog=True))
        cls.company = cls.env["res.company"].create({"name": "Existing Factory (onboarding)"})
        cls.admin = new_test_user(
            cls.env,
            login="mfg_onboarding_admin",
            groups="base.group_system,hr.group_hr_manager",
            company_id=cls.company.id,
            company_ids=[Command.set([cls.company.id, cls.env.company.id])],
        )
        cls.env.user.company_ids |= cls.company
        cls.Job = cls.env["hr.job"]

    @classmethod
    def _load_chinese(cls):
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["mfg_kpi", "mfg_org", "mfg_appraisal"], ["zh_CN"], overwrite=True
        )

    def _onboarding(self, company=None, user=None):
        return (
            self.env["mfg.onboarding"]
            .with_user(user or self.admin)
            .with_company(company or self.company)
            .create({"company_id": (company or self.company).id})
        )

    def _item(self, onboarding, key):
        return onboarding.item_ids.filtered(lambda item: item.key == key)

    def _apply(self, onboarding, key):
        self._item(onboarding, key).action_apply()
        return self._item(onboarding, key)

    @classmethod
    def _workcentre(cls, company, name, workshop=None):
        return cls.env["mrp.workcenter"].create(
            {
                "name": name,
                "company_id": company.id,
                "resource_calendar_id": company.resource_calendar_id.id,
                "mfg_department_id": workshop.id if workshop else False,
            }
        )

    @classmethod
    def _confirmed_order(cls, company, workcentre, qty=2):
        """A confirmed manufacturing order of ``company`` with one operation on
        ``workcentre``."""
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=[company.id]))
        product = env["product.product"].create({"name": "Widget", "is_storable": True})
        component = env["product.product"].create({"name": "Part", "is_storable": True})
        bom = env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "company_id": company.id,
                "product_qty": 1,
                "bom_line_ids": [Command.create({"product_id": component.id, "product_qty": 1})],
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Assemble",
                            "workcenter_id": workcentre.id,
                            "time_cycle_manual": 10,
                        }
                    )
                ],
            }
        )
        order = env["mrp.production"].create(
            {
                "product_id": product.id,
                "bom_id": bom.id,
                "product_qty": qty,
                "company_id": company.id,
            }
        )
        order.action_confirm()
        return order
