"""The limiter against simulators that enforce their provider's limit, on a fake clock shared
with the simulator: steady load gets no 429 at all, excess demand waits or is shed."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from providers.base import Connection
from providers.errors import LocallyRateLimited, ProviderRateLimited
from providers.greenhouse.simulator import SimulatorFaults
from providers.query import ListQuery
from providers.resilience import InProcessState, UpstreamPolicy
from providers.resilience.binding import bind_upstream
from providers.workable import WorkableAdapter
from providers.workable.simulator import SimulatorFaults as WorkableFaults
from providers.workable.simulator import create_simulator as workable_simulator
from providers.workable.simulator import simulator_transport as workable_transport

from .support import DATA, GH_KEY, CountingTransport, FakeClock, FakeTimeModule, greenhouse

PATIENT = UpstreamPolicy(max_rate_wait_s=15.0, backoff_initial_s=0.001, backoff_jitter_s=0.0)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    clock = FakeClock()
    fake_time = FakeTimeModule(clock)
    monkeypatch.setattr("providers.kit.simulator.time", fake_time)  # the simulators' rate windows
    monkeypatch.setattr("providers.kit.simtokens.time", fake_time)  # simulated OAuth tokens expire
    return clock


async def test_steady_load_gets_no_429_from_greenhouse(clock: FakeClock) -> None:
    # The simulator enforces the documented 50 per 10 s; 130 calls need three windows.
    faults = SimulatorFaults(rate_limit=50, retry_after_s=60)
    adapter, sim, _ = greenhouse(faults, policy=PATIENT, clock=clock)
    started = clock.now
    for _ in range(130):
        assert (await adapter.list_jobs(ListQuery())).records
    assert sim.statuses == {200: 130}
    assert clock.now - started >= 20.0  # it waited for the provider's windows


async def test_without_the_limiter_the_same_load_is_refused(clock: FakeClock) -> None:
    faults = SimulatorFaults(rate_limit=50, retry_after_s=60)
    adapter, sim, _ = greenhouse(faults, policy=PATIENT, clock=clock, rate_limited=False)
    refused = 0
    for _ in range(60):
        try:
            await adapter.list_jobs(ListQuery())
        except ProviderRateLimited:
            refused += 1
    assert refused == 10
    assert sim.statuses[429] == 10


async def test_a_lower_limit_announced_in_headers_is_obeyed(clock: FakeClock) -> None:
    faults = SimulatorFaults(rate_limit=5, retry_after_s=60)
    adapter, sim, _ = greenhouse(faults, policy=PATIENT, clock=clock)
    for _ in range(23):
        await adapter.list_jobs(ListQuery())
    assert sim.statuses == {200: 23}


async def test_a_burst_over_the_limit_is_shed_locally_with_a_retry_hint(clock: FakeClock) -> None:
    faults = SimulatorFaults(rate_limit=50, retry_after_s=60)
    adapter, sim, _ = greenhouse(faults, policy=UpstreamPolicy(max_rate_wait_s=0.0), clock=clock)
    results = await asyncio.gather(
        *(adapter.list_jobs(ListQuery()) for _ in range(60)), return_exceptions=True
    )
    shed = [r for r in results if isinstance(r, LocallyRateLimited)]
    assert len(shed) == 10
    assert all(r.retry_after is not None and 0 < r.retry_after <= 10.5 for r in shed)
    assert all(GH_KEY not in f"{r} {r!r}" and r.connection == "gh" for r in shed)
    assert sim.statuses == {200: 50}


async def test_a_429_pauses_the_account_for_its_retry_after(clock: FakeClock) -> None:
    faults = SimulatorFaults(fail_next_n_with_status=(1, 429), retry_after_s=5)
    policy = UpstreamPolicy(max_rate_wait_s=0.0, max_attempts=1)
    adapter, sim, _ = greenhouse(faults, policy=policy, clock=clock)
    with pytest.raises(ProviderRateLimited):
        await adapter.list_jobs(ListQuery())
    with pytest.raises(LocallyRateLimited) as info:
        await adapter.list_jobs(ListQuery())
    assert info.value.retry_after == pytest.approx(5.0)
    clock.advance(5.0)
    assert (await adapter.list_jobs(ListQuery())).records
    assert sim.requests == 2


async def test_steady_load_gets_no_429_from_workable(clock: FakeClock) -> None:
    credentials = {"api_token": "wk-token", "subdomain": "northwind"}
    app = workable_simulator(DATA, credentials=credentials, faults=WorkableFaults(enforce_rate_limit=True))
    sim = CountingTransport(workable_transport(app))
    base = "http://workable.sim/spi/v3"
    async with httpx.AsyncClient(transport=sim, base_url=base) as http:
        adapter = WorkableAdapter(
            Connection(name="wk", provider="workable", base_url=base, credentials=credentials), http=http
        )
        bind_upstream(adapter, PATIENT, InProcessState(), clock=clock)
        for _ in range(35):
            await adapter.list_jobs(ListQuery())
    assert sim.statuses == {200: 35}
