"""The load test's figures: percentiles, the results table and the verdict.

Pure functions over the latencies the client measured (no server, no Odoo):
``tests/test_load_report.py`` checks them.
"""

import math
from dataclasses import dataclass, field


def percentile(values, share):
    """Nearest-rank percentile: the smallest value with at least ``share`` of
    ``values`` at or below it (``None`` when there is no value)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)), 1) - 1]


@dataclass
class Scenario:
    """What one scenario measured over all its rounds.

    ``baseline`` names the scenario it is compared with (``None`` for a
    baseline itself); ``target`` is the highest p95 ratio allowed against it,
    ``None`` when the ratio is only reported.
    """

    name: str
    users: int
    baseline: str | None = None
    target: float | None = None
    latencies: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    seconds: float = 0.0

    @property
    def requests(self):
        return len(self.latencies) + len(self.errors)


def summarise(scenarios):
    """One row (a dict) per scenario, in the order given, with its status:
    ``FAILED`` on any error, ``MISS`` when the p95 ratio is above the target,
    ``pass`` under it, ``info`` for a ratio without target, ``baseline``."""
    by_name = {scenario.name: scenario for scenario in scenarios}
    rows = []
    for scenario in scenarios:
        p95 = percentile(scenario.latencies, 0.95)
        ratio = None
        if scenario.baseline:
            base_p95 = percentile(by_name[scenario.baseline].latencies, 0.95)
            ratio = p95 / base_p95 if p95 and base_p95 else None
        if scenario.errors:
            status = "FAILED"
        elif not scenario.baseline:
            status = "baseline"
        elif scenario.target is None:
            status = "info"
        elif ratio is not None and ratio <= scenario.target:
            status = "pass"
        else:
            status = "MISS"
        rows.append(
            {
                "scenario": scenario.name,
                "users": scenario.users,
                "requests": scenario.requests,
                "errors": len(scenario.errors),
                "throughput": (
                    scenario.requests / scenario.seconds if scenario.seconds else None
                ),
                "p50_ms": _ms(percentile(scenario.latencies, 0.5)),
                "p95_ms": _ms(p95),
                "baseline": scenario.baseline,
                "p95_ratio": ratio,
                "target": scenario.target,
                "status": status,
                "first_errors": sorted(set(scenario.errors))[:3],
            }
        )
    return rows


def exit_code(rows, server_errors=0):
    """0 when every request succeeded, the server logged no error and every
    ratio with a target is within it; else 1."""
    failed = server_errors or any(row["status"] in ("FAILED", "MISS") for row in rows)
    return 1 if failed else 0


COLUMNS = (
    # (header, key, format), numbers right-aligned
    ("scenario", "scenario", "{}"),
    ("users", "users", "{}"),
    ("requests", "requests", "{}"),
    ("errors", "errors", "{}"),
    ("req/s", "throughput", "{:.1f}"),
    ("p50 ms", "p50_ms", "{:.0f}"),
    ("p95 ms", "p95_ms", "{:.0f}"),
    ("p95 vs base", "p95_ratio", "{:.2f}x"),
    ("target", "target", "<= {}x"),
    ("status", "status", "{}"),
)


def table(rows):
    """The rows as an aligned text table, the errors' first messages below."""
    cells = [[header for header, _key, _fmt in COLUMNS]]
    for row in rows:
        name = row["scenario"] if row["baseline"] else f"  {row['scenario']}"
        cells.append(
            [name]
            + [
                "-" if row[key] is None else fmt.format(row[key])
                for _header, key, fmt in COLUMNS[1:]
            ]
        )
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(
            cell.ljust(width) if i in (0, len(COLUMNS) - 1) else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in cells
    ]
    for row in rows:
        lines += [f"- {row['scenario']}: {error}" for error in row["first_errors"]]
    return "\n".join(lines)


def _ms(seconds):
    return None if seconds is None else seconds * 1000
