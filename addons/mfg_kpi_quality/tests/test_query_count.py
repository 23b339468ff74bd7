# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, QualityKpiCase

CODES = [
    "INCOMING_INSPECTION_PASS_RATE",
    "WIP_QUALITY_PASS_RATE",
    "PRODUCT_QUALITY_PASS_RATE",
    "ACCEPTANCE_PASS_RATE",
    "WORKSHOP_SAMPLING_PASS_RATE",
    "SAMPLING_PASS_RATE",
    "BATCH_PASS_RATE",
    "NONCONFORMING_HANDLING_RATE",
    "INSPECTION_TIMELY_COMPLETION_RATE",
    "INSPECTION_ON_TIME_RATE",
    "INSPECTION_ERROR_RATE",
    "INSPECTION_ERROR_COUNT",
    "INSPECTION_ERROR_LOSS",
    "QUALITY_ISSUE_COUNT",
    "LATE_INSPECTION_COMPLAINT_COUNT",
]


@tagged("post_install", "-at_install")
class TestQueryCount(QualityKpiCase):
    """Each provider runs a number of queries that does not grow with the data."""

    def _add_data(self, count):
        for index in range(count):
            responsible = self.user_resp if index % 2 else self.user_resp2
            production = self._produce(self.widget, 1, responsible, "2026-03-10 08:00")
            receipt = self._picking(
                self.warehouse.in_type_id,
                self.supplier_1 if index % 2 else self.supplier_2,
                [(self.bolt, 1)],
                "2026-03-10 08:00",
            )
            self._validate(receipt, "2026-03-10 09:00")
            inspections = production.mfg_qc_inspection_ids | receipt.mfg_qc_inspection_ids
            for position, inspection in enumerate(inspections):
                self._inspect(inspection, bool(position % 2), "2026-03-10 12:00")
            failed = inspections.filtered(lambda i: i.state == "failed")[:1]
            failed.with_user(self.user_qc_manager).write(
                {"mfg_nc_action": "scrap", "mfg_error": True, "mfg_error_loss": 1}
            )
            failed.with_user(self.user_qc_manager).action_mfg_close_followup()
            # Done three days late, and complained about.
            failed.sudo().date_done = "2026-03-13 12:00:00"
            failed.with_user(self.user_qc_manager).write(
                {"mfg_late_complaint": True, "mfg_late_complaint_date": "2026-03-14"}
            )

    def test_query_count_is_flat(self):
        self._add_data(2)
        with freeze_time(NOW):
            self.assertQueriesFlat(CODES, self.march, lambda: self._add_data(8))
