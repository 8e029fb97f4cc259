"""Per-credential rate limiting, seeded from the provider's documented limit and corrected by
what its ``X-RateLimit-*`` / ``X-Rate-Limit-*`` headers and 429s say.

A call *reserves* a send time: now when there is room, later when there is not (it then
waits, at most ``max_wait``), or it is refused with the time after which there would be
room. Reservations never go back in time, so concurrent callers queue fairly.

Two shapes of limit (:class:`~providers.resilience.policy.RateLimit`):

- a **window** (``requests`` per ``per_s``): a sliding log of send times. A fixed-window
  counter at the provider (Greenhouse, Workable) never sees more than the limit in any of its
  windows, wherever they start, which a token bucket refilling at the same rate cannot promise.
- a **token bucket** (``burst`` set; Lever): GCRA on one "theoretical arrival time".

With no documented limit (Ashby) only what the provider says explicitly is obeyed: a
``Retry-After`` or an exhausted ``Remaining`` with a ``Reset``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .clock import Clock
from .policy import RateLimit
from .state import SharedState

WINDOW_SLACK = 1.05
"""Windows are stretched a little: the provider counts arrival times, which drift from ours."""
MAX_RESET_S = 3600.0


@dataclass
class LimiterState:
    slots: list[float] = field(default_factory=list)
    """Window mode: reserved send times still inside the window, sorted."""
    tat: float = 0.0
    """Bucket mode: the GCRA theoretical arrival time."""
    limit: int | None = None
    """Requests per window the provider announced, replacing the documented number."""
    blocked_until: float = 0.0
    """The provider said: nothing before then."""


@dataclass(frozen=True)
class RateHeaders:
    limit: int | None = None
    remaining: int | None = None
    reset_in_s: float | None = None

    @classmethod
    def parse(cls, headers: Mapping[str, str], epoch_now: float) -> RateHeaders:
        """Reads both spellings (``X-RateLimit-*``, Greenhouse; ``X-Rate-Limit-*``, Workable).
        ``Reset`` may be an epoch timestamp or a number of seconds."""

        # One pass over the headers, then lookups in what it kept (usually nothing): each
        # lookup in httpx's headers scans all of them, and six of them cost 4x this pass.
        rate = {}
        for key, value in headers.items():
            key = key.lower()
            if key.startswith(("x-ratelimit-", "x-rate-limit-")):
                rate[key] = value
        if not rate:
            return cls()

        def number(name: str) -> float | None:
            for prefix in ("x-ratelimit-", "x-rate-limit-"):
                raw = rate.get(prefix + name)
                if raw is not None:
                    try:
                        return float(raw)
                    except ValueError:
                        return None
            return None

        limit, remaining, reset = number("limit"), number("remaining"), number("reset")
        if reset is not None:
            reset = reset - epoch_now if reset > 1e9 else reset
            reset = min(max(reset, 0.0), MAX_RESET_S)
        return cls(
            int(limit) if limit is not None and limit >= 1 else None,
            int(remaining) if remaining is not None and remaining >= 0 else None,
            reset,
        )


NO_RATE_HEADERS = RateHeaders()


def reserve(
    state: LimiterState | None, rate: RateLimit | None, now: float, max_wait: float
) -> tuple[LimiterState, float]:
    """The send time for one more call, and the state with it reserved. When that time is more
    than ``max_wait`` away, nothing is reserved and the time is returned all the same."""
    state = state or LimiterState()
    at = max(now, state.blocked_until)
    if rate is None:
        return state, at
    if rate.burst is not None:
        interval = rate.per_s / rate.requests
        at = max(at, state.tat - (rate.burst - 1) * interval)
        if at - now > max_wait:
            return state, at
        return replace(state, tat=max(state.tat, at) + interval), at
    limit, window = state.limit or rate.requests, rate.per_s * WINDOW_SLACK
    slots = [s for s in state.slots if s > now - window]
    if slots:
        at = max(at, slots[-1])
    inside = [s for s in slots if s > at - window]
    if len(inside) >= limit:
        at = inside[-limit] + window
    if at - now > max_wait:
        return replace(state, slots=slots), at
    return replace(state, slots=[*slots, at]), at


def observe(
    state: LimiterState | None,
    rate: RateLimit | None,
    now: float,
    headers: RateHeaders,
    rejected_for: float | None = None,
) -> LimiterState:
    """The state after a response: what the provider announced and, when it answered 429,
    how long it asked to be left alone (``rejected_for``)."""
    state = state or LimiterState()
    blocked = state.blocked_until
    if headers.remaining == 0 and headers.reset_in_s is not None:
        blocked = max(blocked, now + headers.reset_in_s)
    if rate is not None and rate.burst is None:
        window = rate.per_s * WINDOW_SLACK
        limit = headers.limit or state.limit or rate.requests
        slots = [s for s in state.slots if s > now - window]
        if headers.remaining is not None:
            # Others (another client of the same account) used part of the window: count
            # their calls as ours, expiring when the provider's window does.
            missing = limit - headers.remaining - sum(1 for s in slots if s <= now)
            expires = now - window + (headers.reset_in_s if headers.reset_in_s is not None else window)
            slots = sorted([*slots, *[min(expires, now)] * max(0, missing)])
        state = replace(state, slots=slots, limit=limit)
    elif rate is not None and rate.burst is not None and headers.remaining is not None:
        interval = rate.per_s / rate.requests
        floor = now + (rate.burst - 1) * interval - (headers.remaining - 1) * interval
        state = replace(state, tat=max(state.tat, floor))
    if rejected_for is not None:
        blocked = max(blocked, now + rejected_for)
    if blocked == state.blocked_until:
        return state  # nothing learnt (Ashby's announced limit, every call): no copy to make
    return replace(state, blocked_until=blocked)


class SlotUnavailable(Exception):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"no rate-limit slot for {retry_after:.1f} s")
        self.retry_after = retry_after


class RateLimiter:
    """The limiter of one upstream account (``key``), its state in a :class:`SharedState`."""

    def __init__(self, key: str, rate: RateLimit | None, state: SharedState, clock: Clock) -> None:
        self.key = f"limit:{key}"
        self.rate = rate
        self.state = state
        self.clock = clock

    async def acquire(self, max_wait: float) -> float:
        """Wait for a slot; returns the seconds waited. Raises :class:`SlotUnavailable` when the
        next slot is further than ``max_wait`` away."""

        def take(current: LimiterState | None) -> tuple[LimiterState, tuple[float, float]]:
            # The clock is read when the step runs, not before: time spent queueing for the
            # shared state (Redis under load) is no wait for a slot, and counted as one it
            # refused calls the limit had room for.
            now = self.clock.monotonic()
            state, at = reserve(current, self.rate, now, max_wait)
            return state, (at, now)

        at, now = await self.state.update(self.key, take)
        wait = at - now
        if wait > max_wait:
            raise SlotUnavailable(wait)
        if wait > 0:
            await self.clock.sleep(wait)
        return max(wait, 0.0)

    async def observe(self, headers: Mapping[str, str], *, rejected: bool, retry_after: float | None) -> None:
        parsed = RateHeaders.parse(headers, self.clock.time())
        if not rejected and parsed == NO_RATE_HEADERS:
            return
        now = self.clock.monotonic()
        rejected_for: float | None = None
        if rejected:
            # A 429 despite the limiter: another client shares the account, or the documented
            # limit is wrong. Pause for as long as the provider says (or one window).
            rejected_for = next(
                (w for w in (retry_after, parsed.reset_in_s) if w is not None),
                self.rate.per_s if self.rate is not None else 1.0,
            )

        def note(current: LimiterState | None) -> tuple[LimiterState, None]:
            return observe(current, self.rate, now, parsed, rejected_for), None

        await self.state.update(self.key, note)
