"""The README's pipeline query on a simulated Recruiterflow connection: the candidates' page
brings their applications; the rest is read from account tables (jobs, departments, locations,
stage names, users), each once; an error only where Recruiterflow has no such data."""

from __future__ import annotations

from tests.graph.support import GraphQLClient, make_client

PIPELINE = """{
  candidates(first: 10) {
    edges { node {
      name emails { email } tags { name }
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
UNSUPPORTED = {"tags", "interviews", "offers"}
"""Tags (empty in every recorded candidate), interviews and offers: not in the sources read."""


async def test_the_readme_pipeline_runs_on_the_demo() -> None:
    config = {
        "connections": {"demo": {"provider": "recruiterflow", "simulated": True, "seed": 5, "size": 30}}
    }
    async with make_client(config) as http:
        body = await GraphQLClient(http).post(PIPELINE)
    edges = body["data"]["candidates"]["edges"]
    assert len(edges) == 10
    # the candidates' page, then the jobs (with departments and locations by name), the stage
    # names and the users: one call each, the applications being in the candidates' page
    assert body["extensions"]["upstream"]["requests"] == 6
    errors = body.get("errors", [])
    assert {e["extensions"]["code"] for e in errors} == {"NOT_SUPPORTED_BY_PROVIDER"}
    assert {e["path"][-1] for e in errors} == UNSUPPORTED
    applications = [a for e in edges for a in e["node"]["applications"]]
    assert applications
    assert all(a["job"]["name"] and a["job"]["departments"] and a["currentStage"] for a in applications)
    assert all(a["creditedTo"]["name"] for a in applications)
    rejected = [a for a in applications if a["currentStage"]["name"] == "Disqualified"]
    assert rejected
    assert all(a["rejectReason"]["name"] for a in rejected)
