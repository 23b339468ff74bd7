# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.addons.mfg_quality_trigger.tests.scenario import QualityTriggerScenario

from .common import QualityKpiCase


class QualityScenario(QualityTriggerScenario, QualityKpiCase):
    """March 2026 of the plant (see ``QualityTriggerScenario``), then: I3 found wrong by the
    quality manager (loss 300); follow-up closed: I2 (returned) and I8 (reworked)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-03-06 10:00"):
            cls.i2.with_user(cls.user_insp1).mfg_nc_action = "return"
            cls.i2.with_user(cls.user_insp1).action_mfg_close_followup()
        with freeze_time("2026-03-14 10:00"):
            cls.i8.with_user(cls.user_insp2).mfg_nc_action = "rework"
            cls.i8.with_user(cls.user_insp2).action_mfg_close_followup()
        cls.i3.with_user(cls.user_qc_manager).write(
            {"mfg_error": True, "mfg_error_note": "Wrong bolt grade", "mfg_error_loss": 300}
        )
