"""A DataLoader whose batches do not split across the levels of a GraphQL response.

aiodataloader dispatches a batch one event-loop hop after the first ``load``. graphql-core
completes sibling objects through a few awaits each, so the loads of one level can arrive
over several hops and would be cut into several upstream calls. This loader waits until
loads stop arriving (a few idle hops) before dispatching: one level, one batch.

It also keeps the tasks of its waiting and in-flight batches (``busy``; a waiting batch's
task ends when the batch has landed), so that whoever issued a level of loads at once (the
lookahead) can wait for the level as a whole instead of for each key's future.
"""

from __future__ import annotations

import asyncio
from typing import Any, Final, Generic, TypeVar

from aiodataloader import DataLoader, Loader, dispatch_queue_batch, get_chunks

K = TypeVar("K")
V = TypeVar("V")

SETTLE_HOPS: Final = 3
"""Event-loop hops without a new key before a batch is sent."""


class LevelDataLoader(DataLoader[K, V], Generic[K, V]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.busy: set[asyncio.Task[None]] = set()
        """Tasks of batches waiting to be sent or in flight."""

    def do_resolve_reject(self, key: K, future: asyncio.Future[V]) -> None:
        self._queue.append(Loader(key=key, future=future))
        if len(self._queue) == 1:
            if self.batch:
                self._track(self._dispatch_when_settled())
            else:
                self._dispatch()

    async def _dispatch_when_settled(self) -> None:
        seen = -1
        idle = 0
        while idle < SETTLE_HOPS:
            await asyncio.sleep(0)
            size = len(self._queue)
            idle = idle + 1 if size == seen else 0
            seen = size
        sent = self._dispatch()
        if sent:
            await asyncio.wait(sent)

    def _dispatch(self) -> list[asyncio.Task[None]]:
        queue, self._queue = self._queue, []
        return [
            self._track(dispatch_queue_batch(self, chunk))
            for chunk in get_chunks(queue, self.max_batch_size or len(queue))
        ]

    def _track(self, work: Any) -> asyncio.Task[None]:
        task: asyncio.Task[None] = self.loop.create_task(work)
        self.busy.add(task)
        task.add_done_callback(self.busy.discard)
        return task
