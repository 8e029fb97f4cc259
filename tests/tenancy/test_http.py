"""Keys, tenants and CORS through the real app (once graph/app.py wires tenancy.layer)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from graph.app import create_app
from graph.settings import parse_settings
from tenancy.crypto import generate_key
from tenancy.keys import Scopes, issue_key
from tenancy.store import SqliteStore

CONFIG = {"connections": {"demo": {"provider": "sandbox", "seed": 7, "size": 60}}}
JOBS = "{ jobs(first: 2) { edges { node { id } } } }"


@pytest.fixture
async def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[dict[str, Any]]:
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    db = tmp_path / "http.sqlite3"
    store = SqliteStore(db)
    await store.migrate()
    keys = {
        "alpha": (await issue_key(store, Scopes("alpha", admin=True))).key,
        "beta": (await issue_key(store, Scopes("beta", admin=True))).key,
    }
    await store.aclose()
    app: Starlette = create_app(parse_settings(CONFIG), database_url=f"sqlite:///{db}", require_keys=True)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hiregraph.test") as http:
            yield {"http": http, "keys": keys}


async def post(
    s: dict[str, Any], who: str | None, query: str, connection: str | None = None, **headers: str
) -> httpx.Response:
    if who is not None:
        headers["Authorization"] = f"Bearer {s['keys'].get(who, who)}"
    if connection is not None:
        headers["X-Hiregraph-Connection"] = connection
    return await s["http"].post("/graphql", json={"query": query}, headers=headers)


def create(name: str) -> str:
    return (
        f'mutation {{ createConnection(input: {{name: "{name}", provider: "sandbox", credentials: [], '
        f"options: {{seed: 7, size: 60}}}}) {{ name }} }}"
    )


async def create_main_and_front_key(s: dict[str, Any]) -> None:
    """Alpha's connection `main`, then keys["front"]: read-only, for `main`, from its app's origin
    (a key may name only a connection its tenant has)."""
    await post(s, "alpha", create("main"))
    mint = """mutation { createApiKey(input: {connections: ["main"], readOnly: true,
        origins: ["https://app.alpha.test"]}) { key } }"""
    s["keys"]["front"] = (await post(s, "alpha", mint)).json()["data"]["createApiKey"]["key"]


async def test_keys_are_required_and_checked(server: dict[str, Any]) -> None:
    missing = await post(server, None, JOBS)
    assert missing.status_code == 401
    assert missing.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    wrong = await post(server, "hg_live_abcdefabcdef_" + "A" * 43, JOBS)
    assert wrong.status_code == 401


async def test_tenants_are_isolated_over_http(server: dict[str, Any]) -> None:
    assert (await post(server, "alpha", create("main"))).json()["data"] == {
        "createConnection": {"name": "main"}
    }
    assert (await post(server, "beta", create("secret-b"))).status_code == 200
    own = await post(server, "alpha", JOBS, "main")
    assert len(own.json()["data"]["jobs"]["edges"]) == 2
    other = await post(server, "alpha", JOBS, "secret-b")
    nothing = await post(server, "alpha", JOBS, "never-made")
    assert other.status_code == nothing.status_code == 403
    assert (
        other.json()["errors"][0]["extensions"]
        == nothing.json()["errors"][0]["extensions"]
        == {"code": "FORBIDDEN"}
    )
    listed = await post(server, "alpha", "{ tenantConnections { name } }")
    assert listed.json()["data"] == {"tenantConnections": [{"name": "main"}]}
    # The static connection is the operator's: no tenant reaches it unless the config grants it.
    assert (await post(server, "alpha", JOBS, "demo")).status_code == 403


async def test_a_frontend_key_reads_one_connection_from_its_origin(server: dict[str, Any]) -> None:
    await create_main_and_front_key(server)
    preflight = await server["http"].options(
        "/graphql",
        headers={"Origin": "https://app.alpha.test", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.headers["access-control-allow-origin"] == "https://app.alpha.test"
    ok = await post(server, "front", JOBS, Origin="https://app.alpha.test")
    assert ok.json()["extensions"]["connection"] == "main"
    assert ok.headers["access-control-allow-origin"] == "https://app.alpha.test"
    assert (await post(server, "front", JOBS, Origin="https://evil.test")).status_code == 403
    mutation = await post(server, "front", create("sneaky"), Origin="https://app.alpha.test")
    assert mutation.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_readyz_checks_the_database(server: dict[str, Any]) -> None:
    ready = await server["http"].get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["database"] == "ok"


async def test_rejections_are_readable_from_allowed_origins(server: dict[str, Any]) -> None:
    await create_main_and_front_key(server)
    app_origin = "https://app.alpha.test"
    unknown = await post(server, "hg_live_abcdefabcdef_" + "A" * 43, JOBS, Origin=app_origin)
    assert unknown.status_code == 401
    assert unknown.headers["access-control-allow-origin"] == app_origin
    assert unknown.headers["www-authenticate"] == "Bearer"
    assert "origin" in unknown.headers["vary"].lower()
    missing = await post(server, None, JOBS, Origin=app_origin)
    assert missing.headers["access-control-allow-origin"] == app_origin
    forbidden = await post(server, "front", JOBS, "other", Origin=app_origin)
    assert forbidden.status_code == 403
    assert forbidden.headers["access-control-allow-origin"] == app_origin
    # An origin no key allows learns nothing: the browser keeps the answer from its page.
    for who in ("front", None):
        foreign = await post(server, who, JOBS, Origin="https://evil.test")
        assert foreign.status_code in (401, 403)
        assert "access-control-allow-origin" not in foreign.headers
    assert "access-control-allow-origin" not in (await post(server, None, JOBS)).headers
