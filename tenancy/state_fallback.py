"""Where a limiter or breaker step goes when Redis cannot take it: this process's own state.

Redis holds the budgets and breakers every worker shares; a request must never fail because
Redis is down, restarting, too slow or out of pooled connections. So :class:`RedisState`
hands such a step to a :class:`StateFallback`, which takes it in a per-process
``InProcessState`` (each worker then keeps its own budget, as without Redis), counts it,
and warns at most once per ``notice_interval_s``. After Redis failed it is left alone for
``retry_after_s``: meanwhile steps go straight to the fallback instead of each waiting for
the same timeout, and the first step after that tries Redis again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Final, TypeVar

from providers.resilience.state import InProcessState, SharedState

S = TypeVar("S")
R = TypeVar("R")

RETRY_AFTER_S: Final = 1.0
NOTICE_INTERVAL_S: Final = 60.0

log = logging.getLogger("hiregraph.shared_state")


class StateFallback:
    def __init__(
        self,
        state: SharedState | None = None,
        *,
        retry_after_s: float = RETRY_AFTER_S,
        notice_interval_s: float = NOTICE_INTERVAL_S,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.state: SharedState = state if state is not None else InProcessState()
        self.retry_after_s = retry_after_s
        self.notice_interval_s = notice_interval_s
        self.monotonic = monotonic
        self.steps = 0
        """Steps taken here instead of in Redis since start (what an operator alerts on)."""
        self._unnoticed = 0
        self._noticed_at: float | None = None
        self._warned = False
        self._redis_rests_until = 0.0

    def redis_resting(self) -> bool:
        """Whether Redis failed less than ``retry_after_s`` ago (then steps skip it)."""
        return self.monotonic() < self._redis_rests_until

    def redis_failed(self) -> None:
        """Redis could not be used at all (down, timed out, pool exhausted): rest it a while."""
        self._redis_rests_until = self.monotonic() + self.retry_after_s

    def redis_answered(self) -> None:
        if self._warned:
            self._warned = False
            log.info("shared state: Redis answers again (%d steps were taken in this process)", self.steps)

    async def update(self, key: str, change: Callable[[S | None], tuple[S, R]], *, reason: str) -> R:
        """Take the step here; ``reason`` (never a secret: an exception class) is logged."""
        self.steps += 1
        self._unnoticed += 1
        now = self.monotonic()
        if self._noticed_at is None or now - self._noticed_at >= self.notice_interval_s:
            log.warning(
                "shared state: %s; rate limits and circuit breakers are kept per process meanwhile "
                "(%d steps since the last notice, %d in all)",
                reason,
                self._unnoticed,
                self.steps,
            )
            self._noticed_at, self._unnoticed, self._warned = now, 0, True
        return await self.state.update(key, change)
