"""``make test``: every check of the project, ending with ``N passed, N failed``.

1. the addons' Odoo tests, installing the three addons in a throwaway database;
2. the cross-addon suites in ``tests/``, by pytest over JSON-RPC against a
   server on that database;
3. the linters (ruff, pylint-odoo's mandatory checks);
4. the wheels of the addons and of the metapackage.

Odoo's log must hold no ERROR or CRITICAL line, as OCA's log check demands.
"""

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

from . import browser, core_tests, i18n, pdf_tools, readme, rtlcss, server
from .console import fail, say
from .odoo_host import ensure_environment
from .paths import ADDONS, DATA_DIR, DIST, LOGS, REPO, ensure_dirs
from .postgres import Cluster

SKIPPED = re.compile(r" INFO \S+ \S+: skipped (.*)$", re.MULTILINE)
SUMMARY = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (\w+) ")
MAX_REPORTED_LINES = 120


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            say(f"PASS {name}")
        else:
            self.failed += 1
            fail(f"FAIL {name}{': ' + detail if detail else ''}")

    def count(self, name, passed, failed):
        self.passed += passed
        self.failed += failed
        report = say if not failed else fail
        report(f"{name}: {passed} passed, {failed} failed")


def error_blocks(log_file):
    """ERROR/CRITICAL lines of an Odoo log, each with its traceback lines."""
    blocks, current = [], None
    with open(log_file, errors="replace") as log:
        for line in log:
            level = LOG_LINE.match(line)
            if level:
                current = (
                    [line.rstrip()] if level.group(1) in ("ERROR", "CRITICAL") else None
                )
                if current:
                    blocks.append(current)
            elif current is not None:
                current.append(line.rstrip())
    return blocks


def check_log(tally, name, log_file):
    blocks = error_blocks(log_file)
    for block in blocks:
        print("\n".join(block[:MAX_REPORTED_LINES]))
    tally.check(
        f"{name}: no ERROR/CRITICAL line in the log",
        not blocks,
        f"{len(blocks)} found, see {log_file}",
    )


def run_odoo_tests(tally, odoo, database):
    log_file = LOGS / "test-odoo.log"
    say(
        f"Installing {', '.join(ADDONS)} with their tests in '{database}' "
        f"(log: {log_file}) ..."
    )
    tags = ",".join(f"/{addon}" for addon in ADDONS)
    code = odoo.run_once(
        database,
        "-i",
        ",".join(ADDONS),
        "--test-enable",
        "--test-tags",
        tags,
        "--log-level",
        "test",
        "--http-port",
        str(server.free_port()),
        log_file=log_file,
    )
    summaries = SUMMARY.findall(log_file.read_text(errors="replace"))
    if summaries:
        failures, errors, total = map(int, summaries[-1])
        tally.count(
            "Odoo tests of the addons", total - failures - errors, failures + errors
        )
    tally.check(
        "Odoo tests: a test report was produced",
        bool(summaries) and int(summaries[-1][2]) > 0,
    )
    tally.check("Odoo tests: the run exited cleanly", code == 0, f"exit code {code}")
    skipped = SKIPPED.findall(log_file.read_text(errors="replace"))
    tally.check(
        "Odoo tests: none skipped (tours need Chromium)",
        not skipped,
        "; ".join(skipped),
    )
    check_log(tally, "Odoo tests", log_file)


def check_templates(tally, odoo, database):
    """Each committed ``i18n/<addon>.pot`` holds exactly the addon's current terms."""
    for addon in ADDONS:
        committed = REPO / addon / "i18n" / f"{addon}.pot"
        current = LOGS / f"{addon}.pot"
        i18n.export_pot(odoo, database, addon, current)
        fresh = committed.exists() and i18n.same_template(committed, current)
        tally.check(f"{addon}.pot is current", fresh, "run `make pot`")


def run_rpc_suites(tally, odoo, database):
    port = server.free_port()
    log_file = LOGS / "test-rpc-server.log"
    junit = LOGS / "test-rpc-junit.xml"
    junit.unlink(missing_ok=True)
    say(f"Running tests/ over JSON-RPC against a server on port {port} ...")
    # No cron thread: scheduled actions racing the suites would log conflicts.
    process = odoo.serve(
        database,
        port,
        "--log-level",
        "info",
        "--max-cron-threads",
        "0",
        log_file=log_file,
    )
    try:
        env = dict(os.environ, ODOO_URL=f"http://127.0.0.1:{port}", ODOO_DB=database)
        subprocess.run(
            [
                odoo.python,
                "-m",
                "pytest",
                "tests",
                "-q",
                "-p",
                "no:cacheprovider",
                f"--junitxml={junit}",
            ],
            cwd=REPO,
            env=env,
        )
    finally:
        server.stop(process)
    if not junit.exists():
        tally.check("tests/ suites: pytest produced a report", False)
        return
    suite = ET.parse(junit).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    total, failures, errors, skipped = (
        int(suite.get(key, 0)) for key in ("tests", "failures", "errors", "skipped")
    )
    tally.count(
        "tests/ suites over JSON-RPC",
        total - failures - errors - skipped,
        failures + errors,
    )
    tally.check("tests/ suites: some tests ran", total - skipped > 0)
    check_log(tally, "tests/ server", log_file)


def run_linters(tally, python):
    bin_dir = os.path.dirname(python)
    ruff = os.path.join(bin_dir, "ruff")
    lint = subprocess.run([ruff, "check", "."], cwd=REPO)
    tally.check("ruff check", lint.returncode == 0)
    formatted = subprocess.run([ruff, "format", "--check", "."], cwd=REPO)
    tally.check("ruff format --check", formatted.returncode == 0)
    for addon in ADDONS:
        pylint = subprocess.run(
            [
                os.path.join(bin_dir, "pylint"),
                "--rcfile",
                str(REPO / ".pylintrc-mandatory"),
                addon,
            ],
            cwd=REPO,
        )
        tally.check(f"pylint-odoo mandatory checks: {addon}", pylint.returncode == 0)
    stale = readme.stale_readmes()
    tally.check(
        "README.rst generated from readme/ is current",
        not stale,
        f"run `make readme` for {stale}",
    )


def build_wheels(tally, python):
    shutil.rmtree(DIST, ignore_errors=True)
    DIST.mkdir(parents=True)
    packages = [REPO / addon for addon in ADDONS] + [REPO / "setup" / "_metapackage"]
    for package in packages:
        build = subprocess.run(
            [
                python,
                "-m",
                "pip",
                "wheel",
                "-q",
                "--no-deps",
                "--no-build-isolation",
                "-w",
                str(DIST),
                str(package),
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        tally.check(
            f"wheel builds: {package.name}",
            build.returncode == 0,
            build.stderr.strip()[-800:],
        )
        shutil.rmtree(package / "build", ignore_errors=True)


def main():
    ensure_dirs()
    tally = Tally()
    python = ensure_environment()
    browser.ensure_chromium()
    pdf_tools.ensure_pdf_tools()
    rtlcss.ensure_rtlcss()
    cluster = Cluster()
    started_cluster = cluster.ensure_running()
    odoo = server.Odoo(python, cluster)
    database = f"transport_test_{os.getpid()}"
    try:
        run_odoo_tests(tally, odoo, database)
        check_templates(tally, odoo, database)
        core_tests.run(tally, odoo, database)
        run_rpc_suites(tally, odoo, database)
    finally:
        cluster.drop_database(database)
        shutil.rmtree(DATA_DIR / "filestore" / database, ignore_errors=True)
        if started_cluster:  # leave the machine as the command found it
            cluster.stop()
    run_linters(tally, python)
    build_wheels(tally, python)
    print(f"{tally.passed} passed, {tally.failed} failed", flush=True)
    return 1 if tally.failed else 0
