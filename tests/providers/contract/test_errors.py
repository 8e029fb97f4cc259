"""Contract: every provider's adapter turns its simulator's injected faults into the same
provider errors, and the gateway into the same codes, retrying only what is transient."""

from __future__ import annotations

import time

import pytest

from gateway.errors import ErrorCode, provider_error_code
from providers.errors import (
    ProviderAuthError,
    ProviderRateLimited,
    ProviderResponseInvalid,
    ProviderTimeout,
    ProviderUnavailable,
)
from providers.resilience import UpstreamPolicy
from providers.resilience.retry import RETRY_STATUSES

from .harness import Simulated, probe_resource, simulated

ATTEMPTS = UpstreamPolicy().max_attempts
"""Reads are retried up to this many attempts (providers/resilience)."""


@pytest.mark.parametrize("status", [401, 403])
async def test_a_refused_credential_is_an_auth_failure_never_retried(sim: Simulated, status: int) -> None:
    sim.faults.fail_next_n_with_status = (1, status)
    with pytest.raises(ProviderAuthError) as info:
        await sim.probe()
    assert sim.faults.requests == 1
    assert provider_error_code(info.value) is ErrorCode.UPSTREAM_AUTH_FAILED
    assert (info.value.provider, info.value.connection) == (sim.name, f"contract-{sim.name}")


async def test_a_429_with_retry_after_is_waited_out_then_served(sim: Simulated, sleeps: list[float]) -> None:
    plain = await sim.requests_of(sim.probe())
    sim.faults.retry_after_s = 2
    sim.faults.fail_next_n_with_status = (1, 429)
    assert (await sim.requests_of(sim.probe())) == plain + 1
    assert sleeps == [2.0]


async def test_429s_on_every_attempt_are_rate_limited_with_retry_after(
    sim: Simulated, sleeps: list[float]
) -> None:
    sim.faults.retry_after_s = 2
    sim.faults.fail_next_n_with_status = (ATTEMPTS, 429)
    with pytest.raises(ProviderRateLimited) as info:
        await sim.probe()
    assert sim.faults.requests == ATTEMPTS
    assert sleeps == [2.0] * (ATTEMPTS - 1)
    assert info.value.retry_after == 2.0
    assert provider_error_code(info.value) is ErrorCode.UPSTREAM_RATE_LIMITED


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_5xx_is_unavailable_retried_when_transient_then_recovers(
    sim: Simulated, sleeps: list[float], status: int
) -> None:
    attempts = ATTEMPTS if status in RETRY_STATUSES else 1  # a plain 500 is not retried
    sim.faults.fail_next_n_with_status = (attempts, status)
    with pytest.raises(ProviderUnavailable) as info:
        await sim.probe()
    assert sim.faults.requests == attempts
    assert len(sleeps) == attempts - 1  # backed off between attempts
    assert provider_error_code(info.value) is ErrorCode.UPSTREAM_UNAVAILABLE
    assert (await sim.probe()).records  # the faults are spent


async def test_a_malformed_page_is_an_invalid_response(sim: Simulated) -> None:
    sim.faults.malformed_pages = True
    with pytest.raises(ProviderResponseInvalid) as info:
        await sim.probe()
    assert provider_error_code(info.value) is ErrorCode.UPSTREAM_INVALID_RESPONSE


async def test_an_answer_slower_than_the_client_timeout_is_a_timeout(sim: Simulated) -> None:
    resource = probe_resource(sim.cls)
    async with simulated(sim.cls, timeout_s=0.05) as slow:
        known = (await slow.probe()).records[0].id
        slow.faults.timeout, slow.faults.timeout_s = True, 5.0
        started = time.monotonic()
        with pytest.raises(ProviderTimeout) as info:
            await slow.probe()
        assert provider_error_code(info.value) is ErrorCode.UPSTREAM_TIMEOUT
        if sim.cls.can_get(resource):  # a read by id times out the same way
            with pytest.raises(ProviderTimeout):
                await slow.adapter().get_many(resource, [known])
        assert time.monotonic() - started < 2  # the slow answers were not waited for
        slow.faults.timeout = False
        assert (await slow.probe()).records


async def test_latency_is_waited_for(sim: Simulated) -> None:
    sim.faults.latency_s = 0.05
    started = time.perf_counter()
    assert (await sim.probe()).records
    assert time.perf_counter() - started >= 0.05
