"""The idempotency records' store, on SQLite, PostgreSQL and in process: one claim wins,
expired records are forgotten, and states change only as told."""

from __future__ import annotations

import asyncio
import time

import pytest

from tenancy.idempotency import (
    DatabaseIdempotency,
    IdempotencyRecord,
    IdempotencyStore,
    InProcessIdempotency,
    record_id,
)
from tenancy.store import Store
from tenancy.store_postgres import PostgresStore

from .services import POSTGRES_URL


def _record(key: str, fingerprint: str = "f1", *, age: float = 0.0, ttl: float = 60.0) -> IdempotencyRecord:
    now = time.time() - age
    return IdempotencyRecord(
        record_id("acme", key),
        "acme",
        fingerprint,
        "pending",
        "createCandidate",
        "main",
        None,
        None,
        now,
        now,
        now + ttl,
    )


@pytest.fixture(params=["database", "in process"])
def records(request: pytest.FixtureRequest, store: Store) -> IdempotencyStore:
    return DatabaseIdempotency(store) if request.param == "database" else InProcessIdempotency()


async def test_the_first_claim_wins_and_later_ones_see_it(records: IdempotencyStore) -> None:
    assert await records.claim(_record("k")) is None
    found = await records.claim(_record("k", "f2"))
    assert found is not None
    assert (found.fingerprint, found.state) == ("f1", "pending")
    assert await records.settle(found.id, "done", {"resource": "candidate", "id": "c1"}, "c1")
    done = await records.get(found.id)
    assert done is not None
    assert (done.state, done.result, done.target) == ("done", {"resource": "candidate", "id": "c1"}, "c1")
    assert await records.list_state("done", "acme") == [done]
    assert await records.list_state("done", "other") == []


async def test_an_expired_record_is_forgotten_and_the_key_is_free(records: IdempotencyStore) -> None:
    old = _record("k", age=120.0, ttl=60.0)
    assert await records.claim(old) is None
    # Claiming purges what has expired first: the key is taken afresh.
    assert await records.claim(_record("k", "f2")) is None
    fresh = await records.get(old.id)
    assert fresh is not None
    assert fresh.fingerprint == "f2"


async def test_release_frees_the_key(records: IdempotencyStore) -> None:
    first = _record("k")
    assert await records.claim(first) is None
    assert await records.release(first.id)
    assert not await records.release(first.id)
    assert not await records.settle(first.id, "done")
    assert await records.claim(_record("k", "f2")) is None


async def test_many_postgresql_stores_racing_for_one_key_one_wins(pg_store: PostgresStore) -> None:
    others = [PostgresStore(POSTGRES_URL, schema=pg_store.schema) for _ in range(3)]
    try:
        stores = [DatabaseIdempotency(s) for s in (pg_store, *others)]
        results = await asyncio.gather(
            *(s.claim(_record("race", f"f{i % 2}")) for i, s in enumerate(stores * 3))
        )
    finally:
        for other in others:
            await other.aclose()
    assert sum(r is None for r in results) == 1
    winner = await stores[0].get(record_id("acme", "race"))
    assert winner is not None
    assert all(r is None or r.fingerprint == winner.fingerprint for r in results)
