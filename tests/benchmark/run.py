"""Build the dataset in a database with the addons installed, run the measured
paths, print the table and write the JSON results.

Run by ``make bench`` (setup/transport_env/bench.py)::

    python tests/benchmark/run.py --results FILE [--install S S] -- ODOO_OPTIONS

``BENCH_SCALE`` (default 1.0) scales the dataset; ``BENCH_PATHS`` (names of
the groups below, comma-separated) runs only some paths (``keep`` commits the
dataset, to study a path by hand). The dataset is
committed before the paths that need it committed (the campaign sending, the
load-test server): run it on a throwaway database only.
"""

import argparse
import json
import os
import platform
import sys
import time
import traceback

import data
import paths_create
import paths_fleet
import paths_lists
import paths_load
import paths_marketing
import paths_sales
import paths_send
from measure import Row, table

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

# read-only paths first, then those that write, then those that commit
GROUPS = {
    "lists": paths_lists,
    "sales": paths_sales,
    "fleet": paths_fleet,
    "marketing": paths_marketing,
    "create": paths_create,
    "send": paths_send,
}
COMMITTING = ("send", "load")
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


def run_group(env, name, function):
    """The rows of a group of paths; a crash is a FAILED row, not the end of
    the run (a group that does not commit is rolled back to where it began)."""
    print(f"Measuring {name} ...", flush=True)
    try:
        if name in COMMITTING:
            return function()
        with env.cr.savepoint():
            return function()
    except Exception as error:  # noqa: BLE001 - reported as a failed row
        traceback.print_exc()
        env.invalidate_all()
        return [Row(f"{name} paths", "", status="FAILED", note=repr(error))]


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
    parser.add_argument("--python", default=sys.executable)
    args, odoo_args = parser.parse_known_args()
    config.parse_config([a for a in odoo_args if a != "--"], setup_logging=True)
    scale = float(os.environ.get("BENCH_SCALE", "1.0"))
    selected = os.environ.get("BENCH_PATHS", ",".join([*GROUPS, "load"])).split(",")
    started = time.perf_counter()
    registry = Registry(config["db_name"][0])
    rows = [install_row(*args.install)] if args.install else []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env = env(context=env["res.users"].context_get())
        print(f"Building the dataset (BENCH_SCALE={scale}) ...", flush=True)
        dataset = data.build(env, scale)
        print(f"Dataset built in {time.perf_counter() - started:.0f} s", flush=True)
        if "keep" in selected:  # keep the dataset, to study a path by hand
            cr.commit()
        for name, group in GROUPS.items():
            if name in selected:
                rows += run_group(
                    env, name, lambda group=group: group.run(env, dataset)
                )
        if "load" in selected:
            cr.commit()
            options = [a for a in odoo_args if a != "--"]
            rows += run_group(
                env,
                "load",
                lambda: paths_load.run(env, dataset, args.python, options, scale),
            )
        cr.rollback()
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
