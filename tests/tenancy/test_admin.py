"""The admin mutations and queries, through a schema made of just them."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import respx
import strawberry
from graphql import GraphQLError

from resolvers.admin import AdminMutation, AdminQuery
from tenancy.access import Principal
from tenancy.keys import Scopes
from tenancy.runtime import Tenancy


class QuietSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        return None  # the tests look at every error themselves


schema = QuietSchema(query=AdminQuery, mutation=AdminMutation)
RAW = "gh-admin-raw-key-77c1"
CREATE = """
mutation($input: CreateConnectionInput!) {
  createConnection(input: $input) { name provider version baseUrl }
}"""


@dataclass
class Ctx:
    tenancy: Tenancy | None
    principal: Principal | None


def admin(tenant: str) -> Principal:
    return Principal("k-" + tenant, Scopes(tenant, admin=True))


async def run(tenancy: Tenancy, principal: Principal | None, query: str, **variables: Any) -> Any:
    result = await schema.execute(query, variable_values=variables, context_value=Ctx(tenancy, principal))
    return result


def sandbox_input(name: str) -> dict[str, Any]:
    return {"name": name, "provider": "sandbox", "credentials": [], "options": {"seed": 7, "size": 60}}


async def test_admins_manage_only_their_own_tenant(tenancy: Tenancy) -> None:
    made = await run(tenancy, admin("alpha"), CREATE, input=sandbox_input("main"))
    assert made.errors is None
    assert made.data["createConnection"] == {
        "name": "main",
        "provider": "sandbox",
        "version": 1,
        "baseUrl": None,
    }
    await run(tenancy, admin("beta"), CREATE, input=sandbox_input("theirs"))

    listed = await run(tenancy, admin("alpha"), "{ tenantConnections { name } }")
    assert listed.data == {"tenantConnections": [{"name": "main"}]}
    # Beta's connection cannot be tested, rotated or deleted by alpha: it does not exist for alpha.
    tested = await run(tenancy, admin("alpha"), 'mutation { testConnection(name: "theirs") { ok } }')
    assert tested.errors is not None
    assert "no connection named 'theirs'" in tested.errors[0].message
    deleted = await run(tenancy, admin("alpha"), 'mutation { deleteConnection(name: "theirs") }')
    assert deleted.data == {"deleteConnection": False}
    assert await tenancy.store.get_connection("beta", "theirs") is not None


async def test_non_admin_keys_are_forbidden(tenancy: Tenancy) -> None:
    reader = Principal("k", Scopes("alpha", read_only=True))
    writer = Principal("k", Scopes("alpha"))
    for principal in (reader, writer):
        result = await run(tenancy, principal, "{ apiKeys { id } }")
        assert result.errors is not None
        assert result.errors[0].original_error.code.value == "FORBIDDEN"  # type: ignore[union-attr]
    anonymous = await run(tenancy, Principal(None, None), "{ apiKeys { id } }")
    assert anonymous.errors is not None
    assert anonymous.errors[0].original_error.code.value == "UNAUTHENTICATED"  # type: ignore[union-attr]


async def test_a_key_is_shown_once_and_never_listed(tenancy: Tenancy) -> None:
    # A key may name only a connection its tenant has.
    assert (await run(tenancy, admin("alpha"), CREATE, input=sandbox_input("main"))).errors is None
    created = await run(
        tenancy,
        admin("alpha"),
        """mutation { createApiKey(input: {label: "web", connections: ["main"], readOnly: true,
             origins: ["https://app.alpha.test"]}) { key apiKey { id readOnly origins connections } } }""",
    )
    assert created.errors is None
    key = created.data["createApiKey"]["key"]
    assert key.startswith("hg_live_")
    listed = await run(tenancy, admin("alpha"), "{ apiKeys { id label readOnly admin origins revokedAt } }")
    assert key not in str(listed.data)
    key_id = created.data["createApiKey"]["apiKey"]["id"]
    assert listed.data["apiKeys"] == [
        {
            "id": key_id,
            "label": "web",
            "readOnly": True,
            "admin": False,
            "origins": ["https://app.alpha.test"],
            "revokedAt": None,
        }
    ]
    other = await run(tenancy, admin("beta"), f'mutation {{ revokeApiKey(id: "{key_id}") }}')
    assert other.data == {"revokeApiKey": False}
    mine = await run(tenancy, admin("alpha"), f'mutation {{ revokeApiKey(id: "{key_id}") }}')
    assert mine.data == {"revokeApiKey": True}


# (using="httpx": respx's default mocks httpcore's pool, which providers/transport.py replaces)
@pytest.mark.respx(base_url="https://harvest.test", assert_all_called=True, using="httpx")
async def test_bad_credentials_are_refused_clearly_and_never_echoed(
    tenancy: Tenancy, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.get("/v1/users").mock(
        return_value=httpx.Response(401, json={"message": "Unauthorized"})
    )
    result = await run(
        tenancy,
        admin("alpha"),
        CREATE,
        input={
            "name": "gh",
            "provider": "greenhouse",
            "baseUrl": "https://harvest.test",
            "credentials": [{"key": "api_key", "value": RAW}],
        },
    )
    assert route.call_count == 1
    assert route.calls[0].request.url.params["per_page"] == "1"
    assert result.errors is not None
    message = result.errors[0].message
    assert "failed its test call" in message
    assert "HTTP 401" in message
    assert RAW not in message
    assert await tenancy.store.get_connection("alpha", "gh") is None


async def test_malformed_credentials_name_the_key_not_the_value(tenancy: Tenancy) -> None:
    result = await run(
        tenancy,
        admin("alpha"),
        CREATE,
        input={"name": "gh", "provider": "greenhouse", "credentials": [{"key": "api_kee", "value": RAW}]},
    )
    assert result.errors is not None
    assert "missing credential 'api_key'" in result.errors[0].message
    assert RAW not in result.errors[0].message


@pytest.mark.respx(base_url="https://harvest.test", using="httpx")
async def test_rotate_then_test(tenancy: Tenancy, respx_mock: respx.MockRouter) -> None:
    good = {"Authorization": "Basic " + base64.b64encode(b"new-key:").decode()}
    respx_mock.get("/v1/users", headers=good).mock(return_value=httpx.Response(200, json=[]))
    respx_mock.get("/v1/users").mock(return_value=httpx.Response(401, json={}))
    await tenancy.connections.create(
        "alpha", "gh", "greenhouse", {"api_key": "old-key"}, base_url="https://harvest.test", validate=False
    )
    before = await run(tenancy, admin("alpha"), 'mutation { testConnection(name: "gh") { ok code message } }')
    assert before.data["testConnection"]["ok"] is False
    assert before.data["testConnection"]["code"] == "UPSTREAM_AUTH_FAILED"
    rotated = await run(
        tenancy,
        admin("alpha"),
        'mutation { rotateConnectionCredentials(name: "gh", credentials: [{key: "api_key", value: "new-key"}]) { version } }',
    )
    assert rotated.data == {"rotateConnectionCredentials": {"version": 2}}
    after = await run(tenancy, admin("alpha"), 'mutation { testConnection(name: "gh") { ok code } }')
    assert after.data == {"testConnection": {"ok": True, "code": None}}
