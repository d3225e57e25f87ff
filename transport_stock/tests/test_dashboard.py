from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.transport_fleet.tests.common import TransportTourCase
from odoo.addons.transport_fleet.tests.dashboard_common import TransportDashboardMixin

FUEL_PANEL = "Fuel issued per week, last 12 weeks"


@tagged("post_install", "-at_install")
class TestStockDashboard(TransportDashboardMixin, TransactionCase):
    """transport_stock adds the fuel issued to the Transport dashboard, for
    the storekeepers who may read the consumption report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.storekeeper = new_test_user(
            cls.env,
            login="dash_storekeeper",
            groups="transport_stock.group_transport_storekeeper",
        )
        cls.dispatcher = new_test_user(
            cls.env,
            login="dash_stock_dispatcher",
            groups="transport_fleet.group_transport_dispatcher",
        )
        cls.dashboard_menu = cls.env.ref("transport_fleet.menu_transport_dashboard")

    def test_storekeeper_finds_the_fuel_issued(self):
        panels = self._assert_panels_readable(self.storekeeper)
        self.assertEqual(
            panels[FUEL_PANEL],
            self.env.ref("transport_stock.action_transport_stock_consumption_report"),
        )
        self.assertIn(
            self.dashboard_menu.id,
            self.env["ir.ui.menu"].with_user(self.storekeeper)._visible_menu_ids(),
        )

    def test_dispatcher_without_stock_rights_opens_the_dashboard(self):
        self.assertFalse(
            self.env["transport.stock.consumption.report"]
            .with_user(self.dispatcher)
            .has_access("read")
        )
        panels = self._assert_panels_readable(self.dispatcher)
        self.assertNotIn(FUEL_PANEL, panels)
        self.assertIn("Fleet utilisation per week (%)", panels)


@tagged("post_install", "-at_install")
class TestStockDashboardTour(TransportTourCase):
    """A storekeeper gets the dashboard rendered in a browser, at desktop and
    at phone width."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls._create_tour_user(
            "dash_stock_tour",
            "Stan Storekeeper",
            "transport_stock.group_transport_storekeeper",
        )

    def test_dashboard_desktop(self):
        self.start_tour_at_width(
            "transport_dashboard_panels_tour",
            self.user.login,
            url="/odoo/transport-dashboard",
        )

    def test_dashboard_phone(self):
        self.start_tour_at_width(
            "transport_dashboard_panels_tour",
            self.user.login,
            phone=True,
            url="/odoo/transport-dashboard",
        )
