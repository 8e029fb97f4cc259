"""Through HTTP: refused operations cost no upstream call; accepted ones report their cost."""

from __future__ import annotations

import json
from collections import Counter

import httpx
import pytest

from .conftest import counting_client
from .test_limits import README_QUERY

GRAPHQL_RESPONSE = "application/graphql-response+json"
DEEP = """{ candidates(first: 100) { edges { node { applications { interviews { scorecards {
    interviewer { interviews { scorecards { interviewer { name } } } } } } } } } } }"""
TOO_DEEP = "{ jobs(first: 1) { edges { node { " + "offices { jobs { " * 7 + "id" + " } }" * 7 + " } } } }"
MANY_ALIASES = (
    "{ " + " ".join(f"a{i}: jobs(first: 1) {{ edges {{ node {{ id }} }} }}" for i in range(31)) + " }"
)
MANY_TOKENS = "{ jobs(first: 1) { edges { node { id } } } " + "__typename " * 2_000 + "}"
MANY_OPERATIONS = " ".join(
    f"query Q{i} {{ jobs(first: 1) {{ edges {{ node {{ id }} }} }} }}" for i in range(11)
)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        (DEEP, "QUERY_TOO_COSTLY"),
        (TOO_DEEP, "QUERY_TOO_COMPLEX"),
        (MANY_ALIASES, "QUERY_TOO_COMPLEX"),
        (MANY_TOKENS, "QUERY_TOO_COMPLEX"),
        (MANY_OPERATIONS, "QUERY_TOO_COMPLEX"),
        ("{ jobs(first: 1) { edges { node { id } } } }" + " " * 30_000, "QUERY_TOO_COMPLEX"),
    ],
)
async def test_over_limit_queries_are_refused_with_zero_upstream_calls(
    http: httpx.AsyncClient, calls: Counter[str], query: str, code: str
) -> None:
    response = await http.post("/graphql", json={"query": query})
    assert response.status_code == 200
    body = response.json()
    assert "data" not in body
    assert [e["extensions"]["code"] for e in body["errors"]] == [code]
    assert body["extensions"]["upstream"]["requests"] == 0
    assert sum(calls.values()) == 0
    strict = await http.post("/graphql", json={"query": query}, headers={"Accept": GRAPHQL_RESPONSE})
    assert strict.status_code == 400
    assert sum(calls.values()) == 0


async def test_too_costly_says_what_it_would_cost(http: httpx.AsyncClient, calls: Counter[str]) -> None:
    body = (await http.post("/graphql", json={"query": DEEP})).json()
    [error] = body["errors"]
    estimated = error["extensions"]["cost"]
    assert error["extensions"] == {"code": "QUERY_TOO_COSTLY", "cost": estimated, "limit": 25_000}
    assert estimated > 25_000
    assert str(estimated) in error["message"]
    assert body["extensions"]["cost"] == {"estimated": estimated, "limit": 25_000}
    assert sum(calls.values()) == 0


async def test_a_refusal_points_at_the_offending_node(http: httpx.AsyncClient) -> None:
    body = (await http.post("/graphql", json={"query": MANY_ALIASES})).json()
    [error] = body["errors"]
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "rule": "maxAliases", "limit": 30}
    assert error["locations"][0]["line"] == 1


async def test_accepted_operations_report_their_estimate(
    http: httpx.AsyncClient, calls: Counter[str]
) -> None:
    body = (await http.post("/graphql", json={"query": README_QUERY})).json()
    assert "errors" not in body
    assert body["extensions"]["cost"] == {"estimated": 3000, "limit": 25_000}
    assert body["extensions"]["upstream"]["requests"] == sum(calls.values()) > 0


async def test_the_cost_limit_is_configurable(calls: Counter[str]) -> None:
    async with counting_client(max_cost=100, max_depth=6) as http:
        body = (await http.post("/graphql", json={"query": README_QUERY.replace("50", "2")})).json()
        assert [e["extensions"]["code"] for e in body["errors"]] == ["QUERY_TOO_COMPLEX"]
        query = "{ jobs(first: 60) { edges { node { id offices { id } } } } }"
        body = (await http.post("/graphql", json={"query": query})).json()
        assert body["errors"][0]["extensions"] == {"code": "QUERY_TOO_COSTLY", "cost": 120, "limit": 100}
        body = (await http.post("/graphql", json={"query": query.replace("60", "3")})).json()
        assert body["extensions"]["cost"] == {"estimated": 6, "limit": 100}
        assert len(body["data"]["jobs"]["edges"]) == 3
    assert sum(calls.values()) > 0


@pytest.mark.parametrize("flag", ["1", "true"])
async def test_dry_run_estimates_without_executing(
    http: httpx.AsyncClient, calls: Counter[str], flag: str
) -> None:
    dry = {"X-Hiregraph-Dry-Run": flag}
    response = await http.post("/graphql", json={"query": README_QUERY}, headers=dry)
    body = response.json()
    assert response.status_code == 200
    assert body == {
        "extensions": {
            "upstream": {"requests": 0, "waitMs": 0.0},
            "connection": "s",
            "requestId": response.headers["x-request-id"],
            "cost": {"estimated": 3000, "limit": 25_000},
            "dryRun": True,
        }
    }
    refused = (await http.post("/graphql", json={"query": DEEP}, headers=dry)).json()
    assert refused["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert refused["extensions"]["cost"]["estimated"] > 25_000
    invalid = (await http.post("/graphql", json={"query": "{ nope }"}, headers=dry)).json()
    assert invalid["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert sum(calls.values()) == 0


async def test_dry_run_over_get_and_head(http: httpx.AsyncClient, calls: Counter[str]) -> None:
    params = {"query": "query($n: Int) { jobs(first: $n) { edges { node { id } } } }"}
    params["variables"] = json.dumps({"n": 7})
    dry = await http.get("/graphql", params={**params, "dryRun": "1"})
    assert dry.json()["extensions"]["cost"]["estimated"] == 7
    assert "data" not in dry.json()
    head = await http.head("/graphql", params=params)
    assert head.status_code == 200
    assert head.headers["content-type"].startswith("application/json")
    assert sum(calls.values()) == 0
    ran = await http.get("/graphql", params=params)
    assert len(ran.json()["data"]["jobs"]["edges"]) == 7
    assert sum(calls.values()) == 1


async def test_a_batch_answers_each_operation_with_its_own_meter(
    http: httpx.AsyncClient, calls: Counter[str]
) -> None:
    batch = [
        {"query": "{ jobs(first: 2) { edges { node { id } } } }"},
        {"query": "query($id: ID!) { job(id: $id) { id } }", "variables": {"id": "nope"}},
        {"query": DEEP},
        {"query": "{ nope }"},
        {"query": 5},
        {"query": "{ jobs(first: 1) { edges { node { offices { id } departments { id } } } } }"},
    ]
    response = await http.post("/graphql", json=batch)
    assert response.status_code == 200
    jobs, job, costly, invalid, malformed, related = response.json()
    assert len(jobs["data"]["jobs"]["edges"]) == 2
    assert jobs["extensions"]["upstream"]["requests"] == 1
    assert job["data"] == {"job": None}
    assert job["extensions"]["upstream"]["requests"] == 1
    assert costly["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert costly["extensions"]["upstream"]["requests"] == 0
    assert invalid["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert malformed["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    metered = [r["extensions"]["upstream"]["requests"] for r in (jobs, job, costly, invalid, related)]
    assert metered[2:4] == [0, 0]
    assert sum(metered) == sum(calls.values())
    assert len({r["extensions"]["requestId"] for r in (jobs, job, costly, related)}) == 1


async def test_batches_are_bounded(http: httpx.AsyncClient, calls: Counter[str]) -> None:
    one = {"query": "{ jobs(first: 1) { edges { node { id } } } }"}
    too_many = await http.post("/graphql", json=[one] * 11)
    [error] = too_many.json()["errors"]
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "rule": "maxOperations", "limit": 10}
    empty = await http.post("/graphql", json=[])
    assert empty.status_code == 400
    assert empty.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert sum(calls.values()) == 0
    ten = await http.post("/graphql", json=[one] * 10)
    assert [len(r["data"]["jobs"]["edges"]) for r in ten.json()] == [1] * 10
