"""Who gets in where: the access matrix, checked as each role over JSON-RPC.

The administrator prepares, in the first company, one record per model that
every role reads and updates, and one per role to delete; each role then
really searches, reads, creates, updates and deletes as itself. A refusal must be an
AccessError; anything else is reported in the cell. The expectations are
in ``access_matrix.py``; the table seen is printed at the end of the run
(and written to ``.local/logs/access-matrix.txt``).
"""

import base64
import datetime
import http.cookiejar
import itertools
import json
import os
import pathlib
import urllib.error
import urllib.parse
import urllib.request

import access_matrix
import pytest
from access_matrix import EXPECTED, NOT_PROBED, REPORT_MODELS, ROLE_GROUPS, ROLES
from odoo_rpc import RpcError

ACCESS_ERROR = "odoo.exceptions.AccessError"
ADDONS = ("transport_fleet", "transport_stock", "transport_crm")
_unique = itertools.count(1)


def _tag():
    return f"{os.getpid()}-{next(_unique)}"


def _day(offset=0):
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


# ---------------------------------------------------------------- the world


def _create(admin, model, values, **context):
    kwargs = {"context": context} if context else {}
    ids = admin.execute(model, "create", [values], **kwargs)
    return ids[0]


def _portal_user(admin, role, partner_values):
    partner = _create(admin, "res.partner", partner_values)
    login = f"matrix-{role}-{_tag()}"
    _create(
        admin,
        "res.users",
        {
            "name": login,
            "login": login,
            "password": login,
            "partner_id": partner,
            "group_ids": [(6, 0, [admin.ref("base.group_portal")])],
        },
    )
    return admin.as_user(login, login), partner


def _internal_user(admin, role, company_ids):
    login = f"matrix-{role}-{_tag()}"
    _create(
        admin,
        "res.users",
        {
            "name": login,
            "login": login,
            "password": login,
            "company_id": company_ids[0],
            "company_ids": [(6, 0, company_ids)],
            "group_ids": [(6, 0, [admin.ref(xmlid) for xmlid in ROLE_GROUPS[role]])],
        },
    )
    return admin.as_user(login, login)


def _confirmed_order(admin, w, client):
    order = _create(
        admin,
        "sale.order",
        {
            "partner_id": client,
            "is_transport": True,
            "distance": 120.0,
            "user_id": False,
            "company_id": w["c1"],
            "order_line": [
                (0, 0, {"product_id": w["freight"], "product_uom_qty": 1.0}),
            ],
        },
    )
    admin.execute("sale.order", "action_confirm", [order])
    return order


def _posted_invoice(admin, w, client):
    invoice = _create(
        admin,
        "account.move",
        {
            "move_type": "out_invoice",
            "partner_id": client,
            "invoice_line_ids": [
                (0, 0, {"name": "Freight", "quantity": 1.0, "price_unit": 100.0})
            ],
        },
    )
    admin.execute("account.move", "action_post", [invoice])
    return invoice


@pytest.fixture(scope="session")
def world(admin):
    """Two companies, one user per role, the shared records the recipes need."""
    w = {"admin": admin}
    [me] = admin.execute("res.users", "read", [admin.uid], fields=["company_id"])
    w["c1"] = me["company_id"][0]
    w["c2"] = _create(admin, "res.company", {"name": f"Other Haulier {_tag()}"})
    w["freight"] = admin.ref("transport_crm.product_transport_distance")
    w["users"] = users = {}
    # The portal: two drivers and two clients' contacts.
    users["drv"], w["driver_a"] = _portal_user(
        admin, "drv", {"name": "Driver A", "is_driver": True}
    )
    w["drv_b"], w["driver_b"] = _portal_user(
        admin, "drvb", {"name": "Driver B", "is_driver": True}
    )
    for key, role in (("client_a", "cli"), ("client_b", "clib")):
        company = _create(
            admin, "res.partner", {"name": f"Client {key}", "is_company": True}
        )
        client, _contact = _portal_user(
            admin, role, {"name": f"Buyer at {key}", "parent_id": company}
        )
        w[key] = company
        users[role if role == "cli" else "cli_b"] = client
    w["cli_b"] = users.pop("cli_b")
    for role in ("usr", "dsp", "stk", "sal", "flm", "acc"):
        users[role] = _internal_user(admin, role, [w["c1"]])
    users["oth"] = _internal_user(admin, "oth", [w["c2"]])

    # Fleet.
    w["brand"] = brand = _create(
        admin, "fleet.vehicle.model.brand", {"name": "Matrix Trucks"}
    )
    w["vehicle_model"] = _create(
        admin,
        "fleet.vehicle.model",
        {"name": "Hauler", "brand_id": brand, "default_fuel_type": "diesel"},
    )
    w["vehicle"] = _create(admin, "fleet.vehicle", _vehicle_vals(w))
    w["trip_a"] = _create(admin, "transport.trip", _trip_vals(w, w["driver_a"]))
    w["trip_b"] = _create(admin, "transport.trip", _trip_vals(w, w["driver_b"]))
    w["service_type"] = _create(
        admin, "fleet.service.type", {"name": "Matrix repair", "category": "service"}
    )
    # Warehouse.
    [warehouse] = admin.execute(
        "stock.warehouse",
        "search_read",
        [("company_id", "=", w["c1"])],
        fields=["lot_stock_id", "int_type_id"],
        limit=1,
    )
    w["stock"] = warehouse["lot_stock_id"][0]
    w["internal_type"] = warehouse["int_type_id"][0]
    w["customers"] = admin.ref("stock.stock_location_customers")
    w["part"] = _create(
        admin,
        "product.product",
        {
            "name": "Matrix diesel",
            "type": "consu",
            "is_storable": True,
            "categ_id": admin.ref("transport_stock.product_category_fuel"),
        },
    )
    # Sales.
    w["tariff"] = _create(
        admin, "product.pricelist", {"name": "Matrix tariff", "company_id": w["c1"]}
    )
    w["zone"] = _create(
        admin, "transport.zone", {"name": "Matrix zone", "company_id": w["c1"]}
    )
    w["order_a"] = _confirmed_order(admin, w, w["client_a"])
    w["order_b"] = _confirmed_order(admin, w, w["client_b"])
    w["draft_order"] = _create(admin, "sale.order", _order_vals(w))
    admin.execute(
        "sale.order", "message_subscribe", [w["draft_order"]], [w["client_a"]]
    )
    w["invoice_a"] = _posted_invoice(admin, w, w["client_a"])
    w["invoice_b"] = _posted_invoice(admin, w, w["client_b"])
    w["segment"] = _create(
        admin, "transport.segment", {"name": "Matrix", "company_id": w["c1"]}
    )
    w["template"] = _create(
        admin, "transport.mailing.template", RECIPES["transport.mailing.template"][0](w)
    )
    w["employee"] = _create(
        admin, "hr.employee", {"name": "Matrix driver", "company_id": w["c1"]}
    )
    w["rate_table"] = _create(admin, "transport.pay.rate.table", _table_vals(w))
    w["statement"] = _create(admin, "transport.pay.statement", _statement_vals(w))
    w["activity"] = _create(
        admin,
        "mail.activity",
        {
            "res_model_id": _model_id(admin, "res.partner"),
            "res_id": w["client_a"],
            "activity_type_id": admin.ref("mail.mail_activity_data_todo"),
            "summary": "Call back",
            "user_id": admin.uid,
        },
    )
    w["summary"] = _create(
        admin,
        "transport.manager.summary.wizard",
        {"date_from": _day(-30), "date_to": _day()},
    )
    w["issue"] = _create(admin, "transport.stock.issue", _issue_vals(w))
    _report_rows(admin, w)
    return w


def _report_rows(admin, w):
    """Fuel issued to a trip and a mailing sent: rows for the reports."""
    quant = _create(
        admin,
        "stock.quant",
        {"product_id": w["part"], "location_id": w["stock"], "inventory_quantity": 50},
    )
    try:
        admin.execute("stock.quant", "action_apply_inventory", [quant])
    except KeyError:
        pass  # the method returns nothing: the answer carries no result
    issue = _create(
        admin,
        "transport.stock.issue",
        {
            **_issue_vals(w),
            "line_ids": [(0, 0, {"product_id": w["part"], "quantity": 5.0})],
        },
    )
    admin.execute("transport.stock.issue", "action_issue", [issue])
    mailing = _create(admin, "mailing.mailing", RECIPES["mailing.mailing"][0](w, admin))
    _create(
        admin,
        "mailing.trace",
        {
            "mass_mailing_id": mailing,
            "model": "res.partner",
            "res_id": w["client_a"],
            "trace_type": "mail",
            "email": "buyer@example.com",
        },
    )


def _model_id(admin, model):
    return admin.execute("ir.model", "search", [("model", "=", model)])[0]


# ---------------------------------------------------------------- recipes
# Each recipe gives the values of a valid new record (``vals``, called with the
# world and the client who creates) and a harmless update (``write``).


def _vehicle_vals(w, client=None):
    return {
        "model_id": w["vehicle_model"],
        "license_plate": f"MX-{_tag()}",
        "transport_role": "tractor",
        "company_id": w["c1"],
    }


def _trip_vals(w, driver=None, client=None):
    return {
        "vehicle_id": w["vehicle"],
        "driver_id": driver or w["driver_a"],
        "company_id": w["c1"],
        "origin": "Antwerp",
        "destination": "Lyon",
    }


def _order_vals(w, client=None):
    return {
        "partner_id": w["client_a"],
        "is_transport": True,
        "distance": 100.0,
        "user_id": False,
        "company_id": w["c1"],
    }


def _issue_vals(w, client=None):
    return {
        "issue_type": "fuel",
        "trip_id": w["trip_a"],
        "location_id": w["stock"],
        "company_id": w["c1"],
    }


def _table_vals(w, client=None):
    return {"name": f"Rates {_tag()}", "role": "driver", "company_id": w["c1"]}


_weeks = itertools.count(1)


def _statement_vals(w, client=None):
    """The driver's statement of a past week of its own (periods never overlap)."""
    week = next(_weeks)
    return {
        "employee_id": w["employee"],
        "company_id": w["c1"],
        "date_from": _day(-40 - 7 * week),
        "date_to": _day(-34 - 7 * week),
    }


def _own(model, vals_function, fallback):
    """The id of a parent wizard created by ``client`` (else the admin's)."""

    def parent(w, client):
        try:
            return client.execute(model, "create", [vals_function(w, client)])[0]
        except RpcError:
            return w[fallback]

    return parent


def _lane_vals(w, client=None):
    admin = w["admin"]
    destination = _create(
        admin, "transport.zone", {"name": f"Zone {_tag()}", "company_id": w["c1"]}
    )
    return {
        "origin_zone_id": w["zone"],
        "destination_zone_id": destination,
        "distance": 100.0,
        "company_id": w["c1"],
    }


_summary_parent = _own(
    "transport.manager.summary.wizard",
    lambda w, c: {"date_from": _day(-30), "date_to": _day()},
    "summary",
)
_issue_parent = _own("transport.stock.issue", _issue_vals, "issue")

RECIPES = {
    "fleet.vehicle": (_vehicle_vals, {"location": "Depot"}),
    "fleet.vehicle.model": (
        lambda w, c: {"name": f"Hauler {_tag()}", "brand_id": w["brand"]},
        {"default_fuel_type": "diesel"},
    ),
    "fleet.vehicle.log.services": (
        lambda w, c: {
            "vehicle_id": w["vehicle"],
            "service_type_id": w["service_type"],
            "company_id": w["c1"],
        },
        {"description": "Brakes"},
    ),
    "transport.document": (
        lambda w, c: {
            "name": f"REG-{_tag()}",
            "type_id": w["admin"].ref("transport_fleet.document_type_registration"),
            "vehicle_id": w["vehicle"],
            "company_id": w["c1"],
            "expiry_date": _day(300),
        },
        {"note": "Checked"},
    ),
    "transport.document.type": (
        lambda w, c: {"name": f"Permit {_tag()}", "company_id": w["c1"]},
        {"alert_days": 10},
    ),
    "transport.licence.category": (
        lambda w, c: {"code": f"X{_tag()}"},
        {"name": "Special"},
    ),
    "transport.driver.qualification": (
        lambda w, c: {"name": f"Crane {_tag()}"},
        {"description": "Loader crane"},
    ),
    "transport.trip": (
        lambda w, c: _trip_vals(w),
        {"origin": "Ghent"},
    ),
    "transport.trip.stop": (
        lambda w, c: {"trip_id": w["trip_a"]},
        {"note": "Gate 4"},
    ),
    "transport.trip.cost": (
        lambda w, c: {"trip_id": w["trip_a"], "cost_type": "toll", "amount": 10.0},
        {"description": "A1 toll"},
    ),
    "transport.report.wizard": (lambda w, c: {}, {"days": 10}),
    "stock.picking": (
        lambda w, c: {
            "picking_type_id": w["internal_type"],
            "location_id": w["stock"],
            "location_dest_id": w["customers"],
            "company_id": w["c1"],
        },
        {"origin": "Trip"},
    ),
    "stock.move": (
        lambda w, c: {
            "product_id": w["part"],
            "product_uom_qty": 1.0,
            "location_id": w["stock"],
            "location_dest_id": w["customers"],
            "company_id": w["c1"],
        },
        {"origin": "Trip"},
    ),
    "transport.stock.issue": (_issue_vals, {"issue_type": "fuel"}),
    "transport.stock.issue.line": (
        lambda w, c: {
            "wizard_id": _issue_parent(w, c),
            "product_id": w["part"],
            "quantity": 1.0,
        },
        {"quantity": 2.0},
    ),
    "res.partner": (
        lambda w, c: {"name": f"Prospect {_tag()}", "company_id": w["c1"]},
        {"comment": "Met at the fair"},
    ),
    "product.pricelist": (
        lambda w, c: {"name": f"Tariff {_tag()}", "company_id": w["c1"]},
        {"name": "Renamed tariff"},
    ),
    "transport.tariff.rule": (
        lambda w, c: {
            "pricelist_id": w["tariff"],
            "rule_type": "distance",
            "rate": 1.5,
            "product_id": w["freight"],
            "date_start": _day(next(_unique)),
        },
        {"rate": 1.7},
    ),
    "transport.zone": (
        lambda w, c: {"name": f"Zone {_tag()}", "company_id": w["c1"]},
        {"sequence": 5},
    ),
    "transport.lane": (_lane_vals, {"duration": 3.0}),
    "transport.cargo.type": (
        lambda w, c: {"name": f"Cargo {_tag()}"},
        {"description": "Boxes"},
    ),
    "transport.interaction": (
        lambda w, c: {
            "partner_id": w["client_a"],
            "topic": "Spring rates",
            "company_id": w["c1"],
        },
        {"result": "Interested"},
    ),
    "sale.order": (_order_vals, {"client_order_ref": "PO-1"}),
    "sale.order.line": (
        lambda w, c: {
            "order_id": w["draft_order"],
            "product_id": w["freight"],
            "product_uom_qty": 1.0,
        },
        {"name": "Freight Antwerp-Lyon"},
    ),
    "account.move": (
        lambda w, c: {
            "move_type": "out_invoice",
            "partner_id": w["client_a"],
            "company_id": w["c1"],
            "invoice_line_ids": [
                (0, 0, {"name": "Freight", "quantity": 1.0, "price_unit": 100.0})
            ],
        },
        {"ref": "PO-1"},
    ),
    "transport.segment": (
        lambda w, c: {"name": f"Segment {_tag()}", "company_id": w["c1"]},
        {"description": "Big shippers"},
    ),
    "transport.mailing.template": (
        lambda w, c=None: {
            "name": f"Template {_tag()}",
            "subject": "Spring rates",
            "body_html": "<p>Spring rates</p>",
            "company_id": w["c1"],
        },
        {"subject": "Spring rates"},
    ),
    "transport.mailing.rule": (
        lambda w, c: {
            "name": f"Rule {_tag()}",
            "segment_ids": [(6, 0, [w["segment"]])],
            "template_id": w["template"],
            "company_id": w["c1"],
            # Not due: the server's scheduled mailings leave it alone.
            "next_date": _day(365),
        },
        {"min_gap_days": 5},
    ),
    "mailing.mailing": (
        lambda w, c: {
            "subject": f"Mailing {_tag()}",
            "mailing_model_id": _model_id(w["admin"], "res.partner"),
            "email_from": "sales@example.com",
            "body_html": "<p>Spring rates</p>",
        },
        {"subject": "Autumn rates"},
    ),
    "transport.monitoring.rule": (
        lambda w, c: {"name": f"Dormant {_tag()}", "company_id": w["c1"]},
        {"summary": "Call them"},
    ),
    "transport.pay.rate.table": (
        _table_vals,
        {"name": "Renamed rates"},
    ),
    "transport.pay.rate": (
        lambda w, c: {
            "table_id": _create(w["admin"], "transport.pay.rate.table", _table_vals(w)),
            "basis": "km",
            "rate": 0.1,
        },
        {"rate": 0.2},
    ),
    "transport.pay.statement": (
        _statement_vals,
        {"note": "Checked"},
    ),
    "transport.pay.statement.line": (
        lambda w, c: {
            "statement_id": w["statement"],
            "basis": "km",
            "description": "Kilometres",
            "trip_id": w["trip_a"],
            "quantity": 1.0,
            "rate": 1.0,
        },
        {"description": "Kilometres driven"},
    ),
    "transport.order.plan.wizard": (
        lambda w, c: {"order_ids": [(6, 0, [w["order_a"]])]},
        {"mode": "new"},
    ),
    "transport.order.delivery.wizard": (
        lambda w, c: {
            "order_id": w["order_a"],
            "signed_note": base64.b64encode(b"%PDF-1.4 note").decode(),
            "signed_note_name": "cmr.pdf",
            "date_pickup_actual": f"{_day(-1)} 08:00:00",
        },
        {"signed_note_name": "cmr-signed.pdf"},
    ),
    "transport.activity.result.wizard": (
        lambda w, c: {"activity_id": w["activity"], "result": "Reached"},
        {"result": "Reached, sends a quote"},
    ),
    "transport.manager.summary.wizard": (
        lambda w, c: {"date_from": _day(-30), "date_to": _day()},
        {"date_from": _day(-20)},
    ),
    "transport.manager.summary.line": (
        lambda w, c: {"wizard_id": _summary_parent(w, c)},
        {"activity_planned": 1},
    ),
    "transport.pay.statement.generate": (
        lambda w, c: {"date_from": _day(-30), "date_to": _day()},
        {"date_from": _day(-20)},
    ),
}

# After creation, the records to read are made visible to their portal owner.
PORTAL_OWNED = {
    "sale.order": "subscribe",
    "account.move": "post",
}


# ---------------------------------------------------------------- probing


def _try(call):
    """(True, None) on success, (False, None) on AccessError, else the error."""
    try:
        call()
    except RpcError as error:
        if error.name == ACCESS_ERROR:
            return False, None
        return False, f"{error.name.rsplit('.', 1)[-1]}: {str(error)[:140]}"
    return True, None


def _prepare(admin, w, model, count):
    vals, _write = RECIPES[model]
    ids = admin.execute(model, "create", [vals(w, admin) for _i in range(count)])
    if PORTAL_OWNED.get(model) == "subscribe":
        admin.execute(model, "message_subscribe", ids, [w["client_a"]])
    return ids


def _probe_record(client, w, model, sample, victim, role):
    vals, write = RECIPES[model]
    seen, notes = "", []
    created, error = _try(lambda: client.execute(model, "create", [vals(w, client)]))
    if error and role == "oth" and "compan" in error.lower():
        error = None  # refused for belonging to the other company: fine
    seen += "c" if created else ""
    notes += [f"create: {error}"] if error else []
    read, error = _try(
        lambda: client.execute(model, "read", [sample], fields=["display_name"])
    )
    found = 0
    try:
        found = client.execute(model, "search_count", [("id", "=", sample)])
    except RpcError as search_error:
        if search_error.name != ACCESS_ERROR:
            notes.append(f"search: {search_error}")
    if read != bool(found):
        notes.append(f"read by id {read} but found by search {found}")
    seen += "r" if read else ""
    notes += [f"read: {error}"] if error else []
    written, error = _try(lambda: client.execute(model, "write", [sample], write))
    seen += "u" if written else ""
    notes += [f"update: {error}"] if error else []
    deleted, error = _try(lambda: client.execute(model, "unlink", [victim]))
    seen += "d" if deleted else ""
    notes += [f"delete: {error}"] if error else []
    return seen, notes


def _probe_wizard(client, w, model, admin_record):
    """A wizard is the user's own: create it, then read, update, delete it."""
    vals, write = RECIPES[model]
    notes, ids = [], []

    def create():
        ids.extend(client.execute(model, "create", [vals(w, client)]))

    created, error = _try(create)
    notes += [f"create: {error}"] if error else []
    record = ids[0] if ids else admin_record
    seen = "c" if created else ""
    for letter, call in (
        ("r", lambda: client.execute(model, "read", [record], fields=["id"])),
        ("u", lambda: client.execute(model, "write", [record], write)),
        ("d", lambda: client.execute(model, "unlink", [record])),
    ):
        done, error = _try(call)
        seen += letter if done else ""
        notes += [f"{letter}: {error}"] if error else []
    return seen, notes


def _company_domain(admin, model, company):
    fields = admin.execute(model, "fields_get", ["company_id"], attributes=["type"])
    return [("company_id", "=", company)] if fields else []


def _probe_report(client, admin, w, model):
    domain = _company_domain(admin, model, w["c1"])
    visible_to_admin = admin.execute(model, "search_count", domain)
    try:
        visible = client.execute(model, "search_count", domain)
    except RpcError as error:
        if error.name == ACCESS_ERROR:
            return "", []
        return "", [f"read: {error}"]
    if not visible_to_admin:
        return "r", ["no rows of the first company to compare"]
    return ("r" if visible else ""), []


def _is_transient(admin, model):
    [row] = admin.execute(
        "ir.model", "search_read", [("model", "=", model)], fields=["transient"]
    )
    return row["transient"]


@pytest.fixture(scope="module")
def matrix_log():
    yield
    text = access_matrix.render()
    path = pathlib.Path(__file__).resolve().parent.parent / ".local" / "logs"
    path.mkdir(parents=True, exist_ok=True)
    (path / "access-matrix.txt").write_text(text)


def test_every_model_of_the_addons_is_in_the_matrix(admin):
    rows = admin.execute(
        "ir.model.data",
        "search_read",
        [("model", "=", "ir.model"), ("module", "in", ADDONS)],
        fields=["res_id"],
    )
    models = admin.execute(
        "ir.model", "read", [row["res_id"] for row in rows], fields=["model"]
    )
    missing = {m["model"] for m in models} - set(EXPECTED) - set(NOT_PROBED)
    assert not missing, f"models of the addons missing from the matrix: {missing}"
    assert set(RECIPES) | REPORT_MODELS == set(EXPECTED)


@pytest.mark.parametrize("model", list(EXPECTED))
def test_access_matrix(admin, world, matrix_log, model):
    w = world
    results = {}
    if model in REPORT_MODELS:
        for role in ROLES:
            results[role] = _probe_report(w["users"][role], admin, w, model)
    elif _is_transient(admin, model):
        admin_record = admin.execute(model, "create", [RECIPES[model][0](w, admin)])[0]
        for role in ROLES:
            results[role] = _probe_wizard(w["users"][role], w, model, admin_record)
    else:
        # One record every role reads and updates, one per role to delete.
        sample, *victims = _prepare(admin, w, model, 1 + len(ROLES))
        if PORTAL_OWNED.get(model) == "post":
            admin.execute(model, "action_post", [sample])
        for role, victim in zip(ROLES, victims, strict=True):
            results[role] = _probe_record(
                w["users"][role], w, model, sample, victim, role
            )
    access_matrix.RESULTS[model] = results
    mismatches = [
        f"{model} / {role}: expected {access_matrix.letters(EXPECTED[model][role])}"
        f", got {access_matrix.letters(seen)}"
        + (f" ({'; '.join(notes)})" if notes else "")
        for role, (seen, notes) in results.items()
        if seen != EXPECTED[model][role]
    ]
    assert not mismatches, "\n".join(mismatches)


# ---------------------------------------------------------------- the portal


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A web browser with its own session cookie; redirects are not followed."""

    def __init__(self, admin, login=None, password=None):
        self.url = admin.url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            _NoRedirect(),
        )
        if login:
            payload = {
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"db": admin.database, "login": login, "password": password},
            }
            request = urllib.request.Request(
                f"{self.url}/web/session/authenticate",
                data=json.dumps(payload).encode(),
                headers={"Content-Type": "application/json"},
            )
            with self.opener.open(request, timeout=60) as response:
                assert "error" not in json.load(response), login

    def get(self, path):
        """(status, location, body) of a GET."""
        try:
            with self.opener.open(f"{self.url}{path}", timeout=60) as response:
                return response.status, None, response.read().decode(errors="replace")
        except urllib.error.HTTPError as answer:
            body = answer.read().decode(errors="replace")
            return answer.code, answer.headers.get("Location"), body


def _browser(admin, client):
    return Browser(admin, client.login, client.password)


def _name(admin, model, record):
    return admin.execute(model, "read", [record], fields=["name"])[0]["name"]


def _refused(client, model, record):
    with pytest.raises(RpcError) as refused:
        client.execute(model, "read", [record], fields=["display_name"])
    assert refused.value.name == ACCESS_ERROR, (model, record, refused.value)


def _not_shown(browser, path, secret):
    status, location, body = browser.get(path)
    assert status in (303, 302, 403, 404), (path, status, body[:300])
    assert secret not in body, (path, status)
    return location


@pytest.fixture(scope="module")
def signed_notes(admin, world):
    """Each client's order carries its signed consignment note (CMR)."""
    notes = {}
    for key, order in (("a", world["order_a"]), ("b", world["order_b"])):
        content = f"%PDF-1.4 CMR of client {key} {_tag()}"
        attachment = _create(
            admin,
            "ir.attachment",
            {
                "name": f"cmr-{key}.pdf",
                "datas": base64.b64encode(content.encode()).decode(),
                "res_model": "sale.order",
                "res_id": order,
            },
        )
        admin.execute("sale.order", "write", [order], {"signed_note_id": attachment})
        notes[key] = (attachment, content)
    return notes


def test_a_client_cannot_reach_another_clients_orders_invoices_or_notes(
    admin, world, signed_notes
):
    w, client = world, world["users"]["cli"]
    order_b, invoice_b = w["order_b"], w["invoice_b"]
    # By id.
    _refused(client, "sale.order", order_b)
    _refused(client, "account.move", invoice_b)
    _refused(client, "ir.attachment", signed_notes["b"][0])
    # By search: the client finds its own and nothing of the other client.
    orders = client.execute(
        "sale.order", "search", [("id", "in", [w["order_a"], order_b])]
    )
    assert orders == [w["order_a"]]
    invoices = client.execute(
        "account.move", "search", [("id", "in", [w["invoice_a"], invoice_b])]
    )
    assert invoices == [w["invoice_a"]]
    assert client.execute("sale.order", "search_count", [("id", "=", order_b)]) == 0
    # By URL, with the client's own session.
    browser = _browser(admin, client)
    secret_order = _name(admin, "sale.order", order_b)
    secret_invoice = _name(admin, "account.move", invoice_b)
    status, _location, body = browser.get(f"/my/orders/{w['order_a']}")
    assert status == 200 and _name(admin, "sale.order", w["order_a"]) in body
    _not_shown(browser, f"/my/orders/{order_b}", secret_order)
    _not_shown(browser, f"/my/invoices/{invoice_b}", secret_invoice)
    _not_shown(browser, f"/my/transport/{order_b}/note", signed_notes["b"][1])
    _not_shown(
        browser,
        f"/my/transport/{order_b}/note?access_token=not-the-token",
        signed_notes["b"][1],
    )
    status, _location, body = browser.get("/my/transport")
    assert status == 200
    assert _name(admin, "sale.order", w["order_a"]) in body
    assert secret_order not in body
    status, _location, body = browser.get(f"/my/transport/{w['order_a']}/note")
    assert status == 200 and signed_notes["a"][1] in body


def test_the_signed_note_opens_with_its_token_only(admin, world, signed_notes):
    order_b = world["order_b"]
    url = admin.execute("sale.order", "get_portal_url", [order_b])
    token = urllib.parse.parse_qs(urllib.parse.urlparse(url).query)["access_token"][0]
    anonymous = Browser(admin)
    for token_given in ("", "?access_token=", "?access_token=forged"):
        _not_shown(
            anonymous,
            f"/my/transport/{order_b}/note{token_given}",
            signed_notes["b"][1],
        )
    status, _location, body = anonymous.get(
        f"/my/transport/{order_b}/note?access_token={token}"
    )
    assert status == 200 and signed_notes["b"][1] in body


def test_a_driver_sees_only_the_trips_they_drive(admin, world):
    w, driver = world, world["users"]["drv"]
    _refused(driver, "transport.trip", w["trip_b"])
    trips = driver.execute(
        "transport.trip", "search", [("id", "in", [w["trip_a"], w["trip_b"]])]
    )
    assert trips == [w["trip_a"]]
    with pytest.raises(RpcError) as refused:
        driver.execute("transport.document", "search", [])
    assert refused.value.name == ACCESS_ERROR
    browser = _browser(admin, driver)
    secret = _name(admin, "transport.trip", w["trip_b"])
    status, _location, body = browser.get("/my/trips")
    assert status == 200 and _name(admin, "transport.trip", w["trip_a"]) in body
    assert secret not in body
    status, _location, body = browser.get(f"/my/trips/{w['trip_a']}")
    assert status == 200
    _not_shown(browser, f"/my/trips/{w['trip_b']}", secret)


# Every query parameter a portal page could be given, with hostile values.
PARAMETERS = (
    "sortby",
    "filterby",
    "groupby",
    "page",
    "search_in",
    "search",
    "date_begin",
    "date_end",
    "access_token",
)
HOSTILE = (
    "';drop table sale_order;--",
    "<script>alert('x')</script>",
    "99999999999999999999999",
    "-1",
    "abc",
    "",
)
PORTAL_PAGES = {
    "cli": ("/my/transport", "/my/transport/page/2", "/my/transport/{order}/note"),
    "drv": ("/my/trips", "/my/trips/page/2", "/my/trips/{trip}"),
}


@pytest.mark.parametrize("role", sorted(PORTAL_PAGES))
def test_our_portal_pages_survive_hostile_parameters(admin, world, signed_notes, role):
    browser = _browser(admin, world["users"][role])
    failures = []
    for page in PORTAL_PAGES[role]:
        path = page.format(order=world["order_a"], trip=world["trip_a"])
        for value in HOSTILE:
            # The token alone (it changes whose page it is), then all the others.
            for parameters in (PARAMETERS[-1:], PARAMETERS[:-1]):
                query = urllib.parse.urlencode(dict.fromkeys(parameters, value))
                status, _location, body = browser.get(f"{path}?{query}")
                if status not in (200, 303, 400, 404):
                    failures.append(f"{path}?{query}: HTTP {status}")
                elif "<script>alert('x')</script>" in body:
                    failures.append(f"{path}?{query}: the script is echoed")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "path",
    [
        "/my/trips/abc",
        "/my/trips/-1",
        "/my/trips/0",
        "/my/trips/99999999999999",
        "/my/trips/page/-3",
        "/my/trips/page/99999999999999",
        "/my/transport/abc/note",
        "/my/transport/0/note",
        "/my/transport/99999999999999/note",
        "/my/transport/page/0",
        "/my/transport/page/99999999999999",
    ],
)
def test_our_portal_pages_refuse_invalid_ids_without_error(admin, world, path):
    role = "drv" if path.startswith("/my/trips") else "cli"
    status, _location, _body = _browser(admin, world["users"][role]).get(path)
    assert status in (200, 303, 404), (path, status)


# ---------------------------------------------------------------- companies

COMPANY_MODELS = (
    "fleet.vehicle",
    "transport.document",
    "transport.trip",
    "transport.trip.stop",
    "transport.trip.cost",
    "stock.picking",
    "stock.move",
    "sale.order",
    "account.move",
    "transport.interaction",
    "transport.segment",
    "transport.pay.statement",
    "transport.pay.statement.line",
    "transport.tariff.rule",
    "transport.trip.report",
    "transport.stock.consumption.report",
)


def test_another_company_counts_nothing_of_the_first(admin, world):
    other, first = world["users"]["oth"], world["c1"]
    seen = {}
    for model in COMPANY_MODELS:
        domain = [("company_id", "=", first)]
        assert admin.execute(model, "search_count", domain), model
        seen[model] = other.execute(model, "search_count", domain)
    assert not any(seen.values()), seen


def test_another_company_cannot_confirm_a_delivery_of_the_first(admin, world):
    other, order = world["users"]["oth"], world["order_a"]
    [wizard] = other.execute(
        "transport.order.delivery.wizard",
        "create",
        [RECIPES["transport.order.delivery.wizard"][0](world, other)],
    )
    with pytest.raises(RpcError) as refused:
        other.execute("transport.order.delivery.wizard", "action_confirm", [wizard])
    assert refused.value.name == ACCESS_ERROR
    [state] = admin.execute(
        "sale.order", "read", [order], fields=["date_delivery_actual"]
    )
    assert not state["date_delivery_actual"]


# A wizard holds what its user typed (a client's signed note, pay periods...).
WIZARD_OWNERS = (
    ("transport.report.wizard", "usr", "dsp"),
    ("transport.stock.issue", "dsp", "stk"),
    ("transport.stock.issue.line", "stk", "dsp"),
    ("transport.order.plan.wizard", "dsp", "flm"),
    ("transport.order.delivery.wizard", "dsp", "sal"),
    ("transport.activity.result.wizard", "usr", "acc"),
    ("transport.manager.summary.wizard", "sal", "flm"),
    ("transport.manager.summary.line", "flm", "sal"),
    ("transport.pay.statement.generate", "flm", "oth"),
)


@pytest.mark.parametrize(("model", "owner", "other"), WIZARD_OWNERS)
def test_a_wizard_is_its_users_own(world, model, owner, other):
    owner, other = world["users"][owner], world["users"][other]
    vals, write = RECIPES[model]
    [wizard] = owner.execute(model, "create", [vals(world, owner)])
    for method, args in (
        ("read", ([wizard], ["id"])),
        ("write", ([wizard], write)),
        ("unlink", ([wizard],)),
    ):
        with pytest.raises(RpcError) as refused:
            other.execute(model, method, *args)
        assert refused.value.name == ACCESS_ERROR, (model, method)
    assert owner.execute(model, "read", [wizard], fields=["id"])
