"""The lookahead loads a response's relationships level by level before graphql-core asks.

It must change when loads happen, never which: the same answers, the same adapter calls,
with or without it; and a response it warmed completes without a single pending
relationship (no ``_build_one``/``_build_many`` coroutine).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Sequence
from typing import Any, ClassVar

import pytest

import graph.types.relations as relations
from loaders import Loaders
from providers.errors import ProviderUnavailable
from providers.records import Record, Resource
from tests.graph.spy import CALLS, SpySandbox
from tests.graph.support import SMALL, GraphQLClient, make_client
from tests.graph.test_graph_walk import JOBS, PIPELINE

FRAGMENTS = """
query Fragments($yes: Boolean!) {
  candidates(first: 20) { edges { node { ...Person } } }
}
fragment Person on Candidate {
  name
  applications {
    ... on Application { a: job { name departments { name } } }
    b: job { id }
    currentStage @include(if: $yes) { name }
    creditedTo @skip(if: $yes) { name }
    interviews @include(if: $yes) { interviewers { ...Named } }
    offers @skip(if: $yes) { status }
  }
}
fragment Named on User { name }
"""

BY_ID = """
query One($id: ID!) {
  candidate(id: $id) { name applications { job { name stages { name } } interviews { interviewers { name } } } }
}
"""

IDS_ONLY = "{ candidates(first: 10) { edges { node { name applications { id } tags { id __typename } } } } }"


@pytest.fixture
def pending(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts relationships answered with an awaitable (a load still pending when asked)."""
    counted: Counter[str] = Counter()
    build_one, build_many = relations._build_one, relations._build_many

    def one(*args: Any) -> Any:
        counted["one"] += 1
        return build_one(*args)

    def many(*args: Any) -> Any:
        counted["many"] += 1
        return build_many(*args)

    monkeypatch.setattr(relations, "_build_one", one)
    monkeypatch.setattr(relations, "_build_many", many)
    return counted


async def _first_candidate(spy: GraphQLClient) -> str:
    data = await spy.data("{ candidates(first: 1) { edges { node { id } } } }")
    return str(data["candidates"]["edges"][0]["node"]["id"])


async def _run(spy: GraphQLClient, query: str, variables: dict[str, Any]) -> tuple[Any, dict[str, int]]:
    CALLS.clear()
    body = await spy.post(query, variables)
    body.pop("extensions", None)
    return body, dict(CALLS)


@pytest.mark.parametrize("name", ["pipeline", "jobs", "fragments", "by_id"])
async def test_same_answers_and_calls_with_or_without_the_lookahead(
    spy: GraphQLClient, monkeypatch: pytest.MonkeyPatch, pending: Counter[str], name: str
) -> None:
    query, variables = {
        "pipeline": (PIPELINE, {}),
        "jobs": (JOBS, {}),
        "fragments": (FRAGMENTS, {"yes": True}),
        "by_id": (BY_ID, {"id": await _first_candidate(spy)}),
    }[name]
    ahead, ahead_calls = await _run(spy, query, variables)
    assert "errors" not in ahead
    assert sum(pending.values()) == 0, "every relationship was loaded before it was asked"

    monkeypatch.setattr(Loaders, "looks_ahead", False)
    lazy, lazy_calls = await _run(spy, query, variables)
    assert sum(pending.values()) > 0  # the same query without it does wait on loads
    assert ahead == lazy
    assert ahead_calls == lazy_calls


async def test_directives_decide_what_is_loaded(spy: GraphQLClient, pending: Counter[str]) -> None:
    _, skipped = await _run(spy, FRAGMENTS, {"yes": False})
    assert "list_offers_by_application_ids" in skipped
    assert "get_job_interview_stages" not in skipped
    assert "list_interviews_by_application_ids" not in skipped
    _, included = await _run(spy, FRAGMENTS, {"yes": True})
    assert "list_offers_by_application_ids" not in included
    assert "get_job_interview_stages" in included
    assert "list_interviews_by_application_ids" in included
    assert sum(pending.values()) == 0


async def test_ids_the_records_list_cost_no_load(spy: GraphQLClient) -> None:
    body, calls = await _run(spy, IDS_ONLY, {})
    assert "errors" not in body
    assert calls == {"list_candidates": 1}
    assert all(n["node"]["applications"] for n in body["data"]["candidates"]["edges"])


async def test_a_broken_lookahead_leaves_the_response_whole(
    spy: GraphQLClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    expected, _ = await _run(spy, PIPELINE, {})

    def broken(self: Any, ctx: Any, record: Record) -> None:
        raise RuntimeError("a bug in the lookahead")

    monkeypatch.setattr(relations.ToOne, "request", broken)
    with caplog.at_level(logging.ERROR, logger="resolvers.lookahead"):
        got, _ = await _run(spy, PIPELINE, {})
    assert got == expected
    assert "lookahead stopped" in caplog.text


class FailingJobs(SpySandbox):
    name = "failing-jobs"

    async def get_many(self, resource: Resource, ids: Sequence[str]) -> Sequence[Record | None]:
        if resource is Resource.JOB:
            raise ProviderUnavailable("jobs are down", provider=self.name, resource="job")
        return await super().get_many(resource, ids)


async def test_a_failed_load_is_an_error_on_its_fields_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    config = {"connections": {"down": {"provider": "failing-jobs", **SMALL}}}
    query = "{ candidates(first: 5) { edges { node { name applications { id job { name } } } } } }"
    async with make_client(config, {"failing-jobs": FailingJobs}) as client:
        gql = GraphQLClient(client)
        ahead = await gql.post(query)
        monkeypatch.setattr(Loaders, "looks_ahead", False)
        lazy = await gql.post(query)
    for body in (ahead, lazy):
        body.pop("extensions", None)
    assert ahead == lazy
    assert ahead["errors"]
    assert {e["path"][-1] for e in ahead["errors"]} == {"job"}
    assert all(e["extensions"]["code"] == "UPSTREAM_UNAVAILABLE" for e in ahead["errors"])
    for edge in ahead["data"]["candidates"]["edges"]:
        assert edge["node"]["name"]
        assert all(a["id"] and a["job"] is None for a in edge["node"]["applications"])


class SlowOffices(SpySandbox):
    name = "slow-offices"
    events: ClassVar[list[str]] = []

    async def get_many(self, resource: Resource, ids: Sequence[str]) -> Sequence[Record | None]:
        self.events.append(f"start get_{resource.plural}")
        if resource is Resource.OFFICE:
            await asyncio.sleep(0.2)
        try:
            return await super().get_many(resource, ids)
        finally:
            self.events.append(f"end get_{resource.plural}")


async def test_a_root_field_does_not_wait_for_another_ones_batches() -> None:
    # each root field's lookahead waits for its own loads only: the slow offices of the job
    # board must not hold back the next depth of the candidates
    query = """{
      a: candidates(first: 5) { edges { node { applications { currentStage { name } } } } }
      b: jobs(first: 5) { edges { node { offices { name } } } }
    }"""
    SlowOffices.events.clear()
    config = {"connections": {"slow": {"provider": "slow-offices", **SMALL}}}
    async with make_client(config, {"slow-offices": SlowOffices}) as client:
        body = await GraphQLClient(client).post(query)
    assert "errors" not in body
    events = SlowOffices.events
    assert events.index("start get_job_interview_stages") < events.index("end get_offices"), events
