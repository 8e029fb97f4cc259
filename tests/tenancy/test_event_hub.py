"""Following a log: replay then live with no gap and no duplicate, and fan-out between
workers (two hubs, one Redis)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from redis import asyncio as aioredis

from tenancy.events.hub import EventHub
from tenancy.events.log import CursorExpired, EventLog
from tenancy.events.types import Event, EventSource, EventType, LogScope, NewEvent
from tenancy.store import SqliteStore, Store

from .redis_server import RedisServer
from .services import REDIS_URL, need, unique

SCOPE = LogScope("acme", "main")
STAGE = EventType.APPLICATION_STAGE_CHANGED


def _new(n: int, kind: EventType = STAGE) -> NewEvent:
    return NewEvent(kind, f"a{n}", float(n), EventSource.POLL, f"change-{n}")


async def _take(events: AsyncIterator[Event], count: int) -> list[int]:
    async with asyncio.timeout(5):
        return [(await anext(events)).seq for _ in range(count)]


async def test_replay_then_live_without_gap_or_duplicate(store: Store) -> None:
    hub = EventHub(EventLog(store), recheck_s=30)
    for n in range(1, 4):
        await hub.append(SCOPE, _new(n))
    events = hub.subscribe(SCOPE, after=1)
    assert await _take(events, 2) == [2, 3]  # replayed from the log
    # Appends racing with the subscriber's own reads arrive once each, in order.
    writer = asyncio.gather(*(hub.append(SCOPE, _new(n)) for n in range(4, 24)))
    assert await _take(events, 20) == list(range(4, 24))
    await writer
    await events.aclose()


async def test_types_filter_and_resume_from_a_cursor(store: Store) -> None:
    hub = EventHub(EventLog(store), recheck_s=30)
    await hub.append(SCOPE, _new(1, EventType.CANDIDATE_UPDATED))
    await hub.append(SCOPE, _new(2))
    await hub.append(SCOPE, _new(3, EventType.CANDIDATE_UPDATED))
    events = hub.subscribe(SCOPE, types={STAGE})
    assert await _take(events, 1) == [2]
    await hub.append(SCOPE, _new(4, EventType.CANDIDATE_UPDATED))
    await hub.append(SCOPE, _new(5))
    assert await _take(events, 1) == [5]
    await events.aclose()
    # A client that saw 2 comes back: it gets 5 only.
    resumed = hub.subscribe(SCOPE, after=2, types={STAGE})
    assert await _take(resumed, 1) == [5]
    await resumed.aclose()


async def test_a_lost_wake_up_is_healed_from_the_log(store: Store) -> None:
    log = EventLog(store)
    hub = EventHub(log, recheck_s=0.05)
    events = hub.subscribe(SCOPE)
    pending = asyncio.ensure_future(_take(events, 2))
    await asyncio.sleep(0.01)
    # Written behind the hub's back, as another worker with no working Redis would.
    await log.append(SCOPE, _new(1))
    await log.append(SCOPE, _new(2))
    assert await pending == [1, 2]
    await events.aclose()


async def test_a_cursor_older_than_the_retention_is_refused(store: Store) -> None:
    log = EventLog(store, retention_s=0)
    hub = EventHub(log)
    for n in range(1, 4):
        await hub.append(SCOPE, _new(n))
    await log.purge(now=1e12)
    with pytest.raises(CursorExpired):
        await anext(hub.subscribe(SCOPE, after=1))


@pytest.fixture
async def redis_stream() -> AsyncIterator[str]:
    need("Redis", "127.0.0.1", 6379)
    name = unique("hg_events")
    yield name
    client = aioredis.Redis.from_url(REDIS_URL)
    await client.delete(name)
    await client.aclose()


async def test_two_workers_share_events_through_redis(tmp_path: Path, redis_stream: str) -> None:
    # Two workers: each its own store connection and hub, one database file, one Redis.
    path = tmp_path / "shared.sqlite3"
    stores = [SqliteStore(path), SqliteStore(path)]
    await stores[0].migrate()
    hubs = [
        EventHub(EventLog(s), redis=aioredis.Redis.from_url(REDIS_URL), stream=redis_stream, recheck_s=30)
        for s in stores
    ]
    try:
        events = hubs[1].subscribe(SCOPE)
        pending = asyncio.ensure_future(_take(events, 30))
        await asyncio.sleep(0.2)  # the second worker's Redis reader is listening
        for n in range(1, 31):
            await hubs[0].append(SCOPE, _new(n))
        # With a 30 s recheck, only Redis can have woken the second worker this quickly.
        assert await asyncio.wait_for(pending, 5) == list(range(1, 31))
        await events.aclose()
    finally:
        for hub, s in zip(hubs, stores, strict=True):
            await hub.aclose()
            await s.aclose()


async def test_with_redis_down_events_arrive_late_but_none_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    stores = [SqliteStore(path), SqliteStore(path)]
    await stores[0].migrate()
    # Nothing listens on port 1: every publish and read fails at once.
    down = "redis://127.0.0.1:1/0"
    hubs = [EventHub(EventLog(s), redis=aioredis.Redis.from_url(down), recheck_s=0.1) for s in stores]
    try:
        events = hubs[1].subscribe(SCOPE)
        pending = asyncio.ensure_future(_take(events, 10))
        await asyncio.sleep(0.05)
        for n in range(1, 11):
            assert await hubs[0].append(SCOPE, _new(n)) is not None
        assert await pending == list(range(1, 11))
        await events.aclose()
    finally:
        for hub, s in zip(hubs, stores, strict=True):
            await hub.aclose()
            await s.aclose()


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


async def _readers_listening(url: str, count: int) -> None:
    """Until ``count`` clients of a fresh Redis are blocked in XREAD (the hubs' readers are back)."""
    admin = aioredis.Redis.from_url(url)
    try:
        async with asyncio.timeout(10):
            while True:
                if sum(1 for c in await admin.client_list() if c.get("cmd") == "xread") >= count:
                    return
                await asyncio.sleep(0.05)
    finally:
        await admin.aclose()


async def test_a_redis_restart_under_the_hub_loses_and_doubles_nothing(
    tmp_path: Path, own_redis: RedisServer
) -> None:
    path = tmp_path / "shared.sqlite3"
    stores = [SqliteStore(path), SqliteStore(path)]
    await stores[0].migrate()
    # A 30 s recheck: within the test's few seconds only Redis, or a gap it reveals, delivers.
    hubs = [
        EventHub(EventLog(s), redis=aioredis.Redis.from_url(own_redis.url), stream="events", recheck_s=30)
        for s in stores
    ]
    seen: list[int] = []
    arrived: asyncio.Queue[int] = asyncio.Queue()

    async def follow() -> None:
        async for event in hubs[1].subscribe(SCOPE):
            arrived.put_nowait(event.seq)

    async def until(count: int) -> None:
        async with asyncio.timeout(10):
            while len(seen) < count:
                seen.append(await arrived.get())

    following = asyncio.create_task(follow())
    try:
        await _readers_listening(own_redis.url, 1)
        for n in range(1, 11):
            await hubs[0].append(SCOPE, _new(n))
        await until(10)

        own_redis.stop()
        for n in range(11, 21):  # the log has them; no worker hears of them
            assert await hubs[0].append(SCOPE, _new(n)) is not None
        await asyncio.sleep(0.3)
        assert arrived.empty()
        assert seen == list(range(1, 11))

        own_redis.start()  # same port, empty: the stream is gone
        await _readers_listening(own_redis.url, 1)
        for n in range(21, 41):
            await hubs[0].append(SCOPE, _new(n))
        await until(40)
        await asyncio.sleep(0.2)  # anything doubled would arrive now
        assert arrived.empty()
        # 11-20 read back from the log when 21's wake-up showed the gap; 21-40 live again
        assert seen == list(range(1, 41))
    finally:
        following.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await following
        for hub, s in zip(hubs, stores, strict=True):
            await hub.aclose()
            await s.aclose()
