"""Batch creation through the ORM (``create`` on a list of values) vs SQL
``execute_values`` inserting the same rows."""

from datetime import timedelta

from measure import Timing, compare, measure
from psycopg2.extras import execute_values

from odoo import fields
from odoo.tools import SQL

TARGET = 20.0
QUERIES_PER_RECORD = 0.05
PAGE = 1000  # execute_values' page size: one INSERT per page


def run(env, data):
    return [trips(env, data), waybills(env, data)]


def trips(env, data):
    now = fields.Datetime.now()
    vals_list = [
        {
            "vehicle_id": data.tractor_ids[i % len(data.tractor_ids)],
            "origin": "Depot",
            "destination": f"Client {i}",
            "distance_planned": 100 + i % 900,
            "date_planned_departure": now + timedelta(hours=i),
            "date_planned_arrival": now + timedelta(hours=i + 8),
        }
        for i in range(data.sizes["batch"])
    ]
    ours = measure(env, lambda: env["transport.trip"].create(vals_list).ids)
    company, uid = env.company.id, env.uid
    rows = [
        (
            f"SQL/{i}",
            "draft",
            company,
            uid,
            v["vehicle_id"],
            v["origin"],
            v["destination"],
            v["distance_planned"],
            v["date_planned_departure"],
            v["date_planned_arrival"],
            uid,
            uid,
            now,
            now,
        )
        for i, v in enumerate(vals_list)
    ]
    baseline = _insert(
        env,
        "INSERT INTO transport_trip (name, state, company_id, user_id, vehicle_id, "
        "origin, destination, distance_planned, date_planned_departure, "
        "date_planned_arrival, create_uid, write_uid, create_date, write_date) "
        "VALUES %s RETURNING id",
        rows,
    )
    return _row(
        env,
        "transport_trip",
        "distance_planned",
        f"batch create {len(rows)} trips",
        ours,
        baseline,
    )


def waybills(env, data):
    picking_type = env.ref("stock.picking_type_internal")
    source = picking_type.default_location_src_id.id
    destination = picking_type.default_location_dest_id.id
    vals_list = [
        {
            "picking_type_id": picking_type.id,
            "location_id": source,
            "location_dest_id": destination,
            "transport_trip_id": data.trip_ids[i % len(data.trip_ids)],
        }
        for i in range(data.sizes["batch"])
    ]
    ours = measure(env, lambda: env["stock.picking"].create(vals_list).ids)
    now = fields.Datetime.now()
    company, uid = env.company.id, env.uid
    rows = [
        (
            f"WB/SQL/{i}",
            "draft",
            "direct",
            company,
            v["picking_type_id"],
            source,
            destination,
            v["transport_trip_id"],
            "trip",
            now,
            uid,
            uid,
            now,
            now,
        )
        for i, v in enumerate(vals_list)
    ]
    baseline = _insert(
        env,
        "INSERT INTO stock_picking (name, state, move_type, company_id, "
        "picking_type_id, location_id, location_dest_id, transport_trip_id, "
        "transport_basis, scheduled_date, create_uid, write_uid, "
        "create_date, write_date) VALUES %s RETURNING id",
        rows,
    )
    return _row(
        env,
        "stock_picking",
        "transport_trip_id",
        f"batch create {len(rows)} waybills",
        ours,
        baseline,
    )


def _insert(env, query, rows):
    """execute_values, timed like ``measure``: one query per page of rows."""

    def insert():
        ids = execute_values(env.cr._obj, query, rows, page_size=PAGE, fetch=True)
        return [row[0] for row in ids]

    timing = measure(env, insert)
    pages = -(-len(rows) // PAGE)
    return Timing(timing.seconds, timing.queries + pages, timing.result)


def _row(env, table, column, path, ours, baseline):
    """Same number of rows and same sum of ``column`` on both sides."""
    sums = [
        env.execute_query(
            SQL(
                "SELECT count(*), sum(%s) FROM %s WHERE id = ANY(%s)",
                SQL.identifier(column),
                SQL.identifier(table),
                ids,
            )
        )[0]
        for ids in (ours.result, baseline.result)
    ]
    per_record = ours.queries / len(ours.result)
    row = compare(
        path,
        f"<= {TARGET:.0f}x, <= {QUERIES_PER_RECORD} q/rec",
        TARGET,
        ours,
        baseline,
        sums[0] == sums[1],
        f"{per_record:.2f} queries per record",
    )
    if row.status == "pass" and per_record > QUERIES_PER_RECORD:
        row.status = "MISS"
    return row
