"""Everything one connection's HTTP client consults before and after an upstream attempt:
its policy, the account's rate limiter and circuit breaker, its retry budget and its
concurrency cap. ``providers/http.py`` drives them; ``binding.py`` builds them per connection."""

from __future__ import annotations

import asyncio

from .breaker import CircuitBreaker
from .clock import SYSTEM_CLOCK, Clock
from .limiter import RateLimiter
from .policy import RateLimit, UpstreamPolicy
from .retry import RetryBudget
from .state import InProcessState, SharedState


class UpstreamGuard:
    def __init__(
        self,
        policy: UpstreamPolicy,
        key: str,
        *,
        rate: RateLimit | None = None,
        state: SharedState | None = None,
        clock: Clock = SYSTEM_CLOCK,
        rate_limited: bool = True,
    ) -> None:
        state = state if state is not None else InProcessState()
        self.policy = policy
        self.key = key
        self.clock = clock
        self.limiter = RateLimiter(key, rate, state, clock) if rate_limited else None
        self.breaker = CircuitBreaker(
            key, state, clock, failures=policy.breaker_failures, cooldown_s=policy.breaker_cooldown_s
        )
        self.retry_budget = RetryBudget(policy.retry_budget_ratio, policy.retry_budget_reserve)
        self._slots: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None

    def concurrency(self) -> asyncio.Semaphore:
        """The connection's in-flight cap, on the running loop (a semaphore binds to one loop)."""
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots[0] is not loop:
            self._slots = (loop, asyncio.Semaphore(self.policy.max_concurrency))
        return self._slots[1]
