"""The README's pipeline query on a simulated Breezy connection: the first page reads the
account whole (the positions, then every position's candidates) and each candidate brings
its applications, their positions and stages; tags are names (no call). An error only where
Breezy's documented answers have no such data."""

from __future__ import annotations

import math

from providers.breezy.adapter import MAX_PAGE
from providers.records import Resource
from providers.sandbox import generate
from tests.graph.support import README_PIPELINE, GraphQLClient, make_client

PIPELINE = README_PIPELINE
UNSUPPORTED = {"creditedTo", "interviews", "offers", "offices", "departments"}
"""No documented shape in the pages found: interviews and scorecards, offers, users, a
position's department (its type) and offices (a position's location is a name)."""


async def test_the_readme_pipeline_runs_with_errors_only_where_breezy_has_no_data() -> None:
    config = {"connections": {"demo": {"provider": "breezy", "simulated": True, "seed": 5, "size": 30}}}
    async with make_client(config) as http:
        body = await GraphQLClient(http).post(PIPELINE)
    edges = body["data"]["candidates"]["edges"]
    assert len(edges) == 10
    data = generate(5, 30)
    per_job = data.children(Resource.APPLICATION, "job")
    pages = sum(max(1, math.ceil(len(per_job.get(j.id, ())) / MAX_PAGE)) for j in data.records(Resource.JOB))
    # the positions, then each position's candidate pages (none of them full here)
    assert body["extensions"]["upstream"]["requests"] == 1 + pages
    errors = body.get("errors", [])
    assert {e["extensions"]["code"] for e in errors} == {"NOT_SUPPORTED_BY_PROVIDER"}
    assert {e["path"][-1] for e in errors} == UNSUPPORTED
    applications = [a for e in edges for a in e["node"]["applications"]]
    assert applications
    assert all(a["job"]["name"] and a["currentStage"]["name"] for a in applications)
    assert any(e["node"]["tags"] for e in edges)
