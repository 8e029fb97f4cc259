"""End to end: the GraphQL app over the Lever adapter over the simulator (sandbox data in
Lever's wire format). Checks that a pipeline query resolves and what it costs upstream."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from graph.app import create_app
from graph.settings import parse_settings
from providers.lever import LeverAdapter

from .conftest import API_KEY
from .simulator_support import BASE, simulator, small_dataset

pytestmark = pytest.mark.shared

PIPELINE = """
{
  candidates(first: 50) { edges { node {
    id name emails { email } tags { name }
    applications {
      id candidate { id }
      job { id name stages { id } }
      currentStage { id name }
      creditedTo { name }
      interviews { startAt interviewers { id name } scorecards { overallRecommendation interviewer { id } } }
      offers { status candidate { id } }
    }
  } } }
}
"""


@pytest.fixture
async def lever_gql() -> AsyncIterator[tuple[httpx.AsyncClient, Any, list[str]]]:
    data = small_dataset()
    config = {
        "connections": {
            "lever": {
                "provider": "lever",
                "base_url": BASE,
                "credentials": {"api_key": API_KEY},
                "include_confidential": True,
            }
        }
    }
    paths: list[str] = []

    async def record(request: httpx.Request) -> None:
        paths.append(request.url.path)

    upstream = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=simulator(data)), event_hooks={"request": [record]}
    )
    app = create_app(parse_settings(config, "test"), http=upstream, providers={"lever": LeverAdapter})
    async with (
        upstream,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hiregraph.test") as client,
    ):
        yield client, data, paths


async def test_pipeline_over_the_simulator(lever_gql: tuple[httpx.AsyncClient, Any, list[str]]) -> None:
    client, data, paths = lever_gql
    response = await client.post("/graphql", json={"query": PIPELINE})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body.get("errors")
    candidates = [e["node"] for e in body["data"]["candidates"]["edges"]]
    assert sorted(c["id"] for c in candidates) == sorted(c.id for c in data.records("candidate"))
    for cand in candidates:
        assert cand["applications"]
        for app in cand["applications"]:
            assert app["candidate"]["id"] == cand["id"]
            assert app["job"]["name"]
            assert app["currentStage"]["id"] in {s["id"] for s in app["job"]["stages"]}
    # Batched per level: one listing of opportunities plus one read of all its contacts'
    # opportunities; tags, stages and archive reasons once. Lever has no batch read under an
    # opportunity, so interviews, offers and feedback cost one call per opportunity, and no
    # opportunity is read again for its contact.
    calls = Counter(re.sub(r"/(app|job|user)_\d+", "/{id}", p) for p in paths)
    opportunities = len(data.records("application"))
    assert calls["/v1/opportunities"] == 2
    assert calls["/v1/tags"] == calls["/v1/archive_reasons"] == 1
    assert calls["/v1/stages"] == 1  # two levels ask (applications' stages, jobs' stages): kept
    for kind in ("interviews", "offers"):
        assert calls[f"/v1/opportunities/{{id}}/{kind}"] == opportunities
    assert calls["/v1/opportunities/{id}/feedback"] <= opportunities
    assert calls["/v1/opportunities/{id}"] == 0
    assert calls["/v1/postings/{id}"] == len({a.job_id for a in data.records("application")})
    assert body["extensions"]["upstream"]["requests"] == len(paths)


async def test_a_write_through_the_gateway_reads_back(
    lever_gql: tuple[httpx.AsyncClient, Any, list[str]],
) -> None:
    """Without an acting user the gateway refuses before any call; with ``actorId`` the one
    write (``PUT .../stage?perform_as=``) lands and the payload and a later read see it."""
    client, data, paths = lever_gql
    app = next(a for a in data.records("application") if a.rejected_at is None)
    query = """mutation($app: ID!, $stage: ID!, $actor: ID) {
      moveApplicationStage(input: {applicationId: $app, stageId: $stage}, actorId: $actor) {
        application { id currentStage { id } }
      }
    }"""
    stages = await client.post(
        "/graphql", json={"query": "{ jobInterviewStages(first: 100) { edges { node { id } } } }"}
    )
    ids = [e["node"]["id"] for e in stages.json()["data"]["jobInterviewStages"]["edges"]]
    before = await client.post(
        "/graphql", json={"query": f'{{ application(id: "{app.id}") {{ currentStage {{ id }} }} }}'}
    )
    current = before.json()["data"]["application"]["currentStage"]["id"]
    target = next(i for i in ids if i != current)
    paths.clear()

    refused = await client.post(
        "/graphql", json={"query": query, "variables": {"app": app.id, "stage": target}}
    )
    assert refused.json()["errors"][0]["extensions"]["field"] == "actorId"
    assert paths == []  # refused before any upstream call

    actor = data.records("user")[0].id
    variables = {"app": app.id, "stage": target, "actor": actor}
    moved = await client.post("/graphql", json={"query": query, "variables": variables})
    assert "errors" not in moved.json(), moved.json()
    assert moved.json()["data"]["moveApplicationStage"]["application"]["currentStage"] == {"id": target}
    assert paths.count(f"/v1/opportunities/{app.id}/stage") == 1
    after = await client.post(
        "/graphql", json={"query": f'{{ application(id: "{app.id}") {{ currentStage {{ id }} }} }}'}
    )
    assert after.json()["data"]["application"]["currentStage"] == {"id": target}
