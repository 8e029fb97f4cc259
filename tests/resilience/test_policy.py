"""The ``[upstream]`` table, the meter's budget and deadline, and how a pool binds adapters."""

from __future__ import annotations

from typing import Any

import pytest

from graph.connections import ConnectionPool
from graph.settings import SettingsError, parse_settings
from providers.errors import ProviderTimeout, UpstreamBudgetExceeded
from providers.metering import UpstreamMeter, current_meter, upstream_call
from providers.registry import PROVIDERS
from providers.resilience import UpstreamPolicy, operation_meter

from .support import FakeClock

SANDBOX = {"sandbox": {"provider": "sandbox", "seed": 1, "size": 5}}


def settings(**extra: Any) -> Any:
    return parse_settings({"connections": SANDBOX, **extra}, "test")


def test_defaults_apply_without_an_upstream_table() -> None:
    policy = settings().upstream
    assert policy == UpstreamPolicy()
    assert (policy.call_timeout_s, policy.operation_deadline_s, policy.operation_budget) == (10.0, 30.0, 100)
    assert policy.max_attempts == 3


def test_the_upstream_table_sets_its_keys() -> None:
    policy = settings(upstream={"operation_budget": 20, "call_timeout_s": 2, "breaker_failures": 4}).upstream
    assert (policy.operation_budget, policy.call_timeout_s, policy.breaker_failures) == (20, 2.0, 4)
    assert isinstance(policy.call_timeout_s, float)


def test_the_call_timeout_follows_http_timeout_s_unless_set() -> None:
    assert settings(limits={"http_timeout_s": 4.0}).upstream.call_timeout_s == 4.0
    both = settings(limits={"http_timeout_s": 4.0}, upstream={"call_timeout_s": 1.5})
    assert both.upstream.call_timeout_s == 1.5


@pytest.mark.parametrize(
    ("table", "needle"),
    [
        ({"retries": 3}, "unknown key"),
        ({"max_attempts": 0}, "max_attempts"),
        ({"max_attempts": 2.5}, "max_attempts"),
        ({"call_timeout_s": 0}, "call_timeout_s"),
        ({"operation_budget": "many"}, "operation_budget"),
        ({"backoff_jitter_s": -1}, "backoff_jitter_s"),
        ({"max_concurrency": True}, "max_concurrency"),
    ],
)
def test_a_bad_upstream_table_fails_loudly(table: dict[str, Any], needle: str) -> None:
    with pytest.raises(SettingsError, match=needle):
        settings(upstream=table)


def test_the_meter_refuses_calls_past_its_budget_before_counting_them() -> None:
    meter = UpstreamMeter(budget=2)
    token = current_meter.set(meter)
    try:
        for _ in range(2):
            with upstream_call(provider="p", connection="c"):
                pass
        with pytest.raises(UpstreamBudgetExceeded) as info, upstream_call(provider="p", connection="c"):
            raise AssertionError("the call must not start")
    finally:
        current_meter.reset(token)
    assert meter.requests == 2
    assert "budget of 2" in info.value.message
    assert info.value.connection == "c"


def test_the_meter_refuses_calls_past_its_deadline() -> None:
    clock = FakeClock()
    meter = UpstreamMeter(deadline=clock.now + 5, clock=clock.monotonic)
    assert meter.time_left() == 5
    meter.check()
    clock.advance(5)
    with pytest.raises(ProviderTimeout):
        meter.check(provider="p")
    assert meter.requests == 0


def test_an_operation_meter_carries_the_policy() -> None:
    meter = operation_meter(UpstreamPolicy(operation_budget=7, operation_deadline_s=3.0))
    left = meter.time_left()
    assert meter.budget == 7
    assert left is not None
    assert 0 < left <= 3.0


def test_the_pool_binds_every_http_client_to_the_policy() -> None:
    policy = {"operation_budget": 9, "max_attempts": 2, "max_concurrency": 3}
    connections: dict[str, Any] = {
        name: {"provider": name, "simulated": True, "seed": 1, "size": 5}
        for name, cls in PROVIDERS.items()
        if cls.simulation() is not None
    }
    pool = ConnectionPool(parse_settings({"connections": connections, "upstream": policy}, "test"))
    for adapter in pool.adapters.values():
        clients = adapter.upstreams()
        assert clients, f"{adapter.name} lists no UpstreamHttp"
        for client in clients:
            assert client.guard.policy == pool.settings.upstream
            assert client.guard.key.startswith(f"{adapter.name}:")
            assert "demo" not in client.guard.key
            assert len(client.guard.key) < 80
            # Simulated connections skip the limiter; the breaker and retries stay.
            assert client.guard.limiter is None


def test_state_keys_hide_credentials_and_follow_the_account() -> None:
    config = {
        "a": {"provider": "greenhouse", "credentials": {"api_key": "secret-one"}},
        "b": {"provider": "greenhouse", "credentials": {"api_key": "secret-one"}},
        "c": {"provider": "greenhouse", "credentials": {"api_key": "secret-two"}},
    }
    pool = ConnectionPool(parse_settings({"connections": config}, "test"))
    keys = {name: a.upstreams()[0].guard.key for name, a in pool.adapters.items()}
    assert keys["a"] == keys["b"] != keys["c"]
    assert not any("secret" in k for k in keys.values())
    assert pool.adapters["a"].upstreams()[0].guard.limiter is not None
