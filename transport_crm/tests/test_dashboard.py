from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.transport_fleet.tests.common import TransportTourCase
from odoo.addons.transport_fleet.tests.dashboard_common import TransportDashboardMixin

ORDERS_PANEL = "Confirmed transport orders per week, last 12 weeks"
MAILING_PANEL = "Mailing responses per month"
PERFORMANCE_PANEL = "Managers' performance this month"
URL = "/odoo/transport-dashboard"


@tagged("post_install", "-at_install")
class TestCrmDashboard(TransportDashboardMixin, TransactionCase):
    """transport_crm adds the transport orders and the mailing results to the
    Transport dashboard, for those with sales or marketing rights only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dispatcher = new_test_user(
            cls.env,
            login="dash_crm_dispatcher",
            groups="transport_fleet.group_transport_dispatcher",
        )
        cls.sales = new_test_user(
            cls.env,
            login="dash_crm_sales",
            groups="transport_crm.group_transport_sales",
        )
        cls.marketer = new_test_user(
            cls.env,
            login="dash_crm_marketer",
            groups="transport_fleet.group_transport_user,"
            "mass_mailing.group_mass_mailing_user",
        )
        cls.dashboard_menu = cls.env.ref("transport_fleet.menu_transport_dashboard")

    def _sees_dashboard_menu(self, user):
        return (
            self.dashboard_menu.id
            in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        )

    def test_dispatcher_without_sales_rights_opens_the_dashboard(self):
        self.assertFalse(self.dispatcher.has_group("sales_team.group_sale_salesman"))
        self.assertFalse(
            self.env["transport.mailing.result.report"]
            .with_user(self.dispatcher)
            .has_access("read")
        )
        panels = self._assert_panels_readable(self.dispatcher)
        self.assertNotIn(ORDERS_PANEL, panels)
        self.assertNotIn(MAILING_PANEL, panels)
        self.assertNotIn(PERFORMANCE_PANEL, panels)
        self.assertIn("Fleet utilisation per week (%)", panels)

    def test_sales_manager_finds_orders_and_mailing_results(self):
        self.assertTrue(self._sees_dashboard_menu(self.sales))
        panels = self._assert_panels_readable(self.sales)
        self.assertEqual(
            panels[ORDERS_PANEL], self.env.ref("transport_crm.action_transport_order")
        )
        self.assertEqual(
            panels[MAILING_PANEL],
            self.env.ref("transport_crm.action_transport_mailing_result_report"),
        )
        self.assertEqual(
            panels[PERFORMANCE_PANEL],
            self.env.ref("transport_crm.action_transport_manager_performance_report"),
        )
        self.assertNotIn(
            "Fleet utilisation per week (%)",
            panels,
            "the fleet reports stay with the dispatchers",
        )

    def test_marketing_user_finds_only_the_mailing_results(self):
        panels = self._assert_panels_readable(self.marketer)
        self.assertIn(MAILING_PANEL, panels)
        self.assertNotIn(ORDERS_PANEL, panels)
        self.assertNotIn(PERFORMANCE_PANEL, panels)


@tagged("post_install", "-at_install")
class TestCrmDashboardTour(TransportTourCase):
    """A sales manager who is also a dispatcher gets the fleet and the sales
    panels rendered in a browser, at desktop and at phone width."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls._create_tour_user(
            "dash_crm_tour",
            "Sam Sales",
            "transport_fleet.group_transport_dispatcher,"
            "transport_crm.group_transport_sales",
        )

    def test_dashboard_desktop(self):
        self.start_tour_at_width(
            "transport_dashboard_panels_tour", self.user.login, url=URL
        )

    def test_dashboard_phone(self):
        self.start_tour_at_width(
            "transport_dashboard_panels_tour", self.user.login, phone=True, url=URL
        )
