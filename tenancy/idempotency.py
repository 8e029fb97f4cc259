"""Where idempotency records of writes live: the tenancy database, or this process.

A record is keyed by ``record_id(tenant, key)`` (a client's key is unique within its tenant)
and holds the fingerprint of the write it was first used for, its state and, once done,
what it changed. The write path (``resolvers/writes/idempotency.py``) decides; this module
only stores, with one primitive that decides races: :meth:`IdempotencyStore.claim` inserts a
pending record or returns the one already there. On the database that is the primary key
(so every worker and every process agrees, exactly one claim wins); in process it is a dict
on the one event loop.

States: ``pending`` (a write is under way), ``done`` (``result`` says what it changed) and
``unknown`` (the request may have reached the provider, and nobody knows whether it was
applied: it stays so until the operator reconciles it, ``hiregraph idempotency``).
"""

from __future__ import annotations

import hashlib
import json
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from typing import Any, Final, Literal

from .store import Conflict, Row, Store

State = Literal["pending", "done", "unknown"]

_COLUMNS: Final = (
    "id, tenant, fingerprint, state, mutation, connection, target, result, created_at, updated_at, expires_at"
)


def record_id(tenant: str, key: str) -> str:
    """The stored id of ``key`` within ``tenant`` (the key itself is not kept)."""
    return hashlib.sha256(f"{tenant}\0{key}".encode()).hexdigest()


@dataclass(frozen=True)
class IdempotencyRecord:
    id: str
    tenant: str
    fingerprint: str
    state: State
    mutation: str
    connection: str
    target: str | None
    """The id of the record the write was about (none for a create until it is done)."""
    result: dict[str, Any] | None
    """What a done write changed: ``{"resource": ..., "id": ...}``."""
    created_at: float
    updated_at: float
    expires_at: float


def _record(row: Row) -> IdempotencyRecord:
    return IdempotencyRecord(
        id=row[0],
        tenant=row[1],
        fingerprint=row[2],
        state=row[3],
        mutation=row[4],
        connection=row[5],
        target=row[6],
        result=None if row[7] is None else json.loads(row[7]),
        created_at=float(row[8]),
        updated_at=float(row[9]),
        expires_at=float(row[10]),
    )


class IdempotencyStore(ABC):
    @abstractmethod
    async def _insert(self, record: IdempotencyRecord) -> bool:
        """Insert ``record``; False if a record with its id exists."""

    @abstractmethod
    async def get(self, id: str) -> IdempotencyRecord | None: ...

    @abstractmethod
    async def settle(
        self, id: str, state: State, result: dict[str, Any] | None = None, target: str | None = None
    ) -> bool:
        """Set a record's state (and result); False if there is no such record."""

    @abstractmethod
    async def release(self, id: str) -> bool:
        """Forget a record (a write that certainly changed nothing, or the operator's clear)."""

    @abstractmethod
    async def purge(self, now: float) -> int:
        """Forget every record past its ``expires_at``; how many."""

    @abstractmethod
    async def list_state(self, state: State, tenant: str | None = None) -> list[IdempotencyRecord]: ...

    async def claim(self, record: IdempotencyRecord) -> IdempotencyRecord | None:
        """Take ``record``'s key: None when this call inserted it (the write is ours to make),
        else the record already holding the key (an expired one is forgotten first)."""
        await self.purge(record.created_at)
        for _ in range(3):
            if await self._insert(record):
                return None
            found = await self.get(record.id)
            if found is not None:
                return found
            # Released between our insert and our read: try again.
        raise RuntimeError("an idempotency key was claimed and released repeatedly")


class InProcessIdempotency(IdempotencyStore):
    """Records in this process only (a deployment without a database): lost on restart."""

    def __init__(self) -> None:
        self._records: dict[str, IdempotencyRecord] = {}

    async def _insert(self, record: IdempotencyRecord) -> bool:
        if record.id in self._records:
            return False
        self._records[record.id] = record
        return True

    async def get(self, id: str) -> IdempotencyRecord | None:
        return self._records.get(id)

    async def settle(
        self, id: str, state: State, result: dict[str, Any] | None = None, target: str | None = None
    ) -> bool:
        found = self._records.get(id)
        if found is None:
            return False
        self._records[id] = replace(
            found, state=state, result=result, target=target or found.target, updated_at=time.time()
        )
        return True

    async def release(self, id: str) -> bool:
        return self._records.pop(id, None) is not None

    async def purge(self, now: float) -> int:
        expired = [k for k, r in self._records.items() if r.expires_at <= now]
        for k in expired:
            del self._records[k]
        return len(expired)

    async def list_state(self, state: State, tenant: str | None = None) -> list[IdempotencyRecord]:
        return [
            r for r in self._records.values() if r.state == state and (tenant is None or r.tenant == tenant)
        ]


class DatabaseIdempotency(IdempotencyStore):
    """Records in the tenancy database, shared by every worker of every process."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def _insert(self, record: IdempotencyRecord) -> bool:
        try:
            await self.store.execute(
                f"INSERT INTO idempotency_keys ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.id,
                    record.tenant,
                    record.fingerprint,
                    record.state,
                    record.mutation,
                    record.connection,
                    record.target,
                    None if record.result is None else json.dumps(record.result),
                    record.created_at,
                    record.updated_at,
                    record.expires_at,
                ),
            )
        except Conflict:
            return False
        return True

    async def get(self, id: str) -> IdempotencyRecord | None:
        rows = await self.store.fetch(f"SELECT {_COLUMNS} FROM idempotency_keys WHERE id = ?", (id,))
        return _record(rows[0]) if rows else None

    async def settle(
        self, id: str, state: State, result: dict[str, Any] | None = None, target: str | None = None
    ) -> bool:
        changed = await self.store.execute(
            "UPDATE idempotency_keys SET state = ?, result = ?, target = COALESCE(?, target), updated_at = ? "
            "WHERE id = ?",
            (state, None if result is None else json.dumps(result), target, time.time(), id),
        )
        return changed > 0

    async def release(self, id: str) -> bool:
        return await self.store.execute("DELETE FROM idempotency_keys WHERE id = ?", (id,)) > 0

    async def purge(self, now: float) -> int:
        return await self.store.execute("DELETE FROM idempotency_keys WHERE expires_at <= ?", (now,))

    async def list_state(self, state: State, tenant: str | None = None) -> list[IdempotencyRecord]:
        sql = f"SELECT {_COLUMNS} FROM idempotency_keys WHERE state = ?"
        params: tuple[Any, ...] = (state,)
        if tenant is not None:
            sql += " AND tenant = ?"
            params = (*params, tenant)
        rows = await self.store.fetch(sql + " ORDER BY created_at", params)
        return [_record(r) for r in rows]
