"""The simulator kit every provider simulator runs on: faults, rate windows, auth headers."""

from __future__ import annotations

import base64
import math
import time

import pytest
from starlette.requests import Request

from providers.kit.simulator import RateWindow, SimulatorFaults, basic_credentials, bearer_token


def request_with(authorization: str | None) -> Request:
    headers = [] if authorization is None else [(b"authorization", authorization.encode())]
    return Request({"type": "http", "method": "GET", "path": "/", "headers": headers})


def test_injected_failures_are_used_up_one_per_request() -> None:
    faults = SimulatorFaults(fail_next_n_with_status=(2, 503))
    assert [faults.take_failure() for _ in range(3)] == [503, 503, None]
    assert faults.fail_next_n_with_status is None


async def test_delay_counts_requests_and_waits() -> None:
    faults = SimulatorFaults(latency_s=0.02)
    started = time.perf_counter()
    await faults.delay()
    assert time.perf_counter() - started >= 0.02
    assert faults.requests == 1


def test_rate_limit_switches() -> None:
    assert not SimulatorFaults().enforcing
    assert SimulatorFaults(enforce_rate_limit=True).limit(10) == 10
    assert SimulatorFaults(rate_limit=3).enforcing
    assert SimulatorFaults(rate_limit=3).limit(10) == 3


def test_rate_window_counts_within_its_window(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.5]
    monkeypatch.setattr("providers.kit.simulator.time.time", lambda: now[0])
    window = RateWindow(10)
    for _ in range(3):
        window.take()
    assert (window.remaining(2), window.over(2), window.reset_at()) == (0, True, 1011)
    assert window.seconds_to_reset() == pytest.approx(10.5)
    now[0] += 10
    window.take()
    assert (window.used, window.remaining(2)) == (1, 1)
    forever = RateWindow(math.inf)
    forever.take()
    forever.take()
    assert forever.remaining(1000) == 998


def test_auth_headers() -> None:
    token = base64.b64encode(b"key:").decode()
    assert basic_credentials(request_with(f"Basic {token}")) == ("key", "")
    assert basic_credentials(request_with("Basic a")) is None
    assert basic_credentials(request_with(None)) is None
    assert bearer_token(request_with("Bearer abc")) == "abc"
    assert bearer_token(request_with(f"Basic {token}")) is None
