"""A bounded load test: an Odoo server with 2 workers on the benchmark
database, driven over JSON-RPC by threads (one session per simulated user).

Trip list (80 rows) at 8 users vs the sale-order list at 8 users, and
transport order create at 4 users vs sale order create at 4 users, on the
same server; ours and the baseline alternate in rounds so that both see the
same machine load. The database must be committed before (the server sees
only committed data).
"""

import http.cookiejar
import json
import math
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from measure import Row
from paths_lists import list_specification

TARGET = 1.5  # p95 at most this multiple of the baseline's, no error
ROUNDS = 2
LIST_USERS = 8
CREATE_USERS = 4
LOG = Path(".local", "logs", "bench-load-server.log").absolute()


class Session:
    """One user's JSON-RPC session."""

    def __init__(self, url, database):
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.post(
            "/web/session/authenticate",
            {"db": database, "login": "admin", "password": "admin"},
        )

    def post(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        request = urllib.request.Request(
            self.url + path,
            body.encode(),
            {"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=120) as response:
            answer = json.load(response)
        if "error" in answer:
            raise RuntimeError(answer["error"].get("message", "error"))
        return answer["result"]

    def call(self, model, method, *args, **kwargs):
        return self.post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_server(python, odoo_args, port):
    # (its websocket process, re-run from ``-m odoo``'s script path, stops at
    # once: no long-polling is needed here)
    command = [
        python,
        "-m",
        "odoo",
        *odoo_args,
        "--workers=2",
        "--max-cron-threads=0",
        "--http-port",
        str(port),
    ]
    with open(LOG, "w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the load-test server stopped at start: see {LOG}")
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/web/health", timeout=5
            ):
                return process
        except urllib.error.HTTPError:
            return process  # it answers
        except OSError:
            time.sleep(1)
    process.kill()
    raise RuntimeError(f"the load-test server did not answer: see {LOG}")


def _drive(sessions, action, count):
    """Each session runs ``action`` ``count`` times in its own thread; return
    the latencies and the number of errors."""
    latencies, errors = [], []
    lock = threading.Lock()

    def user(session, index):
        for step in range(count):
            start = time.perf_counter()
            try:
                action(session, index * count + step)
            except Exception as error:  # noqa: BLE001 - counted, reported
                with lock:
                    errors.append(str(error))
                continue
            with lock:
                latencies.append(time.perf_counter() - start)

    threads = [
        threading.Thread(target=user, args=(session, index))
        for index, session in enumerate(sessions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def p95(latencies):
    ordered = sorted(latencies)
    return ordered[max(math.ceil(len(ordered) * 0.95) - 1, 0)] if ordered else None


def run(env, data, python, odoo_args, scale):
    admin_env = env(user=env.ref("base.user_admin"))
    trip_spec = list_specification(admin_env["transport.trip"])
    order_spec = list_specification(admin_env["sale.order"])
    product = env.ref("transport_crm.product_transport_distance").id
    clients = data.client_ids
    tariffs = data.tariff_ids
    list_count = max(int(20 * min(scale * 10, 1)), 5)
    create_count = max(int(10 * min(scale * 10, 1)), 3)

    def trip_list(session, _i):
        session.call("transport.trip", "web_search_read", [], trip_spec, limit=80)

    def order_list(session, _i):
        session.call("sale.order", "web_search_read", [], order_spec, limit=80)

    def transport_create(session, i):
        session.call(
            "sale.order",
            "create",
            {
                "partner_id": clients[i * 7919 % len(clients)],
                "is_transport": True,
                "pricelist_id": tariffs[i % len(tariffs)],
                "distance": 100 + i % 500,
            },
        )

    def sale_create(session, i):
        session.call(
            "sale.order",
            "create",
            {
                "partner_id": clients[i * 7919 % len(clients)],
                "order_line": [
                    [0, 0, {"product_id": product, "product_uom_qty": 100 + i % 500}]
                ],
            },
        )

    database = env.cr.dbname
    port = _free_port()
    process = _start_server(python, odoo_args, port)
    try:
        url = f"http://127.0.0.1:{port}"
        sessions = [Session(url, database) for _index in range(LIST_USERS)]
        # warm both workers up: registry, views, caches
        for action in (trip_list, order_list, transport_create, sale_create):
            _drive(sessions[:4], action, 1)
        measured = {
            name: ([], []) for name in ("trips", "orders", "tcreate", "screate")
        }
        for _round in range(ROUNDS):
            for name, action, users, count in (
                ("trips", trip_list, LIST_USERS, list_count),
                ("orders", order_list, LIST_USERS, list_count),
                ("tcreate", transport_create, CREATE_USERS, create_count),
                ("screate", sale_create, CREATE_USERS, create_count),
            ):
                latencies, errors = _drive(sessions[:users], action, count)
                measured[name][0].extend(latencies)
                measured[name][1].extend(errors)
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
    rows = []
    for path, ours, base, users in (
        ("trip list 80 rows vs sale-order list", "trips", "orders", LIST_USERS),
        (
            "transport order create vs sale order create",
            "tcreate",
            "screate",
            CREATE_USERS,
        ),
    ):
        ours_p95, base_p95 = p95(measured[ours][0]), p95(measured[base][0])
        errors = measured[ours][1] + measured[base][1]
        ratio = ours_p95 / base_p95 if ours_p95 and base_p95 else None
        if errors:
            status = "FAILED"
        elif ratio is not None and ratio <= TARGET:
            status = "pass"
        else:
            status = "MISS"
        rows.append(
            Row(
                f"load, 2 workers, {users} users: {path} (p95)",
                f"p95 <= {TARGET}x, 0 errors",
                ours_p95,
                base_p95,
                ratio,
                f"{len(measured[ours][0])} vs {len(measured[base][0])} requests",
                status,
                f"{len(errors)} errors{': ' + errors[0] if errors else ''}",
            )
        )
    return rows
