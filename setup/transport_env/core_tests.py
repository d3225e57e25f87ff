"""Odoo's own tests of the modules our addons extend, with our addons installed:
installing the transport suite must not break them."""

import re
import subprocess

from . import server
from .console import fail, say
from .paths import LOGS, REPO

CORE_SUMMARY = re.compile(r"core tests: (\d+) failed, (\d+) error\(s\) of (\d+) tests")
FAILED_TEST = re.compile(r" (?:ERROR|FAIL): (setUpClass \([\w.]+\)|\w+\.\w+)")
# Odoo's own modules that our addons extend: their tests must still pass.
CORE_MODULES = ("fleet", "stock")
# Tests of core that fail the same way on Odoo 19.0 without our addons when
# these modules are installed together (measured with the same runner on a
# database holding only our addons' dependencies): not ours to fix.
KNOWN_CORE_FAILURES = {
    "TestStockMove.test_product_tree_views",
    "TestSinglePicking.test_additional_move_1",
    "TestStockFlow.test_70_picking_state_all_at_once_reserve",
}


def run(tally, odoo, database):
    log_file = LOGS / "test-core.log"
    say(
        f"Running Odoo's own tests of {', '.join(CORE_MODULES)} "
        "with our addons installed ..."
    )
    runner = REPO / "setup" / "transport_env" / "odoo_core_tests.py"
    options = odoo.options(
        database, "--log-level", "test", "--http-port", str(server.free_port())
    )
    with open(log_file, "w") as log:
        subprocess.run(
            [odoo.python, str(runner), ",".join(CORE_MODULES), "--", *options],
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    text = log_file.read_text(errors="replace")
    summary = CORE_SUMMARY.findall(text)
    if not summary:
        tally.check("Odoo's own tests: a report was produced", False, f"see {log_file}")
        return
    total = int(summary[-1][2])
    failing = set(FAILED_TEST.findall(text))
    known = failing & KNOWN_CORE_FAILURES
    if known:
        say(f"Known failures of core itself (not ours): {', '.join(sorted(known))}")
    for name in sorted(failing - known):
        fail(f"FAIL {name}: see {log_file}")
    tally.count(
        "Odoo's own tests of the modules we extend",
        total - len(failing),
        len(failing - known),
    )
