"""Shared state under load and under failure: a request never fails because of Redis.

A burst larger than the pool queues for a pooled connection (the pool never grows past its
size); a Redis that is down, restarting, too slow or unreadable makes limiter and breaker
steps fall back to this process's state, logged once per interval and counted.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

import httpx
import pytest
from redis import asyncio as aioredis

from graph.app import create_app
from graph.settings import parse_settings
from providers.resilience.breaker import BreakerState, CircuitBreaker
from providers.resilience.clock import WALL_CLOCK
from providers.resilience.limiter import LimiterState, RateLimiter, reserve
from providers.resilience.policy import RateLimit
from providers.resilience.state import InProcessState
from tenancy.shared_state import RedisState, SharedStateError, open_shared_state
from tenancy.state_fallback import StateFallback
from tenancy.step_batches import Change, StepBatches, StepTimeout

from .services import REDIS_URL, need, unique

BURST = 250
"""More than redis-py's default pool (100), which raised MaxConnectionsError past it."""
JOBS = "{ jobs(first: 1) { edges { node { id } } } }"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _count_connections(state: RedisState, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many connections the state's pool ever opened (it keeps each one it made)."""
    pool = state.redis.connection_pool
    made = [0]
    make: Callable[[], Any] = pool.make_connection

    def counting() -> Any:
        made[0] += 1
        return make()

    monkeypatch.setattr(pool, "make_connection", counting)
    return made


async def _drop_keys(prefix: str) -> None:
    redis = aioredis.Redis.from_url(REDIS_URL)
    keys = [k async for k in redis.scan_iter(match=prefix + "*")]
    if keys:
        await redis.delete(*keys)
    await redis.aclose()


async def _stored(state: RedisState, key: str) -> Any:
    def read(current: Any) -> tuple[Any, Any]:
        return current, current

    return await state._update_in_redis(key, read)


@pytest.fixture
async def prefix() -> AsyncIterator[str]:
    need("Redis", "127.0.0.1", 6379)
    name = unique("hgload") + ":"
    yield name
    await _drop_keys(name)


async def test_a_burst_larger_than_the_pool_queues_for_it(
    prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = open_shared_state(
        {
            "HIREGRAPH_REDIS_URL": REDIS_URL,
            "HIREGRAPH_REDIS_PREFIX": prefix,
            "HIREGRAPH_REDIS_MAX_CONNECTIONS": "5",
        }
    )
    assert isinstance(state, RedisState)
    made = _count_connections(state, monkeypatch)
    breaker = CircuitBreaker("acct", state, WALL_CLOCK, failures=5, cooldown_s=30.0)
    limiter = RateLimiter("acct", RateLimit(requests=10 * BURST, per_s=60.0), state, WALL_CLOCK)

    async def call() -> float | None:
        closed_for = await breaker.admit()
        await limiter.acquire(max_wait=1.0)
        await breaker.record(True)
        return closed_for

    try:
        results = await asyncio.gather(*(call() for _ in range(BURST)), return_exceptions=True)
        assert [r for r in results if r is not None] == []
        assert state.fallback is not None
        assert state.fallback.steps == 0  # every step went through Redis
        stored = await _stored(state, limiter.key)
        assert isinstance(stored, LimiterState)
        assert len(stored.slots) == BURST
        assert 1 <= made[0] <= 5
    finally:
        await state.aclose()


def _slow_app_config() -> dict[str, Any]:
    # Each upstream call takes 50 ms: requests pile up, as in production under load.
    gh = {"provider": "greenhouse", "simulated": True, "seed": 7, "size": 20, "latency_ms": 50}
    return {"connections": {"gh": gh}}


async def _burst_of_queries(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], n: int
) -> tuple[RedisState, int, list[tuple[int, Any]]]:
    """``n`` concurrent queries to an app configured by ``env``: its shared state, how many
    Redis connections it opened, and each answer's status and body."""
    monkeypatch.delenv("HIREGRAPH_DATABASE_URL", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = create_app(parse_settings(_slow_app_config(), "test config"), require_keys=False)
    state = app.state.tenancy.shared_state
    assert isinstance(state, RedisState)
    made = _count_connections(state, monkeypatch)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(
            transport=transport, base_url="http://hiregraph.test", timeout=30
        ) as http:
            responses = await asyncio.gather(*(http.post("/graphql", json={"query": JOBS}) for _ in range(n)))
        return state, made[0], [(r.status_code, r.json()) for r in responses]
    finally:
        await state.aclose()
        await app.state.pool.aclose()


async def test_concurrent_queries_against_a_slow_upstream_all_answer_with_a_small_pool(
    prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {
        "HIREGRAPH_REDIS_URL": REDIS_URL,
        "HIREGRAPH_REDIS_PREFIX": prefix,
        "HIREGRAPH_REDIS_MAX_CONNECTIONS": "5",
    }
    state, made, answers = await _burst_of_queries(monkeypatch, env, 150)
    errors = [body["errors"] for _, body in answers if "errors" in body]
    assert errors == []
    assert all(status == 200 and len(body["data"]["jobs"]["edges"]) == 1 for status, body in answers)
    assert state.fallback is not None
    assert state.fallback.steps == 0
    assert 1 <= made <= 5


async def test_queries_are_answered_while_redis_is_down(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="hiregraph.shared_state")
    env = {"HIREGRAPH_REDIS_URL": f"redis://127.0.0.1:{_closed_port()}/0"}
    state, _, answers = await _burst_of_queries(monkeypatch, env, 60)
    codes = [e["extensions"]["code"] for _, body in answers for e in body.get("errors", [])]
    assert codes == []
    assert all(status == 200 and body["data"]["jobs"]["edges"] for status, body in answers)
    assert state.fallback is not None
    assert state.fallback.steps >= 2 * 60  # each request's admit and record, at least
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "Redis failed: ConnectionError" in warnings[0].getMessage()


class Proxy:
    """A TCP relay to the test Redis that can go down and come back on the same port, cutting
    every open connection as a Redis restart does."""

    def __init__(self) -> None:
        self.port = 0
        self.server: asyncio.Server | None = None
        self.streams: set[asyncio.StreamWriter] = set()
        self.relays: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port, reuse_address=True)
        self.port = self.server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        for stream in self.streams:
            stream.transport.abort()
        await self.server.wait_closed()
        await asyncio.gather(*self.relays, return_exceptions=True)
        self.streams.clear()

    async def _serve(self, client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter) -> None:
        redis_in, redis_out = await asyncio.open_connection("127.0.0.1", 6379)
        self.streams |= {client_out, redis_out}
        relays = [
            asyncio.ensure_future(self._relay(a, b))
            for a, b in ((client_in, redis_out), (redis_in, client_out))
        ]
        self.relays.update(relays)
        await asyncio.gather(*relays)

    async def _relay(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
        except OSError:
            pass
        finally:
            sink.transport.abort()


async def test_a_redis_restart_mid_load_degrades_then_recovers(prefix: str) -> None:
    proxy = Proxy()
    await proxy.start()
    fallback = StateFallback(retry_after_s=0.05)
    state = RedisState.from_url(proxy.url, prefix=prefix, max_connections=5, timeout_s=2.0, fallback=fallback)
    breaker = CircuitBreaker("acct", state, WALL_CLOCK, failures=5, cooldown_s=30.0)
    limiter = RateLimiter("acct", RateLimit(requests=10_000, per_s=60.0), state, WALL_CLOCK)

    async def call() -> None:
        assert await breaker.admit() is None
        await limiter.acquire(max_wait=1.0)
        await breaker.record(True)

    async def burst() -> None:
        results = await asyncio.gather(*(call() for _ in range(100)), return_exceptions=True)
        assert [r for r in results if r is not None] == []

    try:
        await burst()
        assert fallback.steps == 0
        going = asyncio.ensure_future(burst())
        await asyncio.sleep(0.01)
        await proxy.stop()  # mid-burst: every pooled connection is cut, new ones are refused
        await going
        await burst()
        assert fallback.steps > 0
        await proxy.start()
        await asyncio.sleep(0.1)
        steps = fallback.steps
        await burst()
        # Back on Redis: pooled connections reconnected, nothing more taken in-process.
        assert fallback.steps <= steps + 1
        stored = await _stored(state, limiter.key)
        assert isinstance(stored, LimiterState)
        assert len(stored.slots) >= 200
    finally:
        await state.aclose()
        await proxy.stop()


async def test_a_redis_that_does_not_answer_costs_one_timeout_then_is_skipped() -> None:
    accepted: list[asyncio.StreamWriter] = []

    def accept_and_say_nothing(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(writer)

    silent = await asyncio.start_server(accept_and_say_nothing, "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    fallback = StateFallback(retry_after_s=30.0)
    state = RedisState.from_url(f"redis://127.0.0.1:{port}/0", timeout_s=0.2, fallback=fallback)
    breaker = CircuitBreaker("acct", state, WALL_CLOCK, failures=5, cooldown_s=30.0)
    loop = asyncio.get_running_loop()
    try:
        started = loop.time()
        assert await breaker.admit() is None  # waited for Redis, at most about timeout_s
        first = loop.time() - started
        started = loop.time()
        assert all(r is None for r in await asyncio.gather(*(breaker.admit() for _ in range(50))))
        rest = loop.time() - started
        assert fallback.steps == 51
        assert first < 2.0
        assert rest < first  # no second wait: Redis is left alone for retry_after_s
    finally:
        await state.aclose()
        for writer in accepted:
            writer.transport.abort()
        silent.close()
        await silent.wait_closed()


async def test_an_unreadable_value_falls_back_for_its_key_only(prefix: str) -> None:
    fallback = StateFallback()
    state = RedisState.from_url(REDIS_URL, prefix=prefix, fallback=fallback)
    try:
        await state.redis.set(prefix + "breaker:bad", '{"t": "os.system", "v": {}}')
        bad = CircuitBreaker("bad", state, WALL_CLOCK, failures=1, cooldown_s=30.0)
        good = CircuitBreaker("good", state, WALL_CLOCK, failures=1, cooldown_s=30.0)
        await bad.record(False)
        assert await bad.admit() is not None  # the fallback keeps its own state for the key
        assert fallback.steps == 2
        await good.record(False)
        assert fallback.steps == 2
        assert isinstance(await _stored(state, good.key), BreakerState)
    finally:
        await state.aclose()


def test_the_pool_is_sized_and_bounded_by_settings() -> None:
    url = {"HIREGRAPH_REDIS_URL": "redis://127.0.0.1:6379/0"}
    state = open_shared_state(
        {**url, "HIREGRAPH_REDIS_MAX_CONNECTIONS": "7", "HIREGRAPH_REDIS_TIMEOUT_S": "0.3"}
    )
    assert isinstance(state, RedisState)
    pool = state.redis.connection_pool
    assert isinstance(pool, aioredis.BlockingConnectionPool)
    assert (pool.max_connections, pool.timeout, state.timeout_s) == (7, 0.3, 0.3)
    default = open_shared_state(url)
    assert isinstance(default, RedisState)
    assert default.redis.connection_pool.max_connections == 50  # the default max_concurrency
    for name, bad in [("HIREGRAPH_REDIS_MAX_CONNECTIONS", "0"), ("HIREGRAPH_REDIS_TIMEOUT_S", "soon")]:
        with pytest.raises(SharedStateError, match=name):
            open_shared_state({**url, name: bad})


async def test_the_fallback_warns_once_per_interval_and_counts(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="hiregraph.shared_state")
    now = [0.0]
    fallback = StateFallback(notice_interval_s=60.0, monotonic=lambda: now[0])

    def bump(current: int | None) -> tuple[int, int]:
        return (current or 0) + 1, (current or 0) + 1

    for _ in range(10):
        await fallback.update("k", bump, reason="Redis failed: ConnectionError")
    now[0] = 61.0
    assert await fallback.update("k", bump, reason="Redis failed: ConnectionError") == 11
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "10 steps since the last notice, 11 in all" in messages[1]
    assert fallback.steps == 11


class BusyState:
    """In-process state where every step first waits 2 s (on a fake clock) for its turn, during
    which another worker reserves a slot of the same account, as behind a busy Redis."""

    def __init__(self, clock: FakeClock, rate: RateLimit) -> None:
        self.clock = clock
        self.rate = rate
        self.inner = InProcessState()

    async def update(self, key: str, change: Callable[[Any], tuple[Any, Any]]) -> Any:
        self.clock.now += 2.0

        def elsewhere(current: LimiterState | None) -> tuple[LimiterState, float]:
            return reserve(current, self.rate, self.clock.now, 0.0)

        await self.inner.update(key, elsewhere)
        return await self.inner.update(key, change)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def time(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


async def test_time_queued_for_the_state_is_not_taken_for_a_rate_limit_wait() -> None:
    clock = FakeClock()
    rate = RateLimit(requests=100, per_s=10.0)
    limiter = RateLimiter("acct", rate, BusyState(clock, rate), clock)
    # The limit has room: the call may go as soon as its step runs, neither refused for the
    # 2 s it queued nor made to wait them a second time.
    assert await limiter.acquire(max_wait=1.0) == 0.0
    assert await limiter.acquire(max_wait=5.0) == 0.0
    assert clock.slept == []


async def test_steps_on_one_key_are_applied_in_order_in_few_batches() -> None:
    batches: list[int] = []
    value = [0]

    async def apply(key: str, changes: Sequence[Change]) -> Sequence[Any]:
        batches.append(len(changes))
        await asyncio.sleep(0.001)  # a round trip
        results = []
        for change in changes:
            value[0], result = change(value[0])
            results.append(result)
        return results

    def bump(current: int | None) -> tuple[int, int]:
        return (current or 0) + 1, (current or 0) + 1

    steps = StepBatches(apply)
    results = await asyncio.gather(*(steps.run("k", bump, timeout_s=5.0) for _ in range(200)))
    assert results == list(range(1, 201))
    assert sum(batches) == 200
    assert len(batches) <= 3  # the first step alone, then everyone who queued meanwhile


async def test_a_step_that_timed_out_in_the_queue_is_never_applied() -> None:
    started, release = asyncio.Event(), asyncio.Event()
    applied: list[str] = []

    async def apply(key: str, changes: Sequence[Change]) -> Sequence[Any]:
        started.set()
        await release.wait()  # Redis stalls on the first batch
        return [change(None)[1] for change in changes]

    def named(name: str) -> Change:
        def change(current: Any) -> tuple[Any, str]:
            applied.append(name)
            return current, name

        return change

    steps = StepBatches(apply)
    first = asyncio.ensure_future(steps.run("k", named("first"), timeout_s=5.0))
    await started.wait()  # the first batch is under way
    with pytest.raises(StepTimeout):
        await steps.run("k", named("late"), timeout_s=0.05)
    release.set()
    assert await first == "first"
    await steps.aclose()
    assert applied == ["first"]  # the late step was taken in-process by its caller instead
