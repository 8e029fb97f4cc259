"""The events bench in its quick form, against real ``hiregraph serve`` processes, the
machine's PostgreSQL and Redis: nothing lost, nothing duplicated, a worker really killed and
restarted. Timings are what the bench reports, not asserted."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bench.events import QUICK_EVENTS, events_rows
from bench.report import events_markdown
from providers.registry import PROVIDERS
from tests.tenancy.services import need


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    need("PostgreSQL", "127.0.0.1", 5432)
    need("Redis", "127.0.0.1", 6379)
    return asyncio.run(events_rows(QUICK_EVENTS, log=lambda _: None))


def _runs(report: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{workers}/{name}", run)
        for workers in ("one_worker", "two_workers")
        for name, run in report[workers].items()
    ]


def test_every_subscriber_gets_every_event_once(report: dict[str, Any]) -> None:
    runs = _runs(report)
    assert {name for name, _ in runs} == {
        "one_worker/latency",
        "one_worker/throughput",
        "two_workers/latency",
        "two_workers/throughput",
        "two_workers/restart",
    }
    for name, run in runs:
        assert run["events"] > 0, name
        assert run["failed_writes"] == 0, name
        assert (run["lost"], run["duplicated"]) == (0, 0), name
        assert run["acknowledged_without_event"] == 0, name


def test_the_restart_run_killed_a_worker_mid_stream(report: dict[str, Any]) -> None:
    restart = report["two_workers"]["restart"]
    assert restart["events"] == QUICK_EVENTS.restart_events
    # killed after a third of the writes, and some written while it was down or starting
    assert 0 < restart["killed_after_events"] < restart["events"]
    assert restart["written_while_down"] > 0
    # its subscribers lost their socket and came back
    assert restart["reconnects"] >= QUICK_EVENTS.subscribers


def test_latency_starts_from_a_signed_provider_webhook(report: dict[str, Any]) -> None:
    # the latency rows' events came in through POST /webhooks/<connection> (source webhook),
    # the load rows' through writes: each row still means what it says
    assert report["plan"]["webhook_provider"] in PROVIDERS
    for workers in ("one_worker", "two_workers"):
        latency = report[workers]["latency"]
        assert latency["sources"] == {"webhook": QUICK_EVENTS.latency_events}, workers
        assert report[workers]["throughput"]["sources"] == {"write": QUICK_EVENTS.throughput_events}


def test_latency_is_measured_across_workers(report: dict[str, Any]) -> None:
    latency = report["two_workers"]["latency"]
    subscribers = QUICK_EVENTS.subscribers  # all on the second worker
    assert latency["samples"] == latency["events"] * subscribers
    assert 0 < latency["p50_ms"] <= latency["p99_ms"]


def test_the_report_shows_the_rows(report: dict[str, Any]) -> None:
    text = "\n".join(events_markdown(report))
    assert "| two workers, Redis |" in text
    assert "lost 0, duplicated 0" in text
    assert f"a signed {report['plan']['webhook_provider']} webhook delivery" in text
