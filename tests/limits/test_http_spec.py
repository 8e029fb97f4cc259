"""GraphQL over HTTP (graphql.github.io/graphql-over-http): negotiation, methods, bodies, failures."""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import AsyncIterator

import httpx
import pytest
import strawberry

import graph.http
from graph.app import create_app
from graph.http import GRAPHQL_RESPONSE, JSON, negotiate
from graph.schema import HiregraphSchema
from graph.settings import parse_settings
from tests.graph.support import SMALL

QUERY = "{ jobs(first: 2) { edges { node { id } } } }"
SECRET = "sk_live_never_in_a_response"


@strawberry.type
class TinyQuery:
    @strawberry.field
    def hello(self) -> str:
        return "hi"


POKES: Counter[str] = Counter()


@strawberry.type
class TinyMutation:
    @strawberry.mutation
    def poke(self) -> int:
        POKES["poke"] += 1
        return POKES["poke"]


@pytest.fixture
async def tiny() -> AsyncIterator[httpx.AsyncClient]:
    POKES.clear()
    settings = parse_settings({"connections": {"s": {"provider": "sandbox", **SMALL}}})
    app = create_app(settings, graphql_schema=HiregraphSchema(query=TinyQuery, mutation=TinyMutation))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        yield client


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("", JSON),
        ("*/*", JSON),
        ("application/*", JSON),
        ("application/json", JSON),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, {JSON};q=0.9", GRAPHQL_RESPONSE),
        (f"{JSON}, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE};q=0.5, {JSON}", JSON),
        (f"{GRAPHQL_RESPONSE};q=0, */*", JSON),
        (f"{JSON};q=0, */*", GRAPHQL_RESPONSE),
        (f"text/html, {GRAPHQL_RESPONSE};charset=utf-8;q=0.8", GRAPHQL_RESPONSE),
        ("Application/JSON; charset=utf-8", JSON),
        ("text/plain", None),
        ("application/xml, text/*", None),
        (f"{JSON};q=0", None),
        (f"{JSON};q=abc", JSON),
        ("garbage", JSON),
    ],
)
def test_accept_negotiation(accept: str, media: str | None) -> None:
    assert negotiate(accept) == media


async def test_an_unacceptable_accept_header_is_406(http: httpx.AsyncClient, calls: Counter[str]) -> None:
    response = await http.post("/graphql", json={"query": QUERY}, headers={"Accept": "text/plain"})
    assert response.status_code == 406
    assert response.headers["content-type"].startswith(JSON)
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert sum(calls.values()) == 0


async def test_get_serves_queries_and_refuses_mutations(tiny: httpx.AsyncClient) -> None:
    ok = await tiny.get("/graphql", params={"query": "{ hello }"})
    assert ok.json()["data"] == {"hello": "hi"}
    for method in (tiny.get, tiny.head):
        refused = await method("/graphql", params={"query": "mutation { poke }"})
        assert refused.status_code == 405
        assert refused.headers["allow"] == "POST"
    named = await tiny.get(
        "/graphql", params={"query": "query Q { hello } mutation M { poke }", "operationName": "M"}
    )
    assert named.status_code == 405
    assert named.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert POKES["poke"] == 0
    posted = await tiny.post("/graphql", json={"query": "mutation { poke }"})
    assert posted.json()["data"] == {"poke": 1}
    dry = await tiny.post(
        "/graphql", json={"query": "mutation { poke }"}, headers={"X-Hiregraph-Dry-Run": "1"}
    )
    assert dry.json()["extensions"]["dryRun"] is True
    assert POKES["poke"] == 1


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"query": QUERY, "variables": "{nope"}, "`variables` is not valid JSON"),
        ({"query": QUERY, "variables": "[1]"}, "`variables` must be a JSON object"),
        ({"query": QUERY, "extensions": "[1]"}, "`extensions` must be a JSON object"),
        ({"query": QUERY, "extensions": "NaN"}, "`extensions` is not valid JSON"),
        ({}, "`query`"),
        ({"query": "  "}, "`query`"),
    ],
)
async def test_get_parameters_are_checked(
    http: httpx.AsyncClient, params: dict[str, str], needle: str
) -> None:
    response = await http.get("/graphql", params=params)
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert needle in error["message"]


async def test_get_takes_json_encoded_variables_and_extensions(http: httpx.AsyncClient) -> None:
    params = {
        "query": "query($n: Int) { jobs(first: $n) { edges { node { id } } } }",
        "variables": json.dumps({"n": 1}),
        "extensions": json.dumps({"persistedQuery": None}),
    }
    response = await http.get("/graphql", params=params)
    assert len(response.json()["data"]["jobs"]["edges"]) == 1


@pytest.mark.parametrize(
    ("content", "content_type", "status", "needle"),
    [
        (b'{"query": "{ __typename }", "extensions": 3}', JSON, 400, "`extensions` must be a JSON object"),
        (b'{"query": "{ __typename }", "operationName": 3}', JSON, 400, "`operationName`"),
        (b'{"query": "{ __typename }"}', f"{JSON}; charset=iso-8859-1", 415, "UTF-8"),
        (b'{"query": "{ __typename }"}', "application/graphql", 415, "application/json"),
        (b'{"query": "{ \xe9 }"}', JSON, 400, "not valid JSON"),
        (b'{"query": "{ __typename }", "variables": {"x": NaN}}', JSON, 400, "not valid JSON"),
        (b'{"query": "{ __typename }", "variables": {"x": 1e999}}', JSON, 400, "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, JSON, 400, "not valid JSON"),
        (
            b'{"query": "{ __typename }", "variables": {"x": ' + b"9" * 5000 + b"}}",
            JSON,
            400,
            "not valid JSON",
        ),
        (b"\xef\xbb\xbf{}", JSON, 400, "not valid JSON"),
    ],
)
async def test_bad_bodies_are_4xx_with_a_graphql_error(
    http: httpx.AsyncClient, content: bytes, content_type: str, status: int, needle: str
) -> None:
    response = await http.post("/graphql", content=content, headers={"Content-Type": content_type})
    assert response.status_code == status
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert needle in error["message"]


@pytest.mark.parametrize("content_type", [f"{JSON}; charset=utf-8", f'{JSON}; charset="UTF-8"', f"{JSON};"])
async def test_utf8_charsets_are_accepted(http: httpx.AsyncClient, content_type: str) -> None:
    content = json.dumps({"query": "{ __typename } # é"}, ensure_ascii=False).encode()
    response = await http.post("/graphql", content=content, headers={"Content-Type": content_type})
    assert response.json()["data"] == {"__typename": "Query"}


@pytest.mark.parametrize(
    ("given", "echoed"),
    [("req-42.a:b", True), ("x" * 65, False), ("bad id\u00e9", False), ("", False)],
)
async def test_a_request_id_is_echoed_only_when_it_is_a_plain_token(
    http: httpx.AsyncClient, given: str, echoed: bool
) -> None:
    headers = {b"X-Request-Id": given.encode("latin-1")} if given else {}
    response = await http.post("/graphql", json={"query": "{ __typename }"}, headers=headers)
    request_id = response.headers["x-request-id"]
    assert (request_id == given) is echoed
    assert response.json()["extensions"]["requestId"] == request_id


async def test_an_unexpected_failure_is_masked_logged_and_identified(
    http: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError(f"bug holding {SECRET}")

    monkeypatch.setattr(graph.http, "admit", broken)
    with caplog.at_level(logging.ERROR, logger="hiregraph.http"):
        response = await http.post("/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 500
    request_id = response.headers["x-request-id"]
    assert response.json() == {
        "errors": [
            {
                "message": "Internal server error",
                "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
            }
        ]
    }
    assert SECRET not in response.text
    assert any(request_id in r.getMessage() for r in caplog.records)
