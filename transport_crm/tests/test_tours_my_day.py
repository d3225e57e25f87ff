from odoo.tests import tagged

from odoo.addons.transport_fleet.tests.common import TransportTourCase

from .common import TransportCrmCase


@tagged("post_install", "-at_install")
class TestMyDayTour(TransportTourCase, TransportCrmCase):
    """A sales manager works "My day" in a real browser, at desktop and at
    phone width: the daily plan gave him a call, he records its result."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls._create_tour_user(
            "tour_my_day",
            "Mia Manager",
            "base.group_user,transport_crm.group_transport_sales",
        )
        cls.env["transport.monitoring.rule"].search([]).active = False
        cls.rule = cls.env["transport.monitoring.rule"].create(
            {"name": "Tour call", "kind": "dormant", "days": 60}
        )
        cls.client.write(
            {"user_id": cls.manager.id, "transport_last_order_date": "2020-01-01"}
        )

    def _check_my_day_tour(self, phone):
        call = self.rule._draw_up_plan()
        self.assertEqual(call.user_id, self.manager)
        self.start_tour_at_width(
            "transport_crm_my_day_tour", self.manager.login, phone=phone
        )
        self.assertFalse(call.active)
        self.assertEqual(call.feedback, "Wants a weekly Paris to Lyon line")
        self.assertEqual(
            self.client.interaction_ids.result, "Wants a weekly Paris to Lyon line"
        )

    def test_my_day_tour_desktop(self):
        self._check_my_day_tour(phone=False)

    def test_my_day_tour_phone(self):
        self._check_my_day_tour(phone=True)
