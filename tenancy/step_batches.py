"""One process's steps on one shared-state key, applied in batches: one transaction each.

A burst of requests on one upstream account asks for hundreds of limiter and breaker steps on
the same two keys at once. As separate optimistic transactions all but one of them fail and
retry each round (a burst of 750 steps took five seconds); taking turns instead costs a few
round trips per step, which a busy event loop stretches past any sensible timeout. So the
steps waiting for a key are applied together: one runner per busy key takes every step
queued so far and applies their changes in order, in one transaction (the changes are pure
functions of the value, so this is the same as applying them one after another); the steps
that arrive meanwhile form the next batch. Only other processes can conflict with it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

S = TypeVar("S")
R = TypeVar("R")

Change = Callable[[Any], tuple[Any, Any]]
ApplyBatch = Callable[[str, Sequence[Change]], Awaitable[Sequence[Any]]]
"""Applies the changes to the key's value in order, atomically; returns their results."""


class StepTimeout(Exception):
    """The step was not applied within the time allowed (it may still be, later)."""


@dataclass
class _Step:
    change: Change
    done: asyncio.Future[Any]


@dataclass
class _Queue:
    steps: list[_Step] = field(default_factory=list)
    runner: asyncio.Task[None] | None = None


class StepBatches:
    def __init__(self, apply: ApplyBatch) -> None:
        self.apply = apply
        self._queues: dict[str, _Queue] = {}

    async def run(self, key: str, change: Callable[[S | None], tuple[S, R]], timeout_s: float) -> R:
        """Apply ``change`` with the other steps queued on ``key``. Raises what the batch
        raised, or :class:`StepTimeout` after ``timeout_s``."""
        queue = self._queues.setdefault(key, _Queue())
        step = _Step(change, asyncio.get_running_loop().create_future())
        queue.steps.append(step)
        if queue.runner is None:
            queue.runner = asyncio.create_task(self._drain(key, queue))
        try:
            async with asyncio.timeout(timeout_s):
                result: R = await step.done
        except TimeoutError:
            # Awaiting the future cancelled it: a batch not yet taken leaves it out.
            raise StepTimeout from None
        return result

    async def _drain(self, key: str, queue: _Queue) -> None:
        try:
            while queue.steps:
                batch = [s for s in queue.steps if not s.done.done()]
                queue.steps = []
                if not batch:
                    continue
                try:
                    results = await self.apply(key, [s.change for s in batch])
                except Exception as exc:  # every step of the batch learns why
                    for step in batch:
                        if not step.done.done():
                            step.done.set_exception(exc)
                    continue
                for step, result in zip(batch, results, strict=True):
                    if not step.done.done():
                        step.done.set_result(result)
        finally:
            del self._queues[key]

    async def aclose(self) -> None:
        """Wait for the batches under way (a closed loop would destroy their runners)."""
        runners = [q.runner for q in self._queues.values() if q.runner is not None]
        await asyncio.gather(*runners, return_exceptions=True)
