"""The README's pipeline query on a simulated Teamtailor connection: one upstream request for
the whole page (the candidates' includes bring every relationship it reads), and an error only
where Teamtailor has no such data."""

from __future__ import annotations

import httpx
import pytest

from providers.base import Connection
from providers.errors import ProviderBadInput
from providers.records import Resource
from providers.teamtailor import TeamtailorAdapter
from tests.graph.support import README_PIPELINE, GraphQLClient, make_client

PIPELINE = README_PIPELINE
UNSUPPORTED = {"creditedTo", "interviews", "offers"}
"""An application's source user, interviews and offers: not in Teamtailor's API."""


async def test_the_readme_pipeline_costs_one_request() -> None:
    config = {"connections": {"demo": {"provider": "teamtailor", "simulated": True, "seed": 5, "size": 30}}}
    async with make_client(config) as http:
        body = await GraphQLClient(http).post(PIPELINE)
    edges = body["data"]["candidates"]["edges"]
    assert len(edges) == 10
    assert body["extensions"]["upstream"]["requests"] == 1
    errors = body.get("errors", [])
    assert {e["extensions"]["code"] for e in errors} == {"NOT_SUPPORTED_BY_PROVIDER"}
    assert {e["path"][-1] for e in errors} == UNSUPPORTED
    applications = [a for e in edges for a in e["node"]["applications"]]
    assert applications
    assert all(a["job"]["name"] and a["job"]["departments"] and a["currentStage"] for a in applications)


@pytest.mark.parametrize("resource", [Resource.CANDIDATE, Resource.APPLICATION, Resource.JOB, Resource.USER])
async def test_an_id_that_is_a_path_segment_is_refused_before_any_call(resource: Resource) -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(404, json={"errors": []})

    connection = Connection(name="tt", provider="teamtailor", credentials={"api_key": "k"})
    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
        adapter = TeamtailorAdapter(connection, http)
        for value in ("../../v1/users", "cand\x00"):
            with pytest.raises(ProviderBadInput):
                await adapter.get_many(resource, [value])
    assert sent == []
