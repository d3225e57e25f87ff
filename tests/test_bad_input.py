"""Bad input is refused with a clear error and changes nothing.

For every user-facing model and wizard of the three addons, the values a user
could type wrongly (negative, zero, reversed dates, out of range, wrong
category, missing data, malformed barcode, code or markup in free text) are
sent over JSON-RPC as the role that would type them. Each refusal must be a
ValidationError or UserError with a readable message (in German too for a
German user), and the database must be as before: no record created, the
edited record unchanged. Segment rules cannot run code nor filter on what
their author cannot read; names typed with HTML are escaped in the printed
documents and the portal.
"""

import datetime
import http.cookiejar
import itertools
import json
import os
import urllib.request
import uuid

import pytest
from odoo_rpc import RpcError

VALIDATION = "odoo.exceptions.ValidationError"
USER_ERROR = "odoo.exceptions.UserError"
XSS = "<img src=x onerror=alert(1)>"
XSS_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"
_unique = itertools.count(1)
_run = uuid.uuid4().hex[:8]


def _day(offset):
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


def _moment(hours):
    moment = datetime.datetime.now() + datetime.timedelta(hours=hours)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _one(client, model, vals, **kwargs):
    [record_id] = client.execute(model, "create", [vals], **kwargs)
    return record_id


def _count(admin, model):
    return admin.execute(model, "search_count", [], context={"active_test": False})


def _read(admin, model, record_id, fields):
    [values] = admin.execute(
        model, "read", [record_id], fields, context={"active_test": False}
    )
    return values


def _refuse(client, model, method, args, error, match, **kwargs):
    """Call and expect a refusal of class ``error`` whose message holds ``match``."""
    with pytest.raises(RpcError) as refused:
        client.execute(model, method, *args, **kwargs)
    message = str(refused.value)
    assert refused.value.name == error, (refused.value.name, message)
    assert match in message, message
    return message


# ----------------------------------------------------------------------------
# Fixtures: one set of records and role users for the whole module
# ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(admin):
    def user(*xmlids):
        login = f"bad-input-{_run}-{next(_unique)}"
        admin.execute(
            "res.users",
            "create",
            [
                {
                    "name": login,
                    "login": login,
                    "password": login,
                    "group_ids": [(6, 0, [admin.ref(x) for x in xmlids])],
                }
            ],
        )
        return admin.as_user(login, login)

    w = {
        "fleet_manager": user("transport_fleet.group_transport_manager"),
        "dispatcher": user("transport_fleet.group_transport_dispatcher"),
        "sales": user("transport_crm.group_transport_sales"),
        "storekeeper": user(
            "transport_stock.group_transport_storekeeper",
            "transport_fleet.group_transport_dispatcher",
        ),
    }
    brand = _one(admin, "fleet.vehicle.model.brand", {"name": "Bad Input Trucks"})
    model = _one(admin, "fleet.vehicle.model", {"name": "BI 1", "brand_id": brand})
    w["vehicle_model"] = model

    def vehicle(role, **vals):
        plate = f"BI-{_run}-{next(_unique)}"
        values = {"model_id": model, "license_plate": plate, "transport_role": role}
        return _one(admin, "fleet.vehicle", dict(values, **vals))

    w["tractor"] = vehicle("tractor", payload=10.0, cargo_volume=50.0, fuel_norm=30.0)
    w["trailer"] = vehicle("semi_trailer", payload=20.0, cargo_volume=80.0)
    w["driver"] = _one(admin, "res.partner", {"name": "Dora Driver", "is_driver": True})
    w["driver_2"] = _one(
        admin, "res.partner", {"name": "Dan Driver", "is_driver": True}
    )
    w["clerk"] = _one(admin, "res.partner", {"name": "Carl Clerk"})
    w["client"] = _one(
        admin, "res.partner", {"name": "Bad Input Ltd", "is_company": True}
    )
    w["trip"] = _one(
        admin,
        "transport.trip",
        {
            "vehicle_id": w["tractor"],
            "driver_id": w["driver"],
            "origin": "Antwerp",
            "destination": "Lyon",
            "date_planned_departure": _moment(24),
            "date_planned_arrival": _moment(40),
        },
    )
    w["registration"] = admin.ref("transport_fleet.document_type_registration")
    w["licence"] = admin.ref("transport_fleet.document_type_licence")
    w["document_type"] = _one(
        admin, "transport.document.type", {"name": "Bad input permit"}
    )
    w["zone_a"] = _one(admin, "transport.zone", {"name": f"BI zone A {_run}"})
    w["zone_b"] = _one(admin, "transport.zone", {"name": f"BI zone B {_run}"})
    w["lane"] = _one(
        admin,
        "transport.lane",
        {
            "origin_zone_id": w["zone_a"],
            "destination_zone_id": w["zone_b"],
            "distance": 300,
        },
    )
    w["tariff"] = _one(admin, "product.pricelist", {"name": f"BI tariff {_run}"})
    w["tariff_rule"] = _one(
        admin,
        "transport.tariff.rule",
        {"pricelist_id": w["tariff"], "rule_type": "distance", "rate": 1.5},
    )
    w["segment"] = _one(
        admin,
        "transport.segment",
        {
            "name": "BI segment",
            "kind": "rule",
            "rule_domain": "[('is_company', '=', True)]",
        },
    )
    w["template"] = _one(
        admin,
        "transport.mailing.template",
        {"name": "BI template", "subject": "Hello", "body_html": "<p>Hello</p>"},
    )
    w["monitoring_rule"] = _one(
        admin, "transport.monitoring.rule", {"name": "BI dormant", "days": 60}
    )
    w["employee"] = _one(admin, "hr.employee", {"name": "Bad Input Employee"})
    w["rate_table"] = _one(
        admin,
        "transport.pay.rate.table",
        {
            "name": "BI personal table",
            "employee_id": w["employee"],
            "date_from": _day(-60),
            "rate_ids": [(0, 0, {"basis": "km", "rate": 0.2})],
        },
    )
    [w["rate"]] = _read(
        admin, "transport.pay.rate.table", w["rate_table"], ["rate_ids"]
    )["rate_ids"]
    w["statement"] = _one(
        admin,
        "transport.pay.statement",
        {"employee_id": w["employee"], "date_from": _day(-30), "date_to": _day(-1)},
    )
    fuel_category = _one(
        admin, "product.category", {"name": "BI fuel", "transport_kind": "fuel"}
    )
    part_category = _one(
        admin, "product.category", {"name": "BI parts", "transport_kind": "part"}
    )
    w["fuel"] = _one(
        admin,
        "product.product",
        {"name": "BI Diesel", "categ_id": fuel_category, "is_storable": True},
    )
    w["part"] = _one(
        admin,
        "product.product",
        {
            "name": "BI Oil filter",
            "categ_id": part_category,
            "is_storable": True,
            "barcode": f"BI{_run}",
        },
    )
    # a salesperson reads only their own orders: they enter them
    w["order"] = _one(
        w["sales"],
        "sale.order",
        {
            "partner_id": w["client"],
            "is_transport": True,
            "cargo_weight": 2.0,
            "cargo_description": "Pallets of paper",
        },
    )
    service = admin.ref("transport_crm.product_transport_distance")
    w["confirmed_order"] = _one(
        w["sales"],
        "sale.order",
        {
            "partner_id": w["client"],
            "is_transport": True,
            "cargo_weight": 50.0,
            "pickup_date_from": _moment(24),
            "order_line": [
                (0, 0, {"product_id": service, "product_uom_qty": 1, "price_unit": 900})
            ],
        },
    )
    admin.execute("sale.order", "action_confirm", [w["confirmed_order"]])
    return w


# ----------------------------------------------------------------------------
# Creations refused: (id, role, model, values, error, message)
# ----------------------------------------------------------------------------

CREATE_CASES = [
    # vehicles' transport fields
    (
        "vehicle-negative-payload",
        "fleet_manager",
        "fleet.vehicle",
        lambda w: {
            "model_id": w["vehicle_model"],
            "transport_role": "tractor",
            "payload": -5.0,
        },
        VALIDATION,
        "cannot be negative",
    ),
    (
        "vehicle-negative-winter-coefficient",
        "fleet_manager",
        "fleet.vehicle",
        lambda w: {
            "model_id": w["vehicle_model"],
            "transport_role": "truck",
            "fuel_norm_winter_coef": -1.1,
        },
        VALIDATION,
        "cannot be negative",
    ),
    (
        "vehicle-negative-fuel-norm",
        "fleet_manager",
        "fleet.vehicle",
        lambda w: {
            "model_id": w["vehicle_model"],
            "transport_role": "truck",
            "fuel_norm": -30.0,
        },
        VALIDATION,
        "cannot be negative",
    ),
    (
        "vehicle-built-in-the-future",
        "fleet_manager",
        "fleet.vehicle",
        lambda w: {
            "model_id": w["vehicle_model"],
            "transport_role": "van",
            "year_of_manufacture": 3024,
        },
        VALIDATION,
        "year of manufacture must be between 1900",
    ),
    # trips: wrong category, reversed dates, negative and impossible figures
    (
        "trip-trailer-as-tractor",
        "dispatcher",
        "transport.trip",
        lambda w: {"vehicle_id": w["trailer"], "driver_id": w["driver"]},
        VALIDATION,
        "is a towed unit: choose it as a trailer",
    ),
    (
        "trip-tractor-as-trailer",
        "dispatcher",
        "transport.trip",
        lambda w: {"vehicle_id": w["tractor"], "trailer_ids": [(6, 0, [w["tractor"]])]},
        VALIDATION,
        "Only trailers and semi-trailers can be towed",
    ),
    (
        "trip-non-driver-as-driver",
        "dispatcher",
        "transport.trip",
        lambda w: {"vehicle_id": w["tractor"], "driver_id": w["clerk"]},
        VALIDATION,
        "Carl Clerk is not a driver",
    ),
    (
        "trip-non-driver-as-co-driver",
        "dispatcher",
        "transport.trip",
        lambda w: {"driver_id": w["driver"], "co_driver_id": w["clerk"]},
        VALIDATION,
        "Carl Clerk is not a driver",
    ),
    (
        "trip-driver-as-own-co-driver",
        "dispatcher",
        "transport.trip",
        lambda w: {"driver_id": w["driver"], "co_driver_id": w["driver"]},
        VALIDATION,
        "co-driver must be another person",
    ),
    (
        "trip-arrival-before-departure",
        "dispatcher",
        "transport.trip",
        lambda w: {
            "date_planned_departure": _moment(30),
            "date_planned_arrival": _moment(2),
        },
        VALIDATION,
        "the arrival cannot be before the departure",
    ),
    (
        "trip-negative-distance",
        "dispatcher",
        "transport.trip",
        lambda w: {"distance_planned": -100.0},
        VALIDATION,
        "cannot be negative",
    ),
    (
        "trip-negative-cargo",
        "dispatcher",
        "transport.trip",
        lambda w: {"cargo_weight": -1.0},
        VALIDATION,
        "cannot be negative",
    ),
    (
        "trip-negative-odometer",
        "dispatcher",
        "transport.trip",
        lambda w: {"odometer_start": -5.0},
        VALIDATION,
        "An odometer reading cannot be negative",
    ),
    (
        "trip-odometer-backwards",
        "dispatcher",
        "transport.trip",
        lambda w: {"odometer_start": 1000.0, "odometer_end": 900.0},
        VALIDATION,
        "cannot be lower than the odometer out",
    ),
    (
        "trip-negative-fuel",
        "dispatcher",
        "transport.trip",
        lambda w: {"fuel_start": -20.0},
        VALIDATION,
        "fuel quantities cannot be negative",
    ),
    (
        "trip-more-fuel-back-than-taken",
        "dispatcher",
        "transport.trip",
        lambda w: {"fuel_start": 100.0, "fuel_end": 400.0},
        VALIDATION,
        "cannot exceed the fuel at departure",
    ),
    # trip costs and stops
    (
        "trip-cost-negative-amount",
        "dispatcher",
        "transport.trip.cost",
        lambda w: {"trip_id": w["trip"], "cost_type": "toll", "amount": -50.0},
        VALIDATION,
        "cannot have a negative amount",
    ),
    (
        "trip-cost-negative-litres",
        "dispatcher",
        "transport.trip.cost",
        lambda w: {
            "trip_id": w["trip"],
            "cost_type": "fuel",
            "amount": 10.0,
            "quantity": -40.0,
        },
        VALIDATION,
        "cannot have a negative amount or quantity",
    ),
    (
        "trip-stop-left-before-reached",
        "dispatcher",
        "transport.trip.stop",
        lambda w: {
            "trip_id": w["trip"],
            "date_arrival": _moment(5),
            "date_departure": _moment(3),
        },
        VALIDATION,
        "cannot be left before it is reached",
    ),
    # documents and their types
    (
        "document-expires-before-issued",
        "fleet_manager",
        "transport.document",
        lambda w: {
            "name": "REG-1",
            "type_id": w["registration"],
            "vehicle_id": w["tractor"],
            "issue_date": _day(10),
            "expiry_date": _day(-10),
        },
        VALIDATION,
        "cannot expire before it is issued",
    ),
    (
        "document-without-holder",
        "fleet_manager",
        "transport.document",
        lambda w: {"name": "REG-2", "type_id": w["registration"]},
        VALIDATION,
        "belongs to exactly one vehicle",
    ),
    (
        "document-two-holders",
        "fleet_manager",
        "transport.document",
        lambda w: {
            "name": "REG-3",
            "type_id": w["registration"],
            "vehicle_id": w["tractor"],
            "partner_id": w["driver"],
        },
        VALIDATION,
        "belongs to exactly one vehicle",
    ),
    (
        "licence-on-a-vehicle",
        "fleet_manager",
        "transport.document",
        lambda w: {"name": "DL-1", "type_id": w["licence"], "vehicle_id": w["tractor"]},
        VALIDATION,
        "belongs to exactly one driver",
    ),
    (
        "licence-of-a-non-driver",
        "fleet_manager",
        "transport.document",
        lambda w: {"name": "DL-2", "type_id": w["licence"], "partner_id": w["clerk"]},
        VALIDATION,
        "Carl Clerk is not a driver",
    ),
    (
        "document-type-alert-in-thousands-of-years",
        "fleet_manager",
        "transport.document.type",
        lambda w: {"name": "Permit", "alert_days": 10**9},
        VALIDATION,
        "alert lead time must be between 0 and 3650 days",
    ),
    (
        "driver-licensed-in-the-future",
        "fleet_manager",
        "res.partner",
        lambda w: {
            "name": "Future Driver",
            "is_driver": True,
            "driver_licence_first_date": _day(400),
        },
        VALIDATION,
        "first licence date cannot be in the future",
    ),
    # transport orders (sale.order fields)
    (
        "order-negative-weight",
        "sales",
        "sale.order",
        lambda w: {
            "partner_id": w["client"],
            "is_transport": True,
            "cargo_weight": -2.0,
        },
        VALIDATION,
        "cannot be negative",
    ),
    (
        "order-negative-pallets",
        "sales",
        "sale.order",
        lambda w: {
            "partner_id": w["client"],
            "is_transport": True,
            "cargo_pallets": -33,
        },
        VALIDATION,
        "Pallets cannot be negative",
    ),
    (
        "order-negative-waiting",
        "sales",
        "sale.order",
        lambda w: {
            "partner_id": w["client"],
            "is_transport": True,
            "waiting_hours": -3.0,
        },
        VALIDATION,
        "cannot be negative",
    ),
    (
        "order-negative-distance",
        "sales",
        "sale.order",
        lambda w: {"partner_id": w["client"], "is_transport": True, "distance": -900.0},
        VALIDATION,
        "cannot be negative",
    ),
    (
        "order-pickup-window-reversed",
        "sales",
        "sale.order",
        lambda w: {
            "partner_id": w["client"],
            "is_transport": True,
            "pickup_date_from": _moment(30),
            "pickup_date_to": _moment(20),
        },
        VALIDATION,
        "a time window cannot end before it starts",
    ),
    (
        "order-delivery-before-pickup",
        "sales",
        "sale.order",
        lambda w: {
            "partner_id": w["client"],
            "is_transport": True,
            "pickup_date_from": _moment(48),
            "delivery_date_to": _moment(24),
        },
        VALIDATION,
        "the delivery cannot end before the pick-up",
    ),
    (
        "order-malformed-un-number",
        "sales",
        "sale.order",
        lambda w: {
            "partner_id": w["client"],
            "is_transport": True,
            "adr_class": "3",
            "adr_un_number": "12O3",
        },
        VALIDATION,
        "a UN number has four digits",
    ),
    # tariffs, lanes, zones
    (
        "tariff-adr-surcharge-over-100",
        "sales",
        "transport.tariff.rule",
        lambda w: {"pricelist_id": w["tariff"], "rule_type": "adr", "rate": 250.0},
        VALIDATION,
        "at most 100 %",
    ),
    (
        "tariff-rule-ends-before-start",
        "sales",
        "transport.tariff.rule",
        lambda w: {
            "pricelist_id": w["tariff"],
            "rule_type": "weight",
            "rate": 3.0,
            "date_start": _day(30),
            "date_end": _day(1),
        },
        VALIDATION,
        "ends before it starts",
    ),
    (
        "tariff-lane-rate-without-zones",
        "sales",
        "transport.tariff.rule",
        lambda w: {"pricelist_id": w["tariff"], "rule_type": "lane", "rate": 700.0},
        VALIDATION,
        "needs both a from zone and a to zone",
    ),
    # marketing: segments, templates, mailing and daily plan rules
    (
        "segment-period-of-a-million-years",
        "sales",
        "transport.segment",
        lambda w: {"name": "Forever", "fact_days": 365 * 10**6},
        VALIDATION,
        "must be between 1 and 36500 days",
    ),
    (
        "sms-template-without-text",
        "sales",
        "transport.mailing.template",
        lambda w: {"name": "Empty SMS", "mailing_type": "sms", "body_plaintext": "  "},
        VALIDATION,
        "needs its text",
    ),
    (
        "mailing-rule-every-zero-months",
        "sales",
        "transport.mailing.rule",
        lambda w: {
            "name": "Never",
            "template_id": w["template"],
            "segment_ids": [(6, 0, [w["segment"]])],
            "interval_number": 0,
        },
        VALIDATION,
        "The interval must be positive",
    ),
    (
        "mailing-rule-negative-gap",
        "sales",
        "transport.mailing.rule",
        lambda w: {
            "name": "Spam",
            "template_id": w["template"],
            "segment_ids": [(6, 0, [w["segment"]])],
            "min_gap_days": -7,
        },
        VALIDATION,
        "cannot be negative",
    ),
    (
        "daily-plan-rule-days-overflow",
        "sales",
        "transport.monitoring.rule",
        lambda w: {"name": "Ancient", "days": 10**9},
        VALIDATION,
        "the days must be between 0 and 3650",
    ),
    # interactions and consents
    (
        "interaction-with-another-clients-contact",
        "sales",
        "transport.interaction",
        lambda w: {
            "partner_id": w["client"],
            "contact_id": w["clerk"],
            "topic": "Offer follow-up",
        },
        VALIDATION,
        "Carl Clerk is not a contact of Bad Input Ltd",
    ),
    (
        "blocklist-malformed-email",
        "sales",
        "mail.blacklist",
        lambda w: {"email": "anna at bad-input dot example"},
        USER_ERROR,
        "Invalid email address",
    ),
    (
        "blocklist-malformed-phone",
        "sales",
        "phone.blacklist",
        lambda w: {"number": "call me maybe"},
        USER_ERROR,
        "Please correct the number and try again",
    ),
    # rate tables and pay statements
    (
        "rate-table-for-nobody",
        "fleet_manager",
        "transport.pay.rate.table",
        lambda w: {"name": "Orphan table", "date_from": _day(-5)},
        VALIDATION,
        "either to one employee or to a role",
    ),
    (
        "rate-table-for-employee-and-role",
        "fleet_manager",
        "transport.pay.rate.table",
        lambda w: {"name": "Both", "employee_id": w["employee"], "role": "driver"},
        VALIDATION,
        "either to one employee or to a role",
    ),
    (
        "profit-share-over-100",
        "fleet_manager",
        "transport.pay.rate",
        lambda w: {"table_id": w["rate_table"], "basis": "profit", "rate": 150.0},
        VALIDATION,
        "cannot exceed 100 %",
    ),
    (
        "two-rates-for-one-basis",
        "fleet_manager",
        "transport.pay.rate",
        lambda w: {"table_id": w["rate_table"], "basis": "km", "rate": 0.3},
        VALIDATION,
        "has two rates for",
    ),
    (
        "pay-statement-overlapping",
        "fleet_manager",
        "transport.pay.statement",
        lambda w: {
            "employee_id": w["employee"],
            "date_from": _day(-10),
            "date_to": _day(5),
        },
        VALIDATION,
        "periods cannot overlap",
    ),
    # wizards checked when created
    (
        "report-wizard-zero-days",
        "fleet_manager",
        "transport.report.wizard",
        lambda w: {"report_type": "idle", "days": 0},
        USER_ERROR,
        "The number of days must be positive",
    ),
    (
        "report-wizard-days-overflow",
        "fleet_manager",
        "transport.report.wizard",
        lambda w: {"report_type": "documents", "days": 10**9},
        USER_ERROR,
        "cannot exceed 36500",
    ),
    (
        "summary-wizard-reversed-period",
        "sales",
        "transport.manager.summary.wizard",
        lambda w: {"date_from": _day(0), "date_to": _day(-31)},
        VALIDATION,
        "The period must end after it starts",
    ),
    (
        "pay-generation-reversed-period",
        "fleet_manager",
        "transport.pay.statement.generate",
        lambda w: {"date_from": _day(0), "date_to": _day(-31)},
        VALIDATION,
        "The period cannot end before it starts",
    ),
]


@pytest.mark.parametrize(
    "role, model, values, error, match",
    [case[1:] for case in CREATE_CASES],
    ids=[case[0] for case in CREATE_CASES],
)
def test_bad_values_are_refused_and_nothing_is_created(
    admin, world, role, model, values, error, match
):
    before = _count(admin, model)
    consent = ["marketing_email_consent", "marketing_sms_consent"]
    client = _read(admin, "res.partner", world["client"], consent)
    _refuse(world[role], model, "create", [[values(world)]], error, match)
    assert _count(admin, model) == before
    assert _read(admin, "res.partner", world["client"], consent) == client


# ----------------------------------------------------------------------------
# Edits refused: (id, role, model, record, values, error, message)
# ----------------------------------------------------------------------------

WRITE_CASES = [
    (
        "vehicle-negative-volume",
        "fleet_manager",
        "fleet.vehicle",
        "tractor",
        {"cargo_volume": -80.0},
        VALIDATION,
        "cannot be negative",
    ),
    (
        "driver-on-a-trailer",
        "fleet_manager",
        "fleet.vehicle",
        "trailer",
        lambda w: {"driver_id": w["driver"]},
        VALIDATION,
        "it has no driver of its own",
    ),
    (
        "trip-driver-replaced-by-non-driver",
        "dispatcher",
        "transport.trip",
        "trip",
        lambda w: {"driver_id": w["clerk"]},
        VALIDATION,
        "is not a driver",
    ),
    (
        "trip-arrival-moved-before-departure",
        "dispatcher",
        "transport.trip",
        "trip",
        lambda w: {"date_planned_arrival": _moment(1)},
        VALIDATION,
        "the arrival cannot be before the departure",
    ),
    (
        "order-weight-made-negative",
        "sales",
        "sale.order",
        "order",
        {"cargo_weight": -2.0, "cargo_volume": -1.0},
        VALIDATION,
        "cannot be negative",
    ),
    (
        "lane-negative-distance",
        "sales",
        "transport.lane",
        "lane",
        {"distance": -300.0},
        VALIDATION,
        "Distance and duration cannot be negative",
    ),
    (
        "tariff-negative-rate",
        "sales",
        "transport.tariff.rule",
        "tariff_rule",
        {"rate": -1.5},
        VALIDATION,
        "Rates and free quantities cannot be negative",
    ),
    (
        "segment-period-zero",
        "sales",
        "transport.segment",
        "segment",
        {"fact_days": 0},
        VALIDATION,
        "must be between 1 and 36500 days",
    ),
    (
        "daily-plan-negative-days",
        "sales",
        "transport.monitoring.rule",
        "monitoring_rule",
        {"days": -1},
        VALIDATION,
        "the days must be between 0 and 3650",
    ),
    (
        "document-type-negative-alert",
        "fleet_manager",
        "transport.document.type",
        "document_type",
        {"alert_days": -30},
        VALIDATION,
        "alert lead time must be between 0 and 3650 days",
    ),
    (
        "piece-rate-negative",
        "fleet_manager",
        "transport.pay.rate",
        "rate",
        {"rate": -0.2},
        VALIDATION,
        "A piece rate cannot be negative",
    ),
    (
        "rate-table-ends-before-start",
        "fleet_manager",
        "transport.pay.rate.table",
        "rate_table",
        lambda w: {"date_to": _day(-90)},
        VALIDATION,
        "cannot end before it starts",
    ),
    (
        "pay-statement-reversed",
        "fleet_manager",
        "transport.pay.statement",
        "statement",
        lambda w: {"date_to": _day(-40)},
        VALIDATION,
        "cannot end before it starts",
    ),
]


@pytest.mark.parametrize(
    "role, model, record, values, error, match",
    [case[1:] for case in WRITE_CASES],
    ids=[case[0] for case in WRITE_CASES],
)
def test_bad_edits_are_refused_and_the_record_is_unchanged(
    admin, world, role, model, record, values, error, match
):
    values = values(world) if callable(values) else values
    record_id = world[record]
    before = _read(admin, model, record_id, list(values))
    _refuse(world[role], model, "write", [[record_id], values], error, match)
    assert _read(admin, model, record_id, list(values)) == before


COMPANY_SETTINGS = [
    (
        "churn-factor-negative",
        {"transport_churn_factor": -1.5},
        "The churn factor must be positive",
    ),
    (
        "dormant-days-negative",
        {"transport_dormant_days": -90},
        "must be between 0 and 3650 days",
    ),
    (
        "attribution-window-overflow",
        {"transport_attribution_days": 10**9},
        "must be between 0 and 3650 days",
    ),
    (
        "dormant-after-lost",
        {"transport_dormant_days": 3650},
        "before it is dormant (after 3650 days)",
    ),
]


@pytest.mark.parametrize(
    "values, match",
    [case[1:] for case in COMPANY_SETTINGS],
    ids=[case[0] for case in COMPANY_SETTINGS],
)
def test_bad_settings_are_refused(admin, values, match):
    company = admin.execute("res.users", "read", [admin.uid], ["company_id"])[0][
        "company_id"
    ][0]
    before = _read(admin, "res.company", company, list(values))
    settings_before = _count(admin, "res.config.settings")
    _refuse(admin, "res.config.settings", "create", [[values]], VALIDATION, match)
    assert _read(admin, "res.company", company, list(values)) == before
    assert _count(admin, "res.config.settings") == settings_before


# ----------------------------------------------------------------------------
# Actions and wizards refused
# ----------------------------------------------------------------------------


def test_a_draft_trip_cannot_be_closed(world):
    dispatcher = world["dispatcher"]
    _refuse(
        dispatcher,
        "transport.trip",
        "action_done",
        [[world["trip"]]],
        USER_ERROR,
        "Only trips in progress can be closed",
    )
    assert _read(dispatcher, "transport.trip", world["trip"], ["state"])["state"] == (
        "draft"
    )


ISSUE_CASES = [
    (
        "nothing-to-issue",
        lambda w: {"issue_type": "parts", "line_ids": []},
        "Add at least one item to issue",
    ),
    (
        "zero-litres",
        lambda w: {
            "issue_type": "fuel",
            "line_ids": [(0, 0, {"product_id": w["fuel"], "quantity": 0})],
        },
        "The quantity to issue must be positive",
    ),
    (
        "negative-litres",
        lambda w: {
            "issue_type": "fuel",
            "line_ids": [(0, 0, {"product_id": w["fuel"], "quantity": -50})],
        },
        "The quantity to issue must be positive",
    ),
    (
        "oil-filter-into-the-tank",
        lambda w: {
            "issue_type": "fuel",
            "line_ids": [(0, 0, {"product_id": w["part"], "quantity": 1})],
        },
        "Only fuel goes into a tank: BI Oil filter",
    ),
    (
        "issue-for-nothing",
        lambda w: {
            "trip_id": False,
            "issue_type": "parts",
            "line_ids": [(0, 0, {"product_id": w["part"], "quantity": 1})],
        },
        "Issue from a trip or from a vehicle service",
    ),
    (
        "more-fuel-than-on-hand",
        lambda w: {
            "issue_type": "fuel",
            "line_ids": [(0, 0, {"product_id": w["fuel"], "quantity": 500})],
        },
        "Not enough BI Diesel",
    ),
]


@pytest.mark.parametrize(
    "values, match",
    [case[1:] for case in ISSUE_CASES],
    ids=[case[0] for case in ISSUE_CASES],
)
def test_bad_issues_from_the_warehouse_are_refused(admin, world, values, match):
    storekeeper = world["storekeeper"]
    wizard = _one(
        storekeeper,
        "transport.stock.issue",
        dict({"trip_id": world["trip"]}, **values(world)),
    )
    pickings = _count(admin, "stock.picking")
    locations = _count(admin, "stock.location")
    _refuse(
        storekeeper,
        "transport.stock.issue",
        "action_issue",
        [[wizard]],
        USER_ERROR,
        match,
    )
    assert _count(admin, "stock.picking") == pickings
    assert _count(admin, "stock.location") == locations


@pytest.mark.parametrize(
    "scan, match",
    [
        ("0000000000000", "No item has the barcode 0000000000000"),
        ("'; DROP TABLE stock_picking; --", "No item has the barcode '; DROP TABLE"),
        (XSS, f"No item has the barcode {XSS}"),
        ("BI\x00\x07", "This scan is not a barcode"),
        ("9" * 5000, "This scan is not a barcode"),
    ],
    ids=["unknown", "sql", "html", "control-characters", "endless"],
)
def test_a_malformed_barcode_scan_warns_and_adds_nothing(admin, world, scan, match):
    storekeeper = world["storekeeper"]
    warehouse = admin.execute(
        "stock.warehouse",
        "search_read",
        [],
        fields=["lot_stock_id", "int_type_id"],
        limit=1,
    )[0]
    picking = _one(
        admin,
        "stock.picking",
        {
            "picking_type_id": warehouse["int_type_id"][0],
            "location_id": warehouse["lot_stock_id"][0],
            "location_dest_id": warehouse["lot_stock_id"][0],
        },
    )
    spec = {"barcode_scan": {}, "move_ids": {"fields": {"product_id": {}}}}
    result = storekeeper.execute(
        "stock.picking",
        "onchange",
        [picking],
        {"barcode_scan": scan},
        ["barcode_scan"],
        spec,
    )
    assert match in result["warning"]["message"]
    assert "move_ids" not in result["value"]
    # the right barcode does add the item: the scan works, only bad input is refused
    result = storekeeper.execute(
        "stock.picking",
        "onchange",
        [picking],
        {"barcode_scan": f"BI{_run}"},
        ["barcode_scan"],
        spec,
    )
    assert "warning" not in result
    assert result["value"]["move_ids"][0][2]["product_id"] == world["part"]


def test_orders_cannot_be_planned_on_a_truck_too_small_or_before_confirmation(
    admin, world
):
    sales = world["sales"]
    trips = _count(admin, "transport.trip")
    wizard = _one(
        sales,
        "transport.order.plan.wizard",
        {"order_ids": [(6, 0, [world["order"]])], "vehicle_id": world["tractor"]},
    )
    _refuse(
        sales,
        "transport.order.plan.wizard",
        "action_confirm",
        [[wizard]],
        USER_ERROR,
        "Only confirmed transport orders not yet delivered can be planned",
    )
    wizard = _one(
        sales,
        "transport.order.plan.wizard",
        {
            "order_ids": [(6, 0, [world["confirmed_order"]])],
            "vehicle_id": world["tractor"],
            "driver_id": world["driver"],
        },
    )
    _refuse(
        sales,
        "transport.order.plan.wizard",
        "action_confirm",
        [[wizard]],
        USER_ERROR,
        "The cargo weighs 50.0 t but the vehicles carry 10.0 t",
    )
    wizard = _one(
        sales,
        "transport.order.plan.wizard",
        {"order_ids": [(6, 0, [world["confirmed_order"]])], "mode": "existing"},
    )
    _refuse(
        sales,
        "transport.order.plan.wizard",
        "action_confirm",
        [[wizard]],
        USER_ERROR,
        "Choose the trip to add the orders to",
    )
    assert _count(admin, "transport.trip") == trips
    order = _read(admin, "sale.order", world["confirmed_order"], ["trip_ids"])
    assert order["trip_ids"] == []


def test_a_delivery_cannot_precede_its_pick_up_nor_concern_a_quotation(admin, world):
    sales = world["sales"]
    note = "JVBERi0xLjQK"  # "%PDF-1.4"
    attachments = _count(admin, "ir.attachment")
    for order, values, match in (
        (world["order"], {}, "Only confirmed transport orders can be delivered"),
        (
            world["confirmed_order"],
            {"date_pickup_actual": _moment(5), "date_delivery_actual": _moment(1)},
            "The delivery cannot be before the pick-up",
        ),
    ):
        wizard = _one(
            sales,
            "transport.order.delivery.wizard",
            dict(
                {
                    "order_id": order,
                    "signed_note": note,
                    "date_pickup_actual": _moment(-5),
                },
                **values,
            ),
        )
        _refuse(
            sales,
            "transport.order.delivery.wizard",
            "action_confirm",
            [[wizard]],
            USER_ERROR,
            match,
        )
    assert _count(admin, "ir.attachment") == attachments
    order = _read(
        admin, "sale.order", world["confirmed_order"], ["date_delivery_actual"]
    )
    assert order["date_delivery_actual"] is False


def test_an_activity_result_needs_its_next_step_and_an_open_activity(admin, world):
    sales = world["sales"]
    activity = _one(
        admin,
        "mail.activity",
        {
            "res_model_id": admin.execute(
                "ir.model", "search", [("model", "=", "res.partner")]
            )[0],
            "res_id": world["client"],
            "activity_type_id": admin.ref("mail.mail_activity_data_todo"),
            "summary": "Call back",
            "user_id": sales.uid,
        },
    )
    _refuse(
        sales,
        "transport.activity.result.wizard",
        "create",
        [
            [
                {
                    "activity_id": activity,
                    "result": "Interested",
                    "next_step_date": _day(3),
                }
            ]
        ],
        VALIDATION,
        "Say what the next step is",
    )
    admin.execute("mail.activity", "action_feedback", [activity], feedback="Done")
    wizard = _one(
        sales,
        "transport.activity.result.wizard",
        {"activity_id": activity, "result": "Again"},
    )
    activities = _count(admin, "mail.activity")
    _refuse(
        sales,
        "transport.activity.result.wizard",
        "action_confirm",
        [[wizard]],
        USER_ERROR,
        "This activity is already done",
    )
    assert _count(admin, "mail.activity") == activities


def test_an_empty_pay_statement_cannot_be_confirmed(world):
    manager = world["fleet_manager"]
    _refuse(
        manager,
        "transport.pay.statement",
        "action_confirm",
        [[world["statement"]]],
        USER_ERROR,
        "has no lines: compute it first",
    )
    statement = _read(manager, "transport.pay.statement", world["statement"], ["state"])
    assert statement["state"] == "draft"


# ----------------------------------------------------------------------------
# Segment rules: no code, nothing their author cannot read
# ----------------------------------------------------------------------------

CODE_RULES = [
    (
        "import",
        "__import__('os').system('touch {marker}')",
        "__import__ is not allowed",
    ),
    (
        "exec-in-condition",
        "[('id', '=', 1)] if exec(\"open('{marker}', 'w')\") else []",
        "is not allowed",
    ),
    ("lambda", "[('id', '=', (lambda: open('{marker}', 'w'))())]", "lambda"),
    (
        "dunder",
        "[('id', '=', ().__class__.__base__.__subclasses__())]",
        "is not allowed",
    ),
    (
        "user-recordset",
        "[('id', 'in', user.env['res.users'].sudo().search([]).ids)]",
        "is not allowed",
    ),
    ("memory-bomb", "[('id', '=', 1)] * 100000000", "is not allowed"),
    ("comprehension", "[('id', '=', x) for x in range(10**9)]", "is not allowed"),
    ("not-a-list", "'drop table res_partner'", "must be a list of conditions"),
    ("unknown-operator", "[('name', 'drop', 'x')]", "is not a valid filter"),
    ("unclosed", "[('name', '=', 'x'),", "is not a valid filter"),
]


@pytest.mark.parametrize(
    "rule, match",
    [case[1:] for case in CODE_RULES],
    ids=[case[0] for case in CODE_RULES],
)
def test_a_segment_rule_cannot_run_code(admin, world, rule, match):
    marker = f"/tmp/bad-input-{_run}-{next(_unique)}"
    rule = rule.replace("{marker}", marker)
    sales = world["sales"]
    segments = _count(admin, "transport.segment")
    _refuse(
        sales,
        "transport.segment",
        "create",
        [[{"name": "Hack", "kind": "rule", "rule_domain": rule}]],
        VALIDATION,
        match,
    )
    assert _count(admin, "transport.segment") == segments
    before = _read(admin, "transport.segment", world["segment"], ["rule_domain"])
    _refuse(
        sales,
        "transport.segment",
        "write",
        [[world["segment"]], {"rule_domain": rule}],
        VALIDATION,
        match,
    )
    assert _read(admin, "transport.segment", world["segment"], ["rule_domain"]) == (
        before
    )
    assert not os.path.exists(marker)


HIDDEN_RULES = [
    (
        "employees-private-email",
        "[('employee_ids.private_email', '!=', False)]",
        'access the field "employee_ids"',
    ),
    (
        "employees-pay",
        "[('employee_ids.transport_pay_statement_ids.amount_total', '>', 0)]",
        'access the field "employee_ids"',
    ),
    ("user-password", "[('user_ids.password', '=', 'admin')]", "cannot be applied"),
    (
        "user-totp-secret",
        "[('user_ids.totp_secret', '!=', False)]",
        "cannot be applied",
    ),
    ("unknown-field", "[('salary', '>', 5000)]", "Invalid field res.partner.salary"),
]


@pytest.mark.parametrize(
    "rule, match",
    [case[1:] for case in HIDDEN_RULES],
    ids=[case[0] for case in HIDDEN_RULES],
)
def test_a_segment_rule_cannot_filter_on_what_its_author_cannot_read(
    admin, world, rule, match
):
    segments = _count(admin, "transport.segment")
    _refuse(
        world["sales"],
        "transport.segment",
        "create",
        [[{"name": "Snoop", "kind": "rule", "rule_domain": rule}]],
        VALIDATION,
        match,
    )
    assert _count(admin, "transport.segment") == segments


def test_a_segment_rule_with_relative_dates_is_accepted(admin, world):
    """The domain editor's expressions stay allowed: the guard is not a ban."""
    rule = (
        "[('is_company', '=', True), ('transport_last_order_date', '<', "
        "(context_today() - relativedelta(days=90)).strftime('%Y-%m-%d'))]"
    )
    segment = _one(
        world["sales"],
        "transport.segment",
        {"name": "Dormant for 90 days", "kind": "rule", "rule_domain": rule},
    )
    world["sales"].execute("transport.segment", "action_refresh", [segment])
    assert _read(admin, "transport.segment", segment, ["last_refresh"])["last_refresh"]


# ----------------------------------------------------------------------------
# The messages speak the user's language
# ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def german(admin):
    [lang] = admin.execute(
        "res.lang",
        "search",
        [("code", "=", "de_DE")],
        context={"active_test": False},
    )
    wizard = _one(admin, "base.language.install", {"lang_ids": [(6, 0, [lang])]})
    admin.execute("base.language.install", "lang_install", [wizard])
    return {"lang": "de_DE"}


def test_a_german_user_reads_the_refusal_in_german(admin, world, german):
    trips = _count(admin, "transport.trip")
    _refuse(
        world["dispatcher"],
        "transport.trip",
        "create",
        [[{"vehicle_id": world["trailer"]}]],
        VALIDATION,
        "ist eine gezogene Einheit",
        context=german,
    )
    assert _count(admin, "transport.trip") == trips
    wizard = _one(
        world["storekeeper"],
        "transport.stock.issue",
        {
            "trip_id": world["trip"],
            "issue_type": "fuel",
            "line_ids": [(0, 0, {"product_id": world["part"], "quantity": 1})],
        },
    )
    _refuse(
        world["storekeeper"],
        "transport.stock.issue",
        "action_issue",
        [[wizard]],
        USER_ERROR,
        "Nur Kraftstoff kommt in einen Tank",
        context=german,
    )


# ----------------------------------------------------------------------------
# HTML typed by users is escaped where it is rendered
# ----------------------------------------------------------------------------


def _http_session(client, login, password):
    """An opener logged in as a browser would be, with its session cookie."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    payload = {
        "jsonrpc": "2.0",
        "params": {"db": client.database, "login": login, "password": password},
    }
    request = urllib.request.Request(
        f"{client.url}/web/session/authenticate",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with opener.open(request, timeout=60) as response:
        assert "error" not in json.load(response)
    return opener


def _get(client, opener, path):
    with opener.open(f"{client.url}{path}", timeout=120) as response:
        assert response.status == 200
        return response.read().decode()


def test_html_typed_by_users_is_escaped_in_documents_and_portal(admin, world):
    client = _one(admin, "res.partner", {"name": f"ACME {XSS}", "is_company": True})
    order = _one(
        admin,
        "sale.order",
        {
            "partner_id": client,
            "is_transport": True,
            "cargo_description": f"Paper {XSS}",
            "adr_class": "3",
        },
    )
    driver = _one(admin, "res.partner", {"name": f"Eve {XSS}", "is_driver": True})
    trip = _one(
        admin,
        "transport.trip",
        {
            "vehicle_id": world["tractor"],
            "driver_id": driver,
            "origin": f"Gent {XSS}",
            "destination": "Lille<script>alert(1)</script>",
            "note": f"<p>Gate code {XSS}</p>",
        },
    )
    opener = _http_session(admin, admin.login, admin.password)
    pages = {
        "consignment note": _get(
            admin, opener, f"/report/html/transport_crm.report_consignment_note/{order}"
        ),
        "route sheet": _get(
            admin,
            opener,
            f"/report/html/transport_fleet.report_trip_route_sheet/{trip}",
        ),
    }
    login = f"bad-input-portal-{_run}"
    admin.execute(
        "res.users",
        "create",
        [
            {
                "name": login,
                "login": login,
                "password": login,
                "partner_id": driver,
                "group_ids": [(6, 0, [admin.ref("base.group_portal")])],
            }
        ],
    )
    portal = _http_session(admin, login, login)
    pages["portal trips"] = _get(admin, portal, "/my/trips")
    pages["portal trip"] = _get(admin, portal, f"/my/trips/{trip}")
    for name, html in pages.items():
        assert XSS not in html, f"raw markup in the {name}"
        assert "<script>alert(1)" not in html, f"raw script in the {name}"
    assert XSS_ESCAPED in pages["consignment note"]
    assert XSS_ESCAPED in pages["route sheet"]
    assert XSS_ESCAPED in pages["portal trips"]
