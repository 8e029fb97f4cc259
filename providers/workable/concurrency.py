"""Concurrent fan-out for endpoints that take one id per call."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Iterable
from typing import Final, TypeVar

A = TypeVar("A")
T = TypeVar("T")

MAX_CONCURRENCY: Final = 10
"""Account tokens get 10 requests per 10 s (README "Rate limits"): more in flight only buys 429s."""


async def run_limited(calls: Iterable[Callable[[], Awaitable[T]]], limit: int = MAX_CONCURRENCY) -> list[T]:
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


async def map_limited(fn: Callable[[A], Awaitable[T]], items: Iterable[A]) -> list[T]:
    """``[await fn(x) for x in items]``, concurrently (see ``run_limited``)."""
    return await run_limited([functools.partial(fn, x) for x in items])
