"""The README's pipeline query on a simulated BambooHR connection: candidates come from the
application listing (read once), each application's job, department, location and status
from account tables; errors only where BambooHR has no such data."""

from __future__ import annotations

from providers.bamboohr.simulator import PAGE_SIZE
from providers.records import Resource
from providers.sandbox.dataset import dataset
from tests.graph.support import README_PIPELINE, GraphQLClient, make_client

PIPELINE = README_PIPELINE
UNSUPPORTED = {"tags", "creditedTo", "interviews", "offers"}
"""Tags, an application's source user, interviews and offers: not in BambooHR's ATS API."""


async def test_the_readme_pipeline_runs_with_only_unsupported_field_errors() -> None:
    config = {"connections": {"demo": {"provider": "bamboohr", "simulated": True, "seed": 5, "size": 30}}}
    async with make_client(config) as http:
        body = await GraphQLClient(http).post(PIPELINE)
    edges = body["data"]["candidates"]["edges"]
    assert len(edges) == 10
    errors = body.get("errors", [])
    assert {e["extensions"]["code"] for e in errors} == {"NOT_SUPPORTED_BY_PROVIDER"}
    assert {e["path"][-1] for e in errors} == UNSUPPORTED
    applications = [a for e in edges for a in e["node"]["applications"]]
    assert applications
    assert all(e["node"]["name"] and e["node"]["emails"] for e in edges)
    assert all(
        a["job"]["name"] and a["job"]["departments"] and a["currentStage"]["name"] for a in applications
    )
    # the application listing's pages, then one read per account table (jobs, statuses, lists)
    pages = -(-len(dataset(5, 30).records(Resource.APPLICATION)) // PAGE_SIZE)
    assert body["extensions"]["upstream"]["requests"] == pages + 3
