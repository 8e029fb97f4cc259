"""One poller per connection across workers: before polling a connection, a worker takes (or
renews) its lease; a worker that does not hold it skips that connection this round.

- ``PostgresLease`` (the store is PostgreSQL): a session advisory lock on a connection of the
  lease's own, keyed by the store's schema and the log's scope. PostgreSQL releases it when
  that session ends, so a worker that dies (killed, its machine gone) hands over as soon as
  the server sees its socket close.
- ``RedisLease`` (Redis configured, SQLite store): ``SET key owner NX PX ttl``, renewed by the
  holder each round; a dead holder's key expires after ``ttl`` and the next worker takes it.
  With Redis unreachable every worker polls (the log's dedupe keeps that correct, only
  wasteful) rather than none.
- ``LocalLease`` otherwise: the same owner-and-expiry rule in this process's memory (one
  worker; several services in one process share it).

Polling stays correct without a lease (every change has one key), so a lost lease costs
wasted polls, never a lost or doubled event.
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from abc import ABC, abstractmethod
from typing import Final

import psycopg
from psycopg import sql as pgsql
from redis import asyncio as aioredis
from redis.exceptions import RedisError

from .types import LogScope

log = logging.getLogger("hiregraph.events.lease")

_RENEW: Final = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0"
_RELEASE: Final = (
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"
)


def lease_key(scope: LogScope) -> str:
    return f"poll:{scope.tenant}/{scope.connection}"


class Lease(ABC):
    """Who polls a connection."""

    def __init__(self) -> None:
        self.owner = uuid.uuid4().hex
        """This worker's token (unique per process and service)."""

    @abstractmethod
    async def hold(self, scope: LogScope) -> bool:
        """Take or renew the lease of ``scope``'s connection: True when this worker holds it."""

    @abstractmethod
    async def release(self) -> None:
        """Give up every lease held (a graceful stop hands over at once)."""


_LOCAL: dict[str, tuple[str, float]] = {}
"""The in-process leases: key -> (owner, expiry on the monotonic clock)."""


class LocalLease(Lease):
    def __init__(self, ttl_s: float, table: dict[str, tuple[str, float]] | None = None) -> None:
        super().__init__()
        self.ttl_s = ttl_s
        self.table = _LOCAL if table is None else table

    async def hold(self, scope: LogScope) -> bool:
        key, now = lease_key(scope), time.monotonic()
        holder = self.table.get(key)
        if holder is not None and holder[0] != self.owner and holder[1] > now:
            return False
        self.table[key] = (self.owner, now + self.ttl_s)
        return True

    async def release(self) -> None:
        for key in [k for k, (owner, _) in self.table.items() if owner == self.owner]:
            del self.table[key]


class RedisLease(Lease):
    def __init__(self, redis: aioredis.Redis, prefix: str, ttl_s: float) -> None:
        super().__init__()
        self.redis = redis
        self.prefix = prefix
        self.ttl_ms = max(1, int(ttl_s * 1000))
        self._held: set[str] = set()

    async def hold(self, scope: LogScope) -> bool:
        key = f"{self.prefix}{lease_key(scope)}"
        try:
            if await self.redis.set(key, self.owner, nx=True, px=self.ttl_ms):
                held = True
            else:
                held = bool(await self.redis.eval(_RENEW, 1, key, self.owner, self.ttl_ms))
        except RedisError as exc:
            log.warning("cannot reach Redis for the polling lease (%s); polling anyway", type(exc).__name__)
            return True
        (self._held.add if held else self._held.discard)(key)
        return held

    async def release(self) -> None:
        for key in self._held:
            try:
                await self.redis.eval(_RELEASE, 1, key, self.owner)
            except RedisError:
                return  # the keys expire by themselves
        self._held.clear()


class PostgresLease(Lease):
    def __init__(self, url: str, schema: str | None = None) -> None:
        super().__init__()
        self.url = url
        self.schema = schema
        self._conn: psycopg.AsyncConnection[tuple[object, ...]] | None = None
        self._held: set[str] = set()

    async def _session(self) -> psycopg.AsyncConnection[tuple[object, ...]]:
        if self._conn is not None and not self._conn.closed:
            return self._conn
        # A new session holds nothing: whatever the old one held was released with it.
        self._held.clear()
        conn = await psycopg.AsyncConnection.connect(self.url, autocommit=True, connect_timeout=10)
        if self.schema is not None:
            await conn.execute(pgsql.SQL("SET search_path TO {}").format(pgsql.Identifier(self.schema)))
        self._conn = conn
        return conn

    async def hold(self, scope: LogScope) -> bool:
        key = lease_key(scope)
        try:
            conn = await self._session()
            if key in self._held:
                await conn.execute("SELECT 1")  # the session (and so the lock) is still there
                return True
            # Keyed by schema too: stores of several schemas may share one database.
            cursor = await conn.execute(
                "SELECT pg_try_advisory_lock(hashtext(COALESCE(%s, current_schema(), '')), hashtext(%s))",
                (self.schema, key),
            )
            row = await cursor.fetchone()
        except psycopg.Error as exc:
            log.warning("cannot take the polling lease in PostgreSQL (%s)", type(exc).__name__)
            if self._conn is not None:
                await self._conn.close()
            self._held.clear()
            return False
        if row is not None and row[0] is True:
            self._held.add(key)
            return True
        return False

    async def release(self) -> None:
        if self._conn is not None:
            # Unlocked before closing: a closed session's locks go only when its backend exits.
            with contextlib.suppress(psycopg.Error):
                await self._conn.execute("SELECT pg_advisory_unlock_all()")
            await self._conn.close()
            self._conn = None
        self._held.clear()
