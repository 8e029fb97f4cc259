"""The gateway-CPU-per-upstream-call row exists and is computed (its value is the benchmark's
to report, not a test's to assert)."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import pytest

from bench.report import markdown
from bench.run import QUICK, run

ROW_ONLY = dataclasses.replace(
    QUICK,
    size=60,
    providers=("ashby",),
    scenarios=(),
    memory_sizes=(),
    load=False,
    wider_caps=(),
    upstream_cpu_runs=2,
    upstream_cpu_size=60,
    events=None,
)


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return asyncio.run(run(ROW_ONLY, log=lambda _: None))


def test_the_row_is_measured_over_loopback_without_errors(report: dict[str, Any]) -> None:
    row = report["upstream_cpu"]
    assert row["provider"] == "ashby"
    assert row["scenario"] == "candidate_jobs"
    assert row["runs"] == 2
    assert row["errors"] == 0
    # one listing, then an application.info per application and a job.info per job
    assert row["upstream_requests"] > 1
    low, high = row["cpu_ms_per_upstream_call_range"]
    assert 0 < low <= row["cpu_ms_per_upstream_call"] <= high
    assert row["cpu_ms_per_request"] > 0
    assert row["httpx_alone_cpu_ms_per_upstream_call"] > 0


def test_the_report_shows_the_row(report: dict[str, Any]) -> None:
    text = markdown(report)
    assert "Gateway CPU per upstream call" in text
    assert f"| {report['upstream_cpu']['cpu_ms_per_upstream_call']} |" in text


def test_plans_without_ashby_skip_the_row() -> None:
    assert "ashby" in QUICK.providers
    assert QUICK.upstream_cpu_runs > 0
    report = asyncio.run(run(dataclasses.replace(ROW_ONLY, providers=("sandbox",)), log=lambda _: None))
    assert report["upstream_cpu"] is None
