"""The README's pipeline query on a simulated Recruitee connection: the page of candidates
brings the applications, jobs and stages it reads (one request); tags come with each
candidate read by id, and an error only where Recruitee has no such data."""

from __future__ import annotations

from tests.graph.support import README_PIPELINE, GraphQLClient, make_client

PIPELINE = README_PIPELINE
UNSUPPORTED = {"creditedTo", "interviews", "offers", "offices", "departments"}
"""Not in the sources read: an application's source user, interviews and offers (Recruitee's
"offers" are its jobs), offices (an offer's location is text) and departments (an endpoint
without a known payload: a job's department id is kept, its name is not read)."""


async def test_the_readme_pipeline_runs_with_errors_only_where_recruitee_has_no_data() -> None:
    config = {"connections": {"demo": {"provider": "recruitee", "simulated": True, "seed": 5, "size": 30}}}
    async with make_client(config) as http:
        body = await GraphQLClient(http).post(PIPELINE)
    edges = body["data"]["candidates"]["edges"]
    assert len(edges) == 10
    # one page of candidates, then each candidate read by id for its tags
    assert body["extensions"]["upstream"]["requests"] == 1 + 10
    errors = body.get("errors", [])
    assert {e["extensions"]["code"] for e in errors} == {"NOT_SUPPORTED_BY_PROVIDER"}
    assert {e["path"][-1] for e in errors} == UNSUPPORTED
    applications = [a for e in edges for a in e["node"]["applications"]]
    assert applications
    assert all(a["job"]["name"] and a["currentStage"]["name"] for a in applications)
    assert any(e["node"]["tags"] for e in edges)
