import base64
import io
from datetime import timedelta

from PIL import Image, ImageDraw

from odoo import fields
from odoo.tests import tagged

from .common import TransportFleetCase, TransportTourCase


def _picture(background, foreground):
    """A small PNG standing for a photo: a disc on a plain background."""
    image = Image.new("RGB", (128, 128), background)
    ImageDraw.Draw(image).ellipse((24, 24, 104, 104), fill=foreground)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


@tagged("post_install", "-at_install")
class TestTransportTours(TransportTourCase, TransportFleetCase):
    """The dispatcher's day in a real browser, at desktop and at phone width."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dispatcher = cls._create_tour_user(
            "tour_dispatcher",
            "Dora Dispatcher",
            "base.group_user,transport_fleet.group_transport_dispatcher",
        )
        # the browser works in real time: documents valid for a year from today
        today = fields.Date.context_today(cls.dispatcher)
        cls.env["transport.document"].search([]).expiry_date = today + timedelta(
            days=365
        )
        cls.tractor_expired = cls.env["fleet.vehicle"].create(
            {"model_id": cls.tractor_model.id, "license_plate": "TR-EXP"}
        )
        documents = cls._give_vehicle_documents(
            cls.tractor_expired, expiry=today + timedelta(days=365)
        )
        documents.filtered(lambda d: d.type_id == cls.type_insurance).expiry_date = (
            today - timedelta(days=10)
        )

        tomorrow = fields.Datetime.now().replace(
            hour=6, minute=0, second=0, microsecond=0
        ) + timedelta(days=1)
        cls.trip_expired = cls._create_trip(
            vehicle_id=cls.tractor_expired.id,
            trailer_ids=[],
            driver_id=cls.driver_2.id,
            destination="Dijon",
            user_id=cls.dispatcher.id,
            date_planned_departure=tomorrow,
            date_planned_arrival=tomorrow + timedelta(hours=8),
        )
        cls.trip_valid = cls._create_trip(
            destination="Grenoble",
            user_id=cls.dispatcher.id,
            date_planned_departure=tomorrow + timedelta(days=1),
            date_planned_arrival=tomorrow + timedelta(days=1, hours=8),
        )
        # a vehicle shows its brand's logo
        cls.tractor_model.brand_id.image_128 = _picture("#d9e2ec", "#1f4e79")
        cls.driver.image_1920 = _picture("#e3f0e3", "#2e7d32")
        cls.driver_2.image_1920 = _picture("#f3e5f5", "#6a1b9a")

    def _check_dispatcher_tour(self, phone):
        self.start_tour_at_width(
            "transport_fleet_dispatcher_tour", self.dispatcher.login, phone=phone
        )
        self.assertEqual(self.trip_expired.state, "draft")
        self.assertEqual(self.trip_valid.state, "in_progress")
        self.assertTrue(self.trip_valid.date_departure)

    def test_dispatcher_tour_desktop(self):
        self._check_dispatcher_tour(phone=False)

    def test_dispatcher_tour_phone(self):
        self._check_dispatcher_tour(phone=True)

    def test_kanban_pictures_desktop(self):
        self.start_tour_at_width("transport_fleet_kanban_tour", self.dispatcher.login)

    def test_kanban_pictures_phone(self):
        self.start_tour_at_width(
            "transport_fleet_kanban_tour", self.dispatcher.login, phone=True
        )
