"""Fuzzing the endpoint: whatever arrives, the answer is a well-formed GraphQL response.

Documents mix real schema fields (with random arguments, aliases, directives, fragments
and nesting past the limits) with garbage tokens; variables and bodies are random JSON,
random bytes and batches; content types, Accept headers and methods vary. The run is
derandomized, so CI sees the same examples every time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx
from graphql import (
    GraphQLObjectType,
    get_named_type,
    is_abstract_type,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette

from gateway.errors import ErrorCode
from graph.schema import schema
from tests.graph.support import SMALL, make_client

SCHEMA = schema._schema
CODES = {c.value for c in ErrorCode} - {ErrorCode.INTERNAL_SERVER_ERROR.value}
STATUSES = {200, 400, 405, 406, 413, 415}
JSON_TYPE = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
GARBAGE_TOKENS = (
    "{", "}", "(", ")", "[", "]", ":", "$", "...", "@", "!", "=", "|", "&", '"', '"""', "#",
    "query", "mutation", "subscription", "fragment", "on", "true", "null", "-1", "1e9", "0x",
    "jobs", "first", "edges", "node", "__typename", "__schema", "\\u0000", "é", "\t", "\n",
)  # fmt: skip
HEADER_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)

_app: Starlette | None = None


VARIABLE_TYPES = {"n": "Int", "b": "Boolean!", "id": "ID!", "f": "CandidateFilter", "r": "[_Any!]!"}


def literal(field_name: str, argument: str, type_name: str) -> st.SearchStrategy[str]:
    if argument == "first":
        odd = st.sampled_from(["0", "101", "-1", "99999999999", '"ten"', "null"])
        return st.sampled_from(["$n", "1", "2", "3", "10", "50", "100"]) | st.integers(0, 20).map(str) | odd
    if argument == "representations":
        return st.sampled_from(["$r", "[]", '[{__typename: "Candidate", id: "1"}]', "[1]"])
    if argument == "filter":
        filters = ["{}", '{createdAfter: "2020-01-01T00:00:00Z"}', '{updatedBefore: "2030-01-01T00:00:00Z"}']
        return st.sampled_from([*filters, "$f"] if field_name == "candidates" else filters)
    if argument == "orderBy":
        return st.sampled_from(["{field: CREATED_AT}", "{field: CREATED_AT, direction: DESC}"])
    strings = st.text(max_size=6).map(json.dumps)
    return st.sampled_from(["$id", '"1"', "1"]) | strings if type_name == "ID!" else strings | st.just("null")


@st.composite
def selection(draw: st.DrawFn, parent: GraphQLObjectType, depth: int, used: set[str]) -> str:
    parts: list[str] = []
    fields = st.sampled_from(sorted(parent.fields.items()))
    for name, field in draw(st.lists(fields, min_size=1, max_size=3, unique_by=lambda f: f[0])):
        args = [
            f"{a}: {draw(literal(name, a, str(arg.type)))}"
            for a, arg in field.args.items()
            if str(arg.type).endswith("!") or draw(st.booleans())
        ]
        alias = draw(st.sampled_from(["", "", "", f"a{len(parts)}: "]))
        directive = draw(st.sampled_from(["", "", "", "", "", "", "@skip(if: false)", "@include(if: $b)"]))
        named = get_named_type(field.type)
        sub = ""
        if isinstance(named, GraphQLObjectType):
            sub = "{ " + draw(selection(named, depth - 1, used)) + " }" if depth > 0 else "{ __typename }"
        elif is_abstract_type(named):
            members = SCHEMA.get_possible_types(named)
            member = draw(st.sampled_from(members))
            sub = f"{{ __typename ... on {member.name} {{ id }} }}"
        arguments = f"({', '.join(args)})" if args else ""
        part = f"{alias}{name}{arguments} {directive} {sub}"
        used.update(v for v in VARIABLE_TYPES if f"${v}" in part)
        parts.append(part)
    return " ".join(parts)


@st.composite
def schema_document(draw: st.DrawFn) -> str:
    query = SCHEMA.query_type
    assert query is not None
    used: set[str] = set()
    body = draw(selection(query, draw(st.integers(0, 18)), used))
    declared = ", ".join(f"${v}: {t}" for v, t in VARIABLE_TYPES.items() if v in used)
    anonymous = draw(st.sampled_from(["", "", "", "", "query Q ", "mutation ", "subscription "]))
    header = f"query Q({declared}) " if declared else anonymous
    copies = draw(st.sampled_from([1, 1, 1, 1, 2, 40]))
    document = header + "{ " + " ".join([body] * copies) + " }"
    # Most documents are valid, so they run; the rest break in one of the usual ways.
    corruption = draw(st.sampled_from(["", "", "", "", "", "directive", "subselection", "value", "cut"]))
    if corruption == "directive":
        return document.replace(" {", " @nope {", 1)
    if corruption == "subselection":
        return document.replace("{ __typename }", "", 1)
    if corruption == "value":
        return document.replace("{}", '{createdAfter: "x", nope: 1}', 1).replace(": 1", ': "ten"', 1)
    if corruption == "cut":
        return document[: draw(st.integers(0, len(document)))]
    return document


def deep(levels: int) -> str:
    return "{ " + "jobs { edges { node { offices { " * levels + "id" + " } } } }" * levels + " }"


def aliases(count: int) -> str:
    return (
        "{ " + " ".join(f"a{i}: jobs(first: 1) {{ edges {{ node {{ id }} }} }}" for i in range(count)) + " }"
    )


DOCUMENTS = st.one_of(
    schema_document(),
    schema_document(),
    schema_document(),
    schema_document(),
    st.lists(st.sampled_from(GARBAGE_TOKENS), max_size=30).map(" ".join),
    st.integers(1, 400).map(deep),
    st.integers(1, 60).map(aliases),
    st.text(max_size=60),
)
VARIABLES = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {},
        optional={
            "n": st.integers(-5, 10**12) | JSON_VALUES,
            "b": st.booleans() | JSON_VALUES,
            "id": st.text(max_size=8) | JSON_VALUES,
            "f": st.fixed_dictionaries({}, optional={"name": st.text(max_size=5), "tags": JSON_VALUES}),
            "r": st.lists(st.fixed_dictionaries({"__typename": st.sampled_from(["Candidate", "Job", "X"]),
                                                 "id": st.text(max_size=4)}), max_size=5),
        },
    ),
    JSON_VALUES,
)  # fmt: skip


@st.composite
def operation(draw: st.DrawFn) -> Any:
    payload: dict[str, Any] = {"query": draw(DOCUMENTS | DOCUMENTS | DOCUMENTS | JSON_VALUES)}
    if draw(st.booleans()):
        payload["variables"] = draw(VARIABLES)
    if draw(st.integers(0, 3)) == 0:
        payload["operationName"] = draw(st.sampled_from(["Q", "", "Nope"]) | JSON_VALUES)
    if draw(st.integers(0, 3)) == 0:
        payload["extensions"] = draw(JSON_VALUES)
    return payload


BODIES = st.one_of(
    operation().map(json.dumps),
    operation().map(json.dumps),
    operation().map(json.dumps),
    operation().map(json.dumps),
    st.lists(operation(), max_size=12).map(json.dumps),
    JSON_VALUES.map(json.dumps),
    st.binary(max_size=80).map(lambda b: b.decode("latin-1")),
)
CONTENT_TYPES = st.sampled_from(
    [JSON_TYPE, JSON_TYPE, JSON_TYPE, JSON_TYPE, JSON_TYPE, f"{JSON_TYPE}; charset=utf-8", f"{JSON_TYPE}; charset=latin-1", "text/plain",
     "application/graphql", "application/x-www-form-urlencoded", ""]
) | HEADER_TEXT  # fmt: skip
ACCEPTS = st.sampled_from(
    ["", "", "", "*/*", JSON_TYPE, GRAPHQL_RESPONSE, GRAPHQL_RESPONSE, f"{GRAPHQL_RESPONSE}, {JSON_TYPE};q=0.9", "text/plain",
     "application/*;q=0.2", f"{JSON_TYPE};q=0"]
) | HEADER_TEXT  # fmt: skip


SANE_VARIABLES = st.fixed_dictionaries(
    {
        "b": st.booleans(),
        "id": st.sampled_from(["1", "nope", ""]),
        "r": st.lists(st.fixed_dictionaries({"__typename": st.just("Candidate"), "id": st.text(max_size=4)})),
    },
    optional={"n": st.integers(0, 100), "f": st.just({})},
)


@dataclass(frozen=True)
class Sent:
    method: str
    headers: dict[str, str]
    content: bytes = b""
    params: dict[str, str] | None = None


def get_params(payload: Any) -> dict[str, str]:
    if not isinstance(payload, dict):
        return {"query": json.dumps(payload)}
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in payload.items()}


@st.composite
def well_formed(draw: st.DrawFn) -> Sent:
    """A client doing the right thing with documents that may still be invalid or too big."""
    payload = {"query": draw(schema_document()), "variables": draw(SANE_VARIABLES)}
    headers = {"Accept": draw(st.sampled_from(["", JSON_TYPE, GRAPHQL_RESPONSE, "*/*"]))}
    if draw(st.integers(0, 4)) == 0:
        headers["X-Hiregraph-Dry-Run"] = "1"
    if draw(st.integers(0, 3)) == 0:
        return Sent("GET", headers, params=get_params(payload))
    headers["Content-Type"] = JSON_TYPE
    if draw(st.integers(0, 5)) == 0:
        batch = [payload, *draw(st.lists(st.just(payload) | operation(), max_size=11))]
        return Sent("POST", headers, json.dumps(batch).encode())
    return Sent("POST", headers, json.dumps(payload).encode())


@st.composite
def chaotic(draw: st.DrawFn) -> Sent:
    """Anything at all: methods, bodies, content types and Accept headers."""
    method = draw(st.sampled_from(["POST", "POST", "GET", "HEAD"]))
    headers = {"Accept": draw(ACCEPTS), "X-Hiregraph-Dry-Run": draw(st.sampled_from(["", "", "1", "yes"]))}
    if method != "POST":
        return Sent(method, headers, params=get_params(draw(operation())))
    headers["Content-Type"] = draw(CONTENT_TYPES)
    return Sent(method, headers, draw(BODIES).encode("utf-8", "surrogatepass"))


def assert_well_formed(response: httpx.Response) -> None:
    assert response.status_code in STATUSES, response.text
    assert "Traceback" not in response.text
    body = response.json()
    items = body if isinstance(body, list) else [body]
    assert items, body
    for item in items:
        assert isinstance(item, dict), item
        assert "data" in item or "errors" in item or item["extensions"]["dryRun"] is True, item
        for error in item.get("errors", []):
            assert isinstance(error, dict), error
            assert isinstance(error["message"], str), error
            assert error["extensions"]["code"] in CODES, error
        if "errors" in item:
            assert isinstance(item["errors"], list), item
            assert item["errors"], item


def app() -> Starlette:
    global _app
    if _app is None:
        client = make_client({"connections": {"s": {"provider": "sandbox", **SMALL}}})
        transport = client._transport
        assert isinstance(transport, httpx.ASGITransport)
        _app = transport.app  # type: ignore[assignment]
    assert _app is not None
    return _app


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(sent=well_formed() | chaotic())
async def test_every_request_gets_a_well_formed_graphql_answer(sent: Sent) -> None:
    transport = httpx.ASGITransport(app=app())
    async with httpx.AsyncClient(transport=transport, base_url="http://fuzz") as http:
        response = await http.request(
            sent.method, "/graphql", content=sent.content, params=sent.params, headers=sent.headers
        )
    if response.headers.get("content-type", "").startswith("text/html"):
        assert sent.method != "POST"
        assert "text/html" in sent.headers["Accept"]
        return
    if sent.method == "HEAD":
        # A HEAD answer has no body to read, only the status GET would have.
        assert response.status_code in STATUSES
        return
    assert_well_formed(response)
