from odoo.tests import tagged

from odoo.addons.transport_fleet.tests.common import (
    TransportFleetCase,
    TransportTourCase,
)


@tagged("post_install", "-at_install")
class TestRightToLeftTours(TransportTourCase, TransportFleetCase):
    """A dispatcher who works in Persian sees the Transport app mirrored
    right to left, with our Persian menu labels, and nothing sticks out of a
    phone's screen: the trips, a trip and the clients."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"].search(
            [("name", "in", ("transport_fleet", "transport_crm"))]
        )._update_translations("fa_IR")
        cls.dispatcher = cls._create_tour_user(
            "tour_rtl",
            "Dariush Dispatcher",
            "base.group_user,transport_fleet.group_transport_dispatcher,"
            "transport_crm.group_transport_sales",
        )
        cls.dispatcher.lang = "fa_IR"
        cls.trip = cls._create_trip()
        cls.env["res.partner"].create(
            {"name": "Tabriz Freight", "is_company": True, "city": "Tabriz"}
        )

    def test_persian_is_right_to_left_desktop(self):
        self.start_tour_at_width("transport_rtl_tour", self.dispatcher.login)

    def test_persian_is_right_to_left_phone(self):
        self.start_tour_at_width(
            "transport_rtl_tour", self.dispatcher.login, phone=True
        )
