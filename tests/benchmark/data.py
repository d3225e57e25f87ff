"""The large dataset, built by bulk SQL from a few records made through the ORM.

Each bulk table is a ``generate_series`` clone of one template record created
through the ORM (so every required column, including those other addons add
later, gets a valid value); only the columns that vary are overridden with SQL
expressions of the row number ``g``. Values are deterministic functions of
``g``, so the measured paths can check their results against SQL.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tools import SQL

FULL_SIZES = {
    "clients": 100_000,
    "vehicles": 5_000,
    "documents": 20_000,
    "trips": 50_000,
    "orders": 200_000,
    "waybills": 50_000,
    "priced_orders": 10_000,
    "timeline_orders": 2_000,
    "timeline_interactions": 1_000,
    "batch": 10_000,
    "mailings": 1_000,
    "traces": 1_000_000,
    "campaign": 1_000,
}
LIST_ROWS = 400  # list views are measured at 80 and at this many rows
TARIFFS = 50


def tariff_rate(index):
    """Price per km of tariff number ``index``: exact in two decimals."""
    return 1.0 + index * 0.05


@dataclass
class Dataset:
    sizes: dict
    client_ids: list = field(default_factory=list)
    timeline_client_id: int = 0
    tractor_ids: list = field(default_factory=list)
    trip_ids: list = field(default_factory=list)
    tariff_ids: list = field(default_factory=list)
    priced_order_ids: list = field(default_factory=list)
    core_order_ids: list = field(default_factory=list)
    baseline_pricelist_id: int = 0
    baseline_product_ids: list = field(default_factory=list)
    segment_ids: list = field(default_factory=list)
    campaign_partner_ids: list = field(default_factory=list)
    mailing_ids: list = field(default_factory=list)
    today: object = None


def sizes_for(scale):
    sizes = {key: max(int(full * scale), 1) for key, full in FULL_SIZES.items()}
    for key in ("clients", "documents", "trips", "orders"):
        sizes[key] = max(sizes[key], LIST_ROWS)
    sizes["campaign"] = min(sizes["campaign"], sizes["clients"] // 2)
    return sizes


def clone(env, record, count, **overrides):
    """Insert ``count`` copies of ``record`` with SQL overrides (over ``g``).

    Return the new ids in insertion order.
    """
    columns = [
        name
        for name, fld in record._fields.items()
        if fld.store and fld.column_type and name != "id"
    ]
    values = [
        _as_sql(overrides[name]) if name in overrides else SQL.identifier("t", name)
        for name in columns
    ]
    rows = env.execute_query(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s t, generate_series(1, %s) g "
            "WHERE t.id = %s ORDER BY g RETURNING id",
            SQL.identifier(record._table),
            SQL(", ").join(SQL.identifier(name) for name in columns),
            SQL(", ").join(values),
            SQL.identifier(record._table),
            count,
            record.id,
        )
    )
    return sorted(row[0] for row in rows)


def _as_sql(value):
    return value if isinstance(value, SQL) else SQL("%s", value)


def pick(ids, spread=7919):
    """SQL choosing one of ``ids`` for row ``g``, spread pseudo-randomly."""
    return SQL("(%s::int[])[1 + mod(g::bigint * %s, %s)]", ids, spread, len(ids))


def build(env, scale):
    data = Dataset(sizes=sizes_for(scale), today=fields.Date.context_today(env.user))
    _build_clients(env, data)
    _build_fleet(env, data)
    _build_tariffs(env, data)
    _build_orders(env, data)
    _build_waybills(env, data)
    _build_pricing_baseline(env, data)
    _build_marketing(env, data)
    env.flush_all()
    env.invalidate_all()
    env.cr.execute(SQL("ANALYZE"))
    return data


def _build_clients(env, data):
    template = env["res.partner"].create(
        {"name": "Client", "is_company": True, "email": "client@example.com"}
    )
    ids = clone(
        env,
        template,
        data.sizes["clients"],
        name=SQL("'Client ' || lpad(g::text, 6, '0')"),
        complete_name=SQL("'Client ' || lpad(g::text, 6, '0')"),
        email=SQL("'client' || g || '@example.com'"),
        email_normalized=SQL("'client' || g || '@example.com'"),
        # consents and the marketing facts segment rules filter on
        marketing_email_consent=SQL(
            "CASE WHEN mod(g, 20) = 0 THEN 'opt_out' "
            "WHEN mod(g, 3) = 0 THEN 'opt_in' ELSE 'unknown' END"
        ),
        transport_lifecycle=SQL(
            "CASE WHEN mod(g, 10) = 1 THEN 'prospect' "
            "WHEN mod(g, 10) < 7 THEN 'active' ELSE 'dormant' END"
        ),
        transport_order_count_year=SQL("mod(g, 30)"),
        transport_revenue_year=SQL("mod(g * 7, 10000)"),
    )
    env.execute_query(
        SQL(
            "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)",
            ids,
        )
    )
    data.client_ids = ids
    data.timeline_client_id = ids[0]


def _build_fleet(env, data):
    brand = env["fleet.vehicle.model.brand"].create({"name": "Bench Trucks"})
    tractor_model, trailer_model = env["fleet.vehicle.model"].create(
        [
            {"name": "Tractor", "brand_id": brand.id, "transport_role": "tractor"},
            {"name": "Trailer", "brand_id": brand.id, "transport_role": "semi_trailer"},
        ]
    )
    tractor = env["fleet.vehicle"].create(
        {"model_id": tractor_model.id, "license_plate": "T-0"}
    )
    trailer = env["fleet.vehicle"].create(
        {"model_id": trailer_model.id, "license_plate": "S-0"}
    )
    half = data.sizes["vehicles"] // 2
    plate = SQL("'BT-' || lpad(g::text, 5, '0')")
    data.tractor_ids = clone(env, tractor, half, license_plate=plate, name=plate)
    plate = SQL("'BS-' || lpad(g::text, 5, '0')")
    trailers = clone(env, trailer, data.sizes["vehicles"] - half, license_plate=plate)
    vehicles = data.tractor_ids + trailers
    # Documents: a pseudo-random expiry within two years either side of today.
    # States and alert flags are as yesterday's run left them, so today's
    # watch has the documents that crossed a threshold overnight to handle.
    doc_type = env["transport.document.type"].search(
        [("holder_type", "=", "vehicle")], limit=1
    )
    document = env["transport.document"].create(
        {"name": "D-0", "type_id": doc_type.id, "vehicle_id": tractor.id}
    )
    yesterday = data.today - timedelta(days=1)
    expiry = SQL("%s::date - 730 + mod(g * 37, 1461)", data.today)
    alert = SQL("(%s) - %s", expiry, doc_type.alert_days)
    clone(
        env,
        document,
        data.sizes["documents"],
        name=SQL("'DOC-' || g"),
        vehicle_id=pick(vehicles),
        expiry_date=expiry,
        alert_date=alert,
        state=SQL(
            "CASE WHEN (%s) < %s THEN 'expired' WHEN (%s) <= %s THEN 'expiring' "
            "ELSE 'valid' END",
            expiry,
            yesterday,
            alert,
            yesterday,
        ),
        expiry_alert_sent=SQL("(%s) <= %s", alert, yesterday),
    )
    trip = env["transport.trip"].create(
        {
            "vehicle_id": tractor.id,
            "trailer_ids": [Command.link(trailer.id)],
            "origin": "Depot",
            "destination": "Client",
            "cost_line_ids": [
                Command.create({"cost_type": "fuel", "amount": 100.0}),
                Command.create({"cost_type": "toll", "amount": 20.0}),
            ],
        }
    )
    departure = SQL("now() - interval '1 hour' * mod(g * 53, 17520)")
    trip_ids = clone(
        env,
        trip,
        data.sizes["trips"],
        name=SQL("'TRIP/B/' || lpad(g::text, 6, '0')"),
        vehicle_id=pick(data.tractor_ids),
        state="done",
        distance_planned=SQL("100 + mod(g * 13, 900)"),
        date_planned_departure=departure,
        date_planned_arrival=SQL("(%s) + interval '10 hours'", departure),
        cost_total=SQL("120 + mod(g, 50)"),
    )
    for cost in trip.cost_line_ids:
        clone(
            env,
            cost,
            len(trip_ids),
            trip_id=SQL("(%s::int[])[g]", trip_ids),
            amount=SQL(
                "%s + mod(g, 50) * %s", cost.amount, int(cost.cost_type == "fuel")
            ),
        )
    data.trip_ids = trip_ids


def _build_tariffs(env, data):
    distance_product = env.ref("transport_crm.product_transport_distance")
    tariffs = env["product.pricelist"].create(
        [
            {
                "name": f"Tariff {index:02d}",
                "transport_rule_ids": [
                    Command.create(
                        {"rule_type": "distance", "rate": tariff_rate(index)}
                    )
                ],
            }
            for index in range(TARIFFS)
        ]
    )
    assert tariffs.transport_rule_ids.product_id == distance_product
    data.tariff_ids = tariffs.ids


def _build_orders(env, data):
    sizes = data.sizes
    template = env["sale.order"].create(
        {
            "partner_id": data.client_ids[-1],
            "is_transport": True,
            "pricelist_id": data.tariff_ids[0],
        }
    )
    timeline = sizes["timeline_orders"]
    # Confirmed orders with their profit; the first ones are the timeline
    # client's, the others are spread over all clients.
    client = SQL(
        "CASE WHEN g <= %s THEN %s ELSE (%s) END",
        timeline,
        data.timeline_client_id,
        pick(data.client_ids),
    )
    revenue = SQL("(100 + mod(g * 7, 5000))::numeric")
    cost = SQL("round((%s) * 0.7, 2)", revenue)
    confirmed = clone(
        env,
        template,
        sizes["orders"] - sizes["priced_orders"],
        name=SQL("'TO/B/' || lpad(g::text, 7, '0')"),
        partner_id=client,
        partner_invoice_id=client,
        partner_shipping_id=client,
        state="sale",
        transport_state="delivered",
        date_order=SQL("now() - interval '1 hour' * mod(g * 31, 17520)"),
        amount_untaxed=revenue,
        amount_total=revenue,
        transport_revenue=revenue,
        transport_cost=cost,
        transport_profit=SQL("(%s) - (%s)", revenue, cost),
        distance=SQL("100 + mod(g * 13, 900)"),
    )
    env.execute_query(
        SQL(
            "INSERT INTO transport_trip_sale_order_rel (trip_id, order_id) "
            "SELECT (%s::int[])[1 + mod(o.n, %s)], o.id "
            "FROM unnest(%s::int[]) WITH ORDINALITY o(id, n)",
            data.trip_ids,
            len(data.trip_ids),
            confirmed,
        )
    )
    # Draft orders to price (the distance rule of each order's tariff), and
    # their twins on which core writes the same lines itself.
    client = pick(data.client_ids, 104729)
    data.priced_order_ids, data.core_order_ids = (
        clone(
            env,
            template,
            sizes["priced_orders"],
            name=SQL("%s || lpad(g::text, 7, '0')", prefix),
            partner_id=client,
            partner_invoice_id=client,
            partner_shipping_id=client,
            pricelist_id=SQL("(%s::int[])[1 + mod(g, %s)]", data.tariff_ids, TARIFFS),
            distance=SQL("50 + mod(g * 13, 900)"),
        )
        for prefix in ("TQ/B/", "TC/B/")
    )
    interaction = env["transport.interaction"].create(
        {"partner_id": data.timeline_client_id, "topic": "Call"}
    )
    clone(
        env,
        interaction,
        sizes["timeline_interactions"],
        topic=SQL("'Call ' || g"),
        date=SQL("now() - interval '1 hour' * mod(g * 29, 17520)"),
    )


def _build_waybills(env, data):
    picking_type = env.ref("stock.picking_type_internal")
    template = env["stock.picking"].create(
        {
            "picking_type_id": picking_type.id,
            "location_id": picking_type.default_location_src_id.id,
            "location_dest_id": picking_type.default_location_dest_id.id,
            "transport_trip_id": data.trip_ids[0],
        }
    )
    clone(
        env,
        template,
        data.sizes["waybills"],
        name=SQL("'WB/B/' || lpad(g::text, 6, '0')"),
        state="done",
        transport_trip_id=pick(data.trip_ids),
        date_done=SQL("now() - interval '1 hour' * mod(g * 43, 17520)"),
    )


def _build_pricing_baseline(env, data):
    """One service product per priced order, listed at that order's expected
    freight, and a pricelist whose global rule prices at the list price: core's
    engine then prices the same lines to the same total."""
    template = env["product.product"].create(
        {"name": "Line", "type": "service", "list_price": 1.0}
    )
    count = data.sizes["priced_orders"]
    freight = SQL(
        "(50 + mod(g * 13, 900)) * (1 + mod(g, %s) * %s)",
        TARIFFS,
        tariff_rate(1) - tariff_rate(0),
    )
    templates = clone(
        env,
        template.product_tmpl_id,
        count,
        name=SQL("jsonb_build_object('en_US', 'Line ' || g)"),
        list_price=freight,
    )
    data.baseline_product_ids = clone(
        env, template, count, product_tmpl_id=SQL("(%s::int[])[g]", templates)
    )
    pricelist = env["product.pricelist"].create(
        {
            "name": "Core baseline",
            "item_ids": [
                Command.create(
                    {
                        "applied_on": "3_global",
                        "compute_price": "percentage",
                        "percent_price": 0.0,
                    }
                )
            ],
        }
    )
    data.baseline_pricelist_id = pricelist.id


# Segment rules over the clients' marketing facts: about 90 % and 10 % of them.
SEGMENT_RULES = [
    (
        "Customers",
        [("is_company", "=", True), ("transport_lifecycle", "!=", "prospect")],
    ),
    ("Top revenue", [("transport_revenue_year", ">=", 9000)]),
]


def _build_marketing(env, data):
    """Rule segments over the clients' consents and facts (left empty: their
    refresh is measured), 1,000 sent mailings with their traces, and a
    manual segment of clients who accept email, for the campaign sent."""
    segments = env["transport.segment"].create(
        [
            {"name": name, "kind": "rule", "rule_domain": repr(domain)}
            for name, domain in SEGMENT_RULES
        ]
    )
    data.segment_ids = segments.ids
    accepting = [pid for g, pid in enumerate(data.client_ids, start=1) if g % 20]
    data.campaign_partner_ids = accepting[-data.sizes["campaign"] :]
    env["transport.segment"].create(
        {
            "name": "Campaign",
            "kind": "manual",
            "partner_ids": [Command.set(data.campaign_partner_ids)],
        }
    )
    mailing = env["mailing.mailing"].create(
        {
            "subject": "Bench news",
            "mailing_model_id": env["ir.model"]._get_id("res.partner"),
            "mailing_domain": "[]",
            "body_html": "<p>News</p>",
            "email_from": "bench@example.com",
        }
    )
    count = data.sizes["mailings"]
    sent = SQL("now() - interval '1 day' * (5 + mod(g * 7, 700))")
    data.mailing_ids = clone(
        env,
        mailing,
        count,
        subject=SQL("'Bench news ' || g"),
        state="done",
        sent_date=sent,
    )
    trace = env["mailing.trace"].create(
        {
            "mass_mailing_id": mailing.id,
            "model": "res.partner",
            "res_id": data.client_ids[0],
            "email": "client1@example.com",
            "trace_status": "sent",
        }
    )
    # Traces of mailing number m: its sending date, statuses spread over
    # cancelled, bounced, sent, opened and replied.
    per_mailing = max(data.sizes["traces"] // count, 1)
    index = SQL("(1 + (g - 1) / %s)", per_mailing)
    sent = SQL(
        "now() - interval '1 day' * (5 + mod(%s * 7, 700))"
        " + interval '1 minute' * mod(g, 600)",
        index,
    )
    status = SQL(
        "CASE WHEN mod(g, 20) = 0 THEN 'cancel' WHEN mod(g, 20) = 1 THEN 'bounce' "
        "WHEN mod(g, 20) < 6 THEN 'open' WHEN mod(g, 20) = 6 THEN 'reply' "
        "ELSE 'sent' END"
    )
    client = pick(data.client_ids, 104729)
    clone(
        env,
        trace,
        per_mailing * count,
        mass_mailing_id=SQL("(%s::int[])[%s]", data.mailing_ids, index),
        res_id=client,
        email=SQL("'client' || g || '@example.com'"),
        trace_status=status,
        sent_datetime=SQL("CASE WHEN mod(g, 20) = 0 THEN NULL ELSE %s END", sent),
        open_datetime=SQL(
            "CASE WHEN mod(g, 20) BETWEEN 2 AND 6 THEN (%s) + interval '2 hours' END",
            sent,
        ),
        reply_datetime=SQL(
            "CASE WHEN mod(g, 20) = 6 THEN (%s) + interval '3 hours' END", sent
        ),
        links_click_datetime=SQL(
            "CASE WHEN mod(g, 20) IN (3, 4) THEN (%s) + interval '2 hours' END", sent
        ),
        failure_type=SQL("CASE WHEN mod(g, 20) = 1 THEN 'mail_bounce' END"),
    )
    trace.unlink()
    mailing.unlink()
