"""The load test, in two steps run by ``make load`` (setup/transport_env/load.py)::

    python tests/load/run.py prepare --plan FILE [--rounds N] -- ODOO_OPTIONS
    python tests/load/run.py drive --plan FILE --url URL --results FILE
        [--server-log FILE] [--workers N]

``prepare`` runs inside Odoo on the stopped database: it tops the data up
(``dataset.py``) and writes the plan. ``drive`` runs against the server:
each virtual user is an asyncio JSON-RPC session of their own, with their own
login. Every scenario sends a fixed number of requests per user and round; in
each round our scenarios and their core baselines take turns, so both see the
same machine load. It prints the table, writes the JSON results and exits 1
on any failed request, any ERROR in the server log (but the concurrent-update
conflicts Odoo retried: each one's request is counted when it fails for
good), or a p95 ratio above its target.
"""

import argparse
import asyncio
import itertools
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from client import Session
from report import Scenario, exit_code, summarise, table

ROUNDS = 3
TARGET = 1.5  # our p95 at most this multiple of the core baseline's p95
LIST_ROWS = 80
# role: (group xml ids, number of virtual users); the core sellers (the
# baselines' users) also need Transport/User: the sale-order form shows trips
ROLES = {
    "dispatcher": (["transport_fleet.group_transport_dispatcher"], 8),
    "seller": (
        [
            "sales_team.group_sale_salesman_all_leads",
            "transport_fleet.group_transport_user",
        ],
        8,
    ),
    "sales": (["transport_crm.group_transport_sales"], 4),
    "storekeeper": (["transport_stock.group_transport_storekeeper"], 4),
}
REFERENCE = (
    "reference on this 2-core machine: core's sale-order list about 88 req/s with "
    "p95 95 ms at 8 users; order create p95 about 190 ms at 4 users"
)
SERVER_ERROR = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (ERROR|CRITICAL) ")
# a query refused for a concurrent update: odoo.sql_db logs it at ERROR, then
# Odoo retries the whole request (a request that fails for good is an error)
RETRIED = re.compile(
    r"^ERROR: (could not serialize access|deadlock detected|could not obtain lock)"
)


@dataclass
class User:
    """A virtual user: their session and the transfers left for them."""

    session: Session
    number: int
    pickings: dict = field(default_factory=dict)
    counter: itertools.count = field(default_factory=itertools.count)


class Check(Exception):
    """An answer that came back but is wrong."""


def expect(condition, message):
    if not condition:
        raise Check(message)


def pick(ids, user, number):
    """One of ``ids``, different for each user and request."""
    return ids[(user.number * 7919 + number * 104729) % len(ids)]


# -- the requests, as the web client sends them --------------------------------


async def first_page(user, model, specification, what):
    page = await user.session.call(
        model,
        "web_search_read",
        [],
        specification,
        limit=LIST_ROWS,
        count_limit=10001,
    )
    expect(len(page["records"]) == LIST_ROWS, f"short page of {what}")


async def trip_list(plan, user, _number):
    await first_page(user, "transport.trip", plan["specs"]["trip_list"], "trips")


async def order_list(plan, user, _number):
    await first_page(user, "sale.order", plan["specs"]["order_list"], "orders")


async def trip_open(plan, user, number):
    trip_id = pick(plan["trip_ids"], user, number)
    records = await user.session.call(
        "transport.trip",
        "web_read",
        [trip_id],
        plan["specs"]["trip_form"],
        context={"bin_size": True},
    )
    expect([record["id"] for record in records] == [trip_id], "trip not read")


async def order_open(plan, user, number):
    order_id = pick(plan["order_ids"], user, number)
    records = await user.session.call(
        "sale.order",
        "web_read",
        [order_id],
        plan["specs"]["order_form"],
        context={"bin_size": True},
    )
    expect([record["id"] for record in records] == [order_id], "order not read")


async def save_order(user, vals):
    saved = await user.session.call(
        "sale.order",
        "web_save",
        [],
        vals,
        specification={"name": {}, "amount_total": {}},
    )
    expect(saved[0]["amount_total"] > 0, f"order {saved[0]['name']} has no price")


async def transport_create(plan, user, number):
    await save_order(
        user,
        {
            "partner_id": pick(plan["client_ids"], user, number),
            "is_transport": True,
            "cargo_type_id": pick(plan["cargo_type_ids"], user, number),
            "cargo_weight": 1 + number % 20,
            "cargo_pallets": 1 + number % 33,
            "distance": 60 + (user.number * 31 + number * 37) % 900,
        },
    )


async def sale_create(plan, user, number):
    await save_order(
        user,
        {
            "partner_id": pick(plan["client_ids"], user, number),
            "order_line": [
                [0, 0, {"product_id": plan["service_id"], "product_uom_qty": 1}]
            ],
        },
    )


async def validate(user, kind):
    expect(user.pickings[kind], f"no ready {kind} left for {user.session.login}")
    picking_id = user.pickings[kind].pop(0)
    result = await user.session.call("stock.picking", "button_validate", [picking_id])
    expect(result is True, f"validating {picking_id} asked for more: {result}")
    user.pickings.setdefault(f"{kind}_done", []).append(picking_id)


async def waybill_validate(_plan, user, _number):
    await validate(user, "waybill")


async def transfer_validate(_plan, user, _number):
    await validate(user, "transfer")


# name, role, requests per user and round, action, baseline (p95 compared)
SCENARIOS = [
    ("trip list, 80 rows", "dispatcher", 15, trip_list, "sale-order list, 80 rows"),
    ("sale-order list, 80 rows", "seller", 15, order_list, None),
    ("trip open (form)", "dispatcher", 8, trip_open, "sale-order open (form)"),
    ("sale-order open (form)", "seller", 8, order_open, None),
    ("transport order create", "sales", 8, transport_create, "sale order create"),
    ("sale order create", "sales", 8, sale_create, None),
    ("waybill validate", "storekeeper", 8, waybill_validate, "transfer validate"),
    ("transfer validate", "storekeeper", 8, transfer_validate, None),
]
# the p95 ratios with a target (the others are reported)
TARGETS = {"trip list, 80 rows": TARGET, "transport order create": TARGET}


def validations_needed(rounds):
    """Transfers each storekeeper validates per kind: all rounds + a warm-up."""
    per_round = max(count for _n, role, count, *_ in SCENARIOS if role == "storekeeper")
    return rounds * per_round + 1


# -- driving -----------------------------------------------------------------------


async def drive(plan, users, action, count, scenario):
    """Each user sends ``count`` requests one after the other, all users at
    once; latencies and errors go to ``scenario``."""

    async def one(user):
        for _step in range(count):
            number = next(user.counter)
            start = time.perf_counter()
            try:
                await action(plan, user, number)
            except Exception as error:  # noqa: BLE001 - counted and reported
                scenario.errors.append(f"{type(error).__name__}: {error}"[:300])
            else:
                scenario.latencies.append(time.perf_counter() - start)

    start = time.perf_counter()
    await asyncio.gather(*(one(user) for user in users))
    return time.perf_counter() - start


async def log_in(plan, host, port):
    users = {}
    for role, logins in plan["users"].items():
        sessions = [
            Session(host, port, plan["database"], login, login) for login in logins
        ]
        await asyncio.gather(*(session.authenticate() for session in sessions))
        users[role] = [
            User(session, number, dict(plan["pickings"].get(session.login, {})))
            for number, session in enumerate(sessions)
        ]
    return users


async def run_load(plan, url, rounds):
    parts = urlsplit(url)
    users = await log_in(plan, parts.hostname, parts.port)
    scenarios = {
        name: Scenario(
            name, len(users[role]), baseline=baseline, target=TARGETS.get(name)
        )
        for name, role, _count, _action, baseline in SCENARIOS
    }
    # warm-up, not timed: every worker loads the registry, views and caches
    warm = Scenario("warm-up", 0)
    for name, role, _count, action, _baseline in SCENARIOS:
        await drive(plan, users[role], action, 1, warm)
        scenarios[name].errors += warm.errors
        warm.errors.clear()
    for _round in range(rounds):
        for name, role, count, action, _baseline in SCENARIOS:
            scenario = scenarios[name]
            scenario.seconds += await drive(plan, users[role], action, count, scenario)
    await check_validated(users["storekeeper"], scenarios)
    return list(scenarios.values())


async def check_validated(storekeepers, scenarios):
    """Every transfer validated without error is done."""
    for kind, name in (
        ("waybill", "waybill validate"),
        ("transfer", "transfer validate"),
    ):
        for user in storekeepers:
            ids = user.pickings.get(f"{kind}_done", [])
            pending = await user.session.call(
                "stock.picking",
                "search_count",
                [("id", "in", ids), ("state", "!=", "done")],
            )
            if pending:
                scenarios[name].errors.append(
                    f"{user.session.login}: {pending} validated, not done"
                )


def server_errors(log_file):
    """ERROR and CRITICAL entries of the server log: (retried conflicts, others)."""
    if not log_file or not os.path.exists(log_file):
        return [], []
    with open(log_file, errors="replace") as log:
        lines = log.read().splitlines()
    retried, others = [], []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        if SERVER_ERROR.match(line):
            (retried if RETRIED.match(following) else others).append(line)
    return retried, others


def main_drive(args):
    with open(args.plan) as plan_file:
        plan = json.load(plan_file)
    started = time.perf_counter()
    scenarios = asyncio.run(run_load(plan, args.url, args.rounds))
    duration = time.perf_counter() - started
    rows = summarise(scenarios)
    retried, logged = server_errors(args.server_log)
    print(table(rows))
    print(
        f"\n{args.workers} workers, {args.rounds} rounds, {duration:.0f} s, "
        f"{os.cpu_count()} CPUs; server log: {len(logged)} errors, {len(retried)} "
        "concurrent-update conflicts retried by Odoo"
    )
    for line in logged[:5]:
        print(f"  {line}")
    print(REFERENCE)
    with open(args.results, "w") as output:
        json.dump(
            {
                "date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
                "database": plan["database"],
                "workers": args.workers,
                "rounds": args.rounds,
                "duration_s": round(duration, 1),
                "cpus": os.cpu_count(),
                "server_log_errors": logged,
                "server_log_retried_conflicts": len(retried),
                "reference": REFERENCE,
                "rows": rows,
            },
            output,
            indent=2,
        )
    return exit_code(rows, len(logged))


def main_prepare(args, odoo_args):
    import dataset  # noqa: PLC0415 - needs Odoo, which ``drive`` does not

    plan = dataset.prepare(odoo_args, ROLES, validations_needed(args.rounds))
    with open(args.plan, "w") as output:
        json.dump(plan, output)
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=("prepare", "drive"))
    parser.add_argument("--plan", required=True)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--url")
    parser.add_argument("--results")
    parser.add_argument("--server-log")
    parser.add_argument("--workers", type=int, default=2)
    args, odoo_args = parser.parse_known_args()
    if args.step == "prepare":
        return main_prepare(args, [a for a in odoo_args if a != "--"])
    return main_drive(args)


if __name__ == "__main__":
    sys.exit(main())
