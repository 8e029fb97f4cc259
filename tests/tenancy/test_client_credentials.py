"""Stored Greenhouse Harvest v3 connections: client-credentials tokens exchanged at the
simulator's ``/token``, stored encrypted, shared by workers, renewed before expiry."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from providers.errors import ProviderAuthError
from providers.greenhouse.simulator import create_simulator, simulator_transport
from providers.query import ListQuery
from providers.records import Resource
from providers.registry import PROVIDERS
from providers.sandbox.dataset import dataset
from tenancy.connections import error_code
from tenancy.oauth import Token
from tenancy.runtime import Tenancy
from tenancy.store import Store, StoredConnection

BASE = "http://harvest.sim"
V3 = {"client_id": "sim-client", "client_secret": "sim-secret-7d", "user_id": "4242"}


class Worker:
    """One worker's view: its own ``Tenancy`` over the shared store and the simulator."""

    def __init__(self, tenancy: Tenancy) -> None:
        self.tenancy = tenancy

    async def list_users(self, conn: StoredConnection) -> int:
        adapter = await self.tenancy.source.adapter(conn)
        page = await adapter.list(Resource.USER, ListQuery(page_size=2))
        return len(page.records)


@pytest.fixture
def simulator() -> Any:
    return create_simulator(dataset(7, 60), credentials=V3)


@pytest.fixture
async def workers(store: Store, secret_keys: str, simulator: Any) -> AsyncIterator[list[Worker]]:
    async with httpx.AsyncClient(transport=simulator_transport(simulator), timeout=5.0) as http:
        opened = [
            # The simulator is this test's upstream: stored connections must use ``http`` as given.
            await Tenancy.open(
                http,
                PROVIDERS,
                environ={"HIREGRAPH_SECRET_KEYS": secret_keys},
                store=store,
                allow_private_upstreams=True,
            )
            for _ in range(2)
        ]
        yield [Worker(t) for t in opened]
        for t in opened:
            await t.source.aclose()


def exchanges(simulator: Any) -> int:
    """Tokens the simulator has issued (one per successful ``/token`` call)."""
    return len(simulator.state.simulator.tokens)


async def _create(worker: Worker) -> StoredConnection:
    return await worker.tenancy.connections.create(
        "acme", "gh3", "greenhouse", V3, base_url=BASE, options={"token_url": f"{BASE}/token"}
    )


async def test_the_token_is_stored_encrypted_and_shared_by_workers(
    workers: list[Worker], simulator: Any
) -> None:
    one, two = workers
    conn = await _create(one)
    after_probe = exchanges(simulator)
    assert await one.list_users(conn) == 2
    assert exchanges(simulator) == after_probe + 1
    row = await one.tenancy.store.get_token(conn.id)
    assert row is not None
    access = one.tenancy.box.decrypt(row.secret)["access_token"]
    assert access in simulator.state.simulator.tokens
    assert access not in row.secret
    assert V3["client_secret"] not in row.secret
    # The other worker reads the stored token instead of exchanging its own.
    assert await two.list_users(conn) == 2
    assert await one.list_users(conn) == 2
    assert exchanges(simulator) == after_probe + 1


async def test_a_token_near_expiry_is_renewed_once_for_all_workers(
    workers: list[Worker], simulator: Any
) -> None:
    one, two = workers
    conn = await _create(one)
    await one.list_users(conn)
    row = await one.tenancy.store.get_token(conn.id)
    assert row is not None
    old = one.tenancy.box.decrypt(row.secret)["access_token"]
    await one.tenancy.source.tokens.save(conn.id, Token(old, "", time.time() + 30), seen=row.version)
    # Fresh adapters: neither worker holds the token in memory.
    for w in workers:
        w.tenancy.source.forget(conn.id)
    before = exchanges(simulator)
    assert await asyncio.gather(one.list_users(conn), two.list_users(conn)) == [2, 2]
    assert exchanges(simulator) == before + 1
    row = await one.tenancy.store.get_token(conn.id)
    assert row is not None
    assert one.tenancy.box.decrypt(row.secret)["access_token"] != old
    assert row.expires_at > time.time() + 3000


async def test_a_revoked_token_is_renewed_on_401(workers: list[Worker], simulator: Any) -> None:
    one, two = workers
    conn = await _create(one)
    await one.list_users(conn)
    await two.list_users(conn)
    simulator.state.simulator.tokens.clear()
    assert await one.list_users(conn) == 2
    # The other worker's 401 finds the token already replaced and uses it.
    assert await two.list_users(conn) == 2
    assert exchanges(simulator) == 1


async def test_a_refused_exchange_is_upstream_auth_failed(workers: list[Worker], simulator: Any) -> None:
    one, _ = workers
    conn = await _create(one)
    simulator.state.simulator.credentials["client_secret"] = "revoked"
    with pytest.raises(ProviderAuthError) as info:
        await one.list_users(conn)
    assert error_code(info.value) == "UPSTREAM_AUTH_FAILED"
    assert "refused (HTTP 401)" in info.value.message
    assert V3["client_secret"] not in info.value.message
    result = await one.tenancy.connections.test("acme", "gh3")
    assert (result.ok, result.code) == (False, "UPSTREAM_AUTH_FAILED")


async def test_rotating_the_credentials_discards_the_stored_token(
    workers: list[Worker], simulator: Any
) -> None:
    one, two = workers
    conn = await _create(one)
    await one.list_users(conn)
    before = exchanges(simulator)
    await one.tenancy.connections.rotate("acme", "gh3", V3, validate=False)
    rotated = await one.tenancy.connections.get("acme", "gh3")
    assert await two.list_users(rotated) == 2
    assert exchanges(simulator) == before + 1


async def test_while_another_worker_renews_the_old_token_is_used(
    workers: list[Worker], simulator: Any
) -> None:
    one, two = workers
    conn = await _create(one)
    await one.list_users(conn)
    row = await one.tenancy.store.get_token(conn.id)
    assert row is not None
    old = one.tenancy.box.decrypt(row.secret)["access_token"]
    now = time.time()
    leased = Token(old, "", now + 30, renewing_until=now + 10)
    await one.tenancy.source.tokens.save(conn.id, leased, seen=row.version)
    before = exchanges(simulator)
    assert await two.list_users(conn) == 2
    assert exchanges(simulator) == before


async def test_a_refused_renewal_frees_its_lease(workers: list[Worker], simulator: Any) -> None:
    one, _ = workers
    conn = await _create(one)
    await one.list_users(conn)
    row = await one.tenancy.store.get_token(conn.id)
    assert row is not None
    old = one.tenancy.box.decrypt(row.secret)["access_token"]
    await one.tenancy.source.tokens.save(conn.id, Token(old, "", time.time() - 1), seen=row.version)
    one.tenancy.source.forget(conn.id)
    simulator.state.simulator.credentials["client_secret"] = "revoked"
    with pytest.raises(ProviderAuthError):
        await one.list_users(conn)
    row = await one.tenancy.store.get_token(conn.id)
    assert row is not None
    assert "renewing_until" not in one.tenancy.box.decrypt(row.secret)
