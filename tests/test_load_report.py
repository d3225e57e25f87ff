"""The load test's figures and verdict (``make load``), without a server."""

from load.report import Scenario, exit_code, percentile, summarise, table


def test_percentiles_are_nearest_rank():
    latencies = list(range(100, 0, -1))  # 100 ms down to 1 ms
    assert percentile(latencies, 0.5) == 50
    assert percentile(latencies, 0.95) == 95
    assert percentile(latencies, 1.0) == 100
    assert percentile([0.3], 0.95) == 0.3
    assert percentile([0.1, 0.2], 0.5) == 0.1
    assert percentile([], 0.95) is None


def scenarios(ours_ms, errors=()):
    """Ours at ``ours_ms`` for 20 requests against a baseline at 100 ms."""
    return [
        Scenario(
            "trip list",
            8,
            baseline="sale-order list",
            target=1.5,
            latencies=[ours_ms / 1000] * 20,
            errors=list(errors),
            seconds=2.0,
        ),
        Scenario("sale-order list", 8, latencies=[0.1] * 20, seconds=4.0),
    ]


def test_rows_give_throughput_percentiles_and_ratio():
    ours, base = summarise(scenarios(140))
    assert ours["requests"] == 20 and ours["errors"] == 0
    assert ours["throughput"] == 10.0 and base["throughput"] == 5.0
    assert round(ours["p50_ms"]) == 140 and round(ours["p95_ms"]) == 140
    assert round(ours["p95_ratio"], 2) == 1.4
    assert (ours["status"], base["status"]) == ("pass", "baseline")
    assert base["p95_ratio"] is None


def test_a_ratio_above_target_misses_and_fails_the_run():
    rows = summarise(scenarios(160))
    assert rows[0]["status"] == "MISS"
    assert exit_code(rows) == 1
    assert exit_code(summarise(scenarios(150))) == 0


def test_any_error_fails_the_run_even_within_target():
    rows = summarise(scenarios(100, errors=["RpcError: HTTP 500"]))
    assert rows[0]["requests"] == 21
    assert rows[0]["status"] == "FAILED"
    assert exit_code(rows) == 1


def test_an_error_in_the_server_log_fails_the_run():
    rows = summarise(scenarios(100))
    assert exit_code(rows) == 0
    assert exit_code(rows, server_errors=1) == 1


def test_a_ratio_without_target_is_only_reported():
    ours, _base = summarise(
        [
            Scenario("trip open", 8, "sale-order open", None, [0.5] * 10),
            Scenario("sale-order open", 8, latencies=[0.1] * 10),
        ]
    )
    assert ours["status"] == "info"
    assert round(ours["p95_ratio"], 1) == 5.0


def test_table_aligns_columns_and_lists_errors():
    text = table(summarise(scenarios(100, errors=["RpcError: HTTP 500"])))
    header, ours, base, error = text.splitlines()
    assert header.split()[:4] == ["scenario", "users", "requests", "errors"]
    assert len({len(header), len(ours.rstrip()), len(base)}) <= 2
    assert ours.startswith("trip list ") and "1.00x" in ours and "<= 1.5x" in ours
    assert base.startswith("  sale-order list") and base.endswith("baseline")
    assert error == "- trip list: RpcError: HTTP 500"
