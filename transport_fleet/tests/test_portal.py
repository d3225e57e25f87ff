from odoo.tests import HttpCase, new_test_user, tagged

from .common import TransportFleetCase


@tagged("post_install", "-at_install")
class TestDriverPortal(HttpCase, TransportFleetCase):
    """A driver with a portal account follows their own trips, and only those."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_driver = new_test_user(
            cls.env,
            login="portal-driver",
            groups="base.group_portal",
            partner_id=cls.driver.id,
        )
        cls.own_trip = cls._create_trip(origin="Ghent", destination="Basel")
        cls.other_trip = cls._create_trip(
            driver_id=cls.driver_2.id,
            vehicle_id=cls.tractor_2.id,
            origin="Hamburg",
            destination="Oslo",
        )

    def test_the_driver_lists_only_their_own_trips(self):
        self.authenticate("portal-driver", "portal-driver")
        page = self.url_open("/my/trips").text
        self.assertIn(self.own_trip.name, page)
        self.assertIn("Ghent", page)
        self.assertNotIn(self.other_trip.name, page)

    def test_the_driver_opens_their_route_sheet(self):
        self.authenticate("portal-driver", "portal-driver")
        response = self.url_open(f"/my/trips/{self.own_trip.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Basel", response.text)
        self.assertIn(self.tractor.license_plate, response.text)

    def test_another_driver_s_trip_is_unreachable_by_url(self):
        self.authenticate("portal-driver", "portal-driver")
        response = self.url_open(f"/my/trips/{self.other_trip.id}")
        self.assertTrue(response.url.endswith("/my"), response.url)
        self.assertNotIn("Oslo", response.text)

    def test_the_portal_home_counts_the_driver_s_trips(self):
        self.authenticate("portal-driver", "portal-driver")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["trip_count"]}
        )
        self.assertEqual(counters["trip_count"], 1)
