"""Where tenants' connections, API keys and OAuth tokens live: SQLite or PostgreSQL.

``open_store(url)`` picks the backend from the URL (``sqlite:///path`` or
``postgresql://...``). Both run the same SQL (``?`` placeholders, rewritten for psycopg) and
the same versioned migrations (``tenancy/migrations``). Rows hold secrets only as
ciphertext (``tenancy/crypto.py``); this module never sees a plaintext credential.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from .migrations import BOOTSTRAP, MIGRATIONS, Migration

DEFAULT_DATABASE_URL: Final = "sqlite:///hiregraph.sqlite3"

Row = tuple[Any, ...]


class StoreError(Exception):
    """The database cannot be used (unreachable, wrong URL); the message never has a password."""


class Conflict(StoreError):
    """A row with that identity exists already (a connection name taken within the tenant)."""


@dataclass(frozen=True)
class StoredConnection:
    id: str
    tenant: str
    name: str
    provider: str
    base_url: str | None
    options: Mapping[str, Any]
    secret: str = field(repr=False)
    """The credentials, encrypted (``tenancy/crypto.py``)."""
    version: int = 1
    """Bumped on each credential change, so workers know to rebuild their adapter."""
    created_at: float = 0.0
    updated_at: float = 0.0


@dataclass(frozen=True)
class StoredKey:
    id: str
    tenant: str
    label: str
    salt: str = field(repr=False)
    digest: str = field(repr=False)
    connections: tuple[str, ...] = ()
    read_only: bool = False
    admin: bool = False
    origins: tuple[str, ...] = ()
    created_at: float = 0.0
    revoked_at: float | None = None


@dataclass(frozen=True)
class StoredToken:
    connection_id: str
    secret: str = field(repr=False)
    expires_at: float = 0.0
    version: int = 0


_CONNECTION_COLUMNS: Final = (
    "id, tenant, name, provider, base_url, options, secret, version, created_at, updated_at"
)
_KEY_COLUMNS: Final = (
    "id, tenant, label, salt, digest, connections, read_only, admin, origins, created_at, revoked_at"
)
SECRET_TABLES: Final = ("connections", "oauth_tokens")
_SECRET_IDS: Final = {"connections": "id", "oauth_tokens": "connection_id"}


def _connection(row: Row) -> StoredConnection:
    return StoredConnection(
        id=row[0],
        tenant=row[1],
        name=row[2],
        provider=row[3],
        base_url=row[4],
        options=json.loads(row[5]),
        secret=row[6],
        version=int(row[7]),
        created_at=float(row[8]),
        updated_at=float(row[9]),
    )


def _key(row: Row) -> StoredKey:
    return StoredKey(
        id=row[0],
        tenant=row[1],
        label=row[2],
        salt=row[3],
        digest=row[4],
        connections=tuple(json.loads(row[5])),
        read_only=bool(row[6]),
        admin=bool(row[7]),
        origins=tuple(json.loads(row[8])),
        created_at=float(row[9]),
        revoked_at=None if row[10] is None else float(row[10]),
    )


class Store(ABC):
    """The storage interface; one SQL dialect underneath, two drivers."""

    backend: str = ""

    # -- driver -------------------------------------------------------------------------
    @abstractmethod
    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    @abstractmethod
    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement in its own transaction; the number of rows it changed."""

    @abstractmethod
    async def _apply(self, pending: Sequence[Migration]) -> list[int]:
        """Apply the migrations not yet recorded, under a lock other processes respect."""

    @abstractmethod
    async def aclose(self) -> None:
        """Close the driver's connection."""

    # -- schema -------------------------------------------------------------------------
    async def migrate(self) -> list[int]:
        """Bring the schema up to date; the versions this call applied."""
        return await self._apply(MIGRATIONS)

    async def applied_versions(self) -> list[int]:
        rows = await self.fetch("SELECT version FROM schema_migrations ORDER BY version")
        return [int(r[0]) for r in rows]

    async def ping(self) -> None:
        await self.fetch("SELECT 1")

    # -- connections --------------------------------------------------------------------
    async def add_connection(self, c: StoredConnection) -> None:
        if await self.get_connection(c.tenant, c.name) is not None:
            raise Conflict(f"tenant '{c.tenant}' already has a connection named '{c.name}'")
        await self.execute(
            f"INSERT INTO connections ({_CONNECTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                c.id,
                c.tenant,
                c.name,
                c.provider,
                c.base_url,
                json.dumps(dict(c.options)),
                c.secret,
                c.version,
                c.created_at,
                c.updated_at,
            ),
        )

    async def get_connection(self, tenant: str, name: str) -> StoredConnection | None:
        rows = await self.fetch(
            f"SELECT {_CONNECTION_COLUMNS} FROM connections WHERE tenant = ? AND name = ?", (tenant, name)
        )
        return _connection(rows[0]) if rows else None

    async def list_connections(self, tenant: str | None = None) -> list[StoredConnection]:
        if tenant is None:
            rows = await self.fetch(f"SELECT {_CONNECTION_COLUMNS} FROM connections ORDER BY tenant, name")
        else:
            rows = await self.fetch(
                f"SELECT {_CONNECTION_COLUMNS} FROM connections WHERE tenant = ? ORDER BY name", (tenant,)
            )
        return [_connection(r) for r in rows]

    async def replace_connection_secret(self, c: StoredConnection, secret: str) -> StoredConnection | None:
        """New credentials for ``c`` if nobody changed it since it was read; the updated row."""
        now = time.time()
        changed = await self.execute(
            "UPDATE connections SET secret = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
            (secret, c.version + 1, now, c.id, c.version),
        )
        if not changed:
            return None
        await self.execute("DELETE FROM oauth_tokens WHERE connection_id = ?", (c.id,))
        return await self.get_connection(c.tenant, c.name)

    async def delete_connection(self, tenant: str, name: str) -> bool:
        found = await self.get_connection(tenant, name)
        if found is None:
            return False
        await self.execute("DELETE FROM oauth_tokens WHERE connection_id = ?", (found.id,))
        # What polling remembered and the webhooks are the connection's: a connection created
        # later under the same name starts afresh. Its event log stays until the retention
        # ends it, so cursors already handed out are never numbered again.
        for table in ("event_snapshots", "event_watermarks"):
            await self.execute(f"DELETE FROM {table} WHERE tenant = ? AND connection = ?", (tenant, name))
        await self.execute(
            "DELETE FROM webhook_deliveries WHERE subscription_id IN (SELECT id FROM webhook_subscriptions "
            "WHERE log_tenant = ? AND connection = ?)",
            (tenant, name),
        )
        await self.execute(
            "DELETE FROM webhook_subscriptions WHERE log_tenant = ? AND connection = ?", (tenant, name)
        )
        return await self.execute("DELETE FROM connections WHERE id = ?", (found.id,)) > 0

    # -- API keys -----------------------------------------------------------------------
    async def add_key(self, k: StoredKey) -> None:
        await self.execute(
            f"INSERT INTO api_keys ({_KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                k.id,
                k.tenant,
                k.label,
                k.salt,
                k.digest,
                json.dumps(list(k.connections)),
                int(k.read_only),
                int(k.admin),
                json.dumps(list(k.origins)),
                k.created_at,
                k.revoked_at,
            ),
        )

    async def get_key(self, key_id: str) -> StoredKey | None:
        rows = await self.fetch(f"SELECT {_KEY_COLUMNS} FROM api_keys WHERE id = ?", (key_id,))
        return _key(rows[0]) if rows else None

    async def list_keys(self, tenant: str | None = None) -> list[StoredKey]:
        if tenant is None:
            rows = await self.fetch(f"SELECT {_KEY_COLUMNS} FROM api_keys ORDER BY tenant, created_at")
        else:
            rows = await self.fetch(
                f"SELECT {_KEY_COLUMNS} FROM api_keys WHERE tenant = ? ORDER BY created_at", (tenant,)
            )
        return [_key(r) for r in rows]

    async def revoke_key(self, key_id: str, tenant: str | None = None) -> bool:
        """Revoke a live key (of ``tenant`` when given); False if there is no such live key."""
        sql = "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"
        params: tuple[Any, ...] = (time.time(), key_id)
        if tenant is not None:
            sql += " AND tenant = ?"
            params = (*params, tenant)
        return await self.execute(sql, params) > 0

    async def allowed_origins(self) -> set[str]:
        """Every origin some live key allows (for CORS preflights, which carry no key)."""
        rows = await self.fetch("SELECT origins FROM api_keys WHERE revoked_at IS NULL")
        return {o for r in rows for o in json.loads(r[0])}

    # -- OAuth tokens -------------------------------------------------------------------
    async def get_token(self, connection_id: str) -> StoredToken | None:
        rows = await self.fetch(
            "SELECT connection_id, secret, expires_at, version FROM oauth_tokens WHERE connection_id = ?",
            (connection_id,),
        )
        if not rows:
            return None
        r = rows[0]
        return StoredToken(r[0], r[1], float(r[2]), int(r[3]))

    async def put_token(self, connection_id: str, secret: str, expires_at: float, seen: int) -> bool:
        """Store a token if the stored one is still version ``seen`` (0: none); False if another
        worker refreshed first."""
        if seen == 0:
            try:
                await self.execute(
                    "INSERT INTO oauth_tokens (connection_id, secret, expires_at, version) VALUES (?, ?, ?, 1)",
                    (connection_id, secret, expires_at),
                )
            except Conflict:
                return False
            return True
        changed = await self.execute(
            "UPDATE oauth_tokens SET secret = ?, expires_at = ?, version = ? WHERE connection_id = ? AND version = ?",
            (secret, expires_at, seen + 1, connection_id, seen),
        )
        return changed > 0

    # -- key rotation -------------------------------------------------------------------
    async def secrets(self, table: str) -> list[tuple[str, str]]:
        """(row id, ciphertext) of every encrypted value in ``table`` (one of SECRET_TABLES)."""
        column = _SECRET_IDS[table]
        return [(r[0], r[1]) for r in await self.fetch(f"SELECT {column}, secret FROM {table}")]

    async def set_secret(self, table: str, row_id: str, old: str, new: str) -> bool:
        column = _SECRET_IDS[table]
        sql = f"UPDATE {table} SET secret = ? WHERE {column} = ? AND secret = ?"
        return await self.execute(sql, (new, row_id, old)) > 0


class SqliteStore(Store):
    """The embedded default: one file, no server. Calls run in a thread, one at a time."""

    backend = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the SQLite database {self.path}: {exc}") from None
        self._db.execute("PRAGMA journal_mode=WAL")

    def _run(self, sql: str, params: Sequence[Any]) -> tuple[list[Row], int]:
        with self._lock:
            try:
                cursor = self._db.execute(sql, tuple(params))
                return cursor.fetchall(), cursor.rowcount
            except sqlite3.IntegrityError as exc:
                raise Conflict("that row exists already") from exc

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        rows, _ = await asyncio.to_thread(self._run, sql, params)
        return rows

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        _, count = await asyncio.to_thread(self._run, sql, params)
        return count

    def _apply_sync(self, migrations: Sequence[Migration]) -> list[int]:
        with self._lock:
            self._db.execute(BOOTSTRAP)
            # IMMEDIATE takes the write lock now, so two processes cannot both apply a version.
            self._db.execute("BEGIN IMMEDIATE")
            try:
                done = {r[0] for r in self._db.execute("SELECT version FROM schema_migrations")}
                applied = []
                for m in migrations:
                    if m.version in done:
                        continue
                    for statement in m.statements:
                        self._db.execute(statement)
                    self._db.execute(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                        (m.version, m.name, time.time()),
                    )
                    applied.append(m.version)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            return applied

    async def _apply(self, pending: Sequence[Migration]) -> list[int]:
        return await asyncio.to_thread(self._apply_sync, pending)

    async def aclose(self) -> None:
        with self._lock:
            self._db.close()


def open_store(url: str | None) -> Store:
    """The store a database URL names (None: the embedded SQLite file in the working directory)."""
    url = url or DEFAULT_DATABASE_URL
    if url.startswith("sqlite:///"):
        return SqliteStore(url.removeprefix("sqlite:///") or ":memory:")
    if url.startswith(("postgresql://", "postgres://")):
        from .store_postgres import PostgresStore

        return PostgresStore(url)
    raise StoreError("HIREGRAPH_DATABASE_URL must start with sqlite:/// or postgresql://")
