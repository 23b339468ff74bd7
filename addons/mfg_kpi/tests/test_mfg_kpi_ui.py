from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestKpiUi(HttpCase):
    def test_library_tour(self):
        self.env["mfg.kpi"].create(
            {"code": "TOUR_KPI", "name": "Tour KPI", "unit": "percent", "direction": "higher"}
        )
        new_test_user(self.env, "kpi_tour_user", groups="mfg_kpi.group_kpi_user")
        self.start_tour(
            "/odoo/action-mfg_kpi.mfg_kpi_value_action_mine",
            "mfg_kpi_library_tour",
            login="kpi_tour_user",
        )
