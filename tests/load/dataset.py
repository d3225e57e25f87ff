"""The load test's data, topped up inside Odoo before the server starts.

The database has the three addons and their demo data. This adds what the
load needs and is not there yet, so that a database kept from an earlier run
is reused as it is: the users of each role (password = login), at least
``ROWS`` trips and transport orders (the lists show 80 of them), the items and
stock the waybills move, and for each storekeeper the ready waybills (fuel
issued to a trip) and core internal transfers they validate, assigned to
them. Everything is committed; the plan returned tells the client the logins,
the ids and the field specifications the web client sends for each view.
"""

import itertools
import sys
from datetime import timedelta
from pathlib import Path

from lxml import etree

from odoo import SUPERUSER_ID, api, fields
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tools import config

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmark"))
from paths_lists import list_specification  # noqa: E402

ROWS = 400
STOCK = 100_000.0
WAYBILL_ORIGIN = "Load test: fuel issue"
TRANSFER_ORIGIN = "Load test: transfer"


def prepare(odoo_args, roles, validations):
    """Top the database up and return the plan (a dict, JSON-serialisable)."""
    config.parse_config(odoo_args, setup_logging=True)
    registry = Registry(config["db_name"][0])
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env = env(context=env["res.users"].context_get())
        users = _ensure_users(env, roles)
        clients = env["sale.order"].search([("is_transport", "=", True)]).partner_id
        if not clients:
            raise RuntimeError("no transport order in the database: demo data missing")
        cargo_types = env["transport.cargo.type"].search([])
        _top_up_trips(env)
        _top_up_orders(env, clients, cargo_types)
        products = _ensure_products(env)
        pickings = _ensure_pickings(env, users["storekeeper"], validations, products)
        dispatcher = env(user=users["dispatcher"][0])
        seller = env(user=users["seller"][0])
        return {
            "database": cr.dbname,
            "users": {role: group.mapped("login") for role, group in users.items()},
            "specs": {
                "trip_list": list_specification(dispatcher["transport.trip"]),
                "trip_form": form_specification(dispatcher["transport.trip"]),
                "order_list": list_specification(
                    seller["sale.order"], "sale.view_order_tree"
                ),
                "order_form": form_specification(
                    seller["sale.order"], "sale.view_order_form"
                ),
            },
            "trip_ids": env["transport.trip"].search([], limit=ROWS).ids,
            "order_ids": env["sale.order"].search([], limit=ROWS).ids,
            "client_ids": clients.ids,
            "cargo_type_ids": cargo_types.ids,
            "service_id": products["service"].id,
            "pickings": pickings,
        }


def form_specification(model, view_xmlid=None):
    """The ``web_read`` specification the web client sends to open a form."""
    view_id = model.env.ref(view_xmlid).id if view_xmlid else False
    arch = model.get_views([(view_id, "form")])["views"]["form"]["arch"]
    return _specification(model, etree.fromstring(arch))


def _specification(model, node):
    """Fields under ``node``; an x2many reads the fields of its inline list."""
    specification = {}
    for child in node.iterchildren(tag=etree.Element):
        if child.tag != "field":
            specification.update(_specification(model, child))
            continue
        field = model._fields[child.get("name")]
        if field.type == "many2one":
            specification[field.name] = {"fields": {"display_name": {}}}
        elif field.type in ("one2many", "many2many"):
            sub_view = child.find("list")
            if sub_view is None:
                sub_view = child.find("kanban")
            sub_fields = {"display_name": {}}
            if sub_view is not None:
                sub_fields |= _specification(model.env[field.comodel_name], sub_view)
            specification[field.name] = {"fields": sub_fields, "limit": 40}
        else:
            specification[field.name] = {}
    return specification


def _ensure_users(env, roles):
    """``roles``: role -> (group xml ids, number of users); logins load_<role>_<n>."""
    Users = env["res.users"].with_context(no_reset_password=True)
    users = {}
    for role, (groups, count) in roles.items():
        logins = [f"load_{role}_{number}" for number in range(1, count + 1)]
        links = [Command.link(env.ref(group).id) for group in groups]
        known = Users.search([("login", "in", logins)])
        known.write({"group_ids": links})
        Users.create(
            [
                {
                    "name": f"Load test {role} {login.rsplit('_', 1)[1]}",
                    "login": login,
                    "password": login,
                    "group_ids": links,
                }
                for login in sorted(set(logins) - set(known.mapped("login")))
            ]
        )
        users[role] = Users.search([("login", "in", logins)], order="id")
    return users


def _top_up_trips(env):
    """Trips like the demo ones (same vehicles, crews and routes), planned
    twice a day ahead, each with a toll."""
    Trip = env["transport.trip"]
    missing = ROWS - Trip.search_count([])
    if missing <= 0:
        return
    models = Trip.search([("vehicle_id", "!=", False)], order="id", limit=20)
    start = fields.Datetime.now().replace(minute=0, second=0)
    Trip.create(
        [
            {
                "vehicle_id": model.vehicle_id.id,
                "trailer_ids": [Command.set(model.trailer_ids.ids)],
                "driver_id": model.driver_id.id,
                "origin": model.origin,
                "destination": model.destination,
                "distance_planned": model.distance_planned,
                "cargo_weight": model.cargo_weight,
                "date_planned_departure": start + timedelta(hours=12 * number),
                "date_planned_arrival": start + timedelta(hours=12 * number + 9),
                "cost_line_ids": [
                    Command.create({"cost_type": "toll", "amount": 20 + number % 40})
                ],
            }
            for number, model in zip(range(missing), itertools.cycle(models))
        ]
    )


def _top_up_orders(env, clients, cargo_types):
    """Transport quotations for the demo clients, priced from their tariffs."""
    Order = env["sale.order"]
    missing = ROWS - Order.search_count([("is_transport", "=", True)])
    if missing <= 0:
        return
    Order.create(
        [
            {
                "partner_id": clients[number % len(clients)].id,
                "is_transport": True,
                "cargo_type_id": cargo_types[number % len(cargo_types)].id,
                "cargo_weight": 2 + number % 20,
                "cargo_pallets": 1 + number % 33,
                "distance": 80 + number * 37 % 900,
            }
            for number in range(missing)
        ]
    )


def _ensure_products(env):
    """Diesel (a fleet supply) and bolts (a plain item) with plenty on hand in
    the main stock; a service sold by core sale orders."""
    Product = env["product.product"]
    values = {
        "diesel": {
            "name": "Diesel (load test)",
            "categ_id": env.ref("transport_stock.product_category_fuel").id,
            "is_storable": True,
            "uom_id": env.ref("uom.product_uom_litre").id,
            "standard_price": 1.45,
        },
        "bolts": {"name": "Shelf bolt (load test)", "is_storable": True},
        "service": {
            "name": "Handling (load test)",
            "type": "service",
            "list_price": 120.0,
        },
    }
    products = {}
    for key, vals in values.items():
        code = f"LOAD-{key.upper()}"
        products[key] = Product.search([("default_code", "=", code)]) or (
            Product.create({**vals, "default_code": code})
        )
    stock = _warehouse(env).lot_stock_id
    Quant = env["stock.quant"]
    for product in (products["diesel"], products["bolts"]):
        available = Quant._get_available_quantity(product, stock)
        if available < STOCK / 2:
            Quant._update_available_quantity(product, stock, STOCK - available)
    return products


def _warehouse(env):
    return env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)


def _ensure_pickings(env, storekeepers, count, products):
    """``count`` ready waybills and as many ready core transfers per
    storekeeper; return their ids by login: {"waybill": [...], "transfer": [...]}."""
    warehouse = _warehouse(env)
    stock = warehouse.lot_stock_id
    shelf = env["stock.location"].search(
        [("name", "=", "Load test shelf"), ("location_id", "=", stock.id)]
    ) or env["stock.location"].create(
        {"name": "Load test shelf", "location_id": stock.id, "usage": "internal"}
    )
    trips = env["transport.trip"].search(
        [("state", "in", ("draft", "planned")), ("vehicle_id", "!=", False)],
        limit=20,
    )
    tanks = [(trip, trip.vehicle_id._get_tank_location()) for trip in trips]
    Picking = env["stock.picking"]

    def ready(user, origin):
        return Picking.search(
            [("user_id", "=", user.id), ("origin", "=", origin)]
            + [("state", "=", "assigned")],
            order="id",
        )

    def waybill(number):
        trip, tank = tanks[number % len(tanks)]
        return {
            "location_dest_id": tank.id,
            "transport_trip_id": trip.id,
            "origin": WAYBILL_ORIGIN,
            "move_ids": [_move(products["diesel"], 40)],
        }

    def transfer(_number):
        return {
            "location_dest_id": shelf.id,
            "origin": TRANSFER_ORIGIN,
            "move_ids": [_move(products["bolts"], 40)],
        }

    vals_list = []
    for user in storekeepers:
        for origin, make in ((WAYBILL_ORIGIN, waybill), (TRANSFER_ORIGIN, transfer)):
            for number in range(count - len(ready(user, origin))):
                vals_list.append(
                    {
                        "picking_type_id": warehouse.int_type_id.id,
                        "location_id": stock.id,
                        "user_id": user.id,
                        **make(number),
                    }
                )
    new = Picking.create(vals_list)
    new.action_confirm()
    new.action_assign()
    pickings = {}
    for user in storekeepers:
        pickings[user.login] = {
            "waybill": ready(user, WAYBILL_ORIGIN).ids[:count],
            "transfer": ready(user, TRANSFER_ORIGIN).ids[:count],
        }
        if any(len(ids) < count for ids in pickings[user.login].values()):
            raise RuntimeError(f"some load-test transfers of {user.login} not ready")
    return pickings


def _move(product, quantity):
    return Command.create(
        {
            "product_id": product.id,
            "product_uom_qty": quantity,
            "product_uom": product.uom_id.id,
        }
    )
