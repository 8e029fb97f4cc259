"""Odd HTTP requests to the app answer a proper status, never a 500 or an exception through the
ASGI transport: methods a route does not take, HEAD and OPTIONS, GraphQL parameters repeated or
not percent-encoded UTF-8 in the URL, junk query strings and paths (docs/errors.md, "HTTP status
codes")."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Final
from urllib.parse import quote

import httpx
import pytest

from providers.registry import PROVIDERS

from .support import SMALL, make_client

QUERY: Final = "{ jobs(first: 2) { edges { node { id } } } }"
MUTATION: Final = "mutation { __typename }"
Q: Final = quote(QUERY)
M: Final = quote(MUTATION)
GREENHOUSE: Final = PROVIDERS["greenhouse"].simulation()
assert GREENHOUSE is not None

PATHS: Final = (
    "/graphql",
    "/healthz",
    "/readyz",
    "/webhooks/gh",
    "/webhooks/nowhere",
    "/webhooks/tenant/gh",
    "/graphiql/assets/graphiql.min.js",
    "/graphiql/assets/..%2F..%2Fapp.py",
    "/",
    "/graphql/",
    "//graphql",
    "/graphql%2F",
    "/graphql%00",
    "/graphql%ff",
    "/%zz",
    "/webhooks/gh%2Fx",
    "/webhooks/%ff",
    "/webhooks/gh/",
    "/webhooks//gh",
    "/webhooks/" + "x" * 5_000,
)
"""Every route of the app, and paths with encoded slashes, junk, trailing and double slashes."""
METHODS: Final = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND")
ODD_QUERIES: Final = (
    "q=%ff%fe",
    "%zz=1",
    "=1",
    "&&=&",
    "a=%",
    f"query={Q}&%zz=%ff",
    f"query={Q}&query=x",
    f"query={M}&query={Q}",
    f"query={Q}&variables=%ff",
    f"query={Q}&variables=%7B&variables=%7B%7D",
    "query=%C0%80",
    "query=" + "a" * 20_000,
    "&".join(f"p{i}=1" for i in range(2_000)),
)


@pytest.fixture
async def app() -> AsyncIterator[httpx.AsyncClient]:
    """The app with a sandbox and a simulated Greenhouse connection that takes webhooks."""
    gh = {"provider": "greenhouse", "simulated": True, **SMALL}
    config = {
        "connections": {
            "sb": {"provider": "sandbox", **SMALL},
            "gh": {**gh, "credentials": {**GREENHOUSE.credentials, "webhook_secret": "s"}},
        }
    }
    async with make_client(config) as client:
        yield client


async def _send(client: httpx.AsyncClient, method: str, raw: str, **kw: object) -> httpx.Response:
    """``raw`` (path and query) sent as it is written, without the client's re-encoding."""
    url = httpx.URL("http://hiregraph.test/").copy_with(raw_path=raw.encode())
    return await client.send(client.build_request(method, url, **kw))  # type: ignore[arg-type]


@pytest.mark.parametrize("method", ["TRACE", "PROPFIND", "PUT", "DELETE"])
async def test_a_method_graphql_does_not_take_is_a_405_naming_every_method_it_takes(
    app: httpx.AsyncClient, method: str
) -> None:
    """Before, a route per method: Starlette's plain-text 405 to a TRACE said ``Allow: OPTIONS``."""
    response = await app.request(method, "/graphql")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, POST, OPTIONS"
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert response.headers["x-request-id"]


async def test_options_is_still_the_preflight(app: httpx.AsyncClient) -> None:
    response = await app.options("/graphql")
    assert response.status_code == 204


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        (f"query={M}&query={Q}", "`query` is given twice"),
        (f"query={Q}&query={M}", "`query` is given twice"),
        (f"query={Q}&operationName=A&operationName=B", "`operationName` is given twice"),
        (f"query={Q}&variables=%7B%7D&variables=%7B%7D", "`variables` is given twice"),
        ("query=%ff%fe", "`query` in the URL is not UTF-8"),
        ("query=%C0%80", "`query` in the URL is not UTF-8"),
        (f"query={Q}&variables=%7B%22a%22%3A%22%ff%22%7D", "`variables` in the URL is not UTF-8"),
        ("query=%zz", "`query` in the URL is not percent-encoded"),
        (f"query={Q}%", "`query` in the URL is not percent-encoded"),
    ],
)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
async def test_graphql_parameters_repeated_or_not_percent_encoded_utf8_are_a_400(
    app: httpx.AsyncClient, method: str, query: str, needle: str
) -> None:
    """Before, the last of a repeated parameter ran (a cache reading the first saw another
    operation), and undecodable bytes ran as U+FFFD."""
    response = await _send(app, method, f"/graphql?{query}")
    assert response.status_code == 400
    if method == "GET":
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "BAD_REQUEST"
        assert needle in error["message"]


async def test_other_odd_url_parameters_are_not_read(app: httpx.AsyncClient) -> None:
    response = await _send(app, "GET", f"/graphql?q=%ff%fe&%zz=1&=1&&dryRun=%ff&dryRun=0&query={Q}")
    assert response.status_code == 200
    assert len(response.json()["data"]["jobs"]["edges"]) == 2


async def test_a_query_in_the_url_still_reads_plus_as_a_space(app: httpx.AsyncClient) -> None:
    response = await _send(app, "GET", "/graphql?query=" + QUERY.replace(" ", "+").replace(":", "%3A"))
    assert response.status_code == 200
    assert len(response.json()["data"]["jobs"]["edges"]) == 2


async def test_odd_requests_to_every_route_are_answered_below_500(app: httpx.AsyncClient) -> None:
    body = json.dumps({"query": QUERY}).encode()
    headers = {"content-type": "application/json"}
    for path in PATHS:
        for method in METHODS:
            response = await _send(app, method, path, content=body, headers=headers)
            assert response.status_code < 500, (method, path, response.text[:200])
        for query in ODD_QUERIES:
            for method in ("GET", "HEAD", "POST"):
                response = await _send(app, method, f"{path}?{query}", content=body, headers=headers)
                assert response.status_code < 500, (method, path, query[:100], response.text[:200])
