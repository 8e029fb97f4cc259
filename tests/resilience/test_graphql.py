"""Partial results over GraphQL: a branch whose upstream calls fail, time out, run past the
deadline or the budget, or are shed by the limiter is null with its code; the rest returns.
Faults are switched in the simulator once the first level has been served."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, cast

import httpx
import pytest

from providers.greenhouse.simulator import SimulatorFaults, simulator_transport
from providers.records import CandidateRecord, Resource
from tests.graph.support import GraphQLClient, make_client

from .support import CountingTransport, app_over_simulators, first_id, gh_config, greenhouse_simulator

FAST = {"backoff_initial_s": 0.001, "backoff_max_s": 0.005, "backoff_jitter_s": 0.0}
ONE_APPLICATION = first_id(Resource.CANDIDATE, lambda c: len(cast("CandidateRecord", c).application_ids) == 1)
CANDIDATE_JOB = """query($id: ID!) { candidate(id: $id) { name applications { job { name } } } }"""


def after_first(change: Callable[[SimulatorFaults], None], faults: SimulatorFaults) -> Any:
    def before(n: int, _: httpx.Request) -> None:
        if n == 2:
            change(faults)

    return before


async def run(
    query: str,
    upstream: dict[str, Any],
    faults: SimulatorFaults,
    before: Any = None,
    variables: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], CountingTransport]:
    sim = CountingTransport(simulator_transport(greenhouse_simulator(faults, "key-a")), before)
    async with app_over_simulators(gh_config({"gh": "key-a"}, upstream), {"gh": sim}) as http:
        body = await GraphQLClient(http).post(query, variables)
    return body, sim


def codes(body: dict[str, Any]) -> dict[tuple[Any, ...], str]:
    return {tuple(e.get("path") or ()): e["extensions"]["code"] for e in body.get("errors", [])}


async def test_a_provider_down_after_the_first_level_nulls_only_that_branch() -> None:
    faults = SimulatorFaults()
    down = after_first(lambda f: setattr(f, "fail_next_n_with_status", (100, 503)), faults)
    body, sim = await run(CANDIDATE_JOB, FAST, faults, down, {"id": ONE_APPLICATION})
    candidate = body["data"]["candidate"]
    assert candidate["name"]
    assert candidate["applications"] == [{"job": None}]
    assert codes(body) == {("candidate", "applications", 0, "job"): "UPSTREAM_UNAVAILABLE"}
    assert sim.requests == 1 + 3  # the candidate, then three attempts at the job
    assert body["extensions"]["upstream"]["requests"] == 4


async def test_a_call_timeout_nulls_its_branch() -> None:
    faults = SimulatorFaults()
    hang = after_first(lambda f: setattr(f, "timeout", True), faults)
    body, sim = await run(
        CANDIDATE_JOB, {**FAST, "call_timeout_s": 0.05}, faults, hang, {"id": ONE_APPLICATION}
    )
    assert body["data"]["candidate"]["name"]
    assert codes(body) == {("candidate", "applications", 0, "job"): "UPSTREAM_TIMEOUT"}
    assert sim.requests == 2  # a read timeout is not retried


async def test_the_operation_deadline_bounds_a_slow_call() -> None:
    # The slow answer would come after 1 s, well within the call timeout: only the
    # operation's deadline (0.3 s) can cut it short.
    faults = SimulatorFaults(timeout_s=1.0)
    hang = after_first(lambda f: setattr(f, "timeout", True), faults)
    upstream = {**FAST, "call_timeout_s": 60, "operation_deadline_s": 0.3}
    body, sim = await run(CANDIDATE_JOB, upstream, faults, hang, {"id": ONE_APPLICATION})
    assert body["data"]["candidate"]["name"]
    assert codes(body) == {("candidate", "applications", 0, "job"): "UPSTREAM_TIMEOUT"}
    assert sim.requests == 2


async def test_past_the_deadline_no_call_is_started() -> None:
    config = {
        "connections": {"sandbox": {"provider": "sandbox", "seed": 3, "size": 20, "latency_ms": 250}},
        "upstream": {"operation_deadline_s": 0.4},
    }
    query = "{ candidates(first: 3) { edges { node { name applications { job { name } } } } } }"
    async with make_client(config) as http:
        body = await GraphQLClient(http).post(query)
    edges = body["data"]["candidates"]["edges"]
    assert all(e["node"]["name"] and e["node"]["applications"] is not None for e in edges)
    assert set(codes(body).values()) == {"UPSTREAM_TIMEOUT"}
    assert all(path[-1] == "job" for path in codes(body))
    assert body["extensions"]["upstream"]["requests"] == 2  # candidates, applications; jobs never asked


async def test_a_malformed_page_fails_only_its_branch() -> None:
    job = first_id(Resource.JOB)
    query = "query($job: ID!) { job(id: $job) { name } candidates(first: 2) { edges { node { name } } } }"
    body, sim = await run(query, FAST, SimulatorFaults(malformed_pages=True), variables={"job": job})
    assert body["data"]["job"]["name"]
    assert body["data"]["candidates"] is None
    assert codes(body) == {("candidates",): "UPSTREAM_INVALID_RESPONSE"}
    assert sim.requests == 2


async def test_the_budget_stops_fetching_mid_query_with_exactly_budget_requests() -> None:
    query = "{ candidates(first: 20) { edges { node { name applications { job { name } } } } } }"
    body, sim = await run(query, {**FAST, "operation_budget": 3}, SimulatorFaults())
    assert sim.requests == 3
    assert body["extensions"]["upstream"]["requests"] == 3
    assert all(e["node"]["name"] for e in body["data"]["candidates"]["edges"])
    found = codes(body)
    assert found
    assert set(found.values()) == {"UPSTREAM_BUDGET_EXCEEDED"}
    assert all(path[-1] == "job" for path in found)


async def test_the_budget_on_the_sandbox_stops_at_the_level_it_runs_out() -> None:
    config = {
        "connections": {"sandbox": {"provider": "sandbox", "seed": 3, "size": 20}},
        "upstream": {"operation_budget": 2},
    }
    query = "{ candidates(first: 3) { edges { node { name applications { job { name } } } } } }"
    async with make_client(config) as http:
        body = await GraphQLClient(http).post(query)
    assert body["extensions"]["upstream"]["requests"] == 2
    assert all(e["node"]["applications"] is not None for e in body["data"]["candidates"]["edges"])
    found = codes(body)
    assert found
    assert set(found.values()) == {"UPSTREAM_BUDGET_EXCEEDED"}
    error = body["errors"][0]
    assert "budget of 2" in error["message"]


async def test_calls_shed_by_the_limiter_are_rate_limited_with_a_retry_hint() -> None:
    query = "{ candidates(first: 20) { edges { node { name applications { job { name } } } } } }"
    upstream = {**FAST, "max_rate_wait_s": 0}
    body, sim = await run(query, upstream, SimulatorFaults(rate_limit=2, retry_after_s=60))
    assert sim.statuses == {200: 2}  # the limit, learnt from the first answer's headers
    limited = [e for e in body["errors"] if e["extensions"]["code"] == "RATE_LIMITED"]
    assert limited
    assert all(0 < e["extensions"]["retryAfter"] <= 10.5 for e in limited)


async def test_one_provider_down_leaves_the_other_connections_alone() -> None:
    keys = {"a": "key-a", "b": "key-b", "c": "key-c"}
    faults = {name: SimulatorFaults() for name in keys}
    faults["b"].fail_next_n_with_status = (1000, 503)
    sims = {
        n: CountingTransport(simulator_transport(greenhouse_simulator(faults[n], k))) for n, k in keys.items()
    }
    query = "{ jobs(first: 3) { edges { node { name } } } }"
    async with app_over_simulators(gh_config(keys, FAST), sims) as http:
        gql = GraphQLClient(http)
        bodies = await asyncio.gather(*(gql.post(query, connection=n) for n in keys for _ in range(3)))
        by = {n: bodies[i * 3 : i * 3 + 3] for i, n in enumerate(keys)}
        for name in ("a", "c"):
            assert all("errors" not in b and len(b["data"]["jobs"]["edges"]) == 3 for b in by[name])
            assert sims[name].requests == 3
        assert all(codes(b) == {("jobs",): "UPSTREAM_UNAVAILABLE"} for b in by["b"])
        # Five failures open b's circuit: the nine attempts asked for are cut short ...
        assert 5 <= sims["b"].requests < 9
        sent = sims["b"].requests
        again = await gql.post(query, connection="b")
        assert codes(again) == {("jobs",): "UPSTREAM_UNAVAILABLE"}
        assert sims["b"].requests == sent  # ... and while it is open nothing is sent
        assert "errors" not in await gql.post(query, connection="a")


@pytest.mark.parametrize("status", [429, 503])
async def test_a_transient_failure_is_invisible_to_the_client(status: int) -> None:
    faults = SimulatorFaults(fail_next_n_with_status=(1, status), retry_after_s=0.01)
    body, sim = await run("{ jobs(first: 2) { edges { node { name } } } }", FAST, faults)
    assert "errors" not in body
    assert sim.requests == 2
    assert body["extensions"]["upstream"]["requests"] == 2
