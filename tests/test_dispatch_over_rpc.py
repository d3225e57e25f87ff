"""A dispatcher works a trip from an outside client, as the web client would.

The fleet manager registers the units, the driver and their documents; the
dispatcher is refused while documents are missing (every reason in one
message), then plans, starts and closes the trip; costs and the odometer
history follow.
"""

import datetime
import itertools

import pytest
from odoo_rpc import RpcError

_plates = itertools.count(1)
VEHICLE_DOCUMENTS = ("registration", "insurance", "inspection", "tachograph")


def _day(offset):
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


def _moment(hours):
    moment = datetime.datetime.now() + datetime.timedelta(hours=hours)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


@pytest.fixture
def fleet(admin):
    [brand] = admin.execute(
        "fleet.vehicle.model.brand", "create", [{"name": "RPC Trucks"}]
    )
    [model] = admin.execute(
        "fleet.vehicle.model", "create", [{"name": "Hauler 440", "brand_id": brand}]
    )
    [tractor] = admin.execute(
        "fleet.vehicle",
        "create",
        [
            {
                "model_id": model,
                "license_plate": f"RPC-{next(_plates):04d}",
                "transport_role": "tractor",
                "fuel_norm": 30.0,
            }
        ],
    )
    [driver] = admin.execute(
        "res.partner", "create", [{"name": "Rita Road", "is_driver": True}]
    )
    return {"tractor": tractor, "driver": driver}


def _document(admin, type_name, expiry, **holder):
    values = {
        "name": f"{type_name.upper()}-{next(_plates)}",
        "type_id": admin.ref(f"transport_fleet.document_type_{type_name}"),
        "issue_date": _day(-400),
        "expiry_date": expiry,
        **holder,
    }
    return admin.execute("transport.document", "create", [values])


def _give_papers(admin, fleet):
    for type_name in VEHICLE_DOCUMENTS:
        _document(admin, type_name, _day(365), vehicle_id=fleet["tractor"])
    [licence] = _document(admin, "licence", _day(900), partner_id=fleet["driver"])
    category_ce = admin.ref("transport_fleet.licence_category_ce")
    admin.execute(
        "transport.document",
        "write",
        [licence],
        {"licence_category_ids": [(6, 0, [category_ce])]},
    )
    _document(admin, "medical", _day(200), partner_id=fleet["driver"])


def _new_trip(client, fleet):
    [trip] = client.execute(
        "transport.trip",
        "create",
        [
            {
                "vehicle_id": fleet["tractor"],
                "driver_id": fleet["driver"],
                "origin": "Antwerp",
                "destination": "Lyon",
                "distance_planned": 850.0,
                "date_planned_departure": _moment(2),
                "date_planned_arrival": _moment(20),
            }
        ],
    )
    return trip


def _state(client, trip):
    return client.execute("transport.trip", "read", [trip], fields=["state"])[0][
        "state"
    ]


def test_a_trip_without_papers_is_refused_with_every_reason(admin, make_user, fleet):
    dispatcher = make_user("transport_fleet.group_transport_dispatcher")
    trip = _new_trip(dispatcher, fleet)
    with pytest.raises(RpcError) as refused:
        dispatcher.execute("transport.trip", "action_plan", [trip])
    message = str(refused.value)
    assert refused.value.name == "odoo.exceptions.UserError"
    for reason in ("Registration certificate", "Liability insurance", "licence"):
        assert reason in message, (reason, message)
    assert _state(dispatcher, trip) == "draft"


def test_a_dispatcher_plans_starts_and_closes_a_trip(admin, make_user, fleet):
    _give_papers(admin, fleet)
    dispatcher = make_user("transport_fleet.group_transport_dispatcher")
    trip = _new_trip(dispatcher, fleet)
    dispatcher.execute("transport.trip", "action_plan", [trip])
    assert _state(dispatcher, trip) == "planned"
    dispatcher.execute("transport.trip", "write", [trip], {"odometer_start": 120000.0})
    dispatcher.execute("transport.trip", "action_start", [trip])
    assert _state(dispatcher, trip) == "in_progress"
    dispatcher.execute(
        "transport.trip.cost",
        "create",
        [
            {"trip_id": trip, "cost_type": "toll", "amount": 170.0},
            {"trip_id": trip, "cost_type": "parking", "amount": 30.0},
        ],
    )
    dispatcher.execute("transport.trip", "write", [trip], {"odometer_end": 120800.0})
    dispatcher.execute("transport.trip", "action_done", [trip])
    [done] = dispatcher.execute(
        "transport.trip",
        "read",
        [trip],
        fields=["state", "distance_actual", "cost_total", "cost_per_km"],
    )
    assert done["state"] == "done"
    assert done["distance_actual"] == 800.0
    assert done["cost_total"] == 200.0
    assert done["cost_per_km"] == pytest.approx(0.25)
    odometers = admin.execute(
        "fleet.vehicle.odometer",
        "search_read",
        [("vehicle_id", "=", fleet["tractor"])],
        fields=["value"],
    )
    assert 120800.0 in [row["value"] for row in odometers]


def test_a_transport_user_reads_trips_but_cannot_plan_them(admin, make_user, fleet):
    _give_papers(admin, fleet)
    trip = _new_trip(admin, fleet)
    user = make_user("transport_fleet.group_transport_user")
    assert _state(user, trip) == "draft"
    with pytest.raises(RpcError) as refused:
        user.execute("transport.trip", "write", [trip], {"distance_planned": 1.0})
    assert refused.value.name == "odoo.exceptions.AccessError"
