# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .test_kiosk_team import KioskTeamCase


@tagged("post_install", "-at_install")
class TestKioskLanguage(KioskTeamCase):
    """The kiosk speaks its workshop's language, sheet wording included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["mfg_appraisal", "mfg_shopfloor"], ["zh_CN"], overwrite=True
        )
        cls.workshop.mfg_kiosk_lang = "zh_CN"

    def test_sheet_lines_in_the_kiosk_language(self):
        session = self.sign_in(badge="KIOSKL0001")
        tasks = self.kiosk("rating_tasks", token=self.token, session=session)
        names = [line["name"] for line in tasks[0]["lines"]]
        self.assertIn("工作任务按计划完成情况", names)
        self.assertEqual({line["section"] for line in tasks[0]["lines"]}, {"检查结果"})
        self.assertEqual(tasks[0]["role_label"], "上级")
