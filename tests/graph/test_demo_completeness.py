"""Every `*-demo` connection of the embedded default lists every candidate of the sandbox it
renders, at the DEFAULT size (2,000 candidates): a record lost at a page boundary, to a
merge, or to a filter the demo applies shows up only on a dataset that large.

Ids differ per provider only by the simulator's documented codec: Greenhouse numbers,
Ashby UUIDs, Workable hex ids, Teamtailor numbers; and a Workable candidate is job-scoped (it *is* an
application, see providers/workable/adapter.py), so there the sandbox's applications are the
expected candidates.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Final

import httpx
import pytest

from graph.app import create_app
from graph.settings import default_settings
from providers.records import CandidateRecord, Resource
from providers.registry import PROVIDERS
from providers.sandbox.dataset import dataset
from providers.simulation import SimulatedOptions
from tests.graph.support import README_PIPELINE, GraphQLClient

DEFAULT = SimulatedOptions()
"""What an embedded `*-demo` connection uses: the default seed and size."""

SIMULATED = sorted(name for name, cls in PROVIDERS.items() if cls.simulation() is not None)

ONCE_MISSING: Final = ("cand_001765", "cand_001874", "cand_001933", "cand_001956", "cand_001999")
"""Candidates lever-demo used to lose (their only application is to a confidential job)."""


def _ids(provider: str, candidate: CandidateRecord) -> list[str]:
    """The ids a connection reports for one sandbox candidate."""
    simulation = PROVIDERS[provider].simulation()
    return simulation.candidate_ids(candidate) if simulation is not None else [candidate.id]


DATA: Final = dataset(DEFAULT.seed, DEFAULT.size)

LIST = """query($after: String) { candidates(first: 100, after: $after) {
  edges { node { id } } pageInfo { hasNextPage endCursor } } }"""

GET = """query($id: ID!) { candidate(id: $id) { id } }"""


@asynccontextmanager
async def client_for(connection: str) -> AsyncIterator[GraphQLClient]:
    """The embedded default's ``connection`` alone (building the other demos' simulators
    would only cost time)."""
    settings = default_settings()
    only = replace(settings, connections={connection: settings.connections[connection]})
    app = create_app(replace(only, default_connection=connection), providers=PROVIDERS)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://hiregraph.test"
    ) as http:
        yield GraphQLClient(http)


async def _listed_ids(gql: GraphQLClient, connection: str) -> list[str]:
    ids: list[str] = []
    after: str | None = None
    for _ in range(10 * DEFAULT.size // 100):
        page = (await gql.data(LIST, {"after": after}, connection=connection))["candidates"]
        ids.extend(edge["node"]["id"] for edge in page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            return ids
        after = page["pageInfo"]["endCursor"]
    raise AssertionError(f"{connection}: the listing did not end")


def _candidates() -> list[CandidateRecord]:
    return [c for c in DATA.records(Resource.CANDIDATE) if isinstance(c, CandidateRecord)]


def test_every_simulated_provider_has_an_id_codec_here() -> None:
    assert {"greenhouse", "lever", "ashby", "workable"} <= set(SIMULATED)
    assert set(default_settings().connections) == {"sandbox"} | {f"{p}-demo" for p in SIMULATED}
    assert len(_candidates()) == DEFAULT.size == 2000


@pytest.mark.parametrize("provider", ["sandbox", *SIMULATED])
async def test_every_sandbox_candidate_is_listed_once_and_found_by_id(provider: str) -> None:
    connection = provider if provider == "sandbox" else f"{provider}-demo"
    async with client_for(connection) as gql:
        listed = await _listed_ids(gql, connection)
        expected = sorted(i for c in _candidates() for i in _ids(provider, c))
        assert len(listed) == len(set(listed)), f"{connection} repeats candidates"
        missing = sorted(set(expected) - set(listed))
        assert not missing, f"{connection} lost {len(missing)} candidates: {missing[:10]}"
        assert sorted(listed) == expected

        for sandbox_id in ONCE_MISSING:
            candidate = DATA.get(Resource.CANDIDATE, sandbox_id)
            assert isinstance(candidate, CandidateRecord)
            for wanted in _ids(provider, candidate):
                data = await gql.data(GET, {"id": wanted}, connection=connection)
                assert data["candidate"] == {"id": wanted}, (connection, sandbox_id)


@pytest.mark.parametrize("provider", SIMULATED)
async def test_the_readme_pipeline_on_each_demo_fails_only_where_the_provider_lacks_a_field(
    provider: str,
) -> None:
    """At the default size, where a provider that reads whole account tables could run out of
    the operation's upstream budget: the only errors allowed are NOT_SUPPORTED_BY_PROVIDER."""
    connection = f"{provider}-demo"
    async with client_for(connection) as gql:
        body = await gql.post(README_PIPELINE, connection=connection)
    assert len(body["data"]["candidates"]["edges"]) == 10
    codes = {e["extensions"]["code"] for e in body.get("errors", [])}
    assert codes <= {"NOT_SUPPORTED_BY_PROVIDER"}, (connection, body["errors"][:3])
