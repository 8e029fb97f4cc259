"""The harness on a tiny configuration: report structure, baselines, and ratio 1.00 on the
sandbox. No timing is asserted; speed is what the benchmark itself reports."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from bench import instructions
from bench.floor import FLOOR_SCENARIOS, Floor
from bench.measure import Harness
from bench.report import CHART_HINT, markdown, write
from bench.run import QUICK, run
from bench.scenarios import BIG_EXPORT, SCENARIOS
from providers.resilience.policy import UpstreamPolicy

DEFAULT_CAP = UpstreamPolicy().max_concurrency

TINY = dataclasses.replace(
    QUICK,
    latency_ms=0,
    size=60,
    export_sizes={"*": 250},
    memory_sizes=(),
    load=False,
    providers=("sandbox", "greenhouse"),
    baselines=frozenset({"pipeline_review"}),
    wider_caps=(64,),
    events=None,
)

ROW_KEYS = {
    "scenario",
    "provider",
    "upstream_requests",
    "minimum_requests",
    "wall_s",
    "critical_path_s",
    "naive_wall_s",
    "handwritten_wall_s",
    "objects",
    "cpu_s",
    "graphql_core_cpu_s",
}


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    import asyncio

    return asyncio.run(run(TINY, log=lambda _: None))


def test_every_scenario_and_provider_has_a_row(report: dict[str, Any]) -> None:
    rows = report["results"]
    assert [(r["scenario"], r["provider"], r["max_concurrency"]) for r in rows] == [
        (s.name, p, None if p == "sandbox" else DEFAULT_CAP) for s in SCENARIOS for p in TINY.providers
    ] + [("pipeline_review", "greenhouse", 64)]
    for row in rows:
        assert set(row) >= ROW_KEYS, row
        assert row["objects"] > 0
    assert {"throughput", "memory", "rate_limited"} <= set(report)


def test_a_wider_cap_changes_rounds_not_requests(report: dict[str, Any]) -> None:
    greenhouse = [
        r for r in report["results"] if r["scenario"] == "pipeline_review" and r["provider"] == "greenhouse"
    ]
    default, wide = greenhouse
    assert wide["upstream_requests"] == default["upstream_requests"] == default["minimum_requests"]
    assert wide["critical_path_s"] <= default["critical_path_s"]


def test_the_sandbox_makes_exactly_the_minimum_of_requests(report: dict[str, Any]) -> None:
    for row in report["results"]:
        if row["provider"] == "sandbox":
            assert row["upstream_requests"] == row["minimum_requests"], row["scenario"]
            assert row["request_ratio"] == 1.0


def test_baselines_apply_where_they_can(report: dict[str, Any]) -> None:
    rows = {(r["scenario"], r["provider"]): r for r in report["results"] if r["max_concurrency"] != 64}
    sandbox = rows[("pipeline_review", "sandbox")]
    greenhouse = rows[("pipeline_review", "greenhouse")]
    # the sandbox has no HTTP to replay; the naive resolvers make one call per parent
    assert sandbox["handwritten_wall_s"] is None
    assert sandbox["naive_upstream_requests"] > sandbox["upstream_requests"]
    assert greenhouse["handwritten_requests"] == greenhouse["upstream_requests"]
    assert sandbox["graphql_core_cpu_s"] is not None
    assert rows[("job_board", "sandbox")]["graphql_core_cpu_s"] is None
    assert rows[("job_board", "sandbox")]["naive_wall_s"] is None


def test_the_export_reads_every_page_at_two_requests_each_on_the_sandbox(report: dict[str, Any]) -> None:
    row = next(r for r in report["results"] if (r["scenario"], r["provider"]) == ("big_export", "sandbox"))
    # 250 candidates at 100 a page; each page is the listing and the tags, application ids are free
    assert row["pages"] == 3
    assert row["upstream_requests"] == 6


async def test_an_export_can_stream_without_keeping_pages() -> None:
    result = await Harness("sandbox", size=150, latency_ms=0).run(BIG_EXPORT, {}, keep=False)
    assert result.rows == 150
    assert result.page_edges == []
    assert result.data["candidates"]["edges"] == []


def test_the_report_files(report: dict[str, Any], tmp_path: Path) -> None:
    notes = write(report, tmp_path)
    saved = json.loads((tmp_path / "report.json").read_text())
    assert saved["results"] == report["results"]
    table = (tmp_path / "report.md").read_text()
    assert "| pipeline_review | sandbox |" in table
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert CHART_HINT in notes[0]
        assert not (tmp_path / "ratios.png").exists()
    else:
        assert (tmp_path / "ratios.png").exists()


def test_the_framework_comparison_pairs_both_sides_at_zero_latency(report: dict[str, Any]) -> None:
    for row in report["results"]:
        compared = row["provider"] == "sandbox" and row["scenario"] in FLOOR_SCENARIOS
        assert (row["cpu_ratio"] is not None) is compared, row["scenario"]
        if compared:
            assert row["cpu_ratio_pairs"] == TINY.cpu_pairs
            low, high = row["cpu_ratio_range"]
            assert 0 < low <= row["cpu_ratio"] <= high
            # the ratio is of the unrounded medians; the reported seconds are rounded
            expected = row["cpu_zero_latency_s"] / row["graphql_core_cpu_s"]
            assert row["cpu_ratio"] == pytest.approx(expected, rel=0.03)


async def test_the_floor_and_hiregraph_answer_the_same_export() -> None:
    # the comparison only means something if both sides resolve the same records
    size = 150
    floor = Floor(size=size)
    ours = await Harness("sandbox", size=size, latency_ms=0).run(BIG_EXPORT, {})
    after, theirs = None, []
    while True:
        _, data = floor.cpu_s(BIG_EXPORT.document, {"after": after})
        theirs += [e["node"] for e in data["candidates"]["edges"]]
        if not data["candidates"]["pageInfo"]["hasNextPage"]:
            break
        after = data["candidates"]["pageInfo"]["endCursor"]
    mine = [e["node"] for e in ours.data["candidates"]["edges"]]
    assert [n["id"] for n in mine] == [n["id"] for n in theirs]
    assert [sorted(t["name"] for t in n["tags"]) for n in mine] == [
        sorted(t["name"] for t in n["tags"]) for n in theirs
    ]
    assert [[a["id"] for a in n["applications"]] for n in mine] == [
        [a["id"] for a in n["applications"]] for n in theirs
    ]


def test_the_rate_limited_table(report: dict[str, Any]) -> None:
    row = {
        "provider": "greenhouse",
        "documented_limit": "50 per 10 s",
        "scaled_limit": "50 per 0.5 s",
        "upstream_requests": 293,
        "naive_upstream_requests": 826,
        "wall_s": 2.9,
        "naive_wall_s": 8.6,
        "speedup_vs_naive": 2.97,
        "rate_bound_speedup": 3.2,
        "rejected_429": 0,
        "errors": 0,
        "over_limit": 0,
    }
    table = markdown({**report, "rate_limited": [row]})
    assert (
        "| greenhouse | 50 per 10 s | 50 per 0.5 s | 293 | 826 | 2.900 | 8.600 | 2.970 | 3.200 | 0, 0, 0 |"
        in table
    )


@pytest.mark.parametrize("side", ["hiregraph", "floor"])
@pytest.mark.parametrize("scenario", ["pipeline_review", "big_export"])
def test_the_instruction_count_workload_runs(side: str, scenario: str) -> None:
    # what callgrind runs (valgrind itself is too slow for the suite)
    assert instructions.main([scenario, "--size", "40", "--side", side, "--runs", "1"]) == 0
