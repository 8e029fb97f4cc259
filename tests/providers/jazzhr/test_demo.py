"""The README's pipeline query on a simulated JazzHR connection: an error only where JazzHR has
no such data (stages, source users, interviews, offers, departments and offices)."""

from __future__ import annotations

from tests.graph.support import README_PIPELINE, GraphQLClient, make_client

PIPELINE = README_PIPELINE
UNSUPPORTED = {"departments", "offices", "currentStage", "creditedTo", "interviews", "offers"}
"""Not in JazzHR's API: a job's department and place are strings, no endpoint lists workflow
steps, and there are no interviews or offers."""


async def test_the_readme_pipeline_runs_with_only_unsupported_field_errors() -> None:
    config = {"connections": {"demo": {"provider": "jazzhr", "simulated": True, "seed": 5, "size": 30}}}
    async with make_client(config) as http:
        body = await GraphQLClient(http).post(PIPELINE)
    edges = body["data"]["candidates"]["edges"]
    assert len(edges) == 10
    errors = body.get("errors", [])
    assert {e["extensions"]["code"] for e in errors} == {"NOT_SUPPORTED_BY_PROVIDER"}
    assert {e["path"][-1] for e in errors} == UNSUPPORTED
    applications = [a for e in edges for a in e["node"]["applications"]]
    assert applications
    assert all(a["job"]["name"] for a in applications)
    assert any(e["node"]["tags"] for e in edges)  # from each listed applicant's detail
