"""One poller per connection across workers: the polling lease, on the real PostgreSQL
(advisory lock), the real Redis (``SET NX PX``) and in process. Two workers: only one polls a
connection; when the first stops or dies (killed, in another process), the second takes over."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from redis import asyncio as aioredis

from providers.base import Connection, ProviderAdapter
from providers.query import ListQuery, Page
from providers.records import Record, Resource
from providers.sandbox import SandboxAdapter
from tenancy.events.lease import Lease, LocalLease, PostgresLease, RedisLease
from tenancy.events.service import EventService, Targets
from tenancy.events.types import LogScope
from tenancy.store import SqliteStore, Store
from tenancy.store_postgres import PostgresStore

from .services import POSTGRES_URL, REDIS_URL, need, unique

ROOT = Path(__file__).resolve().parents[2]
SCOPE = LogScope("acme", "main")
OTHER = LogScope("acme", "other")
TTL_S = 0.5
"""Short, so a dead Redis holder's lease expires within the test."""


@dataclass
class Backend:
    name: str
    schema: str

    def lease(self) -> Lease:
        if self.name == "postgresql":
            return PostgresLease(POSTGRES_URL, self.schema)
        if self.name == "redis":
            return RedisLease(aioredis.Redis.from_url(REDIS_URL), f"{self.schema}:", TTL_S)
        return LocalLease(TTL_S, TABLES.setdefault(self.schema, {}))

    def holder_script(self) -> str:
        """Python that takes ``SCOPE``'s lease, says so, and waits to be killed."""
        made = {
            "postgresql": f"PostgresLease({POSTGRES_URL!r}, {self.schema!r})",
            "redis": f"RedisLease(aioredis.Redis.from_url({REDIS_URL!r}), {self.schema + ':'!r}, {TTL_S})",
        }[self.name]
        return (
            "import asyncio, sys\n"
            "from redis import asyncio as aioredis\n"
            "from tenancy.events.lease import PostgresLease, RedisLease\n"
            "from tenancy.events.types import LogScope\n"
            "async def main():\n"
            f"    lease = {made}\n"
            f"    assert await lease.hold(LogScope({SCOPE.tenant!r}, {SCOPE.connection!r}))\n"
            "    print('held', flush=True)\n"
            "    await asyncio.sleep(3600)\n"
            "asyncio.run(main())\n"
        )


TABLES: dict[str, dict[str, tuple[str, float]]] = {}


@pytest.fixture(params=["postgresql", "redis", "local"])
def backend(request: pytest.FixtureRequest) -> Backend:
    if request.param == "postgresql":
        need("PostgreSQL", "127.0.0.1", 5432)
    if request.param == "redis":
        need("Redis", "127.0.0.1", 6379)
    return Backend(request.param, unique("hg_lease"))


async def _done(*leases: Lease) -> None:
    for lease in leases:
        await lease.release()
        if isinstance(lease, RedisLease):
            await lease.redis.aclose()


async def _take_over(lease: Lease, within_s: float = 10.0) -> None:
    async with asyncio.timeout(within_s):
        while True:
            if await lease.hold(SCOPE):
                return
            await asyncio.sleep(0.05)


async def test_one_holder_at_a_time_and_a_stop_hands_over(backend: Backend) -> None:
    first, second = backend.lease(), backend.lease()
    try:
        assert await first.hold(SCOPE)
        assert not await second.hold(SCOPE)
        assert await first.hold(SCOPE)  # renewed: still the first's
        assert not await second.hold(SCOPE)
        assert await second.hold(OTHER)  # each connection has its own lease
        assert not await first.hold(OTHER)
        await first.release()
        assert await second.hold(SCOPE)
        assert not await first.hold(SCOPE)
    finally:
        await _done(first, second)


async def test_a_held_lease_outlives_a_wait_shorter_than_its_ttl_only_if_renewed(backend: Backend) -> None:
    if backend.name == "postgresql":
        pytest.skip("an advisory lock does not expire: it lasts as long as its holder's session")
    first, second = backend.lease(), backend.lease()
    try:
        assert await first.hold(SCOPE)
        await asyncio.sleep(TTL_S * 1.5)  # the first stopped renewing (hung, or gone)
        assert await second.hold(SCOPE)
        assert not await first.hold(SCOPE)
    finally:
        await _done(first, second)


async def test_a_killed_holder_hands_over_to_the_next_worker(backend: Backend) -> None:
    if backend.name == "local":
        pytest.skip("an in-process lease cannot outlive its process: there is no other worker")
    holder = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        backend.holder_script(),
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=asyncio.subprocess.PIPE,
    )
    second = backend.lease()
    try:
        assert holder.stdout is not None
        assert await asyncio.wait_for(holder.stdout.readline(), 30) == b"held\n"
        assert not await second.hold(SCOPE)
        holder.send_signal(signal.SIGKILL)  # no shutdown: the lease is never released
        await holder.wait()
        await _take_over(second)
    finally:
        if holder.returncode is None:
            holder.kill()
            await holder.wait()
        await _done(second)


# -- two workers' event services: only one polls ------------------------------------------------


class Counting(SandboxAdapter):
    polls = 0

    async def list(self, resource: Resource, query: ListQuery) -> Page[Record]:
        self.polls += 1
        return await super().list(resource, query)


@pytest.fixture(params=["postgresql", "redis"])
async def two_workers(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[list[EventService]]:
    """Two workers' services as ``EventService.open`` makes them: on PostgreSQL (one schema),
    or on one SQLite file with Redis configured."""
    schema = unique("hg_lease")
    stores: list[Store]
    environ = {"HIREGRAPH_EVENTS_POLL": "*", "HIREGRAPH_EVENTS_POLL_LEASE_S": str(TTL_S)}
    if request.param == "postgresql":
        need("PostgreSQL", "127.0.0.1", 5432)
        stores = [PostgresStore(POSTGRES_URL, schema=schema), PostgresStore(POSTGRES_URL, schema=schema)]
    else:
        need("Redis", "127.0.0.1", 6379)
        stores = [SqliteStore(tmp_path / "shared.sqlite3"), SqliteStore(tmp_path / "shared.sqlite3")]
        environ |= {"HIREGRAPH_REDIS_URL": REDIS_URL, "HIREGRAPH_REDIS_PREFIX": f"{schema}:"}
    await stores[0].migrate()
    services = [await EventService.open(s, environ) for s in stores]
    kind = PostgresLease if request.param == "postgresql" else RedisLease
    assert all(isinstance(s.lease, kind) for s in services)
    try:
        yield services
    finally:
        for service in services:
            await service.aclose()
        if isinstance(stores[0], PostgresStore):
            await stores[0].drop_schema()
        for store in stores:
            await store.aclose()


async def test_only_one_worker_polls_a_connection_and_the_other_takes_over(
    two_workers: list[EventService],
) -> None:
    adapters = [Counting(Connection("main", "sandbox", options={"seed": 7, "size": 20})) for _ in two_workers]

    def targets(i: int) -> Targets:
        async def found() -> list[tuple[LogScope, ProviderAdapter]]:
            return [(SCOPE, adapters[i])]

        return found

    first, second = two_workers
    for _ in range(3):
        await first.poll_round(targets(0))
        await second.poll_round(targets(1))
    assert adapters[0].polls > 0
    assert adapters[1].polls == 0

    await first.aclose()  # the first worker stops
    await second.poll_round(targets(1))
    assert adapters[1].polls > 0
