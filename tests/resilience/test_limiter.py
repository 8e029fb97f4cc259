"""The rate limiter on a fake clock: windows, token buckets, headers, 429s, shedding."""

from __future__ import annotations

import pytest

from providers.resilience import InProcessState, RateLimit
from providers.resilience.limiter import (
    WINDOW_SLACK,
    LimiterState,
    RateHeaders,
    RateLimiter,
    SlotUnavailable,
    observe,
    reserve,
)

from .support import FakeClock

WINDOW = RateLimit(requests=3, per_s=10.0)
BUCKET = RateLimit(requests=10, per_s=1.0, burst=20)


def send_times(rate: RateLimit, calls: int, now: float = 0.0) -> list[float]:
    state: LimiterState | None = None
    out = []
    for _ in range(calls):
        state, at = reserve(state, rate, now, max_wait=1e9)
        out.append(at)
    return out


def test_a_window_admits_its_limit_then_the_next_window() -> None:
    w = 10.0 * WINDOW_SLACK
    assert send_times(WINDOW, 7) == [0, 0, 0, w, w, w, 2 * w]


def test_no_sliding_window_holds_more_than_the_limit() -> None:
    times = send_times(RateLimit(requests=5, per_s=2.0), 40)
    w = 2.0 * WINDOW_SLACK
    for start in times:
        assert sum(1 for t in times if start <= t < start + w) <= 5


def test_a_token_bucket_bursts_then_keeps_the_steady_rate() -> None:
    times = send_times(BUCKET, 25)
    assert times[:20] == pytest.approx([0.0] * 20)
    assert times[20:] == pytest.approx([0.1, 0.2, 0.3, 0.4, 0.5])


def test_a_slot_too_far_away_is_refused_and_not_reserved() -> None:
    state: LimiterState | None = None
    for _ in range(3):
        state, _at = reserve(state, WINDOW, 0.0, max_wait=1.0)
    assert state is not None
    after, at = reserve(state, WINDOW, 0.0, max_wait=1.0)
    assert at == pytest.approx(10.0 * WINDOW_SLACK)
    assert after.slots == state.slots


def test_headers_are_read_in_both_spellings_with_epoch_or_delta_resets() -> None:
    greenhouse = RateHeaders.parse({"x-ratelimit-limit": "50", "x-ratelimit-remaining": "49"}, 0.0)
    assert greenhouse == RateHeaders(limit=50, remaining=49)
    workable = RateHeaders.parse(
        {"x-rate-limit-limit": "10", "x-rate-limit-remaining": "0", "x-rate-limit-reset": "1700000007"},
        1_700_000_000.0,
    )
    assert workable == RateHeaders(limit=10, remaining=0, reset_in_s=7.0)
    assert RateHeaders.parse({"x-ratelimit-reset": "3"}, 1e9).reset_in_s == 3.0
    assert RateHeaders.parse({"x-ratelimit-limit": "lots"}, 0.0) == RateHeaders()


def test_an_announced_limit_replaces_the_documented_one() -> None:
    state = observe(None, RateLimit(requests=50, per_s=10.0), 0.0, RateHeaders(limit=2, remaining=1))
    state, first = reserve(state, RateLimit(requests=50, per_s=10.0), 0.0, 1e9)
    assert first == 0.0  # the call the header answered plus this one: 2
    state, second = reserve(state, RateLimit(requests=50, per_s=10.0), 0.0, 1e9)
    assert second > 0


def test_calls_by_another_client_of_the_account_are_counted() -> None:
    # Nothing sent by us, yet the provider says 1 of 3 is left in its window.
    state = observe(None, WINDOW, 0.0, RateHeaders(remaining=1))
    assert len(state.slots) == 2
    state, at = reserve(state, WINDOW, 0.0, 1e9)
    assert at == 0.0
    _, later = reserve(state, WINDOW, 0.0, 1e9)
    assert later > 0


def test_a_429_or_an_exhausted_window_blocks_until_the_provider_says() -> None:
    blocked = observe(None, None, 5.0, RateHeaders(), rejected_for=2.5)
    assert reserve(blocked, None, 5.0, 1e9)[1] == 7.5
    exhausted = observe(None, None, 5.0, RateHeaders(remaining=0, reset_in_s=4.0))
    assert reserve(exhausted, None, 5.0, 1e9)[1] == 9.0
    # Without a documented limit, a bare "0 remaining" (no reset) is not enough to stop.
    unknown = observe(None, None, 5.0, RateHeaders(limit=1000, remaining=0))
    assert reserve(unknown, None, 5.0, 1e9)[1] == 5.0


async def test_the_limiter_waits_on_its_clock_then_sheds() -> None:
    clock = FakeClock(start=0.0)
    limiter = RateLimiter("k", RateLimit(requests=2, per_s=1.0), InProcessState(), clock)
    assert [await limiter.acquire(max_wait=5.0) for _ in range(2)] == [0.0, 0.0]
    waited = await limiter.acquire(max_wait=5.0)
    assert waited == pytest.approx(WINDOW_SLACK)
    assert clock.now == pytest.approx(WINDOW_SLACK)
    await limiter.acquire(max_wait=5.0)
    with pytest.raises(SlotUnavailable) as info:
        await limiter.acquire(max_wait=0.5)
    assert info.value.retry_after == pytest.approx(WINDOW_SLACK)


async def test_limiters_of_one_account_share_their_state() -> None:
    clock, state = FakeClock(start=0.0), InProcessState()
    a = RateLimiter("acct", RateLimit(requests=1, per_s=1.0), state, clock)
    b = RateLimiter("acct", RateLimit(requests=1, per_s=1.0), state, clock)
    other = RateLimiter("other", RateLimit(requests=1, per_s=1.0), state, clock)
    await a.acquire(max_wait=0.0)
    await other.acquire(max_wait=0.0)
    with pytest.raises(SlotUnavailable):
        await b.acquire(max_wait=0.0)
