# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools import SQL
from odoo.tools.misc import file_path

from .common import KioskCase


@tagged("post_install", "-at_install")
class TestKioskLanguage(KioskCase):
    """The kiosk speaks its workshop's language, the frozen sheet's wording included: an
    appraisal keeps its sheet's wording in every language of the sheet at launch, whatever the
    language of whoever launched it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["mfg_appraisal", "mfg_shopfloor"], ["zh_CN"], overwrite=True
        )
        cls.workshop.mfg_kiosk_lang = "zh_CN"
        cls.leader.barcode = "KIOSKL0001"
        cls.user_leader.group_ids += cls.env.ref("mfg_appraisal.group_appraisal_appraiser")
        cls.user_op.group_ids += cls.env.ref("mfg_appraisal.group_appraisal_user")
        today = fields.Date.context_today(cls.op_a.with_context(tz="UTC"))
        # Launched by someone working in English.
        cls.cycle = (
            cls.env["mfg.appraisal.cycle"]
            .with_context(lang="en_US")
            .create(
                {
                    "name": "Kiosk irregular",
                    "kind": "irregular",
                    "company_id": cls.company.id,
                    "date_start": today - timedelta(days=20),
                    "date_end": today + timedelta(days=10),
                    "job_ids": [(6, 0, cls.job.ids)],
                    # The leader's team; operators without a login self-assess at the kiosk.
                    "department_ids": [(6, 0, cls.team.ids)],
                    "allow_without_login": True,
                    "template_id": cls.env.ref("mfg_appraisal.template_irregular_inspection").id,
                }
            )
        )
        cls.cycle.action_launch()
        cls.appraisal_a = cls.cycle.appraisal_ids.filtered(lambda a: a.employee_id == cls.op_a)
        cls.appraisal_a.action_submit_self()

    def test_sheet_lines_in_the_kiosk_language(self):
        session = self.sign_in(badge="KIOSKL0001")
        tasks = self.kiosk("rating_tasks", token=self.token, session=session)
        names = [line["name"] for line in tasks[0]["lines"]]
        self.assertEqual(names[0], "工作任务按计划完成情况")
        self.assertEqual({line["section"] for line in tasks[0]["lines"]}, {"检查结果"})
        self.assertEqual(tasks[0]["role_label"], "直接上级")
        # The backend reads the same frozen wording in each reader's language.
        line = self.appraisal_a.line_ids.sorted("sequence")[0]
        self.assertEqual(line.with_context(lang="en_US").name, "Duties carried out as planned")
        self.assertEqual(line.with_context(lang="zh_CN").name, "工作任务按计划完成情况")
        self.assertEqual(line.section_id.with_context(lang="zh_CN").name, "检查结果")

    def test_migration_translates_unchanged_wording_only(self):
        lines = self.appraisal_a.line_ids.sorted("sequence")
        first, second = lines[0], lines[1]
        # As before the upgrade: one language only; the second line was reworded since.
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE mfg_appraisal_line SET name = jsonb_build_object('en_US', "
                "CASE WHEN id = %s THEN 'Reworded by HR' ELSE name->>'en_US' END) "
                "WHERE appraisal_id = %s",
                second.id,
                self.appraisal_a.id,
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE mfg_appraisal_section SET name = jsonb_build_object('en_US', "
                "name->>'en_US') WHERE appraisal_id = %s",
                self.appraisal_a.id,
            )
        )
        self.env.invalidate_all()
        self.assertEqual(first.with_context(lang="zh_CN").name, "Duties carried out as planned")
        path = file_path("mfg_appraisal/migrations/19.0.1.3.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("mfg_appraisal_post_migrate_1_3b", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "19.0.1.2.0")
        self.env.invalidate_all()
        self.assertEqual(first.with_context(lang="zh_CN").name, "工作任务按计划完成情况")
        self.assertEqual(second.with_context(lang="zh_CN").name, "Reworded by HR")
        self.assertEqual(first.section_id.with_context(lang="zh_CN").name, "检查结果")
