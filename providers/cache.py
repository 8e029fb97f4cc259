"""Account tables kept per adapter for a while, each read at most once at a time.

A connection's adapter serves all of its requests, and the loaders of one request ask at
several depths and concurrently: without de-duplication two loaders missing the same key at
once would both read it. The first miss starts the read as its own task; later callers await
that task (shielded, so one caller giving up does not cancel the read for the others). Failed
reads are not kept.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Cached(Generic[K, V]):
    def __init__(self, ttl_s: float, max_keys: int = 1024) -> None:
        self.ttl_s = ttl_s
        self._max_keys = max_keys
        self._values: dict[K, tuple[float, V]] = {}
        self._pending: dict[K, asyncio.Future[V]] = {}

    def peek(self, key: K) -> V | None:
        """The value if it is still fresh, without reading."""
        hit = self._values.get(key)
        if hit is None or time.monotonic() - hit[0] >= self.ttl_s:
            return None
        return hit[1]

    def put(self, key: K, value: V) -> None:
        self._values.pop(key, None)
        self._values[key] = (time.monotonic(), value)
        while len(self._values) > self._max_keys:
            del self._values[next(iter(self._values))]

    async def get(self, key: K, read: Callable[[], Awaitable[V]]) -> V:
        hit = self._values.get(key)
        if hit is not None and time.monotonic() - hit[0] < self.ttl_s:
            return hit[1]
        task = self._pending.get(key)
        if task is None:
            task = asyncio.ensure_future(read())
            self._pending[key] = task
            task.add_done_callback(lambda done: self._settle(key, done))
        return await asyncio.shield(task)

    def _settle(self, key: K, task: asyncio.Future[V]) -> None:
        if self._pending.get(key) is task:
            del self._pending[key]
        if not task.cancelled() and task.exception() is None:
            self.put(key, task.result())
