"""Build the dataset in a database with the addons installed, run the measured
paths, print the table and write the JSON results.

Run by ``make bench`` (setup/transport_env/bench.py)::

    python tests/benchmark/run.py --results FILE [--install S S] -- ODOO_OPTIONS

``BENCH_SCALE`` (default 1.0) scales the dataset.
"""

import argparse
import json
import os
import platform
import sys
import time

import data
import paths_create
import paths_fleet
import paths_lists
import paths_sales
from measure import Row, skipped, table

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

NOT_YET = "segments and mailings do not exist yet"
SKIPPED = [
    ("segment rule refresh (100k clients)", "<= 1.5x", NOT_YET),
    ("mailing recipients (10k / 90k)", "<= 1.5x / 3x", NOT_YET),
    ("mailing results report (1M traces)", "<= 2x / 4x", NOT_YET),
    ("campaign send (1,000 recipients)", ">= 0.8x throughput", NOT_YET),
    ("load test: 2 workers, 8/4 users", "p95 <= 1.5x", "not built yet"),
]
INSTALL_TARGET = 1.25


def install_row(reference, ours):
    """Reference modules alone vs the reference modules plus our addons."""
    total = reference + ours
    ratio = total / reference
    return Row(
        "install: reference modules + ours",
        f"<= {INSTALL_TARGET}x",
        total,
        reference,
        ratio,
        "",
        "pass" if ratio <= INSTALL_TARGET else "MISS",
        f"ours installed on top of the reference modules in {ours:.0f} s",
    )


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in open("/proc/cpuinfo")  # noqa: SIM115
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} x {cpu}, {platform.system()} {platform.release()}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--install", nargs=2, type=float, metavar=("REF", "OURS"))
    args, odoo_args = parser.parse_known_args()
    config.parse_config([a for a in odoo_args if a != "--"], setup_logging=True)
    scale = float(os.environ.get("BENCH_SCALE", "1.0"))
    started = time.perf_counter()
    registry = Registry(config["db_name"][0])
    rows = [install_row(*args.install)] if args.install else []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env = env(context=env["res.users"].context_get())
        print(f"Building the dataset (BENCH_SCALE={scale}) ...", flush=True)
        dataset = data.build(env, scale)
        print(f"Dataset built in {time.perf_counter() - started:.0f} s", flush=True)
        # read-only paths first, then those that write
        for group in (paths_lists, paths_sales, paths_fleet, paths_create):
            print(f"Measuring {group.__name__} ...", flush=True)
            rows += group.run(env, dataset)
        cr.rollback()
    rows += [skipped(*spec) for spec in SKIPPED]
    duration = time.perf_counter() - started
    print(table(rows))
    print(f"\nBENCH_SCALE={scale}, {duration:.0f} s, {machine()}")
    with open(args.results, "w") as output:
        json.dump(
            {
                "scale": scale,
                "sizes": dataset.sizes,
                "duration_s": round(duration, 1),
                "machine": machine(),
                "date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
                "rows": [row.as_dict() for row in rows],
            },
            output,
            indent=2,
        )
    # a missed target is a result to report; a wrong result is a failure
    return 1 if any(row.status == "FAILED" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
