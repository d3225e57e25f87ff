import logging
import os
import pathlib
import re
import unittest
from base64 import b64decode
from datetime import date, datetime
from unittest.mock import patch

from odoo.tests import HttpCase, TransactionCase, new_test_user
from odoo.tests.common import ChromeBrowser

_logger = logging.getLogger(__name__)

# must match SCREENSHOT_SIGNAL in static/tests/tours/transport_tour_utils.js
SCREENSHOT_SIGNAL = "transport-screenshot:"
REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
PHONE_SIZE = "375x667"
DESKTOP_SIZE = "1366x768"


class TransportFleetCase(TransactionCase):
    """A tractor, a second tractor, a semi-trailer and two drivers, all with
    valid documents until the end of 2027, and helpers to build trips."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        Vehicle = cls.env["fleet.vehicle"]
        Model = cls.env["fleet.vehicle.model"]
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Test Trucks"})
        cls.tractor_model = Model.create(
            {
                "name": "TT 460",
                "brand_id": brand.id,
                "transport_role": "tractor",
                "transport_fuel_norm": 30.0,
            }
        )
        cls.semi_trailer_model = Model.create(
            {
                "name": "ST 13.6",
                "brand_id": brand.id,
                "transport_role": "semi_trailer",
                "transport_payload": 24.0,
                "transport_cargo_volume": 86.0,
            }
        )
        cls.tractor = Vehicle.create(
            {
                "model_id": cls.tractor_model.id,
                "license_plate": "TR-001",
                "fuel_norm_per_tkm": 1.3,
                "fuel_norm_winter_coef": 1.1,
            }
        )
        cls.tractor_2 = Vehicle.create(
            {"model_id": cls.tractor_model.id, "license_plate": "TR-002"}
        )
        cls.trailer = Vehicle.create(
            {"model_id": cls.semi_trailer_model.id, "license_plate": "ST-001"}
        )
        Partner = cls.env["res.partner"]
        cls.driver = Partner.create({"name": "Dana Driver", "is_driver": True})
        cls.driver_2 = Partner.create({"name": "Carl Co-driver", "is_driver": True})

        ref = cls.env.ref
        cls.type_registration = ref("transport_fleet.document_type_registration")
        cls.type_insurance = ref("transport_fleet.document_type_insurance")
        cls.type_inspection = ref("transport_fleet.document_type_inspection")
        cls.type_tachograph = ref("transport_fleet.document_type_tachograph")
        cls.type_licence = ref("transport_fleet.document_type_licence")
        cls.type_medical = ref("transport_fleet.document_type_medical")
        cls.cat_b = ref("transport_fleet.licence_category_b")
        cls.cat_c = ref("transport_fleet.licence_category_c")
        cls.cat_ce = ref("transport_fleet.licence_category_ce")
        # Only the shipped document types take part in the checks.
        cls.env["transport.document.type"].search(
            [("id", "not in", cls._shipped_types().ids)]
        ).active = False

        cls.expiry = date(2027, 12, 31)
        for vehicle in cls.tractor | cls.tractor_2 | cls.trailer:
            cls._give_vehicle_documents(vehicle)
        for driver in cls.driver | cls.driver_2:
            cls._give_driver_documents(driver)

    @classmethod
    def _shipped_types(cls):
        return (
            cls.type_registration
            | cls.type_insurance
            | cls.type_inspection
            | cls.type_tachograph
            | cls.type_licence
            | cls.type_medical
            | cls.env.ref("transport_fleet.document_type_permit")
            | cls.env.ref("transport_fleet.document_type_adr")
        )

    @classmethod
    def _give_vehicle_documents(cls, vehicle, expiry=None):
        Type = cls.env["transport.document.type"]
        types = Type.search(Type._get_mandatory_domain(vehicle))
        return cls.env["transport.document"].create(
            [
                {
                    "name": f"{vehicle.license_plate}-{doc_type.id}",
                    "type_id": doc_type.id,
                    "vehicle_id": vehicle.id,
                    "expiry_date": expiry or cls.expiry,
                }
                for doc_type in types
            ]
        )

    @classmethod
    def _give_driver_documents(cls, driver, expiry=None, categories=None):
        categories = (
            categories if categories is not None else cls.cat_b | cls.cat_c | cls.cat_ce
        )
        return cls.env["transport.document"].create(
            [
                {
                    "name": f"DL-{driver.id}",
                    "type_id": cls.type_licence.id,
                    "partner_id": driver.id,
                    "expiry_date": expiry or cls.expiry,
                    "licence_category_ids": [(6, 0, categories.ids)],
                },
                {
                    "name": f"MC-{driver.id}",
                    "type_id": cls.type_medical.id,
                    "partner_id": driver.id,
                    "expiry_date": expiry or cls.expiry,
                },
            ]
        )

    @classmethod
    def _create_trip(cls, **vals):
        values = {
            "vehicle_id": cls.tractor.id,
            "trailer_ids": [(6, 0, cls.trailer.ids)],
            "driver_id": cls.driver.id,
            "origin": "Lyon",
            "destination": "Milan",
            "distance_planned": 450.0,
            "date_planned_departure": datetime(2026, 6, 1, 6, 0),
            "date_planned_arrival": datetime(2026, 6, 1, 18, 0),
        }
        values.update(vals)
        return cls.env["transport.trip"].create(values)


class TransportTourCase(HttpCase):
    """Runs a tour at desktop and at phone width.

    A tour step built with ``screenshot("name")`` (transport_tour_utils.js)
    pauses the tour while this class saves ``<name>_<desktop|phone>.png``: in
    the directory named by the environment variable ``TOUR_SCREENSHOTS``, or
    in ``<repository>/.local/screenshots`` when it is ``1``. Without the
    variable the tour goes on at once.
    """

    @classmethod
    def _create_tour_user(cls, login, name, groups):
        """A user who meets the web client as a person would, minus OdooBot's
        welcome chat window, which would cover the screen on a phone."""
        user = new_test_user(cls.env, login=login, name=name, groups=groups)
        if "odoobot_state" in user._fields:  # mail_bot is installed
            user.odoobot_state = "disabled"
        return user

    def start_tour_at_width(self, tour_name, login, phone=False, url="/odoo"):
        self.browser_size = PHONE_SIZE if phone else DESKTOP_SIZE
        self.touch_enabled = phone
        suffix = "phone" if phone else "desktop"
        original = ChromeBrowser._handle_console
        test = self

        def handle_console(browser, type, args=None, **kwargs):  # noqa: A002
            if type == "log" and args:
                message = str(browser._from_remoteobject(args[0]))
                if message.startswith(SCREENSHOT_SIGNAL):
                    name = message.removeprefix(SCREENSHOT_SIGNAL)
                    test._capture_screen(browser, f"{name}_{suffix}")
                    return None
            return original(browser, type, args=args, **kwargs)

        with patch.object(ChromeBrowser, "_handle_console", handle_console):
            try:
                # A 2-core CI machine building assets can take more than core's 60 s.
                self.start_tour(url, tour_name, login=login, timeout=180)
            except unittest.SkipTest as skip:
                # Odoo skips a tour silently without Chromium or websocket-client;
                # a browser test that did not run must not pass.
                self.fail(f"Tour {tour_name} could not run: {skip}")

    @staticmethod
    def _screenshot_dir():
        value = os.environ.get("TOUR_SCREENSHOTS")
        if not value:
            return None
        if value == "1":
            return REPO_ROOT / ".local" / "screenshots"
        return pathlib.Path(value)

    def _capture_screen(self, browser, name):
        """Save the page as PNG, then let the tour go on (it waits for us)."""
        assert re.fullmatch(r"[\w-]+", name), name

        def resume(_future=None):
            browser._websocket_send(
                "Runtime.evaluate",
                params={"expression": "window.transportTourScreenshotTaken()"},
            )

        directory = self._screenshot_dir()
        if not directory:
            resume()
            return

        def save(future):
            try:
                directory.mkdir(parents=True, exist_ok=True)
                path = directory / f"{name}.png"
                path.write_bytes(b64decode(future.result(timeout=0)["data"]))
                _logger.info("Tour screenshot saved in %s", path)
            except Exception:
                _logger.exception("Tour screenshot %s could not be saved", name)
            finally:
                resume()

        browser._websocket_send(
            "Page.captureScreenshot", with_future=True
        ).add_done_callback(save)
