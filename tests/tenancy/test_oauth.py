"""Lever OAuth against a simulated token endpoint: exchange, refresh before expiry, failure."""

from __future__ import annotations

import asyncio
import time
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
import respx

from providers.errors import ProviderAuthError
from tenancy.connections import error_code
from tenancy.oauth import Token, TokenManager
from tenancy.runtime import Tenancy
from tenancy.store import StoredConnection

TOKEN_URL = "https://auth.lever.test/oauth/token"
API = "https://api.lever.test/v1"
CLIENT = {"client_id": "cid", "client_secret": "client-secret-9a7", "token_url": TOKEN_URL}

# respx's default mock patches httpcore's pool, which the upstream clients no longer use
# (providers/transport.py); "httpx" mocks the client's transport whatever it is.
pytestmark = pytest.mark.respx(using="httpx", assert_all_called=False)


class TokenEndpoint:
    """Issues access tokens; refresh tokens are single-use and rotate, as Lever's do."""

    def __init__(self) -> None:
        self.valid_refresh = {"rt1"}
        self.issued = 0
        self.grants: list[dict[str, str]] = []
        self.fail = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        self.grants.append(form)
        if self.fail or form.get("client_secret") != CLIENT["client_secret"]:
            return httpx.Response(401, json={"error": "invalid_client"})
        if form["grant_type"] == "authorization_code" and form.get("code") != "the-code":
            return httpx.Response(400, json={"error": "invalid_grant"})
        if form["grant_type"] == "refresh_token":
            if form.get("refresh_token") not in self.valid_refresh:
                return httpx.Response(400, json={"error": "invalid_grant"})
            self.valid_refresh.discard(form["refresh_token"])
        self.issued += 1
        self.valid_refresh.add(f"rt{self.issued + 1}")
        body = {
            "access_token": f"at{self.issued}",
            "refresh_token": f"rt{self.issued + 1}",
            "expires_in": 3600,
        }
        return httpx.Response(200, json=body)


@pytest.fixture
def endpoint(respx_mock: respx.MockRouter) -> TokenEndpoint:
    ep = TokenEndpoint()
    respx_mock.post(TOKEN_URL).mock(side_effect=ep)
    respx_mock.get(f"{API}/users").mock(side_effect=_api)
    return ep


def _api(request: httpx.Request) -> httpx.Response:
    if not request.headers.get("authorization", "").startswith("Bearer at"):
        return httpx.Response(401, json={"code": "UnauthorizedError"})
    return httpx.Response(200, json={"data": [], "hasNext": False})


async def _lever(tenancy: Tenancy, credentials: dict[str, str]) -> StoredConnection:
    return await tenancy.connections.create("acme", "lev", "lever", credentials, base_url=API)


def _bearer(adapter: Any) -> str:
    return str(adapter.credentials.access_token.get_secret_value())


def _guard_key(adapter: Any) -> str:
    (guard,) = {id(u.guard): u.guard for u in adapter.upstreams()}.values()
    assert guard is not None
    return str(guard.key)


async def test_creation_refreshes_and_stores_the_tokens_encrypted(
    tenancy: Tenancy, endpoint: TokenEndpoint
) -> None:
    conn = await _lever(tenancy, {**CLIENT, "refresh_token": "rt1"})
    assert endpoint.grants[0]["grant_type"] == "refresh_token"
    stored = await tenancy.store.get_token(conn.id)
    assert stored is not None
    assert "at1" not in stored.secret
    assert tenancy.box.decrypt(stored.secret) == {"access_token": "at1", "refresh_token": "rt2"}
    adapter = await tenancy.source.adapter(conn)
    assert _bearer(adapter) == "at1"
    assert len(endpoint.grants) == 1  # the fresh token is reused, not refreshed again


async def test_an_authorization_code_is_exchanged_once(tenancy: Tenancy, endpoint: TokenEndpoint) -> None:
    conn = await _lever(tenancy, {**CLIENT, "code": "the-code", "redirect_uri": "https://app.test/cb"})
    assert [g["grant_type"] for g in endpoint.grants] == ["authorization_code"]
    secret = tenancy.box.decrypt(conn.secret)
    assert "code" not in secret
    assert secret["refresh_token"] == "rt2"


async def test_a_token_near_expiry_is_refreshed_before_use(tenancy: Tenancy, endpoint: TokenEndpoint) -> None:
    conn = await _lever(tenancy, {**CLIENT, "refresh_token": "rt1"})
    row = await tenancy.store.get_token(conn.id)
    assert row is not None
    await tenancy.source.tokens.save(conn.id, Token("at1", "rt2", time.time() + 30), seen=row.version)
    adapter = await tenancy.source.adapter(conn)
    assert _bearer(adapter) == "at2"
    assert endpoint.grants[-1]["refresh_token"] == "rt2"


async def test_a_refused_refresh_is_upstream_auth_failed(tenancy: Tenancy, endpoint: TokenEndpoint) -> None:
    conn = await _lever(tenancy, {**CLIENT, "refresh_token": "rt1"})
    row = await tenancy.store.get_token(conn.id)
    assert row is not None
    await tenancy.source.tokens.save(conn.id, Token("at1", "rt2", time.time() - 1), seen=row.version)
    endpoint.fail = True
    with pytest.raises(ProviderAuthError) as info:
        await tenancy.source.adapter(conn)
    assert error_code(info.value) == "UPSTREAM_AUTH_FAILED"
    assert "refused" in info.value.message
    assert CLIENT["client_secret"] not in info.value.message
    result = await tenancy.connections.test("acme", "lev")
    assert (result.ok, result.code) == (False, "UPSTREAM_AUTH_FAILED")


async def test_two_workers_refresh_once_and_share_the_token(
    tenancy: Tenancy, endpoint: TokenEndpoint
) -> None:
    conn = await _lever(tenancy, {**CLIENT, "refresh_token": "rt1"})
    row = await tenancy.store.get_token(conn.id)
    assert row is not None
    await tenancy.source.tokens.save(conn.id, Token("at1", "rt2", time.time() - 1), seen=row.version)
    secret = tenancy.box.decrypt(conn.secret)
    workers = [TokenManager(tenancy.store, tenancy.box, tenancy.source.http) for _ in range(2)]
    tokens = await asyncio.gather(*(w.current(conn, secret) for w in workers))
    assert tokens[0].access_token == tokens[1].access_token
    assert endpoint.issued == 2  # one at creation, one refresh: the loser read the winner's token


async def test_a_refused_code_fails_creation_clearly(tenancy: Tenancy, endpoint: TokenEndpoint) -> None:
    from tenancy.connections import ConnectionRejected

    with pytest.raises(ConnectionRejected, match="refused"):
        await _lever(tenancy, {**CLIENT, "code": "wrong", "redirect_uri": "https://app.test/cb"})
    assert await tenancy.store.get_connection("acme", "lev") is None


async def test_the_rate_budget_outlives_a_token_refresh(tenancy: Tenancy, endpoint: TokenEndpoint) -> None:
    conn = await _lever(tenancy, {**CLIENT, "refresh_token": "rt1"})
    before = await tenancy.source.adapter(conn)
    row = await tenancy.store.get_token(conn.id)
    assert row is not None
    await tenancy.source.tokens.save(conn.id, Token("at1", "rt2", time.time() + 30), seen=row.version)
    after = await tenancy.source.adapter(conn)
    assert _bearer(after) == "at2"
    keys = [_guard_key(a) for a in (before, after)]
    assert keys[0] == keys[1]
    assert "at1" not in keys[0]
    assert CLIENT["client_secret"] not in keys[0]
    other = await tenancy.connections.create(
        "acme", "lev2", "lever", {**CLIENT, "refresh_token": f"rt{endpoint.issued + 1}"}, base_url=API
    )
    # Another stored connection is another account, even with the same OAuth client.
    assert _guard_key(await tenancy.source.adapter(other)) != keys[0]
