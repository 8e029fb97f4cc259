"""Rate budgets and circuit breakers shared by every worker, in Redis (``HIREGRAPH_REDIS_URL``).

Implements ``providers.resilience.state.SharedState``: ``update(key, change)`` reads the
value, applies ``change`` (a pure function of it) and writes the result as one atomic step,
using Redis optimistic transactions (WATCH / MULTI / EXEC): when another worker wrote the
key in between, EXEC fails and the step is redone on the fresh value. So N workers reserve
from one limiter state, and together stay within one provider limit.

Values are the resilience dataclasses, stored as JSON tagged with their class name; only
the classes in ``STATE_TYPES`` are ever rebuilt (nothing in Redis names code to run). Keys
are the resilience module's secret-free hashes, under ``prefix``, and expire when idle.

Under load, a process's steps on one key are applied in batches, one transaction each
(``step_batches.py``), and a batch queues for one of ``max_connections`` pooled connections
(redis-py's ``BlockingConnectionPool``, which waits where the default pool raises). A step
waits at most ``timeout_s`` in all; the same bound applies to connecting and to each answer.
A step Redis cannot take in time, or at all (down, restarting), is taken in this process
instead when the state has a ``fallback`` (``open_shared_state`` gives every server one,
``state_fallback.py``): a request never fails because of Redis.

Times stored here are wall-clock (``RedisState.clock``, which ``bind_upstream`` uses for
the guards it binds to this state): a monotonic clock means nothing to another host, so every
host reads epoch seconds, and the hosts' clocks must be kept in sync (NTP).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, is_dataclass
from typing import Any, Final, TypeVar

from redis import asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError, WatchError

from providers.resilience.breaker import BreakerState
from providers.resilience.clock import WALL_CLOCK, Clock
from providers.resilience.limiter import LimiterState
from providers.resilience.policy import UpstreamPolicy
from providers.resilience.state import InProcessState, SharedState

from .state_fallback import StateFallback
from .step_batches import Change, StepBatches, StepTimeout

S = TypeVar("S")
R = TypeVar("R")

REDIS_URL_ENV: Final = "HIREGRAPH_REDIS_URL"
REDIS_PREFIX_ENV: Final = "HIREGRAPH_REDIS_PREFIX"
"""Optional: a key prefix, so several deployments (or test runs) can share one Redis."""
REDIS_MAX_CONNECTIONS_ENV: Final = "HIREGRAPH_REDIS_MAX_CONNECTIONS"
REDIS_TIMEOUT_ENV: Final = "HIREGRAPH_REDIS_TIMEOUT_S"
DEFAULT_MAX_CONNECTIONS: Final = UpstreamPolicy().max_concurrency
"""Connections per process. Steps on one key share one connection at a time (batched), so the
pool bounds how many accounts' steps run at once; by default as many as the upstream calls
one connection may have in flight (``max_concurrency``), the only concurrency bound a worker
has. Beyond it a batch waits for a connection, which a step holds for a few round trips."""
DEFAULT_TIMEOUT_S: Final = 1.0
"""Longest a step may take in Redis (queueing included) before it is taken in-process; also
the bound on connecting and on each answer."""
STATE_TYPES: Final[Mapping[str, type]] = {"LimiterState": LimiterState, "BreakerState": BreakerState}
IDLE_TTL_S: Final = 3600
MAX_CONFLICTS: Final = 1000


class SharedStateError(Exception):
    """Redis cannot be used, or holds a value this version cannot read (never a secret)."""


class RedisUnavailable(SharedStateError):
    """Redis did not take the step: down, too slow, no pooled connection, or endless conflicts."""


class UnreadableValue(SharedStateError):
    """The key holds a value this version cannot read (another version, or not ours)."""


class RedisState:
    """``SharedState`` over one Redis; every worker and host pointing at it shares budgets."""

    def __init__(
        self,
        redis: aioredis.Redis,
        *,
        prefix: str = "hiregraph:state:",
        idle_ttl_s: int = IDLE_TTL_S,
        types: Mapping[str, type] = STATE_TYPES,
        clock: Clock = WALL_CLOCK,
        fallback: StateFallback | None = None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        self.redis = redis
        self.clock = clock
        self.prefix = prefix
        self.idle_ttl_s = idle_ttl_s
        self.types = dict(types)
        self.fallback = fallback
        """Takes the steps Redis cannot; None raises ``SharedStateError`` instead (tools, tests)."""
        self.timeout_s = timeout_s
        self._batches = StepBatches(self._apply_batch)

    @classmethod
    def from_url(
        cls,
        url: str,
        *,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        **kwargs: Any,
    ) -> RedisState:
        # A full pool makes a step wait (at most ``timeout_s``) instead of raising at once, as
        # redis-py's default pool does. One quick retry reconnects a pooled connection that a
        # Redis restart closed; more (the default is 10, with backoff up to 1 s each) would
        # hold every step for seconds while Redis is down.
        pool = aioredis.BlockingConnectionPool.from_url(
            url,
            max_connections=max_connections,
            timeout=timeout_s,
            socket_timeout=timeout_s,
            socket_connect_timeout=timeout_s,
            retry=Retry(NoBackoff(), 1),
        )
        return cls(aioredis.Redis.from_pool(pool), timeout_s=timeout_s, **kwargs)

    def _encode(self, value: Any) -> str:
        if not is_dataclass(value) or isinstance(value, type):
            raise SharedStateError(f"cannot share a {type(value).__name__}: not a state dataclass")
        name = type(value).__name__
        if self.types.get(name) is not type(value):
            raise SharedStateError(f"{name} is not a registered shared-state type")
        return json.dumps({"t": name, "v": asdict(value)})

    def _decode(self, raw: bytes | str | None) -> Any:
        if raw is None:
            return None
        try:
            data = json.loads(raw)
            cls = self.types[data["t"]]
            return cls(**data["v"])
        except (ValueError, KeyError, TypeError):
            raise UnreadableValue("a shared-state value in Redis is not readable by this version") from None

    async def update(self, key: str, change: Callable[[S | None], tuple[S, R]]) -> R:
        fallback = self.fallback
        if fallback is None:
            return await self._update_in_redis(key, change)
        if fallback.redis_resting():
            return await fallback.update(key, change, reason="Redis failed a moment ago")
        try:
            result = await self._update_in_redis(key, change)
        except RedisUnavailable as exc:
            fallback.redis_failed()
            return await fallback.update(key, change, reason=str(exc))
        except UnreadableValue as exc:
            # One key's value, not Redis: the other keys keep using it.
            return await fallback.update(key, change, reason=str(exc))
        fallback.redis_answered()
        return result

    async def _update_in_redis(self, key: str, change: Callable[[S | None], tuple[S, R]]) -> R:
        """The step, batched with this process's other steps on ``key`` (``step_batches.py``)."""
        try:
            return await self._batches.run(self.prefix + key, change, self.timeout_s)
        except StepTimeout:
            raise RedisUnavailable(f"Redis took over {self.timeout_s:g} s") from None

    async def _apply_batch(self, name: str, changes: Sequence[Change]) -> Sequence[Any]:
        def apply_all(current: Any) -> tuple[Any, list[Any]]:
            value, results = current, []
            for change in changes:
                value, result = change(value)
                results.append(result)
            return value, results

        return await self._transaction(name, apply_all)

    async def _transaction(self, name: str, change: Callable[[S | None], tuple[S, R]]) -> R:
        loop = asyncio.get_running_loop()
        give_up_at = loop.time() + self.timeout_s
        try:
            async with self.redis.pipeline(transaction=True) as pipe:
                for attempt in range(MAX_CONFLICTS):
                    try:
                        await pipe.watch(name)
                        current = self._decode(await pipe.get(name))
                        value, result = change(current)
                        if current is not None and value == current:
                            # Nothing to write (a closed breaker's admits, most often): skipping
                            # the transaction spares a round trip and other workers a conflict.
                            return result
                        pipe.multi()  # type: ignore[no-untyped-call]
                        pipe.set(name, self._encode(value), ex=self.idle_ttl_s)
                        await pipe.execute()
                        return result
                    except WatchError:
                        # Another worker wrote first (or the connection dropped while
                        # watching, as when Redis restarts): redo the step on the fresh value,
                        # after a short random pause so the contenders spread out.
                        if loop.time() >= give_up_at:
                            break
                        await asyncio.sleep(random.uniform(0, 0.001 * min(attempt + 1, 20)))
                    finally:
                        await pipe.reset()  # type: ignore[no-untyped-call]
        except RedisError as exc:
            raise RedisUnavailable(f"Redis failed: {type(exc).__name__}") from None
        raise RedisUnavailable(f"gave up on a key after {attempt + 1} conflicting writes")

    async def ping(self) -> None:
        try:
            await self.redis.ping()
        except RedisError as exc:
            raise RedisUnavailable(f"Redis does not answer: {type(exc).__name__}") from None

    async def aclose(self) -> None:
        await self._batches.aclose()
        await self.redis.aclose()


def open_shared_state(environ: Mapping[str, str] | None = None) -> SharedState:
    """Redis when ``HIREGRAPH_REDIS_URL`` is set, falling back to this process's state for a
    step Redis cannot take; else state private to this process."""
    environ = os.environ if environ is None else environ
    url = environ.get(REDIS_URL_ENV, "").strip()
    if not url:
        return InProcessState()
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise SharedStateError(f"{REDIS_URL_ENV} must be a redis://, rediss:// or unix:// URL")
    return RedisState.from_url(
        url,
        prefix=environ.get(REDIS_PREFIX_ENV) or "hiregraph:state:",
        max_connections=_positive(environ, REDIS_MAX_CONNECTIONS_ENV, int, DEFAULT_MAX_CONNECTIONS),
        timeout_s=_positive(environ, REDIS_TIMEOUT_ENV, float, DEFAULT_TIMEOUT_S),
        fallback=StateFallback(),
    )


N = TypeVar("N", int, float)


def _positive(environ: Mapping[str, str], name: str, kind: type[N], default: N) -> N:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = kind(0)
    if not value > 0 or value == float("inf"):
        noun = "an integer" if kind is int else "a number"
        raise SharedStateError(f"{name} must be {noun} above 0")
    return value
