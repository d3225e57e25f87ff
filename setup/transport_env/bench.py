"""``make bench``: the benchmark suite, with its baselines in the same run.

1. installs Odoo's reference modules (what our addons depend on) in a
   throwaway database, then our three addons on top, timing both;
2. runs ``tests/benchmark/run.py`` in that database: it builds the large
   dataset by bulk SQL (``BENCH_SCALE``, default 1.0 = the full sizes), runs
   the measured paths against their baselines, prints the table and writes
   ``.local/bench/results.json``;
3. drops the database.

``BENCH_DB=name`` names the database instead: it is kept after the run, and
when it already exists the installs are skipped and it is used as it is (for
iterating on the measured paths; copy it from a template to start afresh).
``BENCH_PATHS=sales,marketing`` runs only these groups of paths.
"""

import ast
import os
import shutil
import subprocess
import time

from .console import EnvironmentProblem, say
from .odoo_host import ensure_environment
from .paths import ADDONS, DATA_DIR, LOCAL, LOGS, REPO, ensure_dirs
from .postgres import Cluster
from .server import Odoo

RESULTS = LOCAL / "bench" / "results.json"
RUNNER = REPO / "tests" / "benchmark" / "run.py"


def reference_modules():
    """Odoo modules our addons depend on, without our addons themselves."""
    depends = set()
    for addon in ADDONS:
        manifest = ast.literal_eval((REPO / addon / "__manifest__.py").read_text())
        depends.update(manifest.get("depends", ()))
    return sorted(depends - set(ADDONS))


def timed_install(odoo, database, modules, name):
    log = LOGS / f"bench-install-{name}.log"
    say(f"Installing {name}: {', '.join(modules)} (log: {log}) ...")
    start = time.perf_counter()
    code = odoo.run_once(
        database, "-i", ",".join(modules), "--log-level", "warn", log_file=log
    )
    if code:
        raise EnvironmentProblem(f"Installing {name} failed: see {log}.")
    return time.perf_counter() - start


def main():
    ensure_dirs()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    python = ensure_environment()
    cluster = Cluster()
    cluster.ensure_running()
    odoo = Odoo(python, cluster)
    kept = os.environ.get("BENCH_DB")
    database = kept or f"transport_bench_{os.getpid()}"
    try:
        install = []
        if not (kept and cluster.database_exists(database)):
            reference = timed_install(odoo, database, reference_modules(), "reference")
            ours = timed_install(odoo, database, ADDONS, "ours")
            install = ["--install", f"{reference:.1f}", f"{ours:.1f}"]
        command = odoo.command(database, "--log-level", "warn")
        options = command[command.index("odoo") + 1 :]
        runner = subprocess.run(
            [python, str(RUNNER), "--results", str(RESULTS), *install]
            + ["--python", python, "--", *options],
            cwd=REPO,
        )
    finally:
        if not kept:
            cluster.drop_database(database)
            shutil.rmtree(DATA_DIR / "filestore" / database, ignore_errors=True)
    if runner.returncode == 0:
        say(f"Results written to {RESULTS}")
    return runner.returncode
