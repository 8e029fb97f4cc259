"""GraphQL over HTTP: methods, media types, status codes, and the GraphiQL page."""

from __future__ import annotations

import json
import re

import httpx
import pytest

GRAPHQL_RESPONSE = "application/graphql-response+json"
QUERY = "{ jobs(first: 2) { edges { node { id } } } }"


async def test_post_json(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json={"query": QUERY})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-request-id"] == response.json()["extensions"]["requestId"]
    assert response.json()["extensions"]["upstream"] == {
        "requests": 1,
        "waitMs": pytest.approx(response.json()["extensions"]["upstream"]["waitMs"]),
    }


async def test_get_query_with_variables(http: httpx.AsyncClient) -> None:
    params = {
        "query": "query($n: Int) { jobs(first: $n) { edges { node { id } } } }",
        "variables": json.dumps({"n": 3}),
    }
    response = await http.get("/graphql", params=params)
    assert response.status_code == 200
    assert len(response.json()["data"]["jobs"]["edges"]) == 3


async def test_graphql_response_media_type_and_status(http: httpx.AsyncClient) -> None:
    ok = await http.post("/graphql", json={"query": QUERY}, headers={"Accept": GRAPHQL_RESPONSE})
    assert ok.status_code == 200
    assert ok.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    invalid = await http.post("/graphql", json={"query": "{ nope }"}, headers={"Accept": GRAPHQL_RESPONSE})
    assert invalid.status_code == 400
    assert invalid.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    legacy = await http.post("/graphql", json={"query": "{ nope }"})
    assert legacy.status_code == 200


@pytest.mark.parametrize(
    ("content", "headers", "status", "needle"),
    [
        (b"{not json", {"Content-Type": "application/json"}, 400, "not valid JSON"),
        (b"[]", {"Content-Type": "application/json"}, 400, "batched"),
        (b'"just a string"', {"Content-Type": "application/json"}, 400, "JSON object"),
        (b'{"query": 5}', {"Content-Type": "application/json"}, 400, "`query`"),
        (
            b'{"query": "{ jobs { edges { node { id } } } }", "variables": [1]}',
            {"Content-Type": "application/json"},
            400,
            "`variables`",
        ),
        (b"query { jobs }", {"Content-Type": "text/plain"}, 415, "application/json"),
        (b"{}", {}, 415, "application/json"),
    ],
)
async def test_malformed_requests_get_a_graphql_error_body(
    http: httpx.AsyncClient, content: bytes, headers: dict[str, str], status: int, needle: str
) -> None:
    response = await http.post("/graphql", content=content, headers=headers)
    assert response.status_code == status
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert needle in error["message"]


async def test_oversized_body_is_refused(http: httpx.AsyncClient) -> None:
    big = json.dumps({"query": "{ jobs { edges { node { id } } } }", "variables": {"x": "a" * 1_100_000}})
    response = await http.post("/graphql", content=big, headers={"Content-Type": "application/json"})
    assert response.status_code == 413


async def test_unknown_operation_name(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json={"query": QUERY, "operationName": "Nope"})
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
async def test_other_methods_are_not_allowed(http: httpx.AsyncClient, method: str) -> None:
    response = await http.request(method, "/graphql", json={"query": QUERY})
    assert response.status_code == 405
    assert "POST" in response.headers["allow"]
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_healthz(http: httpx.AsyncClient) -> None:
    response = await http.get("/healthz")
    assert response.json() == {"status": "ok", "connections": ["sandbox"]}


async def test_browsers_get_graphiql_without_external_urls(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", headers={"Accept": "text/html,application/xhtml+xml"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert not re.search(r"https?://", response.text)
    assert "GraphiQL" in response.text
