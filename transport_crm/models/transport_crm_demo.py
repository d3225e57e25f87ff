import random
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.fields import Command

# zone code: (name, country code, postcode prefixes, sample city, sample zip)
DEMO_ZONES = {
    "PAR": ("Paris", "FR", "75, 92, 93, 94", "Paris", "75012"),
    "LYS": ("Lyon", "FR", "69", "Lyon", "69007"),
    "MRS": ("Marseille", "FR", "13", "Marseille", "13002"),
    "LIL": ("Lille", "FR", "59", "Lille", "59000"),
    "BER": ("Berlin", "DE", "10, 12, 13", "Berlin", "10115"),
    "HAM": ("Hamburg", "DE", "20, 21, 22", "Hamburg", "20095"),
    "MUC": ("Munich", "DE", "80, 81", "München", "80331"),
}
DEMO_DISTANCES = {
    ("PAR", "LYS"): 465, ("PAR", "MRS"): 775, ("PAR", "LIL"): 225,
    ("PAR", "BER"): 1055, ("PAR", "HAM"): 925, ("PAR", "MUC"): 835,
    ("LYS", "MRS"): 315, ("LYS", "LIL"): 690, ("LYS", "MUC"): 730,
    ("LYS", "BER"): 1170, ("LIL", "HAM"): 730, ("LIL", "BER"): 905,
    ("BER", "HAM"): 290, ("BER", "MUC"): 585, ("HAM", "MUC"): 775,
}  # fmt: skip
DEMO_CLIENT_WORDS = (
    ["Alpine", "Baltic", "Central", "Delta", "Euro", "Fresh", "Global", "Harbor"],
    ["Foods", "Steel", "Paper", "Chemicals", "Furniture", "Glass", "Textiles"],
)
DEMO_CARGO = [
    ("Chilled dairy", None, True),
    ("Steel coils", None, False),
    ("Paper reels", None, False),
    ("Paint in drums", "3", False),
    ("Furniture", None, False),
    ("Fertiliser", "5.1", False),
    ("Frozen vegetables", None, True),
    ("Glass panels", None, False),
]


class TransportCrmDemo(models.AbstractModel):
    _name = "transport.crm.demo"
    _description = "Transport CRM demo data generator"

    @api.model
    def _generate(self, client_count=52, order_count=130):
        """Demo data, deterministic: zones and lanes, a default tariff and one
        tariff per client, interactions, orders in every state, trips with
        costs, invoices and payments (when accounting is configured)."""
        rnd = random.Random(42)
        zones = self._demo_zones()
        self._demo_lanes(zones)
        product_default = self._demo_tariff("Standard tariff", rnd, zones)
        self.env.company.transport_tariff_id = product_default
        clients = self._demo_clients(client_count, rnd, zones)
        orders = self._demo_orders(clients, order_count, rnd)
        self._demo_trips(orders, rnd)
        self._demo_invoices(orders, rnd)
        self.env["res.partner"]._transport_update_client_analysis()
        return True

    def _demo_zones(self):
        Zone = self.env["transport.zone"]
        zones = {}
        for code, (name, country, prefixes, _city, _zip) in DEMO_ZONES.items():
            zones[code] = Zone.search([("code", "=", code)], limit=1) or Zone.create(
                {
                    "name": name,
                    "code": code,
                    "country_id": self.env.ref(f"base.{country.lower()}").id,
                    "zip_prefixes": prefixes,
                }
            )
        return zones

    def _demo_lanes(self, zones):
        self.env["transport.lane"].create(
            [
                {
                    "origin_zone_id": zones[a].id,
                    "destination_zone_id": zones[b].id,
                    "distance": km,
                    "duration": round(km / 70.0, 1),
                }
                for (a, b), km in DEMO_DISTANCES.items()
            ]
        )

    def _demo_tariff(self, name, rnd, zones):
        per_km = round(rnd.uniform(1.1, 1.6), 2)
        a, b = rnd.choice(list(DEMO_DISTANCES))
        rules = [
            ("distance", per_km, {}),
            ("pallet", round(rnd.uniform(2, 6), 1), {}),
            ("minimum", rnd.choice([150, 200, 250]), {}),
            ("adr", rnd.choice([10, 15, 20]), {}),
            ("loading", 45, {}),
            ("unloading", 45, {}),
            ("waiting", 35, {"free_quantity": 2}),
            ("extra_stop", 40, {}),
            (
                "lane",
                round(DEMO_DISTANCES[(a, b)] * per_km * 0.9),
                {"origin_zone_id": zones[a].id, "destination_zone_id": zones[b].id},
            ),
        ]
        return self.env["product.pricelist"].create(
            {
                "name": name,
                "transport_rule_ids": [
                    Command.create({"rule_type": kind, "rate": rate, **extra})
                    for kind, rate, extra in rules
                ],
            }
        )

    def _demo_clients(self, count, rnd, zones):
        Partner = self.env["res.partner"]
        codes = list(DEMO_ZONES)
        clients = Partner
        for index in range(count):
            code = codes[index % len(codes)]
            _name, country, _prefixes, city, zip_code = DEMO_ZONES[code]
            first, second = DEMO_CLIENT_WORDS
            name = (
                f"{first[index % len(first)]} {second[index % len(second)]} {index + 1}"
            )
            client = Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "city": city,
                    "zip": zip_code,
                    "country_id": self.env.ref(f"base.{country.lower()}").id,
                    "email": f"logistics{index + 1}@client{index + 1}.example.com",
                    "phone": f"+33 1 40 00 {index:02d} 00",
                }
            )
            client.specific_property_product_pricelist = self._demo_tariff(
                f"Tariff {name}", rnd, zones
            )
            self.env["transport.interaction"].create(
                [
                    {
                        "partner_id": client.id,
                        "kind": rnd.choice(["call_in", "call_out", "meeting", "email"]),
                        "topic": rnd.choice(
                            [
                                "Rates for next quarter",
                                "Complaint: late delivery",
                                "New lane request",
                                "Tender",
                                "Payment terms",
                            ]
                        ),
                        "result": rnd.choice(
                            [
                                "Offer requested",
                                "Solved",
                                "Waiting for volumes",
                                "Agreed",
                            ]
                        ),
                        "date": fields.Datetime.now()
                        - timedelta(days=rnd.randint(1, 300)),
                    }
                    for _i in range(2)
                ]
            )
            clients |= client
        return clients

    def _demo_orders(self, clients, count, rnd):
        sites = {
            code: self.env["res.partner"].create(
                {
                    "name": f"{city} logistics hub",
                    "city": city,
                    "zip": zip_code,
                    "country_id": self.env.ref(f"base.{country.lower()}").id,
                }
            )
            for code, (_n, country, _p, city, zip_code) in DEMO_ZONES.items()
        }
        now = fields.Datetime.now()
        vals_list = []
        for index in range(count):
            origin, destination = rnd.choice(list(DEMO_DISTANCES))
            if rnd.random() < 0.4:
                origin, destination = destination, origin
            cargo, adr, cold = rnd.choice(DEMO_CARGO)
            pickup = datetime.combine(
                (now - timedelta(days=rnd.randint(-20, 330))).date(), time(7, 0)
            )
            vals_list.append(
                {
                    "partner_id": clients[index % len(clients)].id,
                    "is_transport": True,
                    "cargo_description": cargo,
                    "adr_class": adr,
                    "temperature_controlled": cold,
                    "cargo_weight": round(rnd.uniform(1, 22), 1),
                    "cargo_volume": round(rnd.uniform(5, 80)),
                    "cargo_pallets": rnd.randint(1, 33),
                    "pickup_partner_id": sites[origin].id,
                    "delivery_partner_id": sites[destination].id,
                    "pickup_date_from": pickup,
                    "pickup_date_to": pickup + timedelta(hours=4),
                    "delivery_date_from": pickup + timedelta(days=1),
                    "delivery_date_to": pickup + timedelta(days=1, hours=6),
                    "service_loading": rnd.random() < 0.3,
                    "waiting_hours": rnd.choice([0, 0, 0, 3]),
                    "extra_stops": rnd.choice([0, 0, 1]),
                }
            )
        orders = self.env["sale.order"].create(vals_list)
        for index, order in enumerate(orders):
            kind = index % 10
            if kind == 0:
                continue  # draft quotation
            if kind == 1:
                order.state = "sent"
                continue
            if kind == 2:
                order.action_cancel()
                continue
            order.action_confirm()
            order.date_order = order.pickup_date_from - timedelta(days=2)
        orders.transport_price_outdated = False
        return orders

    def _demo_trips(self, orders, rnd):
        Vehicle = self.env["fleet.vehicle"]
        tractors = Vehicle.search([("transport_role", "=", "tractor")], limit=5)
        trailers = Vehicle.search([("is_towed", "=", True)], limit=5)
        if trailers:
            trailers.write({"adr_equipped": True, "temperature_controlled": True})
        tractors.adr_equipped = True
        confirmed = orders.filtered(lambda o: o.state == "sale").sorted(
            "pickup_date_from"
        )
        now = fields.Datetime.now()
        for index in range(0, len(confirmed), 2):
            batch = confirmed[index : index + 2]
            if index % 8 == 6:
                continue  # left to plan
            departure = batch[0].pickup_date_from
            done = departure + timedelta(days=3) < now
            trip = self.env["transport.trip"].create(
                {
                    "vehicle_id": tractors and tractors[index % len(tractors)].id,
                    "trailer_ids": trailers
                    and [Command.set(trailers[index % len(trailers)].ids)],
                    "date_planned_departure": departure,
                    "date_planned_arrival": departure + timedelta(days=1),
                    "origin": batch[0].pickup_partner_id.city,
                    "destination": batch[-1].delivery_partner_id.city,
                    "distance_planned": max(batch.mapped("distance")),
                    "cargo_weight": sum(batch.mapped("cargo_weight")),
                    "transport_order_ids": [Command.set(batch.ids)],
                    "cost_line_ids": [
                        Command.create(
                            {
                                "cost_type": cost_type,
                                "amount": round(
                                    max(batch.mapped("distance")) * share, 2
                                ),
                                "date": departure.date(),
                            }
                        )
                        for cost_type, share in (
                            ("fuel", 0.45),
                            ("toll", 0.12),
                            ("per_diem", 0.05),
                        )
                    ]
                    if done
                    else [],
                }
            )
            if done:
                trip.write(
                    {
                        "state": "done",
                        "date_departure": departure,
                        "date_arrival": departure + timedelta(hours=rnd.randint(8, 30)),
                    }
                )
                for order in batch:
                    order.write(
                        {
                            "date_pickup_actual": departure,
                            "date_delivery_actual": trip.date_arrival,
                        }
                    )
            elif departure < now:
                trip.write({"state": "in_progress", "date_departure": departure})
            else:
                trip.state = "planned"

    def _demo_invoices(self, orders, rnd):
        if not self.env["account.journal"].search_count(
            [("type", "=", "sale"), ("company_id", "=", self.env.company.id)], limit=1
        ):
            return
        delivered = orders.filtered("date_delivery_actual")
        for order in delivered:
            invoice = order._create_invoices()
            invoice.invoice_date = order.date_delivery_actual.date()
            invoice.action_post()
            if rnd.random() < 0.7:
                self.env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=invoice.ids
                ).create(
                    {
                        "payment_date": invoice.invoice_date
                        + timedelta(days=rnd.randint(5, 40))
                    }
                )._create_payments()
