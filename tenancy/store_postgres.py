"""The PostgreSQL store (``HIREGRAPH_DATABASE_URL=postgresql://...``), for several workers and hosts.

One connection per process, in autocommit, used one statement at a time: authentication
results are cached by ``tenancy/access.py``, so the database sees few queries per request.
Migrations run under a transaction-scoped advisory lock, so workers starting together apply
each version once.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg import sql as pgsql

from .migrations import BOOTSTRAP, Migration
from .store import Conflict, Row, Store, StoreError

_MIGRATION_LOCK = 0x6869_7265  # any constant all workers share
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def describe(url: str) -> str:
    """Where a URL points, without its user's password."""
    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path or ''}"


class PostgresStore(Store):
    backend = "postgresql"

    def __init__(self, url: str, *, schema: str | None = None) -> None:
        if schema is not None and not _SCHEMA_NAME.match(schema):
            raise StoreError("a PostgreSQL schema name is lowercase letters, digits and underscores")
        self.url = url
        self.schema = schema
        self._conn: psycopg.AsyncConnection[Row] | None = None
        self._lock = asyncio.Lock()

    async def _connection(self) -> psycopg.AsyncConnection[Row]:
        if self._conn is not None and not self._conn.closed:
            return self._conn
        try:
            conn = await psycopg.AsyncConnection.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.Error:
            raise StoreError(f"cannot connect to PostgreSQL at {describe(self.url)}") from None
        if self.schema is not None:
            name = pgsql.Identifier(self.schema)
            await conn.execute(pgsql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(name))
            await conn.execute(pgsql.SQL("SET search_path TO {}").format(name))
        self._conn = conn
        return conn

    @staticmethod
    def _sql(statement: str) -> str:
        # The shared SQL uses sqlite's ``?``; psycopg wants ``%s`` (no query has a literal % or ?).
        return statement.replace("?", "%s")

    async def _run(self, statement: str, params: Sequence[Any]) -> tuple[list[Row], int]:
        async with self._lock:
            conn = await self._connection()
            try:
                cursor = await conn.execute(self._sql(statement), tuple(params))
            except psycopg.errors.UniqueViolation as exc:
                raise Conflict("that row exists already") from exc
            except psycopg.OperationalError:
                await conn.close()
                raise StoreError(f"lost the PostgreSQL connection to {describe(self.url)}") from None
            rows = await cursor.fetchall() if cursor.description is not None else []
            return rows, cursor.rowcount

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        rows, _ = await self._run(sql, params)
        return rows

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        _, count = await self._run(sql, params)
        return count

    async def _apply(self, pending: Sequence[Migration]) -> list[int]:
        async with self._lock:
            conn = await self._connection()
            applied: list[int] = []
            async with conn.transaction():
                await conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                await conn.execute(BOOTSTRAP)
                cursor = await conn.execute("SELECT version FROM schema_migrations")
                done = {r[0] for r in await cursor.fetchall()}
                for m in pending:
                    if m.version in done:
                        continue
                    for statement in m.statements:
                        await conn.execute(statement)
                    await conn.execute(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (%s, %s, %s)",
                        (m.version, m.name, time.time()),
                    )
                    applied.append(m.version)
            return applied

    async def drop_schema(self) -> None:
        """Drop this store's schema and everything in it (tests use one schema per run)."""
        if self.schema is None:
            raise StoreError("only a store opened with its own schema can drop it")
        async with self._lock:
            conn = await self._connection()
            await conn.execute(
                pgsql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(pgsql.Identifier(self.schema))
            )

    async def aclose(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None
