"""A DataLoader whose batches do not split across the levels of a GraphQL response.

aiodataloader dispatches a batch one event-loop hop after the first ``load``. graphql-core
completes sibling objects through a few awaits each, so the loads of one level can arrive
over several hops and would be cut into several upstream calls. This loader waits until
loads stop arriving (a few idle hops) before dispatching: one level, one batch.
"""

from __future__ import annotations

import asyncio
from typing import Final, Generic, TypeVar

from aiodataloader import DataLoader, dispatch_queue

K = TypeVar("K")
V = TypeVar("V")

SETTLE_HOPS: Final = 3
"""Event-loop hops without a new key before a batch is sent."""


class LevelDataLoader(DataLoader[K, V], Generic[K, V]):
    def do_resolve_reject(self, key: K, future: asyncio.Future[V]) -> None:
        from aiodataloader import Loader

        self._queue.append(Loader(key=key, future=future))
        if len(self._queue) == 1:
            if self.batch:
                self.loop.create_task(self._dispatch_when_settled())
            else:
                dispatch_queue(self)

    async def _dispatch_when_settled(self) -> None:
        seen = -1
        idle = 0
        while idle < SETTLE_HOPS:
            await asyncio.sleep(0)
            size = len(self._queue)
            idle = idle + 1 if size == seen else 0
            seen = size
        dispatch_queue(self)
