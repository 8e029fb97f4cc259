"""Appending events and following a log live: replay from a cursor, then switch to live.

``EventHub.append`` writes to the durable log, then tells this worker's subscribers and,
when Redis is configured, every other worker (one Redis stream, ``<prefix>events``, read by
one task per worker). Live messages are only a wake-up: the log stays the truth. A subscriber
tracks the last number it has passed (of every type, before filtering), so

- a live event numbered at or below it is a duplicate (replay and live overlap) and skipped;
- one numbered above the next is a gap (Redis lost a message, or this worker's queue
  overflowed) and the subscriber re-reads the log from where it is;
- with no live message for ``recheck_s``, it re-reads the log anyway (the wake-up for the
  very last event may have been lost).

Replay and live cannot race: the subscriber registers for live messages *before* it reads
the log, so an event appended during the replay is either read by it or queued for after it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from collections.abc import AsyncGenerator, AsyncIterator, Collection
from dataclasses import asdict
from typing import Final, cast

from redis import asyncio as aioredis
from redis.exceptions import RedisError

from .log import EventLog
from .types import Event, EventSource, EventType, LogScope, NewEvent

log = logging.getLogger("hiregraph.events")

DEFAULT_RECHECK_S: Final = 5.0
QUEUE_SIZE: Final = 1000
STREAM_MAXLEN: Final = 100_000
_READ_BATCH: Final = 500


class _Subscriber:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[Event] = asyncio.Queue(QUEUE_SIZE)
        self.overflowed = False

    def offer(self, event: Event) -> None:
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            # Dropped here, read back from the log: a slow subscriber never blocks the others.
            self.overflowed = True


def _encode(event: Event) -> str:
    fields = asdict(event)
    fields["scope"] = [event.scope.tenant, event.scope.connection]
    return json.dumps(fields)


def _decode(raw: bytes | str) -> Event:
    data = json.loads(raw)
    return Event(
        scope=LogScope(*data["scope"]),
        seq=int(data["seq"]),
        type=EventType(data["type"]),
        record_id=data["record_id"],
        occurred_at=float(data["occurred_at"]),
        created_at=float(data["created_at"]),
        source=EventSource(data["source"]),
        data=data["data"],
    )


class EventHub:
    def __init__(
        self,
        event_log: EventLog,
        *,
        redis: aioredis.Redis | None = None,
        stream: str = "hiregraph:events",
        recheck_s: float = DEFAULT_RECHECK_S,
    ) -> None:
        self.log = event_log
        self.redis = redis
        self.stream = stream
        self.recheck_s = recheck_s
        self._subscribers: dict[LogScope, set[_Subscriber]] = defaultdict(set)
        self._reader: asyncio.Task[None] | None = None

    async def append(self, scope: LogScope, new: NewEvent) -> Event | None:
        event = await self.log.append(scope, new)
        if event is None:
            return None
        self._dispatch(event)
        if self.redis is not None:
            try:
                await self.redis.xadd(
                    self.stream, {"e": _encode(event)}, maxlen=STREAM_MAXLEN, approximate=True
                )
            except RedisError as exc:
                # Other workers' subscribers find the event in the log on their next recheck.
                log.warning("could not publish an event to Redis (%s); the log has it", type(exc).__name__)
        return event

    def _dispatch(self, event: Event) -> None:
        for subscriber in self._subscribers.get(event.scope, ()):
            subscriber.offer(event)

    async def subscribe(
        self, scope: LogScope, after: int = 0, types: Collection[EventType] | None = None
    ) -> AsyncGenerator[Event, None]:
        """Every event of ``scope`` numbered above ``after`` (of ``types``), in order, forever:
        the log first, then live. Raises ``CursorExpired`` if retention deleted some of them."""
        wanted = frozenset(types) if types is not None else None
        subscriber = _Subscriber()
        self._subscribers[scope].add(subscriber)
        self._ensure_reader()
        try:
            await self.log.check_resume(scope, after)
            last = after
            while True:
                async for event in self._from_log(scope, last):
                    last = event.seq
                    if wanted is None or event.type in wanted:
                        yield event
                subscriber.overflowed = False
                while True:
                    try:
                        event = await asyncio.wait_for(subscriber.queue.get(), self.recheck_s)
                    except TimeoutError:
                        break  # quiet for a while: look in the log in case a wake-up was lost
                    if subscriber.overflowed or event.seq > last + 1:
                        break  # a gap: read what is missing from the log
                    if event.seq <= last:
                        continue
                    last = event.seq
                    if wanted is None or event.type in wanted:
                        yield event
        finally:
            self._subscribers[scope].discard(subscriber)
            if not self._subscribers[scope]:
                del self._subscribers[scope]

    async def _from_log(self, scope: LogScope, after: int) -> AsyncIterator[Event]:
        while True:
            batch = await self.log.read(scope, after, limit=_READ_BATCH)
            for event in batch:
                yield event
            if len(batch) < _READ_BATCH:
                return
            after = batch[-1].seq

    # -- Redis: one reader per worker --------------------------------------------------
    def _ensure_reader(self) -> None:
        if self.redis is not None and (self._reader is None or self._reader.done()):
            self._reader = asyncio.create_task(self._read_redis(self.redis))

    async def _read_redis(self, redis: aioredis.Redis) -> None:
        # Runs from the first subscription until the hub closes (an idle XREAD is one blocked
        # call a second): stopping when the last subscriber left would race with the next.
        last_id: str | bytes = "$"
        while True:
            try:
                found = await redis.xread({self.stream: last_id}, block=1000, count=_READ_BATCH)
            except RedisError as exc:
                log.warning(
                    "cannot read events from Redis (%s); subscribers poll the log", type(exc).__name__
                )
                last_id = "$"
                await asyncio.sleep(1.0)
                continue
            for _, messages in cast("list[tuple[bytes, list[tuple[bytes, dict[bytes, bytes]]]]]", found):
                for message_id, fields in messages:
                    last_id = message_id
                    raw = fields.get(b"e")
                    if raw is None:
                        continue
                    try:
                        self._dispatch(_decode(raw))
                    except (ValueError, KeyError, TypeError):
                        log.warning("skipped an unreadable event message in Redis")

    async def aclose(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        if self.redis is not None:
            await self.redis.aclose()
