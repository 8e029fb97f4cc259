"""Scenario 1 under each provider's documented rate limit: hiregraph's loaders against naive ones.

With unlimited upstream concurrency the naive resolvers (``bench/naive.py``) are barely slower in
wall time; they pay in requests. A real provider caps the request rate, and then the request
count is the wall time. This module measures that: for each provider that documents a limit
(``ProviderAdapter.rate_limit``: Greenhouse, Lever, Workable; Ashby and the sandbox document
none and are skipped), scenario 1 runs once with hiregraph's loaders and once with the naive
ones, each on a fresh pool whose limiter is bound to the documented limit.

**Time is compressed.** The documented limits would make one measurement last minutes (Workable
admits 10 requests per 10 s), so the limit is scaled: ``scale=20`` turns Greenhouse's 50 per
10 s into 50 per 0.5 s and Lever's 10/s (burst 20) into 200/s (burst 20). The number of
requests a window or a burst admits is kept; only the period shrinks. When both runs are
rate-bound, each wall time is the time the limit needs to admit that run's requests, which is
proportional to ``period / scale`` with a factor that depends only on the request count, so the
ratio naive / hiregraph does not depend on the scale. That holds while the injected latency of a
round and the CPU of a request stay small against the scaled period (``wall_s`` close to
``rate_bound_s``): neither is compressed. A scale so large that the runs stop being rate-bound
measures latency and CPU again, which the main benchmark already does. Lever, the fastest limit,
shows the drift: its speedup was 2.40 at scale 40, 2.57-2.62 at 20, 2.73 at 10 and 2.83 at 5, against
2.89 from the limit alone (``rate_bound_speedup``): its hiregraph run waits for dependent rounds
(50 ms each) while the limit idles, about 0.2 s of 1.5 s at scale 20.

**What the simulators say is set aside.** The simulators announce the provider's limit in
``X-RateLimit-*`` / ``X-Rate-Limit-*`` headers counted in real, unscaled seconds, and the
limiter believes them (an exhausted ``Remaining`` fills its window; Workable's ``Reset`` blocks
it until the real window ends), which would put the real limit back. The headers are removed
from the responses before the limiter reads them, so it runs on the scaled documented limit
alone, as for a provider that sends none. The simulators enforce no limit either (no 429 unless
a test asks), so whether the limit was kept is checked here: every slot the limiter reserves is
recorded, and ``over_limit`` counts those a provider enforcing the scaled limit exactly would
refuse. It, the 429 responses and the errors other than ``NOT_SUPPORTED_BY_PROVIDER`` must all
be 0. A request leaves when the event loop wakes its task, after its slot (``max_lag_ms``: a few
ms, tens when a simulator's CPU holds the loop); a late send only loses time, never breaks the
limit, and is a visible share of a period only because the period is compressed (Lever's
interval is 5 ms at scale 20, 100 ms for real).

Nothing of the product changes: the adapter the pool built is bound again with
``bind_upstream(..., rate_limited=True, rate=<the scaled limit>)`` and a policy whose
``max_rate_wait_s`` lets every request wait for its slot instead of being shed.
"""

from __future__ import annotations

import asyncio
import gc
import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

import httpx

from gateway.errors import ErrorCode
from providers.base import ProviderAdapter
from providers.registry import PROVIDERS
from providers.resilience import Clock, InProcessState, RateLimit, SharedState
from providers.resilience.binding import bind_upstream
from providers.resilience.limiter import RateLimiter

from .measure import Harness, execute
from .scenarios import PIPELINE_REVIEW

DEFAULT_SCALE: Final = 20.0
"""Over Greenhouse, Lever and Workable the defaults (500 candidates, 50 read, 50 ms) take 32 s
on 2 cores, every run within 25% of its rate bound (Lever's 200/s is the tightest: about 2 ms
of CPU per request against 5 ms between slots). Scale 10 takes about a minute and brings
Lever's speedup from 2.6 to 2.73."""
RATE_LIMITED_PROVIDERS: Final = tuple(name for name, cls in PROVIDERS.items() if cls.rate_limit is not None)
SLOT_READING_S: Final = 0.001
"""How precisely a slot is known: :class:`RecordingLimiter` reads the clock just before the
limiter does, so a recorded slot can be a few microseconds early. Far below the shortest scaled
period measured (Lever's interval: 5 ms at scale 20)."""
RATE_HEADER_PREFIXES: Final = ("x-ratelimit-", "x-rate-limit-")
EXPECTED_ERRORS: Final = frozenset({ErrorCode.NOT_SUPPORTED_BY_PROVIDER.value})
"""Per-field errors for what a provider does not have (Workable: scorecards): no upstream cost."""


def documented_limit(provider: str) -> RateLimit | None:
    return PROVIDERS[provider].rate_limit


def scaled(rate: RateLimit, scale: float) -> RateLimit:
    """``rate`` with its period divided by ``scale`` (the counts stay)."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    return replace(rate, per_s=rate.per_s / scale)


def describe(rate: RateLimit) -> str:
    if rate.burst is not None:
        return f"{rate.requests / rate.per_s:g}/s, burst {rate.burst}"
    return f"{rate.requests} per {rate.per_s:g} s"


def rate_bound_s(rate: RateLimit, requests: int) -> float:
    """The shortest time from the first send to the last that ``rate`` allows ``requests``
    sends: a window admits ``requests`` per period, so send k and send k + N are a period apart;
    a bucket lets ``burst`` go at once and then one per interval."""
    if requests <= 1:
        return 0.0
    if rate.burst is not None:
        return max(0, requests - rate.burst) * rate.per_s / rate.requests
    return ((requests - 1) // rate.requests) * rate.per_s


def over_limit(rate: RateLimit, sends: Sequence[float], tolerance_s: float = SLOT_READING_S) -> int:
    """How many of ``sends`` (monotonic times) a provider enforcing ``rate`` exactly refuses,
    not counting sends early by at most ``tolerance_s``."""
    times = sorted(sends)
    if rate.burst is not None:
        # GCRA, as a provider's bucket would count: conforming when no earlier than the
        # theoretical arrival time minus the burst's allowance
        interval = rate.per_s / rate.requests
        allowance = (rate.burst - 1) * interval
        tat, refused = 0.0, 0
        for t in times:
            if tat - allowance > t + tolerance_s:
                refused += 1
                continue
            tat = max(tat, t) + interval
        return refused
    # a sliding window of ``per_s`` never holding more than ``requests`` (a fixed window at
    # the provider, wherever it starts, then sees no more either)
    n = rate.requests
    return sum(1 for i in range(len(times) - n) if times[i + n] - times[i] < rate.per_s - tolerance_s)


class RecordingLimiter(RateLimiter):
    """The bound limiter, unchanged, noting each slot it reserved and how late its task
    actually got to send."""

    def __init__(self, key: str, rate: RateLimit | None, state: SharedState, clock: Clock) -> None:
        super().__init__(key, rate, state, clock)
        self.slots: list[float] = []
        self.lags: list[float] = []

    async def acquire(self, max_wait: float) -> float:
        asked = self.clock.monotonic()
        waited = await super().acquire(max_wait)
        # ``acquire`` read the clock once, right after us, and waited until its slot
        slot = asked + waited
        self.slots.append(slot)
        self.lags.append(self.clock.monotonic() - slot)
        return waited


@dataclass
class LimitedRun:
    requests: int
    wall_s: float
    cpu_s: float
    errors: int
    """GraphQL errors other than NOT_SUPPORTED_BY_PROVIDER (a shed or refused call, a timeout)."""
    field_errors: int
    rejected: int = 0
    """Upstream responses with status 429."""
    over_limit: int = 0
    slots: int = 0
    """Rate-limit slots taken: every upstream request takes one."""
    max_lag_s: float = 0.0


async def run_limited(
    harness: Harness,
    rate: RateLimit,
    variables: Mapping[str, Any],
    *,
    naive: bool,
) -> LimitedRun:
    """Scenario 1 once on a fresh pool, the connection's limiter bound to ``rate``."""
    async with harness.pool() as (adapter, _):
        limiters = _bind_limited(adapter, rate, harness)
        rejected = 0

        async def strip(response: httpx.Response) -> None:
            nonlocal rejected
            rejected += response.status_code == 429
            for name in list(response.headers):
                if name.lower().startswith(RATE_HEADER_PREFIXES):
                    del response.headers[name]

        client = adapter.http
        assert client is not None, "only HTTP providers document a rate limit"
        hooks = client.event_hooks
        client.event_hooks = {"request": hooks["request"], "response": [*hooks["response"], strip]}
        # Time is compressed, pauses are not: a full collection (100-200 ms over the in-process
        # simulators' heaps, which a real provider keeps elsewhere) delays every slot falling in
        # it, 20 of Lever's intervals at scale 20 against one at the real rate.
        collecting = gc.isenabled()
        gc.disable()
        try:
            result = await _execute(adapter, harness, variables, naive=naive)
        finally:
            if collecting:
                gc.enable()
    lags = [lag for limiter in limiters for lag in limiter.lags]
    return replace(
        result,
        rejected=rejected,
        over_limit=sum(over_limit(rate, limiter.slots) for limiter in limiters),
        slots=sum(len(limiter.slots) for limiter in limiters),
        max_lag_s=max(lags, default=0.0),
    )


def _bind_limited(adapter: ProviderAdapter, rate: RateLimit, harness: Harness) -> list[RecordingLimiter]:
    upstream = harness.settings.upstream
    # every request waits for its slot, however long the queue: shedding one would change
    # the response, and the operation's own deadline (the bench's 600 s) still applies
    policy = replace(upstream, max_rate_wait_s=upstream.operation_deadline_s)
    limiters = []
    for client in bind_upstream(adapter, policy, InProcessState(), rate_limited=True, rate=rate):
        bound = client.guard.limiter
        assert bound is not None
        recording = RecordingLimiter(client.guard.key, bound.rate, bound.state, bound.clock)
        client.guard.limiter = recording
        limiters.append(recording)
    return limiters


async def _execute(
    adapter: ProviderAdapter, harness: Harness, variables: Mapping[str, Any], *, naive: bool
) -> LimitedRun:
    result = await execute(adapter, harness.settings, PIPELINE_REVIEW.document, variables, naive=naive)
    # a field a provider does not have is expected; a rate-limit error is not
    expected = sum(1 for code in result.error_codes if code in EXPECTED_ERRORS)
    return LimitedRun(
        requests=result.requests,
        wall_s=result.wall_s,
        cpu_s=result.cpu_s,
        errors=result.errors - expected,
        field_errors=expected,
    )


async def rate_limited_rows(
    providers: Iterable[str] = RATE_LIMITED_PROVIDERS,
    *,
    size: int = 500,
    latency_ms: float = 50,
    first: int = 50,
    scale: float = DEFAULT_SCALE,
    log: Callable[[str], object] | None = None,
) -> list[dict[str, Any]]:
    """One row per provider of ``providers`` with a documented rate limit (others are skipped):
    scenario 1 reading ``first`` of ``size`` candidates at ``latency_ms`` per upstream request,
    with hiregraph's loaders and with the naive ones, under the documented limit compressed in
    time by ``scale``. ``speedup_vs_naive`` (naive wall / hiregraph wall) does not depend on the
    scale while both runs are rate-bound (``wall_s`` close to ``rate_bound_s``);
    ``rate_bound_speedup`` is the ratio the limit alone implies, which it tends to as the scale
    goes down; what separates them is mostly the injected latency of dependent rounds, which is
    not compressed.

    Each row: the provider, its documented and scaled limits, both runs' upstream requests,
    wall time and the least time the scaled limit allows those requests (``rate_bound_s``,
    ``naive_rate_bound_s``), the speedups, and what must be 0: ``rejected_429`` (429 responses),
    ``errors`` (other than NOT_SUPPORTED_BY_PROVIDER), ``over_limit`` (slots breaking the
    scaled limit) and ``requests_without_slot``. ``max_lag_ms``: the longest a request left
    after its slot. ``field_errors``: hiregraph's run's NOT_SUPPORTED_BY_PROVIDER errors."""
    rows = []
    for provider in providers:
        documented = documented_limit(provider)
        if documented is None:
            continue
        rate = scaled(documented, scale)
        harness = Harness(provider, size=size, latency_ms=latency_ms)
        async with harness.pool():
            pass  # builds the dataset (cached), so that it can be frozen before the runs
        # as measure_row does: the dataset is the provider's memory, not the gateway's
        gc.collect()
        gc.freeze()
        variables = {"first": first}
        ours = await run_limited(harness, rate, variables, naive=False)
        naive = await run_limited(harness, rate, variables, naive=True)
        ours_bound, naive_bound = rate_bound_s(rate, ours.requests), rate_bound_s(rate, naive.requests)
        row = {
            "scenario": PIPELINE_REVIEW.name,
            "provider": provider,
            "documented_limit": describe(documented),
            "scale": scale,
            "scaled_limit": describe(rate),
            "size": size,
            "first": first,
            "latency_ms": latency_ms,
            "upstream_requests": ours.requests,
            "wall_s": round(ours.wall_s, 4),
            "rate_bound_s": round(ours_bound, 4),
            "naive_upstream_requests": naive.requests,
            "naive_wall_s": round(naive.wall_s, 4),
            "naive_rate_bound_s": round(naive_bound, 4),
            "speedup_vs_naive": round(naive.wall_s / ours.wall_s, 2) if ours.wall_s else None,
            "rate_bound_speedup": round(naive_bound / ours_bound, 2) if ours_bound else None,
            "rejected_429": ours.rejected + naive.rejected,
            "errors": ours.errors + naive.errors,
            "over_limit": ours.over_limit + naive.over_limit,
            "requests_without_slot": ours.requests + naive.requests - ours.slots - naive.slots,
            "max_lag_ms": round(max(ours.max_lag_s, naive.max_lag_s) * 1000, 1),
            "field_errors": ours.field_errors,
        }
        if log is not None:
            log(
                f"bench: rate-limited {provider:<10} {row['scaled_limit']}: requests"
                f" {ours.requests} vs naive {naive.requests}, wall {ours.wall_s:.2f}s vs"
                f" {naive.wall_s:.2f}s (x{row['speedup_vs_naive']})"
            )
        rows.append(row)
    return rows


def main() -> None:
    started = time.perf_counter()
    rows = asyncio.run(rate_limited_rows(log=print))
    for row in rows:
        print(json.dumps(row))
    print(f"bench: rate-limited rows in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
