"""A key may name only its own tenant's connections; static ones are the operator's unless granted.

The bug: a tenant admin minted a key for the operator's static connection (``ops-gh``) and
the embedded demos, and read them; ``keys create`` took names that existed nowhere.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import secrets
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from graph.app import create_app
from graph.settings import SettingsError, default_settings, load_grants, parse_settings
from tenancy.cli import register
from tenancy.crypto import generate_key
from tenancy.keys import PREFIX, Scopes, issue_key
from tenancy.store import SqliteStore, Store, StoredKey

SMALL = {"seed": 7, "size": 60}
CONFIG: dict[str, Any] = {
    "connections": {
        "ops-gh": {"provider": "sandbox", **SMALL},  # the operator's own account
        "shared": {"provider": "sandbox", **SMALL, "tenants": ["acme"]},
    }
}
JOBS = "{ jobs(first: 1) { edges { node { id } } } }"
MINT = """mutation($connections: [String!]!) {
  createApiKey(input: {connections: $connections}) { key apiKey { connections } } }"""


async def legacy_key(store: Store, tenant: str, connections: tuple[str, ...]) -> str:
    """A key row as the unchecked minting paths wrote it, straight into the store."""
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    salt = secrets.token_hex(16)
    digest = hashlib.sha256(bytes.fromhex(salt) + secret.encode("ascii")).hexdigest()
    await store.add_key(
        StoredKey(id=key_id, tenant=tenant, label="", salt=salt, digest=digest, connections=connections)
    )
    return f"{PREFIX}{key_id}_{secret}"


class Server:
    def __init__(self, http: httpx.AsyncClient, keys: dict[str, str]) -> None:
        self.http = http
        self.keys = keys

    async def post(
        self, who: str | None, query: str, connection: str | None = None, **variables: Any
    ) -> httpx.Response:
        headers = {}
        if who is not None:
            headers["Authorization"] = f"Bearer {self.keys.get(who, who)}"
        if connection is not None:
            headers["X-Hiregraph-Connection"] = connection
        return await self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )

    async def mint(self, admin: str, *connections: str) -> httpx.Response:
        return await self.post(admin, MINT, connections=list(connections))


@contextlib.asynccontextmanager
async def _serve(
    tmp_path: Path, config: Any, *, require_keys: bool, legacy: Mapping[str, tuple[str, tuple[str, ...]]]
) -> AsyncIterator[Server]:
    db = tmp_path / "scoping.sqlite3"
    store = SqliteStore(db)
    await store.migrate()
    keys = {
        "acme": (await issue_key(store, Scopes("acme", admin=True))).key,
        "beta": (await issue_key(store, Scopes("beta", admin=True))).key,
    }
    for name, (tenant, connections) in legacy.items():
        keys[name] = await legacy_key(store, tenant, connections)
    await store.aclose()
    settings = config if not isinstance(config, dict) else parse_settings(config, "ops.toml")
    app: Starlette = create_app(settings, database_url=f"sqlite:///{db}", require_keys=require_keys)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hiregraph.test") as http:
            yield Server(http, keys)


@pytest.fixture
async def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Server]:
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    legacy = {
        "beta-old": ("beta", ("ops-gh", "shared")),  # minted through the bug, before this fix
        "acme-old": ("acme", ("ops-gh", "shared")),
    }
    async with _serve(tmp_path, CONFIG, require_keys=True, legacy=legacy) as s:
        yield s


def _error(response: httpx.Response) -> dict[str, Any]:
    errors = response.json()["errors"]
    assert len(errors) == 1, errors
    error: dict[str, Any] = errors[0]
    return error


async def test_a_tenant_admin_cannot_mint_a_key_for_the_operators_connection(server: Server) -> None:
    before = (await server.post("beta", "{ apiKeys { id } }")).json()["data"]
    refused = _error(await server.mint("beta", "ops-gh"))
    assert refused["extensions"]["code"] == "BAD_USER_INPUT"
    assert "'ops-gh'" in refused["message"]
    nowhere = _error(await server.mint("beta", "never-made"))
    assert nowhere["extensions"]["code"] == "BAD_USER_INPUT"
    # The operator's connection is refused exactly like a name that exists nowhere.
    assert refused["message"].replace("ops-gh", "X") == nowhere["message"].replace("never-made", "X")
    assert (await server.post("beta", "{ apiKeys { id } }")).json()["data"] == before  # nothing minted


async def test_a_tenant_admin_cannot_mint_a_key_for_another_tenants_connection(server: Server) -> None:
    create = """mutation { createConnection(input: {name: "acme-main", provider: "sandbox",
        credentials: [], options: {seed: 7, size: 60}}) { name } }"""
    assert (await server.post("acme", create)).json()["data"] == {"createConnection": {"name": "acme-main"}}
    foreign = _error(await server.mint("beta", "acme-main", "ops-gh"))
    assert foreign["extensions"]["code"] == "BAD_USER_INPUT"
    assert "'acme-main'" in foreign["message"]
    assert "'ops-gh'" in foreign["message"]
    own = (await server.mint("acme", "acme-main")).json()["data"]["createApiKey"]
    assert own["apiKey"]["connections"] == ["acme-main"]
    reads = await server.post(own["key"], JOBS)
    assert reads.json()["extensions"]["connection"] == "acme-main"


async def test_keys_minted_by_the_bug_no_longer_reach_operator_connections(server: Server) -> None:
    for connection in ("ops-gh", "shared"):
        response = await server.post("beta-old", JOBS, connection)
        assert response.status_code == 403, response.text
        assert _error(response)["extensions"]["code"] == "FORBIDDEN"
    # Its first listed connection is its default: that is refused too.
    assert (await server.post("beta-old", JOBS)).status_code == 403
    # A tenant granted `shared` keeps it; its old key still cannot reach `ops-gh`.
    assert (await server.post("acme-old", JOBS, "ops-gh")).status_code == 403
    assert (await server.post("acme-old", JOBS, "shared")).status_code == 200


async def test_a_granted_static_connection_counts_as_the_tenants_own(server: Server) -> None:
    minted = await server.mint("acme", "shared")
    key = minted.json()["data"]["createApiKey"]["key"]
    response = await server.post(key, JOBS)
    assert response.status_code == 200
    assert response.json()["extensions"]["connection"] == "shared"
    assert len(response.json()["data"]["jobs"]["edges"]) == 1
    # A tenant-wide key (no connections listed) reaches it too, and never the ungranted one.
    assert (await server.post("acme", JOBS, "shared")).status_code == 200
    assert (await server.post("acme", JOBS, "ops-gh")).status_code == 403
    assert (await server.post("beta", JOBS, "shared")).status_code == 403
    assert _error(await server.mint("beta", "shared"))["extensions"]["code"] == "BAD_USER_INPUT"


async def test_the_embedded_demo_connections_are_the_operators(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    demos = ("sandbox", "greenhouse-demo", "lever-demo", "ashby-demo", "workable-demo")
    embedded = default_settings()
    assert set(demos) <= set(embedded.connections)
    # The same connections over a smaller dataset, to start fast.
    small = {n: replace(c, options={**c.options, **SMALL}) for n, c in embedded.connections.items()}
    settings = replace(embedded, connections=small)
    async with _serve(tmp_path, settings, require_keys=True, legacy={"old": ("beta", demos)}) as s:
        for demo in demos:
            assert _error(await s.mint("beta", demo))["extensions"]["code"] == "BAD_USER_INPUT"
            assert (await s.post("old", "{ __typename }", demo)).status_code == 403
            assert (await s.post("beta", "{ __typename }", demo)).status_code == 403


async def test_the_operator_without_a_key_still_reaches_every_static_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    async with _serve(tmp_path, CONFIG, require_keys=False, legacy={}) as s:
        for connection in ("ops-gh", "shared"):
            response = await s.post(None, JOBS, connection)
            assert response.status_code == 200
            assert response.json()["extensions"]["connection"] == connection


async def test_a_key_names_a_bounded_number_of_connections(server: Server) -> None:
    many = [f"c{i}" for i in range(101)]
    refused = _error(await server.mint("acme", *many))
    assert refused["extensions"]["code"] == "BAD_USER_INPUT"
    assert "at most 100 connections" in refused["message"]


# -- the grant in the config -----------------------------------------------------------------
def test_tenants_is_a_grant_not_a_provider_option() -> None:
    settings = parse_settings(CONFIG)
    assert settings.grants == {"shared": frozenset({"acme"})}
    assert "tenants" not in settings.connections["shared"].options
    assert default_settings().grants == {}


@pytest.mark.parametrize("tenants", ["acme", [1], [""], [" acme"], ["x" * 101]])
def test_a_malformed_grant_is_refused_at_start(tenants: object) -> None:
    config = {"connections": {"shared": {"provider": "sandbox", "tenants": tenants}}}
    with pytest.raises(SettingsError, match="connection 'shared': tenants must be a list"):
        parse_settings(config)


# -- hiregraph keys create -------------------------------------------------------------------
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def hiregraph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    monkeypatch.setenv("HIREGRAPH_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    monkeypatch.delenv("HIREGRAPH_CONFIG", raising=False)

    def run(*argv: str) -> tuple[int, str, str]:
        parser = argparse.ArgumentParser(prog="hiregraph")
        register(parser.add_subparsers(dest="command", required=True), load_grants)
        args = parser.parse_args(argv)
        code = int(args.run(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def _toml(path: Path, config: dict[str, Any]) -> Path:
    lines = []
    for name, conn in config["connections"].items():
        lines.append(f'[connections."{name}"]')
        lines += [f"{key} = {json.dumps(value)}" for key, value in conn.items()]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_keys_create_refuses_connections_that_exist_nowhere(hiregraph: Run) -> None:
    code, out, err = hiregraph("keys", "create", "--tenant", "acme", "--connection", "nowhere")
    assert code == 2
    assert "'nowhere'" in err
    assert PREFIX not in out
    assert "acme" not in hiregraph("keys", "list")[1]
    # The embedded demos are the operator's: no config grants them.
    assert hiregraph("keys", "create", "--tenant", "acme", "--connection", "sandbox")[0] == 2


def test_keys_create_takes_the_tenants_stored_and_granted_connections(
    hiregraph: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = str(_toml(tmp_path / "ops.toml", CONFIG))
    add = ("connections", "add", "main", "--tenant", "acme", "--provider", "sandbox", "--no-test")
    assert hiregraph(*add)[0] == 0
    assert hiregraph("keys", "create", "--tenant", "acme", "--connection", "main")[0] == 0
    assert hiregraph("keys", "create", "--tenant", "beta", "--connection", "main")[0] == 2
    granted = ("keys", "create", "--tenant", "acme", "--connection", "shared")
    assert hiregraph(*granted)[0] == 2  # without the config, nothing is granted
    assert hiregraph(*granted, "--config", config)[0] == 0
    code, _, err = hiregraph(
        "keys", "create", "--tenant", "beta", "--connection", "shared", "--config", config
    )
    assert code == 2
    assert "'shared'" in err
    code, _, err = hiregraph(
        "keys", "create", "--tenant", "acme", "--connection", "ops-gh", "--config", config
    )
    assert code == 2
    assert "'ops-gh'" in err
    monkeypatch.setenv("HIREGRAPH_CONFIG", config)
    assert hiregraph(*granted)[0] == 0
    code, _, err = hiregraph(*granted, "--config", str(tmp_path / "missing.toml"))
    assert code == 2
    assert "does not exist" in err
