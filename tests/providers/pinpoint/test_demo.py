"""The README's pipeline query on a simulated Pinpoint connection (errors only where Pinpoint
has no such data), and the simulator's candidates: exactly the sandbox's, found again by the
ids the simulation gives them (their e-mail)."""

from __future__ import annotations

from typing import Any

import httpx

from providers.base import Connection
from providers.pinpoint import PinpointAdapter
from providers.pinpoint.simulator import SIMULATION, create_simulator
from providers.query import ListQuery
from providers.records import CandidateRecord, Resource
from providers.sandbox import generate
from tests.graph.support import GraphQLClient, make_client

PIPELINE = """{
  candidates(first: 10) {
    edges { node {
      name emails { email }
      applications {
        job { name departments { name } offices { name } }
        currentStage { name } creditedTo { name } rejectReason { name }
        interviews { startAt interviewers { name } scorecards { overallRecommendation interviewer { name } } }
        offers { status }
      }
    } }
    pageInfo { hasNextPage endCursor }
  }
}"""
UNSUPPORTED = {"creditedTo", "scorecards", "offers"}
"""The application's source user (not in the API), offers and scorecards (relationships without
a shape in the sources read)."""


async def test_the_readme_pipeline_runs_with_errors_only_where_pinpoint_lacks_data() -> None:
    config = {"connections": {"demo": {"provider": "pinpoint", "simulated": True, "seed": 5, "size": 30}}}
    async with make_client(config) as http:
        body = await GraphQLClient(http).post(PIPELINE)
    edges = body["data"]["candidates"]["edges"]
    assert len(edges) == 10
    errors = body.get("errors", [])
    assert {e["extensions"]["code"] for e in errors} == {"NOT_SUPPORTED_BY_PROVIDER"}
    assert {e["path"][-1] for e in errors} == UNSUPPORTED
    applications = [a for e in edges for a in e["node"]["applications"]]
    assert applications
    assert all(a["job"]["name"] and a["job"]["departments"] and a["currentStage"] for a in applications)


async def test_the_simulator_lists_every_sandbox_candidate_once() -> None:
    data = generate(7, 60)
    app = create_simulator(data, credentials=dict(SIMULATION.credentials))
    async with httpx.AsyncClient(transport=SIMULATION.transport(app)) as http:
        connection = Connection(
            name="pp",
            provider="pinpoint",
            base_url=SIMULATION.base_url,
            credentials=dict(SIMULATION.credentials),
            options=dict(SIMULATION.options),
        )
        adapter = PinpointAdapter(connection, http)
        read: list[Any] = []
        cursor = None
        while True:
            page = await adapter.list(Resource.CANDIDATE, ListQuery(page_size=7, cursor=cursor))
            read += page.records
            if (cursor := page.next_cursor) is None:
                break
    sandbox = [c for c in data.records(Resource.CANDIDATE) if isinstance(c, CandidateRecord)]
    assert sorted(c.id for c in read) == sorted(i for c in sandbox for i in SIMULATION.candidate_ids(c))
    for c in sandbox:
        (mine,) = (r for r in read if r.id in SIMULATION.candidate_ids(c))
        assert isinstance(mine, CandidateRecord)
        assert (mine.name, len(mine.application_ids or ())) == (c.name, len(c.application_ids or ()))
