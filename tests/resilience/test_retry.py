"""Retries through stamina: what is retried, how often, and the retry budget."""

from __future__ import annotations

import pytest

from providers.errors import ProviderAuthError, ProviderUnavailable
from providers.resilience import UpstreamPolicy
from providers.resilience.retry import RetryBudget, Transient, with_retries

POLICY = UpstreamPolicy(backoff_initial_s=0.0, backoff_max_s=0.0, backoff_jitter_s=0.0)


class Flaky:
    """Fails ``failures`` times with ``error`` (wrapped as Transient when ``transient``)."""

    def __init__(self, failures: int, *, transient: bool = True, retry_after: float | None = None) -> None:
        self.failures = failures
        self.transient = transient
        self.retry_after = retry_after
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            error = ProviderUnavailable("down", provider="p")
            if self.transient:
                raise Transient(error, self.retry_after)
            raise ProviderAuthError("no", provider="p")
        return "ok"


def budget() -> RetryBudget:
    return RetryBudget(POLICY.retry_budget_ratio, POLICY.retry_budget_reserve)


async def test_transient_failures_are_retried_up_to_max_attempts() -> None:
    call = Flaky(2)
    assert await with_retries(call, POLICY, budget(), lambda: None) == "ok"
    assert call.calls == 3
    forever = Flaky(10)
    with pytest.raises(ProviderUnavailable):
        await with_retries(forever, POLICY, budget(), lambda: None)
    assert forever.calls == 3


async def test_other_errors_are_not_retried() -> None:
    call = Flaky(1, transient=False)
    with pytest.raises(ProviderAuthError):
        await with_retries(call, POLICY, budget(), lambda: None)
    assert call.calls == 1


async def test_a_retry_after_past_the_cap_or_the_deadline_is_not_waited_out() -> None:
    too_long = Flaky(1, retry_after=POLICY.max_retry_after_s + 1)
    with pytest.raises(ProviderUnavailable):
        await with_retries(too_long, POLICY, budget(), lambda: None)
    assert too_long.calls == 1
    past_deadline = Flaky(1, retry_after=2.0)
    with pytest.raises(ProviderUnavailable):
        await with_retries(past_deadline, POLICY, budget(), lambda: 1.5)
    assert past_deadline.calls == 1
    within = Flaky(1, retry_after=0.0)
    assert await with_retries(within, POLICY, budget(), lambda: 1.5) == "ok"
    assert within.calls == 2


async def test_under_sustained_failure_retries_add_about_the_budget_ratio() -> None:
    shared = budget()
    calls = 200
    attempts = 0
    for _ in range(calls):
        call = Flaky(10)
        with pytest.raises(ProviderUnavailable):
            await with_retries(call, POLICY, shared, lambda: None)
        attempts += call.calls
    retries = attempts - calls
    assert retries <= POLICY.retry_budget_reserve + POLICY.retry_budget_ratio * calls
    assert retries >= POLICY.retry_budget_ratio * calls - 1  # the budget is used, not just refused


def test_the_budget_refills_by_the_ratio_up_to_the_reserve() -> None:
    b = RetryBudget(0.5, 2)
    assert b.spend()
    assert b.spend()
    assert not b.spend()
    b.earn()
    assert not b.spend()
    b.earn()
    assert b.spend()
    for _ in range(10):
        b.earn()
    assert b.balance == 2.0
