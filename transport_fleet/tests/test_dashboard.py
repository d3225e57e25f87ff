from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import TransportFleetCase, TransportTourCase
from .dashboard_common import TransportDashboardMixin

WEEK = [("date", ">=", date(2026, 6, 1)), ("date", "<=", date(2026, 6, 7))]


class TestFleetUtilisation(TransportFleetCase):
    """Week of Monday 1 June 2026: the tractor is on trips on Monday, Tuesday
    and Thursday, its trailer on Monday and Tuesday, the second tractor,
    registered on Wednesday, on Saturday and Sunday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_trip(
            date_planned_departure=datetime(2026, 6, 1, 6, 0),
            date_planned_arrival=datetime(2026, 6, 2, 18, 0),
        )
        for start_hour in (6, 19):  # two trips the same day count once
            cls._create_trip(
                trailer_ids=[],
                date_planned_departure=datetime(2026, 6, 4, start_hour, 0),
                date_planned_arrival=datetime(2026, 6, 4, start_hour + 3, 0),
            )
        cls._create_trip(
            trailer_ids=[],
            date_planned_departure=datetime(2026, 6, 6, 6, 0),
            date_planned_arrival=datetime(2026, 6, 6, 18, 0),
        ).action_cancel()
        cls.tractor_2.acquisition_date = date(2026, 6, 3)
        # planned for Friday, but it left on Saturday and came back on Sunday
        cls._create_trip(
            vehicle_id=cls.tractor_2.id,
            trailer_ids=[],
            driver_id=cls.driver_2.id,
            date_planned_departure=datetime(2026, 6, 5, 6, 0),
            date_planned_arrival=datetime(2026, 6, 5, 18, 0),
        ).write(
            {
                "date_departure": datetime(2026, 6, 6, 8, 0),
                "date_arrival": datetime(2026, 6, 7, 10, 0),
            }
        )
        # weeks are grouped as the user's language says: here from Monday
        cls.env["res.lang"]._activate_lang("en_US").week_start = "1"
        cls.env.flush_all()
        cls.Report = cls.env["transport.fleet.utilisation.report"]

    def _week_totals(self, vehicles):
        [(week, busy, available, utilisation)] = self.Report._read_group(
            WEEK + [("vehicle_id", "in", vehicles.ids)],
            ["date:week"],
            ["busy_days:sum", "available_days:sum", "utilisation:avg"],
        )
        self.assertEqual(week, date(2026, 6, 1))
        return busy, available, utilisation

    def test_vehicle_busy_three_of_seven_days(self):
        busy, available, utilisation = self._week_totals(self.tractor)
        self.assertEqual((busy, available), (3, 7))
        self.assertAlmostEqual(utilisation, 300 / 7)
        self.assertEqual(round(utilisation, 1), 42.9)

    def test_busy_days_of_the_tractor(self):
        rows = self.Report.search(
            WEEK + [("vehicle_id", "=", self.tractor.id), ("busy_days", "=", 1)]
        )
        self.assertEqual(
            rows.mapped("date"),
            [date(2026, 6, 4), date(2026, 6, 2), date(2026, 6, 1)],
            "the cancelled trip of Saturday leaves the tractor idle",
        )

    def test_trailer_is_busy_on_the_days_it_is_towed(self):
        self.assertEqual(self._week_totals(self.trailer)[:2], (2, 7))

    def test_available_from_registration_and_busy_on_actual_days(self):
        busy, available, utilisation = self._week_totals(self.tractor_2)
        self.assertEqual((busy, available), (2, 5))
        self.assertAlmostEqual(utilisation, 40.0)

    def test_fleet_utilisation_of_the_week(self):
        vehicles = self.tractor | self.tractor_2 | self.trailer
        busy, available, utilisation = self._week_totals(vehicles)
        self.assertEqual((busy, available), (7, 19))
        self.assertAlmostEqual(utilisation, 700 / 19)

    def test_written_off_and_archived_vehicles_leave_the_fleet(self):
        self.trailer.write_off_date = date(2026, 6, 4)
        self.env.flush_all()
        self.assertEqual(self._week_totals(self.trailer)[:2], (2, 4))
        self.trailer.active = False
        self.env.flush_all()
        self.assertFalse(
            self.Report.search_count(WEEK + [("vehicle_id", "=", self.trailer.id)])
        )

    def test_dispatcher_reads_only_the_vehicles_of_their_companies(self):
        other_company = self.env["res.company"].create({"name": "Other Haulier"})
        other_tractor = self.env["fleet.vehicle"].create(
            {
                "model_id": self.tractor_model.id,
                "license_plate": "OT-001",
                "company_id": other_company.id,
            }
        )
        self.env.flush_all()
        domain = WEEK + [("vehicle_id", "in", (self.tractor | other_tractor).ids)]
        self.assertEqual(self.Report.search_count(domain), 14)
        dispatcher = new_test_user(
            self.env,
            login="util_dispatcher",
            groups="transport_fleet.group_transport_dispatcher",
        )
        rows = self.Report.with_user(dispatcher).search(domain)
        self.assertEqual(rows.vehicle_id, self.tractor)


@tagged("post_install", "-at_install")
class TestDashboardAccess(TransportDashboardMixin, TransportFleetCase):
    """Everybody who reaches the dashboard opens it without an AccessError:
    panels on reports only dispatchers may read are left out for the others."""

    FLEET_PANELS = {
        "Fleet utilisation per week (%)",
        "Cost per km by vehicle and month",
        "Fuel over-consumption by vehicle, last 3 months (l)",
        "Documents expired or expiring within 30 days",
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env, login="dash_user", groups="transport_fleet.group_transport_user"
        )
        cls.dispatcher = new_test_user(
            cls.env,
            login="dash_dispatcher",
            groups="transport_fleet.group_transport_dispatcher",
        )
        cls.manager = new_test_user(
            cls.env,
            login="dash_manager",
            groups="transport_fleet.group_transport_manager",
        )

    def test_dispatcher_and_manager_see_the_fleet_panels(self):
        for user in self.dispatcher | self.manager:
            panels = self._assert_panels_readable(user)
            self.assertLessEqual(self.FLEET_PANELS, set(panels), user.login)
        panels = self._dashboard_panels(self.dispatcher)
        self.assertEqual(
            panels["Fleet utilisation per week (%)"],
            self.env.ref("transport_fleet.transport_fleet_utilisation_report_action"),
        )

    def test_transport_user_sees_only_the_documents(self):
        panels = self._assert_panels_readable(self.user)
        self.assertIn("Documents expired or expiring within 30 days", panels)
        self.assertFalse(
            self.FLEET_PANELS.intersection(panels)
            - {"Documents expired or expiring within 30 days"},
            "the reports are for dispatchers only",
        )

    def test_each_user_arranges_an_own_copy_of_the_dashboard(self):
        view = self.env.ref("transport_fleet.transport_dashboard_view_form")
        Board = self.env["board.board"]
        custom_id = Board.with_user(self.dispatcher).get_custom_view_id(view.id)
        self.assertEqual(
            Board.with_user(self.dispatcher).get_custom_view_id(view.id),
            custom_id,
            "the copy is made once",
        )
        custom = self.env["ir.ui.view.custom"].browse(custom_id)
        self.assertEqual(custom.user_id, self.dispatcher)
        self.assertNotEqual(
            Board.with_user(self.manager).get_custom_view_id(view.id), custom_id
        )
        result = Board.with_user(self.dispatcher).get_views([(view.id, "form")])
        self.assertEqual(result["views"]["form"]["custom_view_id"], custom_id)
        not_a_board = self.env.ref(
            "transport_fleet.transport_document_view_list_dashboard"
        )
        with self.assertRaisesRegex(UserError, "This view is not a dashboard"):
            Board.with_user(self.dispatcher).get_custom_view_id(not_a_board.id)

    def test_dashboard_is_the_first_menu_of_dispatchers(self):
        root = self.env.ref("transport_fleet.menu_transport_root")
        dashboard = self.env.ref("transport_fleet.menu_transport_dashboard")
        Menu = self.env["ir.ui.menu"]

        def first_menu(user):
            visible = Menu.with_user(user)._visible_menu_ids()
            return Menu.search([("parent_id", "=", root.id), ("id", "in", visible)])[0]

        self.assertEqual(first_menu(self.dispatcher), dashboard)
        self.assertEqual(first_menu(self.manager), dashboard)
        self.assertEqual(
            first_menu(self.user),
            self.env.ref("transport_fleet.menu_transport_operations"),
            "users who are no dispatchers do not see the dashboard",
        )
        self.assertEqual(
            dashboard.action, self.env.ref("transport_fleet.transport_dashboard_action")
        )


@tagged("post_install", "-at_install")
class TestDashboardTour(TransportTourCase, TransportFleetCase):
    """The dashboard renders its panels in a browser, without errors, at
    desktop and at phone width."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dispatcher = cls._create_tour_user(
            "dash_tour_dispatcher",
            "Dina Dashboard",
            "base.group_user,transport_fleet.group_transport_dispatcher",
        )
        # the browser works in real time: trips of this week and last week
        now = fields.Datetime.now().replace(hour=6, minute=0, second=0, microsecond=0)
        for days_ago, distance in ((8, 400.0), (1, 500.0)):
            start = now - timedelta(days=days_ago)
            cls._create_trip(
                date_planned_departure=start,
                date_planned_arrival=start + timedelta(hours=10),
                odometer_start=1000.0 * days_ago,
                odometer_end=1000.0 * days_ago + distance,
                fuel_start=300.0,
                fuel_end=100.0,
                cost_line_ids=[(0, 0, {"cost_type": "toll", "amount": 120.0})],
            )
        today = fields.Date.context_today(cls.dispatcher)
        cls.env["transport.document"].search([]).expiry_date = today + timedelta(
            days=365
        )
        cls.env["transport.document"].search(
            [("vehicle_id", "=", cls.trailer.id)], limit=1
        ).write({"name": "DOC-SOON", "expiry_date": today + timedelta(days=12)})

    def test_dashboard_desktop(self):
        self.start_tour_at_width("transport_dashboard_tour", self.dispatcher.login)
        custom = self.env["ir.ui.view.custom"].search(
            [("user_id", "=", self.dispatcher.id)]
        )
        self.assertEqual(
            custom.ref_id, self.env.ref("transport_fleet.transport_dashboard_view_form")
        )
        self.assertIn('fold="1"', custom.arch, "the folded panel is remembered")

    def test_dashboard_phone(self):
        self.start_tour_at_width(
            "transport_dashboard_tour", self.dispatcher.login, phone=True
        )
