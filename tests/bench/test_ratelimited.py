"""Scenario 1 under the providers' documented rate limits, compressed in time, on a small
dataset. Timing is asserted only through the rate law (a limit admitting N requests cannot have
let them through faster than the law allows), never against the machine's speed."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bench.ratelimited import (
    describe,
    documented_limit,
    over_limit,
    rate_bound_s,
    rate_limited_rows,
    scaled,
)
from providers.registry import PROVIDERS
from providers.resilience import RateLimit

EVERY_PROVIDER = ("sandbox", "greenhouse", "lever", "ashby", "workable")
SMALL: dict[str, Any] = {"size": 60, "first": 10, "latency_ms": 1}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return asyncio.run(rate_limited_rows(EVERY_PROVIDER, scale=50, **SMALL))


def test_a_row_per_provider_with_a_documented_limit(rows: list[dict[str, Any]]) -> None:
    assert [r["provider"] for r in rows] == ["greenhouse", "lever", "workable"]
    assert {r["provider"]: r["documented_limit"] for r in rows} == {
        "greenhouse": "50 per 10 s",
        "lever": "10/s, burst 20",
        "workable": "10 per 10 s",
    }
    assert all(r["scale"] == 50 for r in rows)


def test_nothing_refused_shed_or_over_the_limit(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        assert row["rejected_429"] == 0, row
        assert row["errors"] == 0, row
        assert row["over_limit"] == 0, row
        assert row["requests_without_slot"] == 0, row


def test_naive_resolvers_send_more_requests(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        assert row["naive_upstream_requests"] > row["upstream_requests"], row


def test_the_limiter_paced_the_runs(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        # the naive run sends more than a window or a burst holds, so the law has to bite
        assert row["naive_rate_bound_s"] > 0, row
        assert row["naive_wall_s"] >= row["naive_rate_bound_s"], row
        assert row["wall_s"] >= row["rate_bound_s"], row


def test_the_speedup_does_not_depend_on_the_scale() -> None:
    # Greenhouse's window: 127 requests take 2 windows, the naive 314 take 6, at any scale
    # where the runs stay rate-bound (1 ms latency, windows of 0.5 s and 0.25 s). The speedup
    # the law gives is asserted, not the measured one: on a busy machine the naive run's CPU,
    # not the windows, can set its wall time (the wall is only checked against the law).
    speedups = []
    for scale in (20, 40):
        (row,) = asyncio.run(rate_limited_rows(["greenhouse"], scale=scale, size=100, first=20, latency_ms=1))
        assert row["rate_bound_s"] > 0
        assert row["over_limit"] == 0
        assert row["wall_s"] >= row["rate_bound_s"], row
        assert row["naive_wall_s"] >= row["naive_rate_bound_s"], row
        speedups.append(row["naive_rate_bound_s"] / row["rate_bound_s"])
    assert speedups[0] == pytest.approx(speedups[1]), speedups
    assert speedups[0] > 1, speedups


def test_the_product_keeps_its_documented_limits(rows: list[dict[str, Any]]) -> None:
    # the scaled limit lives on the benchmark's adapter instances only
    assert PROVIDERS["greenhouse"].rate_limit == RateLimit(requests=50, per_s=10.0)
    assert PROVIDERS["lever"].rate_limit == RateLimit(requests=10, per_s=1.0, burst=20)
    assert documented_limit("ashby") is None
    assert documented_limit("sandbox") is None


def test_scaling_keeps_the_counts() -> None:
    lever = scaled(RateLimit(requests=10, per_s=1.0, burst=20), 20)
    assert lever == RateLimit(requests=10, per_s=0.05, burst=20)
    assert describe(lever) == "200/s, burst 20"
    assert describe(scaled(RateLimit(requests=50, per_s=10.0), 20)) == "50 per 0.5 s"
    with pytest.raises(ValueError, match="scale"):
        scaled(lever, 0)


def test_rate_bound() -> None:
    window = RateLimit(requests=50, per_s=1.0)
    assert rate_bound_s(window, 50) == 0
    assert rate_bound_s(window, 51) == 1.0
    assert rate_bound_s(window, 293) == 5.0
    bucket = RateLimit(requests=10, per_s=1.0, burst=20)
    assert rate_bound_s(bucket, 20) == 0
    assert rate_bound_s(bucket, 30) == pytest.approx(1.0)


def test_over_limit_counts_what_a_strict_provider_refuses() -> None:
    window = RateLimit(requests=2, per_s=1.0)
    assert over_limit(window, [0.0, 0.5, 1.0, 1.5]) == 0
    assert over_limit(window, [0.0, 0.1, 0.5, 1.2]) == 1  # 0.0, 0.1 and 0.5 within one second
    bucket = RateLimit(requests=1, per_s=1.0, burst=2)
    assert over_limit(bucket, [0.0, 0.0, 1.0, 2.0]) == 0
    assert over_limit(bucket, [0.0, 0.0, 0.5, 2.0]) == 1
