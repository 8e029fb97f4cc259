"""The README's pipeline query on a simulated SmartRecruiters connection: an error only where
SmartRecruiters has no such data."""

from __future__ import annotations

import httpx
import pytest

from providers.base import Connection
from providers.errors import ProviderBadInput
from providers.records import Resource
from providers.smartrecruiters import SmartRecruitersAdapter
from tests.graph.support import README_PIPELINE, GraphQLClient, make_client

PIPELINE = README_PIPELINE
UNSUPPORTED = {"offices", "creditedTo", "interviews"}
"""Offices (a location is text), an application's crediting user, interviews by application:
not in the SmartRecruiters API read."""


async def test_the_readme_pipeline_runs() -> None:
    config = {
        "connections": {"demo": {"provider": "smartrecruiters", "simulated": True, "seed": 5, "size": 30}}
    }
    async with make_client(config) as http:
        body = await GraphQLClient(http).post(PIPELINE)
    edges = body["data"]["candidates"]["edges"]
    assert len(edges) == 10
    errors = body.get("errors", [])
    assert {e["extensions"]["code"] for e in errors} == {"NOT_SUPPORTED_BY_PROVIDER"}
    assert {e["path"][-1] for e in errors} == UNSUPPORTED
    applications = [a for e in edges for a in e["node"]["applications"]]
    assert applications
    assert all(
        a["job"]["name"] and a["job"]["departments"] and a["currentStage"]["name"] for a in applications
    )
    assert any(a["offers"] for a in applications)


@pytest.mark.parametrize("resource", [Resource.CANDIDATE, Resource.APPLICATION, Resource.JOB, Resource.USER])
async def test_an_id_that_is_a_path_segment_is_refused_before_any_call(resource: Resource) -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(404, json={"message": "Not found"})

    connection = Connection(name="sr", provider="smartrecruiters", credentials={"api_key": "k"})
    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
        adapter = SmartRecruitersAdapter(connection, http)
        # an application id's halves are path segments each (``<candidateId>:<jobId>``)
        bad = ("..:job", "cand\x00:job") if resource is Resource.APPLICATION else ("../../v1", "cand\x00")
        for value in bad:
            with pytest.raises(ProviderBadInput):
                await adapter.get_many(resource, [value])
    assert sent == []


async def test_an_id_that_is_no_application_id_names_none_without_a_call() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"unexpected call {request.url}")

    connection = Connection(name="sr", provider="smartrecruiters", credentials={"api_key": "k"})
    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
        adapter = SmartRecruitersAdapter(connection, http)
        assert await adapter.get_many(Resource.APPLICATION, ["no-separator", ":job"]) == [None, None]
