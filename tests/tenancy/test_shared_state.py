"""Two workers' limiters and breakers drawing on one Redis."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from redis import asyncio as aioredis

from providers.base import Connection
from providers.greenhouse import GreenhouseAdapter
from providers.resilience.binding import bind_upstream
from providers.resilience.breaker import CircuitBreaker
from providers.resilience.clock import SYSTEM_CLOCK, WALL_CLOCK
from providers.resilience.limiter import LimiterState, RateLimiter, SlotUnavailable
from providers.resilience.policy import RateLimit, UpstreamPolicy
from providers.resilience.state import InProcessState
from tenancy.shared_state import RedisState, SharedStateError, open_shared_state

from .services import REDIS_URL, need, unique


@pytest.fixture
async def workers() -> AsyncIterator[tuple[RedisState, RedisState]]:
    need("Redis", "127.0.0.1", 6379)
    prefix = unique("hgtest") + ":"
    pair = (RedisState.from_url(REDIS_URL, prefix=prefix), RedisState.from_url(REDIS_URL, prefix=prefix))
    yield pair
    cleaner = aioredis.Redis.from_url(REDIS_URL)
    keys = [k async for k in cleaner.scan_iter(match=prefix + "*")]
    if keys:
        await cleaner.delete(*keys)
    await cleaner.aclose()
    for worker in pair:
        await worker.aclose()


async def test_values_round_trip(workers: tuple[RedisState, RedisState]) -> None:
    one, two = workers

    def put(current: LimiterState | None) -> tuple[LimiterState, bool]:
        return LimiterState(slots=[1.5, 2.5], limit=7), current is None

    assert await one.update("k", put) is True

    def read(current: LimiterState | None) -> tuple[LimiterState, LimiterState | None]:
        assert current is not None
        return current, current

    assert await two.update("k", read) == LimiterState(slots=[1.5, 2.5], limit=7)


async def test_two_workers_together_stay_within_one_limit(workers: tuple[RedisState, RedisState]) -> None:
    rate = RateLimit(requests=5, per_s=60.0)
    limiters = [RateLimiter("acct", rate, state, SYSTEM_CLOCK) for state in workers]

    async def call(limiter: RateLimiter) -> bool:
        try:
            await limiter.acquire(max_wait=1.0)  # a minute away for the refused ones
        except SlotUnavailable:
            return False
        return True

    results = await asyncio.gather(*(call(limiters[i % 2]) for i in range(40)))
    assert sum(results) == 5


async def test_a_breaker_opened_by_one_worker_holds_for_the_other(
    workers: tuple[RedisState, RedisState],
) -> None:
    one, two = (CircuitBreaker("acct", s, SYSTEM_CLOCK, failures=2, cooldown_s=60.0) for s in workers)
    assert await two.admit() is None
    await one.record(False)
    await one.record(False)
    wait = await two.admit()
    assert wait is not None
    assert wait > 0


async def test_unreadable_values_are_refused(workers: tuple[RedisState, RedisState]) -> None:
    one, _ = workers
    await one.redis.set(one.prefix + "bad", '{"t": "os.system", "v": {}}')
    with pytest.raises(SharedStateError, match="not readable"):
        await one.update("bad", lambda current: (current, None))


def test_without_redis_state_stays_in_process() -> None:
    assert isinstance(open_shared_state({}), InProcessState)
    with pytest.raises(SharedStateError):
        open_shared_state({"HIREGRAPH_REDIS_URL": "http://cache:6379"})


async def test_guards_bound_to_redis_keep_wall_clock_times(workers: tuple[RedisState, RedisState]) -> None:
    # Monotonic readings mean nothing on another host; epoch seconds do.
    one, _ = workers
    connection = Connection(name="gh", provider="greenhouse", credentials={"api_key": "k-1"})
    async with httpx.AsyncClient() as http:
        adapter = GreenhouseAdapter(connection, http)
        (client,) = bind_upstream(adapter, UpstreamPolicy(), one)
        assert client.guard is not None
        assert client.guard.clock is WALL_CLOCK
        assert client.guard.limiter is not None
        await client.guard.limiter.acquire(max_wait=1.0)

        def read(current: LimiterState | None) -> tuple[LimiterState | None, LimiterState | None]:
            return current, current

        stored = await one.update(client.guard.limiter.key, read)
        assert stored is not None
        assert len(stored.slots) == 1
        assert abs(stored.slots[0] - time.time()) < 60
        (local,) = bind_upstream(GreenhouseAdapter(connection, http), UpstreamPolicy(), InProcessState())
        assert local.guard is not None
        assert local.guard.clock is SYSTEM_CLOCK
