"""``make load``: a bounded load test against a multi-worker Odoo server.

1. the database ``LOAD_DB`` (default ``transport_load``) is created with the
   three addons and their demo data, or reused as it is when it exists and our
   addons did not change since (as ``make run`` does with its database);
2. ``tests/load/run.py prepare`` tops its data up (the virtual users, 400
   trips and transport orders, the waybills to validate) and writes the plan;
3. Odoo serves it with ``LOAD_WORKERS`` HTTP workers (2 to 4, default 2) and
   no cron worker, on loopback (``LOAD_PORT``, default a free port);
4. ``tests/load/run.py drive`` sends a fixed number of requests per scenario
   (``LOAD_ROUNDS`` rounds, default 3), prints the table and writes
   ``.local/load/results.json``; its exit code is the command's.
"""

import os
import subprocess
import time

from .console import EnvironmentProblem, say
from .odoo_host import ensure_environment
from .paths import LOCAL, LOGS, REPO, ensure_dirs
from .postgres import Cluster
from .run import prepare_database
from .server import Odoo, check_port_free, free_port, stop

FOLDER = LOCAL / "load"
RESULTS = FOLDER / "results.json"
PLAN = FOLDER / "plan.json"
RUNNER = REPO / "tests" / "load" / "run.py"
WORKERS = range(2, 5)


LAUNCHER = """\
import sys
import time

long_polling = sys.argv[1:2] == ["gevent"]  # importing odoo removes it
try:
    from odoo.cli.command import main
except Exception as error:
    if not long_polling:
        raise
    # Where gevent cannot start, stay idle rather than make the server
    # start a failing process again every second: no request needs it here.
    print(f"long-polling process not started: {error!r}", file=sys.stderr)
    while True:
        time.sleep(3600)
sys.exit(main())
"""


class PreforkOdoo(Odoo):
    """Odoo with HTTP workers. The server starts its long-polling (gevent)
    process again from ``sys.argv[0]``, which ``-m odoo`` leaves as the path
    of a module that cannot run as a script: start Odoo from a launcher."""

    launcher = FOLDER / "odoo-launcher.py"

    def command(self, database, *args):
        self.launcher.write_text(LAUNCHER)
        return [self.python, str(self.launcher), *self.options(database, *args)]


def settings():
    """LOAD_DB, LOAD_WORKERS, LOAD_ROUNDS and LOAD_PORT, checked."""
    database = os.environ.get("LOAD_DB", "transport_load")
    values = {}
    for name, default in (("WORKERS", "2"), ("ROUNDS", "3"), ("PORT", "")):
        value = os.environ.get(f"LOAD_{name}", default)
        if value and not value.isdigit():
            raise EnvironmentProblem(f"LOAD_{name}={value} is not a number.")
        values[name] = int(value) if value else None
    if values["WORKERS"] not in WORKERS:
        raise EnvironmentProblem(
            f"LOAD_WORKERS={values['WORKERS']}: the load test runs 2 to 4 workers."
        )
    if not values["ROUNDS"]:
        raise EnvironmentProblem("LOAD_ROUNDS must be at least 1.")
    return database, values["WORKERS"], values["ROUNDS"], values["PORT"]


def main():
    started = time.monotonic()
    ensure_dirs()
    FOLDER.mkdir(parents=True, exist_ok=True)
    database, workers, rounds, port = settings()
    python = ensure_environment()
    cluster = Cluster()
    cluster.ensure_running()
    odoo = PreforkOdoo(python, cluster)
    if port:
        check_port_free(port)
    else:
        port = free_port()
    prepare_database(odoo, cluster, database)
    say(f"Preparing the load-test data in '{database}' ...")
    log = LOGS / "load-prepare.log"
    command = [python, str(RUNNER), "prepare", "--plan", str(PLAN)]
    command += ["--rounds", str(rounds), "--"]
    command += odoo.options(database, "--log-level", "warn")
    with open(log, "w") as output:
        prepared = subprocess.run(
            command, cwd=REPO, stdout=output, stderr=subprocess.STDOUT
        )
    if prepared.returncode:
        raise EnvironmentProblem(f"Preparing the load-test data failed: see {log}.")
    server_log = LOGS / "load-server.log"
    say(f"Starting Odoo with {workers} workers on port {port} (log: {server_log}) ...")
    process = odoo.serve(
        database,
        port,
        "--workers",
        str(workers),
        "--max-cron-threads",
        "0",
        "--gevent-port",
        str(free_port()),
        "--log-level",
        "warn",
        log_file=server_log,
    )
    try:
        say(f"Load test: {rounds} rounds ...")
        command = [python, str(RUNNER), "drive", "--plan", str(PLAN)]
        command += ["--url", f"http://127.0.0.1:{port}", "--results", str(RESULTS)]
        command += ["--server-log", str(server_log), "--workers", str(workers)]
        command += ["--rounds", str(rounds)]
        return subprocess.run(command, cwd=REPO).returncode
    finally:
        stop(process)
        say(f"Results written to {RESULTS} ({time.monotonic() - started:.0f} s in all)")
