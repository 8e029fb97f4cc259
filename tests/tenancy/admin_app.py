"""The real app with stored connections, and one tenant admin key, for the admin mutation tests."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.app import create_app
from graph.settings import parse_settings
from tenancy.crypto import generate_key
from tenancy.keys import Scopes, issue_key
from tenancy.store import SqliteStore

CONFIG: Mapping[str, Any] = {
    "connections": {"demo": {"provider": "sandbox", "seed": 7, "size": 20}},
    # One attempt per call: a refused upstream then fails at once, without backoff.
    "upstream": {"max_attempts": 1},
}
CREATE = """
mutation($input: CreateConnectionInput!) {
  createConnection(input: $input) { name provider }
}"""
DELETE = "mutation($name: String!) { deleteConnection(name: $name) }"
TEST = "mutation($name: String!) { testConnection(name: $name) { ok message code } }"


@dataclass
class AdminApp:
    http: httpx.AsyncClient
    key: str
    app: Any

    async def post(self, query: str, **variables: Any) -> dict[str, Any]:
        response = await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {self.key}"},
        )
        body: dict[str, Any] = response.json()
        return body

    async def create(self, **input: Any) -> dict[str, Any]:
        return await self.post(CREATE, input={"credentials": [], **input})


def error(body: Mapping[str, Any]) -> tuple[str, str]:
    """The one error of ``body``: (code, message)."""
    (only,) = body["errors"]
    return str(only["extensions"]["code"]), str(only["message"])


@contextlib.asynccontextmanager
async def admin_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tenant: str = "acme"
) -> AsyncIterator[AdminApp]:
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    db = tmp_path / "admin.sqlite3"
    store = SqliteStore(db)
    await store.migrate()
    key = (await issue_key(store, Scopes(tenant, admin=True))).key
    await store.aclose()
    app = create_app(parse_settings(CONFIG), database_url=f"sqlite:///{db}", require_keys=True)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hiregraph.test") as http:
            yield AdminApp(http, key, app)
