from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from providers.registry import PROVIDERS
from tenancy.crypto import SecretBox, generate_key
from tenancy.runtime import Tenancy
from tenancy.store import SqliteStore, Store
from tenancy.store_postgres import PostgresStore

from .services import POSTGRES_URL, need, unique


@pytest.fixture
async def sqlite_store(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    store = SqliteStore(tmp_path / "hiregraph.sqlite3")
    await store.migrate()
    yield store
    await store.aclose()


@pytest.fixture
async def pg_store() -> AsyncIterator[PostgresStore]:
    need("PostgreSQL", "127.0.0.1", 5432)
    store = PostgresStore(POSTGRES_URL, schema=unique("hg_test"))
    await store.migrate()
    yield store
    await store.drop_schema()
    await store.aclose()


@pytest.fixture(params=["sqlite", "postgresql"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    if request.param == "sqlite":
        store: Store = SqliteStore(tmp_path / "hiregraph.sqlite3")
    else:
        need("PostgreSQL", "127.0.0.1", 5432)
        store = PostgresStore(POSTGRES_URL, schema=unique("hg_test"))
    await store.migrate()
    yield store
    if isinstance(store, PostgresStore):
        await store.drop_schema()
    await store.aclose()


@pytest.fixture
def secret_keys() -> str:
    return generate_key()


@pytest.fixture
async def tenancy(store: Store, secret_keys: str) -> AsyncIterator[Tenancy]:
    async with httpx.AsyncClient() as http:
        t = await Tenancy.open(http, PROVIDERS, environ={"HIREGRAPH_SECRET_KEYS": secret_keys}, store=store)
        yield t
        await t.source.aclose()


@pytest.fixture
def box(secret_keys: str) -> SecretBox:
    return SecretBox([secret_keys])
