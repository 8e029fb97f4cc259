"""Ids and filter strings are bounded at the GraphQL boundary (issue 10, items 2 and 10).

On every connection (the sandbox and each provider's demo over its simulator) an id that
could not be one URL path segment, an over-long or control-character filter string, and a
forged page cursor are BAD_USER_INPUT with no upstream request; a well-formed id that does
not exist is a null.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from providers.query import Filter
from providers.records import Resource
from providers.registry import PROVIDERS
from resolvers.cursor import Position, encode, query_digest
from resolvers.filtering import MAX_EMAIL_CHARS, MAX_TAGS, MAX_TEXT_CHARS
from tests.graph.support import GraphQLClient, make_client

SIMULATED = sorted(name for name, cls in PROVIDERS.items() if cls.simulation() is not None)
CONNECTIONS = ["sandbox", *SIMULATED]
DATA = {"seed": 5, "size": 10}

BY_ID = "query($id: ID!) { application(id: $id) { id } }"
CANDIDATES = "query($f: CandidateFilter, $after: String) { candidates(first: 5, filter: $f, after: $after) { edges { node { id } } } }"


# One app (five connections over their simulators) for the whole module: building it is
# most of each test's time, and every test here sends its own request with no state kept.
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def gql() -> AsyncIterator[GraphQLClient]:
    connections: dict[str, Any] = {"sandbox": {"provider": "sandbox", **DATA}}
    connections |= {p: {"provider": p, "simulated": True, **DATA} for p in SIMULATED}
    async with make_client({"connections": connections}) as http:
        yield GraphQLClient(http)


async def post_escaped(gql: GraphQLClient, query: str, variables: dict[str, Any], connection: str) -> Any:
    """Like ``gql.post``, with the body ASCII-escaped: a lone surrogate can travel as ``\\ud800``."""
    response = await gql.http.post(
        "/graphql",
        content=json.dumps({"query": query, "variables": variables}),
        headers={"Content-Type": "application/json", "X-Hiregraph-Connection": connection},
    )
    assert response.status_code == 200, response.text
    return response.json()


def refused(body: dict[str, Any]) -> str:
    """The one error's message, once it is BAD_USER_INPUT and nothing was sent upstream."""
    errors = body.get("errors", [])
    assert [e["extensions"]["code"] for e in errors] == ["BAD_USER_INPUT"], errors
    assert body["extensions"]["upstream"]["requests"] == 0
    return str(errors[0]["message"])


@pytest.mark.parametrize("connection", CONNECTIONS)
@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("../../v1/users", "contains a slash"),
        ("..", "is a relative path segment"),
        ("", "is empty"),
        ("cand\u0000", "contains a control character"),
        ("\ud800", "contains an unpaired surrogate"),
        ("x" * 257, "is longer than 256 characters"),
    ],
    ids=["traversal", "dot-dot", "empty", "nul", "surrogate", "long"],
)
async def test_an_id_that_cannot_be_a_path_segment_is_refused(
    gql: GraphQLClient, connection: str, value: str, reason: str
) -> None:
    message = refused(await post_escaped(gql, BY_ID, {"id": value}, connection))
    assert message == f"`id` is not a valid id: it {reason}"


@pytest.mark.parametrize("connection", CONNECTIONS)
async def test_a_well_formed_unknown_id_is_null(gql: GraphQLClient, connection: str) -> None:
    for unknown in ("999999", "cand_999999", "00000000-0000-0000-0000-000000000000", "a?b#c"):
        body = await gql.post(BY_ID, {"id": unknown}, connection=connection)
        assert "errors" not in body, body["errors"]
        assert body["data"]["application"] is None


@pytest.mark.parametrize("connection", CONNECTIONS)
async def test_an_id_filter_is_held_to_the_same_rule(gql: GraphQLClient, connection: str) -> None:
    query = "query($job: ID) { applications(filter: {jobId: $job}) { edges { node { id } } } }"
    message = refused(await gql.post(query, {"job": "../../v1/users"}, connection=connection))
    assert message == "`filter.jobId` is not a valid id: it contains a slash"


@pytest.mark.parametrize("connection", CONNECTIONS)
async def test_an_oversized_email_filter_is_bad_input_not_an_internal_error(
    gql: GraphQLClient, connection: str
) -> None:
    huge = "a" * 66_000 + "@x.com"
    message = refused(await gql.post(CANDIDATES, {"f": {"email": huge}}, connection=connection))
    assert message == f"`filter.email` is longer than {MAX_EMAIL_CHARS} characters"
    assert huge not in message


@pytest.mark.parametrize("connection", CONNECTIONS)
async def test_an_email_at_the_limit_is_searched(gql: GraphQLClient, connection: str) -> None:
    longest = "a" * (MAX_EMAIL_CHARS - len("@x.com")) + "@x.com"
    body = await gql.post(CANDIDATES, {"f": {"email": longest}}, connection=connection)
    assert "errors" not in body, body["errors"]
    assert body["data"]["candidates"]["edges"] == []


@pytest.mark.parametrize(
    ("flt", "message"),
    [
        ({"name": "n" * (MAX_TEXT_CHARS + 1)}, f"`filter.name` is longer than {MAX_TEXT_CHARS} characters"),
        ({"company": "Acme\u0000"}, "`filter.company` contains a control character"),
        ({"email": "a\r\nb@x.com"}, "`filter.email` contains a control character"),
        ({"tags": ["t"] * (MAX_TAGS + 1)}, f"`filter.tags` lists more than {MAX_TAGS} tags"),
        (
            {"tags": ["ok", "t" * (MAX_TEXT_CHARS + 1)]},
            f"`filter.tags` is longer than {MAX_TEXT_CHARS} characters",
        ),
    ],
    ids=["name", "company", "email", "tag-count", "tag-length"],
)
async def test_filter_strings_are_bounded(gql: GraphQLClient, flt: dict[str, Any], message: str) -> None:
    for connection in ("sandbox", "lever"):
        assert refused(await gql.post(CANDIDATES, {"f": flt}, connection=connection)) == message


@pytest.mark.parametrize(
    ("connection", "page_cursor"),
    [
        ("greenhouse", "/v1/../../admin/keys"),
        ("greenhouse", "/v1/%2e%2e/%2e%2e/admin"),
        ("workable", "/candidates/%2E%2E/%2E%2E/accounts"),
    ],
)
async def test_a_forged_page_cursor_cannot_leave_the_base_url(
    gql: GraphQLClient, connection: str, page_cursor: str
) -> None:
    # A cursor is not signed: its digest can be recomputed by anyone who reads resolvers/cursor.py.
    digest = query_digest(connection, Resource.CANDIDATE.value, Filter(), None)
    after = encode(Position(page_cursor, 5, 0), digest)
    refused(await gql.post(CANDIDATES, {"after": after}, connection=connection))


@pytest.mark.parametrize("connection", CONNECTIONS)
async def test_an_oversized_page_cursor_is_bad_input_not_an_internal_error(
    gql: GraphQLClient, connection: str
) -> None:
    # Lever sends the page token as ``offset=``: 70,000 characters made httpx refuse the URL.
    digest = query_digest(connection, Resource.CANDIDATE.value, Filter(), None)
    after = encode(Position("t" * 70_000, 5, 0), digest)
    message = refused(await gql.post(CANDIDATES, {"after": after}, connection=connection))
    assert message == "`after` is not a cursor this API issued"
