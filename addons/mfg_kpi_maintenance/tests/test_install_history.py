# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import SQL

from ..hooks import pre_init_hook


@tagged("post_install", "-at_install")
class TestInstallHistory(TransactionCase):
    """Installing on a database with past requests keeps when they were reported."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Request = cls.env["maintenance.request"]
        cls.past = Request.create({"name": "Press 2 leaks oil"})
        cls.corrected = Request.create({"name": "Belt torn"})
        cls.env.flush_all()
        cls.env.cr.execute(
            SQL(
                "UPDATE maintenance_request SET create_date = %s WHERE id = %s",
                datetime(2026, 8, 3, 9, 30),
                cls.past.id,
            )
        )
        cls.env.cr.execute(
            SQL(
                "UPDATE maintenance_request SET create_date = %s, mfg_reported_at = %s WHERE id = %s",
                datetime(2026, 9, 1, 12, 0),
                datetime(2026, 8, 30, 7, 0),  # recorded after the fact, corrected earlier
                cls.corrected.id,
            )
        )

    def reported_at(self, request):
        self.env.cr.execute(
            SQL("SELECT mfg_reported_at FROM maintenance_request WHERE id = %s", request.id)
        )
        return self.env.cr.fetchone()[0]

    def test_install_dates_existing_requests_at_their_creation(self):
        # The database before the install: no column yet (DDL is rolled back with the test).
        self.env.cr.execute(SQL("ALTER TABLE maintenance_request DROP COLUMN mfg_reported_at"))
        pre_init_hook(self.env)
        self.assertEqual(self.reported_at(self.past), datetime(2026, 8, 3, 9, 30))
        self.assertEqual(self.reported_at(self.corrected), datetime(2026, 9, 1, 12, 0))
        self.env.cr.execute(
            SQL(
                """SELECT column_default FROM information_schema.columns
                    WHERE table_name = 'maintenance_request' AND column_name = 'mfg_reported_at'"""
            )
        )
        self.assertIsNone(self.env.cr.fetchone()[0], "no install-time default in the column")

    def test_upgrade_redates_requests_reported_at_install_time(self):
        # A database installed before the fix: every request reported at the install time.
        self.env.cr.execute(
            SQL(
                "UPDATE maintenance_request SET mfg_reported_at = %s WHERE id = %s",
                datetime(2026, 11, 20, 10, 0),
                self.past.id,
            )
        )
        pre_init_hook(self.env)
        self.assertEqual(self.reported_at(self.past), datetime(2026, 8, 3, 9, 30))
        self.assertEqual(
            self.reported_at(self.corrected), datetime(2026, 8, 30, 7, 0), "a correction stays"
        )
