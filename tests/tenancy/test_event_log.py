"""The durable event log on both stores: numbering, idempotent appends, filters, retention."""

from __future__ import annotations

import asyncio
import time

import pytest

from tenancy.events.log import CursorExpired, EventLog
from tenancy.events.types import (
    BadCursor,
    EventSource,
    EventType,
    LogScope,
    NewEvent,
    decode_cursor,
    encode_cursor,
)
from tenancy.store import Store

A = LogScope("acme", "main")
B = LogScope("acme", "other")


def _new(n: int, kind: EventType = EventType.CANDIDATE_UPDATED) -> NewEvent:
    return NewEvent(kind, f"c{n}", 1000.0 + n, EventSource.POLL, f"change-{n}", {"n": n})


async def test_each_log_numbers_its_events_from_one(store: Store) -> None:
    log = EventLog(store)
    first = await log.append(A, _new(1))
    second = await log.append(A, _new(2))
    other = await log.append(B, _new(1))
    assert first is not None
    assert second is not None
    assert other is not None
    assert (first.seq, second.seq, other.seq) == (1, 2, 1)
    assert [e.record_id for e in await log.read(A)] == ["c1", "c2"]
    assert [(e.seq, e.data) for e in await log.read(A, after=1)] == [(2, {"n": 2})]
    assert await log.bounds(A) == (1, 2)
    assert await log.bounds(LogScope("nobody", "main")) == (0, 0)


async def test_the_same_change_is_appended_once(store: Store) -> None:
    log = EventLog(store)
    assert await log.append(A, _new(1)) is not None
    assert await log.append(A, _new(1)) is None
    assert len(await log.read(A)) == 1


async def test_concurrent_appends_get_distinct_consecutive_numbers(store: Store) -> None:
    log = EventLog(store)
    appended = await asyncio.gather(*(log.append(A, _new(n)) for n in range(40)))
    assert sorted(e.seq for e in appended if e is not None) == list(range(1, 41))
    assert [e.seq for e in await log.read(A, limit=100)] == list(range(1, 41))


async def test_read_filters_by_type_and_limits(store: Store) -> None:
    log = EventLog(store)
    await log.append(A, _new(1, EventType.APPLICATION_STAGE_CHANGED))
    await log.append(A, _new(2, EventType.APPLICATION_REJECTED))
    await log.append(A, _new(3, EventType.APPLICATION_STAGE_CHANGED))
    stage = await log.read(A, types={EventType.APPLICATION_STAGE_CHANGED})
    assert [e.seq for e in stage] == [1, 3]
    assert [e.seq for e in await log.read(A, limit=2)] == [1, 2]
    assert await log.read(A, types=set()) == []


async def test_retention_keeps_each_logs_newest_so_numbers_never_restart(store: Store) -> None:
    log = EventLog(store, retention_s=60)
    for n in range(3):
        await log.append(A, _new(n))
    later = time.time() + 3600
    assert await log.purge(now=later) == 2
    assert [e.seq for e in await log.read(A)] == [3]
    appended = await log.append(A, _new(9))
    assert appended is not None
    assert appended.seq == 4
    # A cursor from before the deleted events cannot resume without a gap.
    with pytest.raises(CursorExpired):
        await log.check_resume(A, 1)
    await log.check_resume(A, 2)
    await log.check_resume(A, 0)


def test_cursors_are_opaque_and_bound_to_their_connection() -> None:
    cursor = encode_cursor("main", 42)
    assert "42" not in cursor
    assert decode_cursor(cursor, "main") == 42
    with pytest.raises(BadCursor, match="another connection"):
        decode_cursor(cursor, "other")
    for bad in ("", "nope", encode_cursor("main", 1)[:-3] + "!!"):
        with pytest.raises(BadCursor):
            decode_cursor(bad, "main")
