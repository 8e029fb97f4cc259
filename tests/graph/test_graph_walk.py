"""The whole graph in one query, on the sandbox: every relationship resolves and agrees."""

from __future__ import annotations

from typing import Any

from tests.graph.support import GraphQLClient

PIPELINE = """
{
  candidates(first: 50) { edges { node {
    id name emails { email } tags { name }
    applications {
      id candidate { id }
      job { id name departments { name } offices { name } stages { id } }
      currentStage { id name job { id } }
      creditedTo { name }
      interviews { startAt interviewers { id name } scorecards { overallRecommendation interviewer { id name } } }
      offers { status candidate { id } }
    }
  } } }
}
"""

JOBS = """
{
  jobs(first: 100) { edges { node {
    id name status
    stages { name position job { id } }
    formFields { label type options { label } job { id } }
    hiringManagers { name }
    applications { candidate { name } job { id } }
  } } }
}
"""


async def test_pipeline_query_walks_every_level_consistently(gql: GraphQLClient) -> None:
    data = await gql.data(PIPELINE)
    candidates = [e["node"] for e in data["candidates"]["edges"]]
    assert len(candidates) == 50
    seen_interviews = seen_scorecards = seen_offers = 0
    for cand in candidates:
        assert cand["name"]
        assert cand["emails"]
        assert cand["applications"], "every sandbox candidate has at least one application"
        for app in cand["applications"]:
            assert app["candidate"]["id"] == cand["id"]
            if app["job"] is not None and app["currentStage"] is not None:
                assert app["currentStage"]["job"]["id"] == app["job"]["id"]
                assert app["currentStage"]["id"] in {s["id"] for s in app["job"]["stages"]}
            for interview in app["interviews"]:
                seen_interviews += 1
                interviewer_ids = {u["id"] for u in interview["interviewers"]}
                for card in interview["scorecards"]:
                    seen_scorecards += 1
                    assert card["interviewer"]["id"] in interviewer_ids
            for offer in app["offers"]:
                seen_offers += 1
                assert offer["candidate"]["id"] == cand["id"]
    assert seen_interviews
    assert seen_scorecards
    assert seen_offers


async def test_job_board_query(gql: GraphQLClient) -> None:
    data = await gql.data(JOBS)
    jobs = [e["node"] for e in data["jobs"]["edges"]]
    assert jobs
    statuses = {j["status"] for j in jobs}
    assert {"OPEN", "CLOSED", "DRAFT", "ARCHIVED", "PENDING"} <= statuses
    for job in jobs:
        positions = [s["position"] for s in job["stages"]]
        assert 5 <= len(positions) <= 8
        assert all(s["job"]["id"] == job["id"] for s in job["stages"])
        assert all(f["job"]["id"] == job["id"] for f in job["formFields"])
        assert all(a["job"]["id"] == job["id"] for a in job["applications"])
    assert any(f["options"] for j in jobs for f in j["formFields"])
    assert any(j["hiringManagers"] for j in jobs)


async def _first(gql: GraphQLClient, plural: str, fields: str) -> dict[str, Any]:
    data = await gql.data(f"{{ {plural}(first: 100) {{ edges {{ node {{ id {fields} }} }} }} }}")
    nodes = [e["node"] for e in data[plural]["edges"]]
    assert nodes, plural
    return {n["id"]: n for n in nodes}


async def test_every_reverse_relationship_agrees_with_its_forward_one(gql: GraphQLClient) -> None:
    checks = [
        ("candidates", "activities", "candidate"),
        ("candidates", "interviews", "candidate"),
        ("candidates", "offers", "candidate"),
        ("candidates", "scorecards", "candidate"),
        ("candidates", "eeocs", "candidate"),
        ("candidates", "attachments", "candidate"),
        ("applications", "attachments", "application"),
        ("applications", "scorecards", "application"),
        ("jobs", "interviews", None),
        ("jobs", "offers", "job"),
        ("interviews", "scorecards", "interview"),
        ("departments", "children", "parent"),
        ("departments", "jobs", None),
        ("offices", "children", "parent"),
        ("offices", "jobs", None),
        ("users", "interviews", "organizer"),
        ("users", "hiringManagerJobs", None),
        ("users", "recruiterJobs", None),
    ]
    for plural, field, back in checks:
        inner = f"{field} {{ id {back} {{ id }} }}" if back else f"{field} {{ id }}"
        owners = await _first(gql, plural, inner)
        children = [(owner_id, child) for owner_id, o in owners.items() for child in o[field]]
        assert children, f"no {plural}.{field} in the first 100 {plural}"
        if back:
            assert all(child[back]["id"] == owner_id for owner_id, child in children), f"{plural}.{field}"


async def test_forward_relationships_of_leaf_resources(gql: GraphQLClient) -> None:
    activities = await _first(gql, "activities", "activityType actor { id } candidate { id } from to cc")
    assert any(a["actor"] for a in activities.values())
    assert {a["activityType"] for a in activities.values()} >= {"NOTE", "EMAIL"}
    attachments = await _first(
        gql, "attachments", "fileName attachmentType candidate { id } application { id } job { id }"
    )
    assert any(a["job"] for a in attachments.values())
    eeocs = await _first(gql, "eeocs", "gender race candidate { id }")
    assert all(e["candidate"] for e in eeocs.values())
    offers = await _first(gql, "offers", "status application { id } job { id } creator { id }")
    assert all(o["application"] and o["job"] for o in offers.values())
    interviews = await _first(
        gql, "interviews", "application { id } jobInterviewStage { id } organizer { id }"
    )
    assert all(i["jobInterviewStage"] for i in interviews.values())
    apps = await _first(gql, "applications", "rejectedAt rejectReason { name } source { name }")
    assert any(a["rejectReason"] for a in apps.values())
    assert all(bool(a["rejectedAt"]) == bool(a["rejectReason"]) for a in apps.values())


async def test_by_id_root_fields_and_remote_data(gql: GraphQLClient) -> None:
    listed = await gql.data("{ candidates(first: 1) { edges { node { id name } } } }")
    node = listed["candidates"]["edges"][0]["node"]
    data = await gql.data(
        'query($id: ID!) { candidate(id: $id) { id name remoteId remoteData } missing: candidate(id: "nope") { id } }',
        {"id": node["id"]},
    )
    assert data["candidate"]["name"] == node["name"]
    assert data["candidate"]["remoteId"] == node["id"]
    assert data["candidate"]["remoteData"]["id"] == node["id"]
    assert data["missing"] is None


async def test_remote_data_costs_nothing_when_not_selected(gql: GraphQLClient) -> None:
    without = await gql.post("{ candidates(first: 5) { edges { node { id } } } }")
    with_raw = await gql.post("{ candidates(first: 5) { edges { node { id remoteData } } } }")
    assert (
        without["extensions"]["upstream"]["requests"] == with_raw["extensions"]["upstream"]["requests"] == 1
    )
