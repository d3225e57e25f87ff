import base64

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import TransportCrmCase


@tagged("post_install", "-at_install")
class TestPortal(HttpCase, TransportCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tariff = cls._create_tariff([("distance", 1.0)])
        cls.portal_a = new_test_user(
            cls.env, login="portal_acme", groups="base.group_portal"
        )
        cls.portal_b = new_test_user(
            cls.env, login="portal_beta", groups="base.group_portal"
        )
        cls.portal_a.partner_id.parent_id = cls.client
        cls.portal_b.partner_id.parent_id = cls.client_2
        cls.order_a = cls._create_order(
            tariff=cls.tariff, distance=120.0, cargo_description="Frozen peas"
        )
        cls.order_b = cls._create_order(
            partner=cls.client_2,
            tariff=cls.tariff,
            distance=80.0,
            cargo_description="Steel coils",
        )
        (cls.order_a | cls.order_b).action_confirm()
        note = cls.env["ir.attachment"].create(
            {
                "name": "signed.pdf",
                "datas": base64.b64encode(b"%PDF signed A"),
                "res_model": "sale.order",
                "res_id": cls.order_a.id,
            }
        )
        cls.order_a.signed_note_id = note

    def test_portal_user_sees_only_own_transport_orders(self):
        self.authenticate("portal_beta", "portal_beta")
        response = self.url_open("/my/transport")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.order_b.name, response.text)
        self.assertNotIn(self.order_a.name, response.text)
        self.assertNotIn("Frozen peas", response.text)

    def test_other_clients_order_is_unreachable_by_url(self):
        self.authenticate("portal_beta", "portal_beta")
        response = self.url_open(f"/my/orders/{self.order_a.id}")
        self.assertTrue(response.url.endswith("/my"), "Redirected away")
        self.assertNotIn("Frozen peas", response.text)
        response = self.url_open(f"/my/transport/{self.order_a.id}/note")
        self.assertTrue(response.url.endswith("/my"))
        self.assertNotIn(b"%PDF signed A", response.content)

    def test_own_order_page_shows_transport_and_documents(self):
        self.authenticate("portal_acme", "portal_acme")
        response = self.url_open(f"/my/orders/{self.order_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn('id="transport"', response.text)
        self.assertIn("Frozen peas", response.text)
        response = self.url_open(
            f"/my/transport/{self.order_a.id}/note?access_token={self.order_a._portal_ensure_token()}"
        )
        self.assertEqual(response.content, b"%PDF signed A")

    def test_record_rules_isolate_clients(self):
        Order = self.env["sale.order"].with_user(self.portal_b)
        self.assertEqual(Order.search([("is_transport", "=", True)]), self.order_b)
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.portal_b).check_access("read")
