# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import importlib.util

from odoo.modules.module import get_module_path
from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestSubjectLevel(TransactionCase):
    """The work-centre level comes with MRP; the core library speaks of equipment."""

    def _kpi(self, code):
        return self.env["mfg.kpi"].search([("code", "=", code)])

    def test_work_centre_level_added_by_mrp(self):
        levels = dict(self.env["mfg.kpi"]._fields["subject_level"].selection)
        self.assertEqual(levels["workcenter"], "Work Centre")
        self.assertEqual(levels["equipment"], "Equipment")
        # Measured per work centre (and shared out to operators): this module's own KPI.
        self.assertEqual(self._kpi("MRP_LABOUR_PRODUCTIVITY").subject_level, "workcenter")
        # The equipment KPIs of the library are not computed per work centre by MRP.
        for code in ("EQUIPMENT_INTACT_RATE", "OVERALL_EQUIPMENT_EFFECTIVENESS", "CHANGEOVER_TIME"):
            self.assertEqual(self._kpi(code).subject_level, "equipment", code)

    def test_migration_moves_library_kpis_to_equipment(self):
        path = f"{get_module_path('mfg_kpi')}/migrations/19.0.1.1.0/post-migrate.py"
        spec = importlib.util.spec_from_file_location("mfg_kpi_post_migrate", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        library = self._kpi("OVERALL_EQUIPMENT_EFFECTIVENESS")
        own = self._kpi("MRP_LABOUR_PRODUCTIVITY")
        custom = self.env["mfg.kpi"].create(
            {"code": "TEST_WC_SETUP", "name": "Set-up time", "subject_level": "workcenter"}
        )
        self.env.cr.execute(
            "UPDATE mfg_kpi SET subject_level = 'workcenter' WHERE id = %s", [library.id]
        )
        self.env.invalidate_all()
        script.migrate(self.env.cr, "19.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(library.subject_level, "equipment")
        # With MRP installed, its own KPI and a company's own keep the work-centre level.
        self.assertEqual(own.subject_level, "workcenter")
        self.assertEqual(custom.subject_level, "workcenter")
