"""A circuit breaker per upstream account: after ``failures`` consecutive failed attempts
it opens, and calls fail fast (no request sent) for ``cooldown_s``. Then one call is let
through as a probe (half-open): success closes the circuit, failure opens it again.

Failures are what says the provider is unwell: 5xx, timeouts, connection errors. A 429 is
the limiter's business and any other answer (4xx included) proves the provider is up.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .clock import Clock
from .state import SharedState


@dataclass
class BreakerState:
    failures: int = 0
    """Consecutive failed attempts."""
    open_until: float = 0.0
    probe_until: float = 0.0
    """While half-open: the probe's lease (a probe that never reports frees it then)."""


def admit(
    state: BreakerState | None, now: float, *, failures: int, cooldown_s: float
) -> tuple[BreakerState, float | None]:
    """Whether a call may go: None if so, else the seconds until one may."""
    state = state or BreakerState()
    if state.failures < failures:
        return state, None
    if now < state.open_until:
        return state, state.open_until - now
    if now < state.probe_until:
        return state, state.probe_until - now
    return replace(state, probe_until=now + cooldown_s), None


def record(
    state: BreakerState | None, now: float, ok: bool, *, failures: int, cooldown_s: float
) -> BreakerState:
    state = state or BreakerState()
    if ok:
        return BreakerState()
    count = state.failures + 1
    if count >= failures:
        return BreakerState(failures=count, open_until=now + cooldown_s)
    return replace(state, failures=count)


class CircuitBreaker:
    def __init__(
        self, key: str, state: SharedState, clock: Clock, *, failures: int, cooldown_s: float
    ) -> None:
        self.key = f"breaker:{key}"
        self.state = state
        self.clock = clock
        self.failures = failures
        self.cooldown_s = cooldown_s

    async def admit(self) -> float | None:
        """None when a call may go; else the seconds the circuit stays open."""
        now = self.clock.monotonic()

        def check(current: BreakerState | None) -> tuple[BreakerState, float | None]:
            return admit(current, now, failures=self.failures, cooldown_s=self.cooldown_s)

        return await self.state.update(self.key, check)

    async def record(self, ok: bool) -> None:
        now = self.clock.monotonic()

        def note(current: BreakerState | None) -> tuple[BreakerState, None]:
            return record(current, now, ok, failures=self.failures, cooldown_s=self.cooldown_s), None

        await self.state.update(self.key, note)
