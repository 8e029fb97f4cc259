"""Fault injection through the provider simulators, one adapter at a time: exact attempts for
retries, timeouts, writes, the breaker and the rate limiter."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import httpx
import pytest
import respx

from providers.ashby import AshbyAdapter
from providers.ashby.simulator import SimulatorFaults as AshbyFaults
from providers.ashby.simulator import SimulatorTransport, create_simulator
from providers.base import Connection
from providers.errors import (
    CircuitOpen,
    ProviderRateLimited,
    ProviderResponseInvalid,
    ProviderTimeout,
    ProviderUnavailable,
)
from providers.greenhouse.simulator import SimulatorFaults
from providers.http import UpstreamHttp
from providers.query import ListQuery
from providers.resilience import InProcessState
from providers.resilience.guard import UpstreamGuard
from providers.resilience.policy import UpstreamPolicy

from .support import DATA, FAST, GH_KEY, FakeClock, greenhouse


async def test_a_429_with_retry_after_then_success_takes_two_attempts() -> None:
    adapter, sim, _ = greenhouse(SimulatorFaults(fail_next_n_with_status=(1, 429), retry_after_s=0.01))
    assert (await adapter.list_jobs(ListQuery())).records
    assert sim.requests == 2
    assert sim.statuses == {429: 1, 200: 1}


async def test_two_503s_then_success_takes_three_attempts() -> None:
    adapter, sim, _ = greenhouse(SimulatorFaults(fail_next_n_with_status=(2, 503)))
    assert (await adapter.list_jobs(ListQuery())).records
    assert sim.requests == 3


@pytest.mark.parametrize("status", [502, 503, 504])
async def test_a_provider_that_stays_down_gets_three_attempts(status: int) -> None:
    adapter, sim, _ = greenhouse(SimulatorFaults(fail_next_n_with_status=(100, status)))
    with pytest.raises(ProviderUnavailable):
        await adapter.list_jobs(ListQuery())
    assert sim.requests == 3


@pytest.mark.parametrize("status", [500, 401, 422])
async def test_other_failures_are_not_retried(status: int) -> None:
    adapter, sim, _ = greenhouse(SimulatorFaults(fail_next_n_with_status=(100, status)))
    with pytest.raises(Exception):  # noqa: B017, PT011 - the mapping itself is tested elsewhere
        await adapter.list_jobs(ListQuery())
    assert sim.requests == 1


async def test_a_retry_after_longer_than_the_cap_is_reported_at_once() -> None:
    faults = SimulatorFaults(fail_next_n_with_status=(100, 429), retry_after_s=60)
    adapter, sim, _ = greenhouse(faults)
    with pytest.raises(ProviderRateLimited) as info:
        await adapter.list_jobs(ListQuery())
    assert sim.requests == 1
    assert info.value.retry_after == 60


async def test_a_timeout_is_one_attempt_at_the_call_timeout() -> None:
    policy = UpstreamPolicy(call_timeout_s=0.05, backoff_initial_s=0.001, backoff_jitter_s=0.0)
    adapter, sim, _ = greenhouse(SimulatorFaults(timeout=True), policy=policy)
    with pytest.raises(ProviderTimeout):
        await adapter.list_jobs(ListQuery())
    assert sim.requests == 1


async def test_a_malformed_page_is_invalid_and_not_retried() -> None:
    adapter, sim, _ = greenhouse(SimulatorFaults(malformed_pages=True))
    with pytest.raises(ProviderResponseInvalid):
        await adapter.list_jobs(ListQuery())
    assert sim.requests == 1


async def test_ashby_reads_are_posts_yet_retried() -> None:
    faults = AshbyFaults(fail_next_n_with_status=(2, 503))
    counting = [0]

    class Counting(SimulatorTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            counting[0] += 1
            return await super().handle_async_request(request)

    app = create_simulator(DATA, credentials={"api_key": "ashby-k"}, faults=faults)
    async with httpx.AsyncClient(transport=Counting(app=app), base_url="https://api.ashbyhq.com") as http:
        adapter = AshbyAdapter(
            Connection(name="a", provider="ashby", credentials={"api_key": "ashby-k"}), http=http
        )
        adapter.upstream.guard = UpstreamGuard(FAST, "ashby:test")
        assert (await adapter.list_users(ListQuery())).records
    assert counting[0] == 3


@pytest.mark.parametrize(("idempotent", "attempts"), [(None, 1), (False, 1), (True, 3)])
async def test_writes_are_never_retried_unless_marked_idempotent(
    idempotent: bool | None, attempts: int
) -> None:
    async with httpx.AsyncClient() as client:
        http = UpstreamHttp(client, base_url="https://ats.test", provider="p", connection="c")
        http.guard = UpstreamGuard(FAST, "p:test")
        with respx.mock(base_url="https://ats.test", assert_all_called=True) as router:
            route = router.post("/candidates").respond(503)
            with pytest.raises(ProviderUnavailable):
                await http.request("POST", "/candidates", json={"name": "x"}, idempotent=idempotent)
    assert route.call_count == attempts


async def test_connection_errors_are_retried_but_not_for_writes() -> None:
    async with httpx.AsyncClient() as client:
        http = UpstreamHttp(client, base_url="https://ats.test", provider="p", connection="c")
        http.guard = UpstreamGuard(FAST, "p:test")
        with respx.mock(base_url="https://ats.test", assert_all_called=True) as router:
            read = router.get("/jobs").mock(side_effect=httpx.ConnectError("refused"))
            write = router.post("/jobs").mock(side_effect=httpx.ConnectError("refused"))
            with pytest.raises(ProviderUnavailable):
                await http.request("GET", "/jobs")
            with pytest.raises(ProviderUnavailable):
                await http.request("POST", "/jobs")
    assert (read.call_count, write.call_count) == (3, 1)


async def test_the_breaker_opens_fails_fast_then_half_opens_after_the_cooldown() -> None:
    clock = FakeClock()
    policy = UpstreamPolicy(
        breaker_failures=3, breaker_cooldown_s=30.0, backoff_initial_s=0.001, backoff_jitter_s=0.0
    )
    adapter, sim, faults = greenhouse(
        SimulatorFaults(fail_next_n_with_status=(100, 503)), policy=policy, clock=clock
    )
    with pytest.raises(ProviderUnavailable):
        await adapter.list_jobs(ListQuery())
    assert sim.requests == 3  # three failed attempts: the circuit is now open
    for _ in range(5):
        with pytest.raises(CircuitOpen) as info:
            await adapter.list_jobs(ListQuery())
    assert sim.requests == 3  # failing fast: nothing sent while open
    assert GH_KEY not in f"{info.value} {info.value!r}"
    assert info.value.connection == "gh"
    faults.fail_next_n_with_status = None
    clock.advance(29.0)
    with pytest.raises(CircuitOpen):
        await adapter.list_jobs(ListQuery())
    clock.advance(1.0)
    assert (await adapter.list_jobs(ListQuery())).records  # the probe succeeds: closed again
    assert (await adapter.list_jobs(ListQuery())).records
    assert sim.requests == 5


async def test_a_failed_probe_opens_the_circuit_for_another_cooldown() -> None:
    clock = FakeClock()
    policy = UpstreamPolicy(breaker_failures=2, max_attempts=1, breaker_cooldown_s=10.0)
    adapter, sim, _ = greenhouse(
        SimulatorFaults(fail_next_n_with_status=(100, 503)), policy=policy, clock=clock
    )
    for _ in range(2):
        with pytest.raises(ProviderUnavailable):
            await adapter.list_jobs(ListQuery())
    clock.advance(10.0)
    with pytest.raises(ProviderUnavailable) as probe:
        await adapter.list_jobs(ListQuery())
    assert not isinstance(probe.value, CircuitOpen)
    with pytest.raises(CircuitOpen):
        await adapter.list_jobs(ListQuery())
    assert sim.requests == 3


def test_the_breaker_state_is_per_account() -> None:
    state = InProcessState()
    a = UpstreamGuard(FAST, "greenhouse:a", state=state)
    b = UpstreamGuard(FAST, "greenhouse:b", state=state)
    assert a.breaker.key != b.breaker.key


async def test_the_concurrency_cap_bounds_requests_in_flight() -> None:
    seen = {"now": 0, "peak": 0}

    async def slow(_: httpx.Request) -> httpx.Response:
        seen["now"] += 1
        seen["peak"] = max(seen["peak"], seen["now"])
        await asyncio.sleep(0.01)
        seen["now"] -= 1
        return httpx.Response(200, json=[])

    async with httpx.AsyncClient(transport=httpx.MockTransport(slow)) as client:
        http = UpstreamHttp(client, base_url="https://ats.test", provider="p", connection="c")
        http.guard = UpstreamGuard(replace(FAST, max_concurrency=2), "p:test")
        await asyncio.gather(*(http.request("GET", "/jobs") for _ in range(6)))
    assert seen["peak"] == 2
