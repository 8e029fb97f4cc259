"""Cross-tenant attempts and key scopes, through the Gatekeeper every request passes."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from gateway.errors import Forbidden, GatewayError, Unauthenticated, UnknownConnection
from providers.base import Connection
from providers.registry import PROVIDERS
from tenancy.access import Gatekeeper, is_loopback
from tenancy.grants import StaticConnections
from tenancy.keys import KeyScopeError, Scopes, issue_key
from tenancy.runtime import Tenancy, requires_keys

from .test_key_scoping import legacy_key

SMALL = {"seed": 7, "size": 60}


def request(key: str | None = None, connection: str | None = None, origin: str | None = None) -> Request:
    headers = [(b"host", b"hiregraph.test")]
    if key is not None:
        headers.append((b"authorization", f"Bearer {key}".encode()))
    if connection is not None:
        headers.append((b"x-hiregraph-connection", connection.encode()))
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    return Request({"type": "http", "method": "POST", "path": "/graphql", "headers": headers})


@pytest.fixture
async def gate(tenancy: Tenancy) -> Gatekeeper:
    for tenant in ("alpha", "beta"):
        await tenancy.connections.create(tenant, "main", "sandbox", {}, options=SMALL)
    await tenancy.connections.create("beta", "beta-only", "sandbox", {}, options=SMALL, validate=False)
    static = {"demo": PROVIDERS["sandbox"](Connection(name="demo", provider="sandbox", options=SMALL))}
    return tenancy.gatekeeper(static, default_connection="demo", require_keys=False, cache_ttl_s=0)


async def _error(gate: Gatekeeper, req: Request) -> GatewayError:
    with pytest.raises(GatewayError) as info:
        await gate.resolve(req)
    return info.value


async def test_a_tenant_reaches_only_its_own_connection_of_a_shared_name(
    gate: Gatekeeper, tenancy: Tenancy
) -> None:
    alpha = await issue_key(tenancy.store, Scopes("alpha"))
    beta = await issue_key(tenancy.store, Scopes("beta"))
    a_principal, a_adapter = await gate.resolve(request(alpha.key, "main"))
    b_principal, b_adapter = await gate.resolve(request(beta.key, "main"))
    assert (a_principal.tenant, b_principal.tenant) == ("alpha", "beta")
    assert a_adapter is not b_adapter


async def test_another_tenants_connection_looks_exactly_like_a_missing_one(
    gate: Gatekeeper, tenancy: Tenancy
) -> None:
    alpha = await issue_key(tenancy.store, Scopes("alpha"))
    exists_elsewhere = await _error(gate, request(alpha.key, "beta-only"))
    missing = await _error(gate, request(alpha.key, "no-such-thing"))
    assert isinstance(exists_elsewhere, Forbidden)
    assert isinstance(missing, Forbidden)
    assert exists_elsewhere.message.replace("beta-only", "X") == missing.message.replace("no-such-thing", "X")
    # A key cannot name another tenant's connection, and one that does (minted before names
    # were checked) is granted nothing by it.
    with pytest.raises(KeyScopeError, match="'beta-only'"):
        await issue_key(tenancy.store, Scopes("alpha", ("beta-only",)))
    sneaky = await legacy_key(tenancy.store, "alpha", ("beta-only",))
    assert isinstance(await _error(gate, request(sneaky, "beta-only")), Forbidden)


async def test_a_key_limited_to_one_connection(gate: Gatekeeper, tenancy: Tenancy) -> None:
    await tenancy.connections.create("alpha", "second", "sandbox", {}, options=SMALL, validate=False)
    limited = await issue_key(tenancy.store, Scopes("alpha", ("main",), read_only=True))
    principal, adapter = await gate.resolve(request(limited.key))  # no header: its one connection
    assert adapter.connection.name == "main"
    assert principal.read_only
    assert isinstance(await _error(gate, request(limited.key, "second")), Forbidden)
    with pytest.raises(Forbidden):
        principal.require_write()
    with pytest.raises(Forbidden):
        principal.require_admin()


async def test_static_connections_need_a_grant(gate: Gatekeeper, tenancy: Tenancy) -> None:
    # Naming a static connection in a key used to be enough: any tenant reached the operator's.
    tenant_wide = await issue_key(tenancy.store, Scopes("alpha"))
    assert isinstance(await _error(gate, request(tenant_wide.key, "demo")), Forbidden)
    with pytest.raises(KeyScopeError, match="'demo'"):
        await issue_key(tenancy.store, Scopes("alpha", ("demo",)))
    named = await legacy_key(tenancy.store, "alpha", ("demo",))
    assert isinstance(await _error(gate, request(named, "demo")), Forbidden)
    # Granted to alpha, it is one of alpha's connections, for its keys only.
    granting = tenancy.gatekeeper(
        StaticConnections(gate.static, {"demo": ["alpha"]}),
        default_connection="demo",
        require_keys=False,
        cache_ttl_s=0,
    )
    for key in (named, tenant_wide.key):
        _, adapter = await granting.resolve(request(key, "demo"))
        assert adapter is gate.static["demo"]
    beta = await issue_key(tenancy.store, Scopes("beta"))
    assert isinstance(await _error(granting, request(beta.key, "demo")), Forbidden)


async def test_no_key_on_loopback_gets_the_static_connections_only(gate: Gatekeeper) -> None:
    principal, adapter = await gate.resolve(request())
    assert principal.scopes is None
    assert adapter is gate.static["demo"]
    assert isinstance(await _error(gate, request(connection="main")), UnknownConnection)


async def test_keys_required_off_loopback(tenancy: Tenancy) -> None:
    assert requires_keys("0.0.0.0", {})
    assert requires_keys("10.1.2.3", {})
    assert not requires_keys("127.0.0.1", {})
    assert not requires_keys("::1", {})
    assert requires_keys("127.0.0.1", {"HIREGRAPH_REQUIRE_KEYS": "1"})
    assert is_loopback("localhost")
    gate = tenancy.gatekeeper({}, default_connection=None, require_keys=True)
    assert isinstance(await _error(gate, request()), Unauthenticated)


@pytest.mark.parametrize("key", ["hg_live_nope", "hg_live_abcdefabcdef_" + "A" * 43, "sk-something"])
async def test_bad_keys_are_unauthenticated(gate: Gatekeeper, key: str) -> None:
    assert isinstance(await _error(gate, request(key, "main")), Unauthenticated)


async def test_a_revoked_key_is_refused(gate: Gatekeeper, tenancy: Tenancy) -> None:
    issued = await issue_key(tenancy.store, Scopes("alpha"))
    await gate.resolve(request(issued.key, "main"))
    await tenancy.store.revoke_key(issued.record.id)
    assert isinstance(await _error(gate, request(issued.key, "main")), Unauthenticated)


async def test_frontend_keys_are_bound_to_their_origins(gate: Gatekeeper, tenancy: Tenancy) -> None:
    front = await issue_key(
        tenancy.store, Scopes("alpha", ("main",), read_only=True, origins=("https://app.alpha.test",))
    )
    backend = await issue_key(tenancy.store, Scopes("alpha"))
    principal, _ = await gate.resolve(request(front.key, origin="https://app.alpha.test"))
    allowed = gate.cors_headers(principal, request(front.key, origin="https://app.alpha.test"))
    assert allowed["Access-Control-Allow-Origin"] == "https://app.alpha.test"
    assert isinstance(await _error(gate, request(front.key, origin="https://evil.test")), Forbidden)
    # A key made for servers is refused from any foreign page, and same-origin pages still work.
    assert isinstance(
        await _error(gate, request(backend.key, "main", origin="https://app.alpha.test")), Forbidden
    )
    await gate.resolve(request(backend.key, "main", origin="http://hiregraph.test"))

    ok = await gate.preflight(request(origin="https://app.alpha.test"))
    assert ok.headers["access-control-allow-origin"] == "https://app.alpha.test"
    refused = await gate.preflight(request(origin="https://evil.test"))
    assert "access-control-allow-origin" not in refused.headers
