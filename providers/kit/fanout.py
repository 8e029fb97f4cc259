"""Per-id fan-out and id-list chunking, for providers whose endpoints take one id (or a few).

Every call goes through the connection's ``UpstreamHttp``, whose policy caps requests in flight
(``max_concurrency``) and whose limiter paces them, so by default a fan-out sets no bound of its
own; a provider whose limits make more in flight pointless declares one (Workable: 10). On the
first failure the rest is cancelled, so a failed fan-out leaves no request running.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import TypeVar

A = TypeVar("A")
T = TypeVar("T")


async def run_limited(calls: Iterable[Callable[[], Awaitable[T]]], limit: int | None = None) -> list[T]:
    """Run ``calls`` concurrently, at most ``limit`` at a time (None: all), results in order. On
    the first failure the others are cancelled (none is left running) and that error is raised."""
    semaphore = asyncio.Semaphore(limit) if limit is not None else None

    async def one(call: Callable[[], Awaitable[T]]) -> T:
        if semaphore is None:
            return await call()
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
    fn: Callable[[A], Awaitable[T]], items: Iterable[A], limit: int | None = None
) -> list[T]:
    """``[await fn(x) for x in items]``, concurrently (see :func:`run_limited`)."""
    return await run_limited([functools.partial(fn, x) for x in items], limit)


def chunks(values: Sequence[A], size: int) -> list[Sequence[A]]:
    """``values`` cut into consecutive runs of at most ``size`` (for ids-filter endpoints)."""
    return [values[i : i + size] for i in range(0, len(values), size)]
