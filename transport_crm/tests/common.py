from datetime import datetime

from odoo.fields import Command
from odoo.tests import TransactionCase

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class TransportCrmCase(TransactionCase):
    """Zones Paris, Lyon and Berlin, a Paris → Lyon lane (465 km, 6 h),
    pick-up and delivery addresses, a client and helpers for tariffs and
    transport orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # Pricelists must be enabled for partners to carry their own tariff.
        cls.env.user.group_ids += cls.env.ref("product.group_product_pricelist")
        cls.company = cls.env.company
        cls.company.transport_tariff_id = False
        cls.currency = cls.company.currency_id
        cls.france = cls.env.ref("base.fr")
        cls.germany = cls.env.ref("base.de")
        Zone = cls.env["transport.zone"]
        # Only the zones below take part in the matching.
        Zone.search([]).active = False
        cls.zone_paris = Zone.create(
            {
                "name": "Paris",
                "code": "T-PAR",
                "country_id": cls.france.id,
                "zip_prefixes": "75, 92",
            }
        )
        cls.zone_lyon = Zone.create(
            {
                "name": "Lyon",
                "code": "T-LYS",
                "country_id": cls.france.id,
                "zip_prefixes": "69",
            }
        )
        cls.zone_germany = Zone.create(
            {"name": "Germany", "code": "T-DE", "country_id": cls.germany.id}
        )
        cls.lane = cls.env["transport.lane"].create(
            {
                "origin_zone_id": cls.zone_paris.id,
                "destination_zone_id": cls.zone_lyon.id,
                "distance": 465.0,
                "duration": 6.0,
            }
        )
        Partner = cls.env["res.partner"]
        cls.client = Partner.create({"name": "Acme Foods", "is_company": True})
        cls.client_2 = Partner.create({"name": "Beta Steel", "is_company": True})
        cls.paris_warehouse = Partner.create(
            {
                "name": "Acme Paris warehouse",
                "parent_id": cls.client.id,
                "type": "delivery",
                "city": "Paris",
                "zip": "75010",
                "country_id": cls.france.id,
            }
        )
        cls.lyon_shop = Partner.create(
            {
                "name": "Lyon shop",
                "city": "Lyon",
                "zip": "69003",
                "country_id": cls.france.id,
            }
        )
        cls.berlin_site = Partner.create(
            {
                "name": "Berlin site",
                "city": "Berlin",
                "zip": "10115",
                "country_id": cls.germany.id,
            }
        )
        cls.product_km = cls.env.ref("transport_crm.product_transport_distance")
        cls.pickup_date = datetime(2026, 6, 15, 8, 0)

    @classmethod
    def _create_tariff(cls, rules, currency=None, name="Tariff"):
        """``rules``: list of (rule_type, rate) or dicts of rule values."""
        commands = []
        for rule in rules:
            vals = (
                rule
                if isinstance(rule, dict)
                else {"rule_type": rule[0], "rate": rule[1]}
            )
            commands.append(Command.create(vals))
        return cls.env["product.pricelist"].create(
            {
                "name": name,
                "currency_id": (currency or cls.currency).id,
                "transport_rule_ids": commands,
            }
        )

    @classmethod
    def _create_order(cls, partner=None, tariff=None, **vals):
        values = {
            "partner_id": (partner or cls.client).id,
            "is_transport": True,
            "pickup_date_from": cls.pickup_date,
            "cargo_description": "Chilled food",
            **vals,
        }
        if tariff:
            values["pricelist_id"] = tariff.id
        return cls.env["sale.order"].create(values)

    def _charges(self, order):
        """{charge type: (quantity, unit price)} of the tariff lines."""
        return {
            line.transport_charge_type: (line.product_uom_qty, line.price_unit)
            for line in order.order_line
            if line.transport_charge_type
        }


class TransportCrmAccountCase(TransportCrmCase, AccountTestInvoicingCommon):
    """The same fixtures in a company with a chart of accounts (post_install),
    with helpers to invoice and get paid."""

    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.quick_ref(
            "transport_fleet.group_transport_manager"
        )

    @classmethod
    def _invoice(cls, orders, invoice_date=None):
        invoices = orders._create_invoices()
        if invoice_date:
            invoices.invoice_date = invoice_date
        invoices.action_post()
        return invoices

    @classmethod
    def _pay(cls, invoices, amount=None, payment_date=None):
        register = cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoices.ids
        )
        vals = {"amount": amount} if amount is not None else {}
        if payment_date:
            vals["payment_date"] = payment_date
        return register.create(vals)._create_payments()
