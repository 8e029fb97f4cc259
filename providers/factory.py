"""One way to turn a ``Connection`` into a working adapter, for the config file's connections
(graph/connections.py) and the tenants' stored ones (tenancy/connections.py) alike.

A real connection's adapter uses the HTTP client it is given (the shared pool for static
connections, the public-only one for stored connections: the caller chooses); a simulated
one gets a client of its own, wired to the provider's in-process simulator
(providers/simulation.py). Either way the adapter is bound to its upstream discipline:
policy, the provider's rate limit and the account's shared limiter and breaker state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from .base import Connection, ProviderAdapter
from .errors import ConnectionConfigError
from .resilience import SharedState, UpstreamPolicy
from .resilience.binding import bind_upstream
from .simulation import is_simulated, simulated_adapter, simulated_adapter_async


class UnknownProvider(ConnectionConfigError):
    """A connection names a provider this server does not have."""


@dataclass(frozen=True)
class BuiltAdapter:
    """An adapter, and the client it was given for itself (a simulated one's), if any."""

    adapter: ProviderAdapter
    own_client: httpx.AsyncClient | None = None

    async def aclose(self) -> None:
        await self.adapter.aclose()
        if self.own_client is not None:
            await self.own_client.aclose()


def adapter_class(provider: str, providers: Mapping[str, type[ProviderAdapter]]) -> type[ProviderAdapter]:
    """The adapter class of ``provider``; ``UnknownProvider`` when there is none."""
    cls = providers.get(provider)
    if cls is None:
        raise UnknownProvider(f"unknown provider '{provider[:50]}' (known: {', '.join(sorted(providers))})")
    return cls


def build_adapter(
    connection: Connection,
    http: httpx.AsyncClient | None,
    providers: Mapping[str, type[ProviderAdapter]],
    *,
    policy: UpstreamPolicy,
    state: SharedState,
    timeout_s: float,
    identity: Mapping[str, Any] | None = None,
    rate_limited: bool | None = None,
) -> BuiltAdapter:
    """The adapter for ``connection``, a simulated one's dataset generated on this thread (at
    start-up, before serving). ``identity`` names the upstream account when the credentials
    change (OAuth access tokens); ``rate_limited``: whether the local limiter applies, by
    default unless simulated (a simulator enforces no rate limit unless a test asks, so the
    limiter would only slow demos)."""
    cls = adapter_class(connection.provider, providers)
    simulated = simulated_adapter(cls, connection, timeout_s) if is_simulated(connection.options) else None
    return _bound(cls, connection, http, simulated, policy, state, identity, rate_limited)


async def build_adapter_async(
    connection: Connection,
    http: httpx.AsyncClient | None,
    providers: Mapping[str, type[ProviderAdapter]],
    *,
    policy: UpstreamPolicy,
    state: SharedState,
    timeout_s: float,
    identity: Mapping[str, Any] | None = None,
    rate_limited: bool | None = None,
) -> BuiltAdapter:
    """``build_adapter`` for a running server: a simulated connection's dataset is generated
    in a worker thread, so the event loop keeps serving other requests meanwhile."""
    cls = adapter_class(connection.provider, providers)
    simulated = (
        await simulated_adapter_async(cls, connection, timeout_s)
        if is_simulated(connection.options)
        else None
    )
    return _bound(cls, connection, http, simulated, policy, state, identity, rate_limited)


def _bound(
    cls: type[ProviderAdapter],
    connection: Connection,
    http: httpx.AsyncClient | None,
    simulated: tuple[ProviderAdapter, httpx.AsyncClient] | None,
    policy: UpstreamPolicy,
    state: SharedState,
    identity: Mapping[str, Any] | None,
    rate_limited: bool | None,
) -> BuiltAdapter:
    adapter, own_client = simulated if simulated is not None else (cls(connection, http), None)
    if rate_limited is None:
        rate_limited = simulated is None
    bind_upstream(adapter, policy, state, identity=identity, rate_limited=rate_limited)
    return BuiltAdapter(adapter, own_client)
