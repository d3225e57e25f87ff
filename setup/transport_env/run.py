"""``make run``: a database with the three addons and demo data, served locally.

The first run creates the database with demo data; later runs upgrade our
addons only when their files changed (so a second start takes seconds) and
never drop anything entered through the web client.
"""

import hashlib
import os
import signal

from . import server
from .console import EnvironmentProblem, say
from .odoo_host import ensure_environment
from .paths import ADDONS, LOGS, REPO, STATE, ensure_dirs
from .postgres import Cluster

LOGIN = ("admin", "admin")


def addons_fingerprint():
    digest = hashlib.sha1()
    for addon in ADDONS:
        for path in sorted((REPO / addon).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(REPO)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def prepare_database(odoo, cluster, database):
    """Create the database with demo data, or upgrade our addons if they changed."""
    stamp = STATE / f"{database}.addons"
    fingerprint = addons_fingerprint()
    busy = [pid for pid, app in cluster.sessions_on(database) if app.startswith("odoo")]
    if busy:
        raise EnvironmentProblem(
            f"Database '{database}' is in use by a running Odoo server (backend pids "
            f"{', '.join(map(str, busy))}): stop that server first."
        )
    if not cluster.database_exists(database):
        say(
            f"Creating database '{database}' with the transport addons "
            "and demo data (a few minutes) ..."
        )
        steps = ("-i", ",".join(ADDONS), "--with-demo")
    elif not stamp.exists() or stamp.read_text() != fingerprint:
        say(f"Upgrading the transport addons in '{database}' ...")
        steps = ("-u", ",".join(ADDONS))
    else:
        return
    log = LOGS / f"{database}-setup.log"
    if odoo.run_once(database, *steps, "--log-level", "warn", log_file=log):
        raise EnvironmentProblem(
            f"Odoo could not install/upgrade the addons: see {log}."
        )
    stamp.write_text(fingerprint)


def main():
    ensure_dirs()
    port = server.environ_port()
    database = os.environ.get("DB", "transport")
    python = ensure_environment()
    cluster = Cluster()
    cluster.ensure_running()
    server.check_port_free(port)
    odoo = server.Odoo(python, cluster)
    prepare_database(odoo, cluster, database)
    say("Starting Odoo ...")
    process = odoo.serve(database, port, "--log-level", "warn")
    say(
        f"Odoo is ready: http://127.0.0.1:{port}  "
        f"login: {LOGIN[0]}  password: {LOGIN[1]}"
    )
    say("Press Ctrl+C to stop the server; `make stop` stops the local PostgreSQL.")
    signal.signal(signal.SIGTERM, lambda *_: server.stop(process))
    try:
        return process.wait()
    except KeyboardInterrupt:
        server.stop(process)
        return 0
