"""Rate budgets and circuit breakers shared by every worker, in Redis (``HIREGRAPH_REDIS_URL``).

Implements ``providers.resilience.state.SharedState``: ``update(key, change)`` reads the
value, applies ``change`` (a pure function of it) and writes the result as one atomic step,
using Redis optimistic transactions (WATCH / MULTI / EXEC): when another worker wrote the
key in between, EXEC fails and the step is redone on the fresh value. So N workers reserve
from one limiter state, and together stay within one provider limit.

Values are the resilience dataclasses, stored as JSON tagged with their class name; only
the classes in ``STATE_TYPES`` are ever rebuilt (nothing in Redis names code to run). Keys
are the resilience module's secret-free hashes, under ``prefix``, and expire when idle.

Times stored here are wall-clock (``RedisState.clock``, which ``bind_upstream`` uses for
the guards it binds to this state): a monotonic clock means nothing to another host, so every
host reads epoch seconds, and the hosts' clocks must be kept in sync (NTP).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
from collections.abc import Callable, Mapping
from dataclasses import asdict, is_dataclass
from typing import Any, Final, TypeVar

from redis import asyncio as aioredis
from redis.exceptions import RedisError, WatchError

from providers.resilience.breaker import BreakerState
from providers.resilience.clock import WALL_CLOCK, Clock
from providers.resilience.limiter import LimiterState
from providers.resilience.state import InProcessState, SharedState

S = TypeVar("S")
R = TypeVar("R")

REDIS_URL_ENV: Final = "HIREGRAPH_REDIS_URL"
REDIS_PREFIX_ENV: Final = "HIREGRAPH_REDIS_PREFIX"
"""Optional: a key prefix, so several deployments (or test runs) can share one Redis."""
STATE_TYPES: Final[Mapping[str, type]] = {"LimiterState": LimiterState, "BreakerState": BreakerState}
IDLE_TTL_S: Final = 3600
MAX_CONFLICTS: Final = 1000


class SharedStateError(Exception):
    """Redis cannot be used, or holds a value this version cannot read (never a secret)."""


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
    ) -> None:
        self.redis = redis
        self.clock = clock
        self.prefix = prefix
        self.idle_ttl_s = idle_ttl_s
        self.types = dict(types)

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> RedisState:
        return cls(aioredis.Redis.from_url(url, socket_timeout=5.0, socket_connect_timeout=5.0), **kwargs)

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
            raise SharedStateError("a shared-state value in Redis is not readable by this version") from None

    async def update(self, key: str, change: Callable[[S | None], tuple[S, R]]) -> R:
        name = self.prefix + key
        try:
            async with self.redis.pipeline(transaction=True) as pipe:
                for attempt in range(MAX_CONFLICTS):
                    try:
                        await pipe.watch(name)
                        current = self._decode(await pipe.get(name))
                        value, result = change(current)
                        pipe.multi()  # type: ignore[no-untyped-call]
                        pipe.set(name, self._encode(value), ex=self.idle_ttl_s)
                        await pipe.execute()
                        return result
                    except WatchError:
                        # Another worker wrote first: redo the step on its value, after a
                        # short random pause so the contenders spread out.
                        await asyncio.sleep(random.uniform(0, 0.001 * min(attempt + 1, 20)))
                    finally:
                        await pipe.reset()  # type: ignore[no-untyped-call]
        except RedisError as exc:
            raise SharedStateError(f"Redis failed: {type(exc).__name__}") from None
        raise SharedStateError(f"gave up after {MAX_CONFLICTS} conflicting writes to one key")

    async def ping(self) -> None:
        try:
            await self.redis.ping()
        except RedisError as exc:
            raise SharedStateError(f"Redis does not answer: {type(exc).__name__}") from None

    async def aclose(self) -> None:
        await self.redis.aclose()


def open_shared_state(environ: Mapping[str, str] | None = None) -> SharedState:
    """Redis when ``HIREGRAPH_REDIS_URL`` is set; else state private to this process."""
    environ = os.environ if environ is None else environ
    url = environ.get(REDIS_URL_ENV, "").strip()
    if not url:
        return InProcessState()
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise SharedStateError(f"{REDIS_URL_ENV} must be a redis://, rediss:// or unix:// URL")
    return RedisState.from_url(url, prefix=environ.get(REDIS_PREFIX_ENV) or "hiregraph:state:")
