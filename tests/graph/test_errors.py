"""Typed errors: a failing branch nulls that branch only; nothing internal leaks."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence

import pytest

from providers.errors import ProviderAuthError, ProviderUnavailable
from providers.records import Record, Resource
from providers.sandbox import SandboxAdapter
from tests.graph.support import SMALL, GraphQLClient, make_client

SECRET = "sk_live_do_not_leak_0123456789"


class FaultySandbox(SandboxAdapter):
    name = "faulty"

    async def get_many(self, resource: Resource, ids: Sequence[str]) -> Sequence[Record | None]:
        if resource is Resource.JOB:
            raise ProviderUnavailable("faulty failed (HTTP 503)", provider=self.name, connection="f")
        if resource is Resource.USER:
            raise RuntimeError(f"bug with {SECRET} in it")
        return await super().get_many(resource, ids)

    async def list_children(self, resource: Resource, parent: str, ids: Sequence[str]) -> object:
        if resource is Resource.OFFER:
            raise ProviderAuthError("faulty connection 'f' was refused", provider=self.name, connection="f")
        return await super().list_children(resource, parent, ids)


class Limited(SandboxAdapter):
    """A provider without candidate companies and without EEOC data."""

    name = "limited"
    title = "Limited ATS"
    fields = {
        **SandboxAdapter.fields,
        Resource.CANDIDATE: SandboxAdapter.fields[Resource.CANDIDATE] - {"company", "urls"},
    }
    list_eeocs = None
    get_eeocs = None
    list_eeocs_by_candidate_ids = None


@pytest.fixture
async def faulty() -> AsyncIterator[GraphQLClient]:
    config = {"connections": {"f": {"provider": "faulty", **SMALL}}}
    async with make_client(config, {"faulty": FaultySandbox}) as http:
        yield GraphQLClient(http)


@pytest.fixture
async def limited() -> AsyncIterator[GraphQLClient]:
    config = {"connections": {"l": {"provider": "limited", **SMALL}}}
    async with make_client(config, {"limited": Limited}) as http:
        yield GraphQLClient(http)


async def test_failing_branches_null_only_themselves(
    faulty: GraphQLClient, caplog: pytest.LogCaptureFixture
) -> None:
    query = """{ candidates(first: 5) { edges { node { name applications {
        id job { name } offers { status } creditedTo { name } } } } } }"""
    with caplog.at_level(logging.ERROR, logger="hiregraph.errors"):
        body = await faulty.post(query)
    nodes = [e["node"] for e in body["data"]["candidates"]["edges"]]
    assert all(n["name"] for n in nodes)
    apps = [a for n in nodes for a in n["applications"]]
    assert apps
    assert all(a["id"] and a["job"] is None and a["offers"] is None and a["creditedTo"] is None for a in apps)
    by_code: dict[str, list[dict[str, object]]] = {}
    for error in body["errors"]:
        by_code.setdefault(error["extensions"]["code"], []).append(error)
    assert set(by_code) == {"UPSTREAM_UNAVAILABLE", "UPSTREAM_AUTH_FAILED", "INTERNAL_SERVER_ERROR"}
    assert all(e["path"][-1] == "job" for e in by_code["UPSTREAM_UNAVAILABLE"])
    assert all(e["path"][-1] == "offers" for e in by_code["UPSTREAM_AUTH_FAILED"])
    masked = by_code["INTERNAL_SERVER_ERROR"][0]
    assert masked["message"] == "Internal server error"
    assert masked["extensions"]["requestId"] == body["extensions"]["requestId"]  # type: ignore[index]
    assert SECRET not in str(body)
    assert "Traceback" not in str(body)
    assert any(body["extensions"]["requestId"] in r.getMessage() for r in caplog.records)


async def test_unsupported_fields_error_on_that_field_only(limited: GraphQLClient) -> None:
    body = await limited.post(
        "{ candidates(first: 3) { edges { node { name company urls { url } eeocs { id } } } } }"
    )
    nodes = [e["node"] for e in body["data"]["candidates"]["edges"]]
    assert len(nodes) == 3
    assert all(n["name"] for n in nodes)
    assert all(n["company"] is None and n["urls"] is None and n["eeocs"] is None for n in nodes)
    codes = {(e["path"][-1], e["extensions"]["code"]) for e in body["errors"]}
    assert codes == {
        ("company", "NOT_SUPPORTED_BY_PROVIDER"),
        ("urls", "NOT_SUPPORTED_BY_PROVIDER"),
        ("eeocs", "NOT_SUPPORTED_BY_PROVIDER"),
    }
    assert any("Limited ATS" in e["message"] for e in body["errors"])


async def test_unsupported_root_resource(limited: GraphQLClient) -> None:
    body = await limited.post(
        '{ eeocs { edges { node { id } } } eeoc(id: "x") { id } tags(first: 1) { edges { node { id } } } }'
    )
    assert body["data"]["eeocs"] is None
    assert body["data"]["eeoc"] is None
    assert len(body["data"]["tags"]["edges"]) == 1
    assert {e["extensions"]["code"] for e in body["errors"]} == {"NOT_SUPPORTED_BY_PROVIDER"}
    assert body["extensions"]["upstream"]["requests"] == 1


@pytest.mark.parametrize(
    ("query", "variables", "code"),
    [
        ("{ candidates { edges { node { nope } } } }", None, "GRAPHQL_VALIDATION_FAILED"),
        ('{ candidates(first: "ten") { edges { node { id } } } }', None, "GRAPHQL_VALIDATION_FAILED"),
        ("{ candidates(first: 5 { edges", None, "GRAPHQL_PARSE_FAILED"),
        (
            "query($f: Int) { candidates(first: $f) { edges { node { id } } } }",
            {"f": "ten"},
            "BAD_USER_INPUT",
        ),
        (
            "query($f: CandidateFilter) { candidates(filter: $f) { edges { node { id } } } }",
            {"f": {"createdAfter": "yesterday"}},
            "BAD_USER_INPUT",
        ),
        ("query($f: Int!) { candidates(first: $f) { edges { node { id } } } }", {}, "BAD_USER_INPUT"),
    ],
)
async def test_bad_input_gets_a_typed_error_and_costs_nothing(
    gql: GraphQLClient, query: str, variables: dict[str, object] | None, code: str
) -> None:
    body = await gql.post(query, variables)
    assert "data" not in body
    assert [e["extensions"]["code"] for e in body["errors"]] == [code]
    assert "Internal server error" not in body["errors"][0]["message"]
    assert body["extensions"]["upstream"]["requests"] == 0


async def test_unknown_connection(http: object) -> None:
    import httpx

    assert isinstance(http, httpx.AsyncClient)
    response = await http.post(
        "/graphql",
        json={"query": "{ jobs { edges { node { id } } } }"},
        headers={"X-Hiregraph-Connection": "acme"},
    )
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "UNKNOWN_CONNECTION"
    assert "acme" in body["errors"][0]["message"]
    graphql_response = await http.post(
        "/graphql",
        json={"query": "{ jobs { edges { node { id } } } }"},
        headers={"X-Hiregraph-Connection": "acme", "Accept": "application/graphql-response+json"},
    )
    assert graphql_response.status_code == 400
