"""The durable event log, in the tenancy store (SQLite or PostgreSQL, same SQL).

Each (tenant, connection) has its own sequence: an append takes ``MAX(seq) + 1`` in the same
statement that inserts the row, and the primary key refuses a second row with that number.
Two appenders racing (two workers on PostgreSQL) cannot both win one number: the loser's
insert waits for the winner's commit, fails, and is retried on the fresh maximum. So event N
is visible only once every event before it is, and a reader that resumes after N never skips
an event committed later with a smaller number: cursors have no gaps.

Retention deletes events older than ``retention_s`` but always keeps a log's newest event,
so the next number stays above every number ever handed out (an emptied log would restart
at 1 and reuse cursors).
"""

from __future__ import annotations

import json
import time
from collections.abc import Collection
from typing import Final

from ..store import Conflict, Row, Store
from .types import Event, EventSource, EventType, LogScope, NewEvent

DEFAULT_RETENTION_S: Final = 30 * 24 * 3600.0
MAX_APPEND_ATTEMPTS: Final = 50
_COLUMNS: Final = "tenant, connection, seq, type, record_id, occurred_at, created_at, source, data"


class CursorExpired(Exception):
    """The events after this cursor are partly gone (older than the retention): resuming from
    it would skip some, so the caller has to start again from the oldest kept."""

    def __init__(self, oldest: int) -> None:
        super().__init__(
            "the events after this cursor are older than the log's retention and were deleted; "
            "resume without a cursor (from the oldest event kept)"
        )
        self.oldest = oldest


def _event(row: Row) -> Event:
    return Event(
        scope=LogScope(row[0], row[1]),
        seq=int(row[2]),
        type=EventType(row[3]),
        record_id=row[4],
        occurred_at=float(row[5]),
        created_at=float(row[6]),
        source=EventSource(row[7]),
        data=json.loads(row[8]),
    )


class EventLog:
    def __init__(self, store: Store, *, retention_s: float = DEFAULT_RETENTION_S) -> None:
        self.store = store
        self.retention_s = retention_s

    async def append(self, scope: LogScope, new: NewEvent) -> Event | None:
        """Add ``new`` with the log's next number; None when this change is in the log already."""
        now = time.time()
        sql = (
            "INSERT INTO events (tenant, connection, seq, type, resource, record_id, occurred_at, "
            "created_at, source, data, dedupe) "
            "SELECT ?, ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ? "
            "FROM events WHERE tenant = ? AND connection = ? RETURNING seq"
        )
        params = (
            scope.tenant,
            scope.connection,
            new.type.value,
            new.type.resource.value,
            new.record_id,
            new.occurred_at,
            now,
            new.source.value,
            json.dumps(new.data, sort_keys=True),
            new.dedupe,
            scope.tenant,
            scope.connection,
        )
        for _ in range(MAX_APPEND_ATTEMPTS):
            try:
                rows = await self.store.fetch(sql, params)
            except Conflict:
                if await self._has(scope, new.dedupe):
                    return None
                continue  # another appender took this number first: take the next one
            return Event(
                scope, int(rows[0][0]), new.type, new.record_id, new.occurred_at, now, new.source, new.data
            )
        raise Conflict(f"could not append to the event log of '{scope.connection}': too much contention")

    async def _has(self, scope: LogScope, dedupe: str) -> bool:
        rows = await self.store.fetch(
            "SELECT 1 FROM events WHERE tenant = ? AND connection = ? AND dedupe = ?",
            (scope.tenant, scope.connection, dedupe),
        )
        return bool(rows)

    async def read(
        self,
        scope: LogScope,
        after: int = 0,
        *,
        types: Collection[EventType] | None = None,
        limit: int = 100,
    ) -> list[Event]:
        """Up to ``limit`` events numbered above ``after``, oldest first (of ``types`` only, if given)."""
        sql = f"SELECT {_COLUMNS} FROM events WHERE tenant = ? AND connection = ? AND seq > ?"
        params: list[object] = [scope.tenant, scope.connection, after]
        if types is not None:
            if not types:
                return []
            sql += f" AND type IN ({', '.join('?' for _ in types)})"
            params.extend(sorted(t.value for t in types))
        sql += " ORDER BY seq LIMIT ?"
        params.append(limit)
        return [_event(r) for r in await self.store.fetch(sql, params)]

    async def bounds(self, scope: LogScope) -> tuple[int, int]:
        """The oldest and newest numbers kept (0, 0 for an empty log)."""
        rows = await self.store.fetch(
            "SELECT MIN(seq), MAX(seq) FROM events WHERE tenant = ? AND connection = ?",
            (scope.tenant, scope.connection),
        )
        low, high = rows[0] if rows else (None, None)
        return (int(low), int(high)) if low is not None and high is not None else (0, 0)

    async def check_resume(self, scope: LogScope, after: int) -> None:
        """Raise ``CursorExpired`` when events right after ``after`` were deleted by retention."""
        if after == 0:
            return
        oldest, _ = await self.bounds(scope)
        if oldest > after + 1:
            raise CursorExpired(oldest)

    async def purge(self, now: float | None = None) -> int:
        """Delete events past the retention (each log's newest excepted); how many."""
        cutoff = (time.time() if now is None else now) - self.retention_s
        return await self.store.execute(
            "DELETE FROM events WHERE created_at < ? AND seq < ("
            "SELECT MAX(e.seq) FROM events e WHERE e.tenant = events.tenant AND e.connection = events.connection)",
            (cutoff,),
        )
