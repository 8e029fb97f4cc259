"""Retrying idempotent reads, with stamina: which failures are worth another attempt, how
long to wait (``Retry-After`` when the provider said, jittered exponential backoff when not),
and a retry budget so that a failing provider is not hammered.

The budget works like a token bucket of retries: every first attempt earns
``retry_budget_ratio`` of a retry, every retry spends one, and at most
``retry_budget_reserve`` can be saved. Under sustained failure retries thus add at most
about ``ratio`` extra calls (plus the reserve once), however many attempts a call may make.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Final, TypeVar

import httpx
import stamina

from ..errors import ProviderError
from .policy import UpstreamPolicy

T = TypeVar("T")

RETRY_STATUSES: Final = frozenset({429, 502, 503, 504})
"""500 is left out: it usually means this request breaks the provider, not that it is busy."""
RETRY_TRANSPORT_ERRORS: Final = (httpx.NetworkError, httpx.ConnectTimeout, httpx.RemoteProtocolError)
"""Connection failures. A read timeout is not among them: it already cost a whole call
timeout, and asking a provider that is too slow again only adds load and latency."""


class Transient(Exception):
    """An attempt failed in a way another attempt may fix; carries the error to report."""

    def __init__(self, error: ProviderError, retry_after: float | None = None) -> None:
        super().__init__(error.message)
        self.error = error
        self.retry_after = retry_after


class RetryBudget:
    def __init__(self, ratio: float, reserve: int) -> None:
        self.ratio = ratio
        self.reserve = float(reserve)
        self.balance = float(reserve)

    def earn(self) -> None:
        self.balance = min(self.reserve, self.balance + self.ratio)

    def spend(self) -> bool:
        if self.balance < 1.0:
            return False
        self.balance -= 1.0
        return True


def longest_backoff(policy: UpstreamPolicy, attempt: int) -> float:
    """The most stamina may wait after attempt number ``attempt`` (1-based)."""
    grown = policy.backoff_initial_s * 2.0 ** (attempt - 1) + policy.backoff_jitter_s
    return min(policy.backoff_max_s, grown)


async def with_retries(
    call: Callable[[], Awaitable[T]],
    policy: UpstreamPolicy,
    budget: RetryBudget,
    time_left: Callable[[], float | None],
) -> T:
    """Run ``call`` (which raises :class:`Transient` for a failure worth retrying) up to
    ``policy.max_attempts`` times; the last error is raised as the provider error it carries."""
    budget.earn()

    def again(exc: Exception) -> bool | float:
        if not isinstance(exc, Transient) or made >= policy.max_attempts:
            return False
        asked = exc.retry_after
        if asked is not None and asked > policy.max_retry_after_s:
            return False
        wait = asked if asked is not None else longest_backoff(policy, made)
        left = time_left()
        if left is not None and wait >= left:
            return False  # the operation's deadline would pass while waiting
        if not budget.spend():
            return False
        return asked if asked is not None else True

    # The first attempt goes without stamina: almost every call succeeds at once, and setting
    # up stamina's retry context cost ~20 us a call, 2 % of the gateway's CPU per upstream call
    # (bench/upstream_cpu.py). A failure is handed to stamina as its first attempt's outcome,
    # so the waits, attempts and budget are those stamina would have given.
    made = 1
    try:
        return await call()
    except Transient as exc:
        first_failure: Transient | None = exc
    try:
        async for attempt in stamina.retry_context(
            on=again,
            attempts=policy.max_attempts,
            timeout=None,
            wait_initial=policy.backoff_initial_s,
            wait_max=policy.backoff_max_s,
            wait_jitter=policy.backoff_jitter_s,
            wait_exp_base=2,
        ):
            with attempt:
                if first_failure is not None:
                    failure, first_failure = first_failure, None
                    raise failure
                made += 1
                return await call()
    except Transient as exc:
        raise exc.error from exc.error.__cause__
    raise AssertionError("unreachable")  # pragma: no cover
