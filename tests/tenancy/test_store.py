from __future__ import annotations

import asyncio
import time

import pytest

from tenancy.migrations import MIGRATIONS
from tenancy.store import Conflict, Store, StoredConnection, StoreError, open_store
from tenancy.store_postgres import PostgresStore

from .services import POSTGRES_URL, unique


def _conn(tenant: str, name: str, secret: str = "ciphertext") -> StoredConnection:
    now = time.time()
    return StoredConnection(
        id=f"{tenant}-{name}",
        tenant=tenant,
        name=name,
        provider="sandbox",
        base_url=None,
        options={"seed": 7},
        secret=secret,
        created_at=now,
        updated_at=now,
    )


async def test_migrations_are_recorded_and_applied_once(store: Store) -> None:
    assert await store.applied_versions() == [m.version for m in MIGRATIONS]
    assert await store.migrate() == []
    assert await store.applied_versions() == [m.version for m in MIGRATIONS]


async def test_connection_names_are_per_tenant(store: Store) -> None:
    await store.add_connection(_conn("a", "main"))
    await store.add_connection(_conn("b", "main"))
    with pytest.raises(Conflict):
        await store.add_connection(_conn("a", "main"))
    assert [c.tenant for c in await store.list_connections()] == ["a", "b"]
    assert [c.name for c in await store.list_connections("b")] == ["main"]
    found = await store.get_connection("a", "main")
    assert found is not None
    assert found.options == {"seed": 7}
    assert await store.get_connection("c", "main") is None


async def test_secret_replacement_is_compare_and_set(store: Store) -> None:
    await store.add_connection(_conn("a", "main"))
    first = await store.get_connection("a", "main")
    assert first is not None
    updated = await store.replace_connection_secret(first, "new")
    assert updated is not None
    assert updated.version == 2
    assert updated.secret == "new"
    # A second writer that read version 1 loses instead of overwriting.
    assert await store.replace_connection_secret(first, "stale") is None
    assert await store.delete_connection("a", "main")
    assert not await store.delete_connection("a", "main")


async def test_tokens_are_versioned(store: Store) -> None:
    assert await store.put_token("c1", "t1", 100.0, seen=0)
    assert not await store.put_token("c1", "t-other", 100.0, seen=0)
    assert await store.put_token("c1", "t2", 200.0, seen=1)
    assert not await store.put_token("c1", "t3", 300.0, seen=1)
    token = await store.get_token("c1")
    assert token is not None
    assert (token.secret, token.expires_at, token.version) == ("t2", 200.0, 2)


async def test_concurrent_migrations_apply_each_version_once(pg_store: PostgresStore) -> None:
    others = [PostgresStore(POSTGRES_URL, schema=pg_store.schema) for _ in range(3)]
    try:
        results = await asyncio.gather(*(o.migrate() for o in others))
        assert results == [[], [], []]
    finally:
        for o in others:
            await o.aclose()
    fresh = PostgresStore(POSTGRES_URL, schema=unique("hg_test"))
    racing = [PostgresStore(POSTGRES_URL, schema=fresh.schema) for _ in range(3)]
    try:
        await fresh.ping()  # creates the schema, so the racers share it
        results = await asyncio.gather(*(r.migrate() for r in racing))
        assert sorted(len(r) for r in results) == [0, 0, len(MIGRATIONS)]
    finally:
        for r in racing:
            await r.aclose()
        await fresh.drop_schema()
        await fresh.aclose()


def test_unknown_database_url_is_refused() -> None:
    with pytest.raises(StoreError, match="sqlite:/// or postgresql://"):
        open_store("mysql://root:hunter2@db/x")


async def test_unreachable_postgres_error_has_no_password() -> None:
    store = PostgresStore("postgresql://app:s3cr3t-pw@127.0.0.1:1/db")
    with pytest.raises(StoreError) as info:
        await store.ping()
    assert "s3cr3t-pw" not in str(info.value)
    assert "127.0.0.1:1/db" in str(info.value)
