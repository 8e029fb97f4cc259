"""``jobInterviewStages(filter: {jobId})`` on Recruiterflow: the account's stage names
(``job/stage_names``) name no job, so a job's stages are read from its pipeline, as
``job.stages`` reads them; filtered by job, the account's names would find none. Against a
mocked Recruiterflow (the pipeline built from ``GET_api_external_job_pipeline.shape.json``'s
keys, see ``test_adapter.py``) and through GraphQL on a simulated connection."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Final

import httpx
import pytest
import respx

from providers.base import Connection
from providers.query import Filter, FilterName, ListQuery
from providers.records import Resource
from providers.recruiterflow.adapter import BASE_URL, RecruiterflowAdapter
from tests.graph.support import GraphQLClient, make_client

from .test_adapter import KEY, PIPELINE

R = Resource


@pytest.fixture
async def adapter() -> AsyncIterator[RecruiterflowAdapter]:
    connection = Connection(name="rf", provider="recruiterflow", credentials={"api_key": KEY})
    async with httpx.AsyncClient() as http:
        yield RecruiterflowAdapter(connection, http)


def test_the_job_filter_is_applied_upstream() -> None:
    assert RecruiterflowAdapter.filters_natively(R.JOB_INTERVIEW_STAGE, FilterName.JOB_ID)


@respx.mock
async def test_a_jobs_stages_are_listed_from_its_pipeline(adapter: RecruiterflowAdapter) -> None:
    pipeline = respx.get(f"{BASE_URL}/job/pipeline").respond(json=PIPELINE)
    names = respx.get(f"{BASE_URL}/job/stage_names").respond(json={"data": ["Applied", "Hired"]})
    flt = Filter(job_id="531")
    first = await adapter.list(R.JOB_INTERVIEW_STAGE, ListQuery(flt, None, 1))
    rest = await adapter.list(R.JOB_INTERVIEW_STAGE, ListQuery(flt, None, 1, first.next_cursor))
    assert [s.id for s in (*first.records, *rest.records)] == ["Applied", "Disqualified"]
    assert all(getattr(s, "job_id", None) == "531" for s in (*first.records, *rest.records))
    assert rest.next_cursor is None
    assert pipeline.calls.last.request.url.params["job_id"] == "531"
    assert not names.called
    # without the filter, the account's names as before
    every = await adapter.list(R.JOB_INTERVIEW_STAGE, ListQuery(Filter(), None, 50))
    assert [s.id for s in every.records] == ["Applied", "Hired"]


CONFIG: Final = {
    "connections": {"demo": {"provider": "recruiterflow", "simulated": True, "seed": 5, "size": 30}}
}
LISTING: Final = """query($job: ID!) {
  jobInterviewStages(first: 50, filter: {jobId: $job}) { edges { node { id name job { id } } } }
}"""


async def test_graphql_lists_the_stages_job_stages_gives() -> None:
    async with make_client(CONFIG) as http:
        client = GraphQLClient(http)
        jobs = await client.post("{ jobs(first: 5) { edges { node { id stages { id name } } } } }")
        assert "errors" not in jobs, jobs.get("errors")
        for edge in jobs["data"]["jobs"]["edges"]:
            job = edge["node"]
            listed = await client.post(LISTING, {"job": job["id"]})
            assert "errors" not in listed, listed.get("errors")
            nodes = [e["node"] for e in listed["data"]["jobInterviewStages"]["edges"]]
            assert nodes, "every simulated job has a pipeline"
            assert [{"id": n["id"], "name": n["name"]} for n in nodes] == job["stages"]
            assert all(n["job"]["id"] == job["id"] for n in nodes)
