"""The N+1 guard: a query costs at most one upstream call per resource type per level,
and relationships the provider already shipped cost nothing. Counts come from
``extensions.upstream`` (what a client sees) and a spy on the adapter."""

from __future__ import annotations

from collections import Counter

from tests.graph.spy import CALLS
from tests.graph.support import GraphQLClient
from tests.graph.test_graph_walk import PIPELINE


async def test_pipeline_query_costs_one_call_per_type_per_level(spy: GraphQLClient) -> None:
    body = await spy.post(PIPELINE)
    assert "errors" not in body
    # Level 1 candidates; 2 their tags and applications (ids embedded in the candidate);
    # 3 each application's job, stage, user, interviews, offers; 4 the jobs' departments,
    # offices and stages, the interviews' interviewers and scorecards, the stages' jobs
    # (primed: free); 5 the scorecards' interviewers (already loaded: free).
    assert dict(CALLS) == {
        "list_candidates": 1,
        "get_tags": 1,
        "get_applications": 1,
        "get_jobs": 1,
        "get_job_interview_stages": 1,
        "get_users": 2,
        "list_interviews_by_application_ids": 1,
        "list_offers_by_application_ids": 1,
        "get_departments": 1,
        "get_offices": 1,
        "list_job_interview_stages_by_job_ids": 1,
        "list_scorecards_by_interview_ids": 1,
    }
    assert body["extensions"]["upstream"]["requests"] == sum(CALLS.values())


async def test_a_relationship_asked_twice_is_fetched_once(spy: GraphQLClient) -> None:
    query = """{ applications(first: 40) { edges { node {
        job { id name } again: job { id status } candidate { id } alsoCandidate: candidate { name }
    } } } }"""
    body = await spy.post(query)
    assert "errors" not in body
    assert Counter({"list_applications": 1, "get_jobs": 1, "get_candidates": 1}) == CALLS


async def test_listed_records_prime_the_by_id_cache(spy: GraphQLClient) -> None:
    # Stages listed by job then reached again from applications: the second hop is free
    # for every stage the first one loaded.
    query = """{ jobs(first: 100) { edges { node { stages { id }
        applications { currentStage { id name } } } } } }"""
    body = await spy.post(query)
    assert "errors" not in body
    assert "get_job_interview_stages" not in CALLS
    assert CALLS["list_job_interview_stages_by_job_ids"] == 1
    assert CALLS["list_applications_by_job_ids"] == 1


async def test_federation_entities_batch_per_type(spy: GraphQLClient) -> None:
    listed = await spy.data(
        "{ candidates(first: 5) { edges { node { id } } } jobs(first: 3) { edges { node { id } } } }"
    )
    reps = [{"__typename": "Candidate", "id": e["node"]["id"]} for e in listed["candidates"]["edges"]]
    reps += [{"__typename": "Job", "id": e["node"]["id"]} for e in listed["jobs"]["edges"]]
    reps.append({"__typename": "Candidate", "id": "does-not-exist"})
    CALLS.clear()
    query = """query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Candidate { id name } ... on Job { id name } } }"""
    data = await spy.data(query, {"r": reps})
    entities = data["_entities"]
    assert [e["id"] if e else None for e in entities] == [r["id"] for r in reps[:-1]] + [None]
    assert Counter({"get_candidates": 1, "get_jobs": 1}) == CALLS


async def test_federation_service_sdl_declares_every_entity_key(gql: GraphQLClient) -> None:
    data = await gql.data("{ _service { sdl } }")
    sdl = data["_service"]["sdl"]
    assert "@link" in sdl
    assert "federation/v2" in sdl
    for name in ("Candidate", "Application", "Job", "JobInterviewStage", "Scorecard", "User", "Organization"):
        assert f'type {name} @key(fields: "id")' in sdl, name


async def test_the_same_page_asked_twice_is_read_once(spy: GraphQLClient) -> None:
    body = await spy.post(
        "{ a: candidates(first: 5) { edges { node { id } } } b: candidates(first: 5) { edges { node { name } } } }"
    )
    assert "errors" not in body
    assert Counter({"list_candidates": 1}) == CALLS
