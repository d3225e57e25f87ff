"""Timing and query counting, and the rows of the results table."""

import time
from dataclasses import asdict, dataclass


@dataclass
class Timing:
    seconds: float
    queries: int
    result: object


@dataclass
class Row:
    """One measured path: ours against its baseline, in the same run."""

    path: str
    target: str
    ours_s: float | None = None
    baseline_s: float | None = None
    ratio: float | None = None
    queries: str = ""
    status: str = ""
    note: str = ""

    def as_dict(self):
        return asdict(self)


def measure(env, function, repeat=1):
    """Run ``function`` with a cold ORM cache ``repeat`` times; keep the best.

    Pending writes are flushed inside the measure, so they are counted.
    """
    best = None
    for _ in range(repeat):
        env.flush_all()
        env.invalidate_all()
        queries = env.cr.sql_log_count
        start = time.perf_counter()
        result = function()
        env.flush_all()
        timing = Timing(
            time.perf_counter() - start, env.cr.sql_log_count - queries, result
        )
        if best is None or timing.seconds < best.seconds:
            best = timing
    return best


def compare(path, target, limit, ours, baseline, correct, note=""):
    """A row of ours vs the baseline; FAILED when the results differ."""
    ratio = ours.seconds / baseline.seconds if baseline.seconds else None
    if not correct:
        status = "FAILED"
    elif ratio is not None and ratio <= limit:
        status = "pass"
    else:
        status = "MISS"
    return Row(
        path,
        target,
        ours.seconds,
        baseline.seconds,
        ratio,
        f"{ours.queries} vs {baseline.queries}",
        status,
        note,
    )


def skipped(path, target, reason):
    return Row(path, target, status=f"skipped: {reason}")


def table(rows):
    header = ("path", "ours s", "base s", "ratio", "target", "queries", "status")
    lines = [
        (
            row.path,
            _number(row.ours_s),
            _number(row.baseline_s),
            _number(row.ratio, "x"),
            row.target,
            row.queries,
            row.status,
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(6)]
    out = []
    for line in [header, *lines]:
        cells = [cell.ljust(width) for cell, width in zip(line, widths, strict=False)]
        out.append("  ".join([*cells, line[6]]))
    notes = [f"- {row.path}: {row.note}" for row in rows if row.note]
    return "\n".join(out + (["", "Notes:"] + notes if notes else []))


def _number(value, suffix=""):
    if value is None:
        return "-"
    return f"{value:.3f}{suffix}" if value < 100 else f"{value:.0f}{suffix}"
