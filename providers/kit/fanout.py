"""Per-id fan-out and id-list chunking, for providers whose endpoints take one id (or a few).

Every call still goes through the connection's ``UpstreamHttp`` (its policy caps requests in
flight and its limiter paces them); the bound here keeps one query from queueing hundreds of
tasks at once, and the cancellation keeps a failed fan-out from leaving requests running.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Final, TypeVar

A = TypeVar("A")
T = TypeVar("T")

DEFAULT_CONCURRENCY: Final = 32
"""Calls of one fan-out in flight at once, unless the provider declares its own bound."""


async def run_limited(
    calls: Iterable[Callable[[], Awaitable[T]]], limit: int = DEFAULT_CONCURRENCY
) -> list[T]:
    """Run ``calls`` concurrently, at most ``limit`` at a time, results in order. On the first
    failure the others are cancelled (none is left running) and that error is raised as is."""
    semaphore = asyncio.Semaphore(limit)

    async def one(call: Callable[[], Awaitable[T]]) -> T:
        async with semaphore:
            return await call()

    tasks = [asyncio.ensure_future(one(call)) for call in calls]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


async def map_limited(
    fn: Callable[[A], Awaitable[T]], items: Iterable[A], limit: int = DEFAULT_CONCURRENCY
) -> list[T]:
    """``[await fn(x) for x in items]``, concurrently (see :func:`run_limited`)."""
    return await run_limited([functools.partial(fn, x) for x in items], limit)


def chunks(values: Sequence[A], size: int) -> list[Sequence[A]]:
    """``values`` cut into consecutive runs of at most ``size`` (for ids-filter endpoints)."""
    return [values[i : i + size] for i in range(0, len(values), size)]
