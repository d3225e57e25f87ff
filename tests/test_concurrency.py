"""Users who act at the same moment, each in their own transaction.

The threaded server started by ``make test`` serves every request in its own
thread, with its own cursor and transaction: these races are real parallel
transactions. Each competitor is a separate authenticated user; a barrier
releases their calls together. Where only one may win, exactly one wins and
the other gets a business refusal (a UserError or ValidationError, never a
raw database error); nothing is lost and no number is handed out twice.

A loser may first meet a serialization failure: Odoo then replays its request
(logged at INFO), and the replay sees the winner's work.
"""

import datetime
import itertools
import threading

import pytest
from odoo_rpc import RpcError

ROUNDS = 5
BUSINESS_ERRORS = ("odoo.exceptions.UserError", "odoo.exceptions.ValidationError")
VEHICLE_DOCUMENTS = ("registration", "insurance", "inspection", "tachograph")
_serial = itertools.count(1)


def _race(*calls):
    """Run ``calls`` in threads released at the same moment.

    Return one outcome per call: ``("ok", result)``, ``("refused", RpcError)``
    or ``("crash", exception)`` for anything that is not an answer of Odoo.
    """
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            outcomes[index] = ("ok", call())
        except RpcError as error:
            outcomes[index] = ("refused", error)
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            outcomes[index] = ("crash", error)

    threads = [
        threading.Thread(target=run, args=(index, call))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a call never answered"
    return outcomes


def _one_winner(outcomes):
    """Assert that exactly one call won and the others got a business refusal;
    return (index of the winner, refusal messages)."""
    assert not [o for o in outcomes if o[0] == "crash"], outcomes
    winners = [index for index, (kind, _value) in enumerate(outcomes) if kind == "ok"]
    assert len(winners) == 1, f"expected exactly one winner: {outcomes}"
    refusals = [value for kind, value in outcomes if kind == "refused"]
    for refusal in refusals:
        assert refusal.name in BUSINESS_ERRORS, (refusal.name, str(refusal))
    return winners[0], [str(refusal) for refusal in refusals]


def _all_won(outcomes):
    problems = [outcome for outcome in outcomes if outcome[0] != "ok"]
    assert not problems, problems
    return [value for _kind, value in outcomes]


def _moment(hours):
    moment = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=hours)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _day(offset):
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


# ----------------------------------------------------------------------
# Trips: two dispatchers, one vehicle or one driver
# ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def truck_model(admin):
    [brand] = admin.execute(
        "fleet.vehicle.model.brand", "create", [{"name": "Race Trucks"}]
    )
    [model] = admin.execute(
        "fleet.vehicle.model",
        "create",
        [{"name": "Racer 500", "brand_id": brand, "default_fuel_type": "diesel"}],
    )
    return model


def _ref(admin, xmlid, _cache={}):  # noqa: B006 - one look-up per xml id
    if xmlid not in _cache:
        _cache[xmlid] = admin.ref(xmlid)
    return _cache[xmlid]


def _document_vals(admin, type_name, **holder):
    return {
        "name": f"RACE-{type_name.upper()}-{next(_serial)}",
        "type_id": _ref(admin, f"transport_fleet.document_type_{type_name}"),
        "issue_date": _day(-100),
        "expiry_date": _day(365),
        **holder,
    }


def _papered_units(admin, truck_model, tractor_count, driver_count):
    """Tractors and drivers whose papers are valid for a year."""
    tractors = admin.execute(
        "fleet.vehicle",
        "create",
        [
            {
                "model_id": truck_model,
                "license_plate": f"RACE-{next(_serial):04d}",
                "transport_role": "tractor",
                "fuel_norm": 30.0,
            }
            for _i in range(tractor_count)
        ],
    )
    drivers = admin.execute(
        "res.partner",
        "create",
        [
            {"name": f"Racing Driver {next(_serial)}", "is_driver": True}
            for _i in range(driver_count)
        ],
    )
    category_ce = _ref(admin, "transport_fleet.licence_category_ce")
    documents = [
        _document_vals(admin, type_name, vehicle_id=tractor)
        for tractor in tractors
        for type_name in VEHICLE_DOCUMENTS
    ]
    for driver in drivers:
        documents += [
            dict(
                _document_vals(admin, "licence", partner_id=driver),
                licence_category_ids=[(6, 0, [category_ce])],
            ),
            _document_vals(admin, "medical", partner_id=driver),
        ]
    admin.execute("transport.document", "create", documents)
    return tractors, drivers


def _pairs_of_trips(admin, truck_model, shared, windows, rounds):
    """``rounds`` pairs of trips in the two (departure, arrival) windows, in
    hours from now; the trips of a pair share their vehicle or their driver."""
    if shared == "vehicle":
        tractors, drivers = _papered_units(admin, truck_model, rounds, 2 * rounds)
        tractors = [tractor for tractor in tractors for _twice in range(2)]
    else:
        tractors, drivers = _papered_units(admin, truck_model, 2 * rounds, rounds)
        drivers = [driver for driver in drivers for _twice in range(2)]
    trips = admin.execute(
        "transport.trip",
        "create",
        [
            {
                "vehicle_id": vehicle,
                "driver_id": driver,
                "origin": "Antwerp",
                "destination": "Lyon",
                "distance_planned": 850.0,
                "date_planned_departure": _moment(departure),
                "date_planned_arrival": _moment(arrival),
            }
            for vehicle, driver, (departure, arrival) in zip(
                tractors, drivers, windows * rounds, strict=True
            )
        ],
    )
    return [trips[index : index + 2] for index in range(0, len(trips), 2)]


def _states(admin, trips):
    rows = admin.execute("transport.trip", "read", trips, fields=["state"])
    return [row["state"] for row in rows]


def _race_trip_action(dispatchers, method, pair):
    return _race(
        *(
            lambda client=client, trip=trip: client.execute(
                "transport.trip", method, [trip]
            )
            for client, trip in zip(dispatchers, pair, strict=True)
        )
    )


@pytest.fixture
def dispatchers(make_user):
    return [make_user("transport_fleet.group_transport_dispatcher") for _i in range(2)]


def test_two_dispatchers_start_trips_of_the_same_unit_at_once(
    admin, truck_model, dispatchers
):
    """Two planned trips that do not overlap on paper: the first one is late
    (due back an hour ago), the second leaves an hour early. Either may start
    alone; whoever starts first takes the truck (or the driver) and the other
    is told it is already on a trip."""
    windows = [(-5, -1), (1, 5)]
    pairs = _pairs_of_trips(admin, truck_model, "vehicle", windows, ROUNDS)
    pairs += _pairs_of_trips(admin, truck_model, "driver", windows, ROUNDS)
    admin.execute("transport.trip", "action_plan", sum(pairs, []))
    for pair in pairs:
        winner, [refusal] = _one_winner(
            _race_trip_action(dispatchers, "action_start", pair)
        )
        assert "already booked on trip" in refusal, refusal
        expected = ["planned", "planned"]
        expected[winner] = "in_progress"
        assert _states(admin, pair) == expected


def test_two_dispatchers_plan_overlapping_trips_of_one_truck_at_once(
    admin, truck_model, dispatchers
):
    pairs = _pairs_of_trips(admin, truck_model, "vehicle", [(1, 10), (2, 11)], 3)
    for pair in pairs:
        winner, [refusal] = _one_winner(
            _race_trip_action(dispatchers, "action_plan", pair)
        )
        assert "already booked on trip" in refusal, refusal
        expected = ["draft", "draft"]
        expected[winner] = "planned"
        assert _states(admin, pair) == expected


# ----------------------------------------------------------------------
# Fuel: two storekeepers, the last litres
# ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def fuel_trips(admin, truck_model):
    """Two trips of two trucks whose tanks exist (a first litre was issued)."""
    vehicles = admin.execute(
        "fleet.vehicle",
        "create",
        [
            {
                "model_id": truck_model,
                "license_plate": f"FUEL-{next(_serial):04d}",
                "transport_role": "tractor",
            }
            for _i in range(2)
        ],
    )
    trips = admin.execute(
        "transport.trip",
        "create",
        [{"vehicle_id": vehicle, "origin": "Depot"} for vehicle in vehicles],
    )
    [warm_up] = _fuels_in_stock(admin, 2.0, 1)
    for trip in trips:
        [wizard] = _fuel_issues(admin, trip, [warm_up], 1.0)
        _issue(admin, wizard)
    return trips


def _fuels_in_stock(admin, litres, count):
    """``count`` new fuels with ``litres`` each in the main stock."""
    fuels = admin.execute(
        "product.product",
        "create",
        [
            {
                "name": f"Race diesel {next(_serial)}",
                "is_storable": True,
                "categ_id": _ref(admin, "transport_stock.product_category_fuel"),
                "uom_id": _ref(admin, "uom.product_uom_litre"),
                "standard_price": 1.5,
            }
            for _i in range(count)
        ],
    )
    admin.execute(
        "stock.quant",
        "create",
        [
            {
                "product_id": fuel,
                "location_id": _ref(admin, "stock.stock_location_stock"),
                "inventory_quantity_auto_apply": litres,
            }
            for fuel in fuels
        ],
        context={"inventory_mode": True},
    )
    return fuels


def _fuel_issues(client, trip, fuels, litres):
    """One issue wizard per fuel, filled in by ``client`` for ``trip``."""
    return client.execute(
        "transport.stock.issue",
        "create",
        [
            {
                "issue_type": "fuel",
                "trip_id": trip,
                "line_ids": [(0, 0, {"product_id": fuel, "quantity": litres})],
            }
            for fuel in fuels
        ],
    )


def _issue(client, wizard):
    return client.execute("transport.stock.issue", "action_issue", [wizard])


def test_two_storekeepers_issue_the_last_litres_at_once(admin, make_user, fuel_trips):
    """100 l in stock, two issues of 80 l validated at the same moment."""
    storekeepers = [
        make_user("transport_stock.group_transport_storekeeper") for _i in range(2)
    ]
    stock = _ref(admin, "stock.stock_location_stock")
    fuels = _fuels_in_stock(admin, 100.0, ROUNDS)
    wizards = [
        _fuel_issues(storekeeper, trip, fuels, 80.0)
        for storekeeper, trip in zip(storekeepers, fuel_trips, strict=True)
    ]
    for fuel, round_wizards in zip(fuels, zip(*wizards, strict=True), strict=True):
        outcomes = _race(
            *(
                lambda client=client, wizard=wizard: _issue(client, wizard)
                for client, wizard in zip(storekeepers, round_wizards, strict=True)
            )
        )

        winner, [refusal] = _one_winner(outcomes)
        assert "Not enough" in refusal and "Nothing was moved" in refusal, refusal
        quants = admin.execute(
            "stock.quant",
            "search_read",
            [("product_id", "=", fuel), ("location_id.usage", "=", "internal")],
            fields=["quantity", "location_id"],
        )
        assert all(quant["quantity"] >= 0 for quant in quants), quants
        in_stock = sum(q["quantity"] for q in quants if q["location_id"][0] == stock)
        assert in_stock == pytest.approx(20.0), quants
        assert sum(q["quantity"] for q in quants) == pytest.approx(100.0), quants
        waybills = admin.execute(
            "stock.picking",
            "search_read",
            [("product_id", "=", fuel), ("state", "=", "done")],
            fields=["transport_trip_id"],
        )
        assert [w["transport_trip_id"][0] for w in waybills] == [fuel_trips[winner]]


# ----------------------------------------------------------------------
# Pay: two managers, one driver's month
# ----------------------------------------------------------------------
def test_two_managers_make_overlapping_pay_statements_at_once(admin, make_user):
    """Paying a period twice is what the overlap check prevents: it must hold
    when both statements are made at the same moment."""
    managers = [make_user("transport_fleet.group_transport_manager") for _i in range(2)]
    employees = admin.execute(
        "hr.employee",
        "create",
        [{"name": f"Race driver {next(_serial)}"} for _i in range(3)],
    )
    for employee in employees:
        outcomes = _race(
            *(
                lambda manager=manager, index=index, employee=employee: (
                    manager.execute(
                        "transport.pay.statement",
                        "create",
                        [
                            {
                                "employee_id": employee,
                                "date_from": _day(-30),
                                "date_to": _day(-1 - index),
                            }
                        ],
                    )
                )
                for index, manager in enumerate(managers)
            )
        )

        _winner, [refusal] = _one_winner(outcomes)
        assert "periods cannot overlap" in refusal, refusal
        statements = admin.execute(
            "transport.pay.statement", "search_count", [("employee_id", "=", employee)]
        )
        assert statements == 1


# ----------------------------------------------------------------------
# Orders, pricing and numbers: everyone wins, nothing is lost
# ----------------------------------------------------------------------
PARALLEL_USERS = 8


def _trip_vals(admin, count):
    return [
        {"origin": f"Race depot {next(_serial)}", "destination": "Lyon"}
        for _i in range(count)
    ]


def _pay_statement_vals(admin, count):
    employees = admin.execute(
        "hr.employee",
        "create",
        [{"name": f"Race employee {next(_serial)}"} for _i in range(count)],
    )
    return [
        {"employee_id": employee, "date_from": _day(-30), "date_to": _day(-1)}
        for employee in employees
    ]


def _waybill_vals(admin, count):
    stock = _ref(admin, "stock.stock_location_stock")
    return [
        {
            "picking_type_id": _ref(admin, "stock.picking_type_internal"),
            "location_id": stock,
            "location_dest_id": stock,
            "origin": f"Race {next(_serial)}",
        }
        for _i in range(count)
    ]


def _assert_distinct_numbers(admin, users):
    """Trips, pay statements and waybills created by ``users`` at once."""
    for model, prepare in (
        ("transport.trip", _trip_vals),
        ("transport.pay.statement", _pay_statement_vals),
        ("stock.picking", _waybill_vals),
    ):
        values = prepare(admin, len(users))
        outcomes = _race(
            *(
                lambda user=user, vals=vals, model=model: user.execute(
                    model, "create", [vals]
                )[0]
                for user, vals in zip(users, values, strict=True)
            )
        )
        records = _all_won(outcomes)
        rows = admin.execute(model, "read", records, fields=["name"])
        names = [row["name"] for row in rows]
        assert len(set(names)) == len(users), (model, names)
        assert all(name and name not in ("New", "/") for name in names), names


def test_parallel_orders_and_documents_lose_nothing_and_share_no_number(
    admin, make_user
):
    """Office staff (sales and fleet managers) create transport orders for
    one client at the same moment, then reprice them together; then they
    create trips, pay statements and waybills together."""
    [tariff] = admin.execute(
        "product.pricelist",
        "create",
        [
            {
                "name": f"Race tariff {next(_serial)}",
                "transport_rule_ids": [
                    (0, 0, {"rule_type": "distance", "rate": 1.5}),
                    (0, 0, {"rule_type": "loading", "rate": 40.0}),
                ],
            }
        ],
    )
    [client] = admin.execute(
        "res.partner",
        "create",
        [{"name": f"Race Foods {next(_serial)}", "is_company": True}],
    )
    sellers = [
        make_user(
            "transport_crm.group_transport_sales",
            "transport_fleet.group_transport_manager",
        )
        for _i in range(PARALLEL_USERS)
    ]

    def count():
        return admin.execute(
            "sale.order", "search_count", [("partner_id", "=", client)]
        )

    assert count() == 0
    outcomes = _race(
        *(
            lambda seller=seller, index=index: seller.execute(
                "sale.order",
                "create",
                [
                    {
                        "partner_id": client,
                        "is_transport": True,
                        "pricelist_id": tariff,
                        "distance": 100.0 + index,
                        "service_loading": True,
                        "cargo_description": f"Pallets of race {index}",
                    }
                ],
            )[0]
            for index, seller in enumerate(sellers)
        )
    )
    orders = _all_won(outcomes)
    assert count() == PARALLEL_USERS

    def priced():
        fields = ["name", "distance", "amount_untaxed"]
        return admin.execute("sale.order", "read", orders, fields=fields)

    rows = priced()
    assert len({row["name"] for row in rows}) == PARALLEL_USERS, rows
    for row in rows:
        assert row["amount_untaxed"] == pytest.approx(row["distance"] * 1.5 + 40.0)

    # the tariff goes up; every seller reprices their own order at once
    rule = admin.execute(
        "transport.tariff.rule",
        "search",
        [("pricelist_id", "=", tariff), ("rule_type", "=", "distance")],
    )
    admin.execute("transport.tariff.rule", "write", rule, {"rate": 2.0})
    _all_won(
        _race(
            *(
                lambda seller=seller, order=order: seller.execute(
                    "sale.order", "action_transport_reprice", [order]
                )
                for seller, order in zip(sellers, orders, strict=True)
            )
        )
    )
    for row in priced():
        assert row["amount_untaxed"] == pytest.approx(row["distance"] * 2.0 + 40.0)
    assert count() == PARALLEL_USERS

    _assert_distinct_numbers(admin, sellers)
