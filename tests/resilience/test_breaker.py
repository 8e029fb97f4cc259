"""The circuit breaker on a fake clock."""

from __future__ import annotations

from providers.resilience import InProcessState
from providers.resilience.breaker import CircuitBreaker

from .support import FakeClock


def breaker(clock: FakeClock) -> CircuitBreaker:
    return CircuitBreaker("acct", InProcessState(), clock, failures=3, cooldown_s=30.0)


async def test_opens_after_consecutive_failures_and_fails_fast() -> None:
    clock = FakeClock()
    b = breaker(clock)
    for _ in range(2):
        assert await b.admit() is None
        await b.record(ok=False)
    assert await b.admit() is None
    await b.record(ok=False)
    assert await b.admit() == 30.0
    clock.advance(29.0)
    assert await b.admit() == 1.0


async def test_a_success_resets_the_count() -> None:
    b = breaker(FakeClock())
    for ok in (False, False, True, False, False):
        await b.record(ok=ok)
    assert await b.admit() is None


async def test_half_open_lets_one_probe_through() -> None:
    clock = FakeClock()
    b = breaker(clock)
    for _ in range(3):
        await b.record(ok=False)
    clock.advance(30.0)
    assert await b.admit() is None  # the probe
    assert await b.admit() is not None  # everyone else still fails fast
    await b.record(ok=True)
    assert await b.admit() is None
    assert await b.admit() is None


async def test_a_failed_probe_opens_the_circuit_again() -> None:
    clock = FakeClock()
    b = breaker(clock)
    for _ in range(3):
        await b.record(ok=False)
    clock.advance(30.0)
    assert await b.admit() is None
    await b.record(ok=False)
    assert await b.admit() == 30.0


async def test_a_probe_that_never_reports_frees_its_lease() -> None:
    clock = FakeClock()
    b = breaker(clock)
    for _ in range(3):
        await b.record(ok=False)
    clock.advance(30.0)
    assert await b.admit() is None
    clock.advance(30.0)
    assert await b.admit() is None
