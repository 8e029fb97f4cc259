"""Wiring a connection's adapter to its upstream discipline (called by ``providers/factory.py``).

Adapters build their ``UpstreamHttp`` clients in their own constructors, which take only
the connection and the pooled client; so the discipline is attached afterwards, to every
client the adapter lists in ``upstreams()``, keyed by the upstream account.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..base import ProviderAdapter
from ..http import UpstreamHttp
from .clock import SYSTEM_CLOCK, Clock
from .guard import UpstreamGuard
from .policy import RateLimit, UpstreamPolicy
from .state import SharedState, state_key


def bind_upstream(
    adapter: ProviderAdapter,
    policy: UpstreamPolicy,
    state: SharedState,
    *,
    clock: Clock | None = None,
    rate_limited: bool = True,
    identity: Mapping[str, Any] | None = None,
    rate: RateLimit | None = None,
) -> list[UpstreamHttp]:
    """Give each of ``adapter``'s HTTP clients the policy, the provider's documented rate limit
    and the account's shared limiter and breaker state; returns the clients bound.
    ``rate_limited=False`` leaves the limiter out (simulated connections: their simulators
    announce the provider's limits in headers but enforce them only when a test asks).
    ``identity`` names the account when the credentials do not stay the same (an OAuth access
    token changes at every refresh, and its budget must not). Without ``clock``, the state's
    own (``state.clock``: wall time for state shared across hosts) or the system's.
    ``rate`` replaces the documented limit (the bench runs under a time-compressed one)."""
    clock = clock if clock is not None else getattr(state, "clock", SYSTEM_CLOCK)
    account = adapter.connection.credentials if identity is None else identity
    rate = rate if rate is not None else adapter.rate_limit
    bound = list(adapter.upstreams())
    for upstream in bound:
        key = state_key(adapter.name, upstream.base_url, account)
        upstream.guard = UpstreamGuard(
            policy, key, rate=rate, state=state, clock=clock, rate_limited=rate_limited
        )
    return bound
