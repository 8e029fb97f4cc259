"""The live connections of a server: one adapter per configured connection.

Adapters are built once at start-up (so a bad credential set fails the start, naming the
connection) and share one pooled ``httpx.AsyncClient``; a ``simulated`` connection gets
its own client wired to the provider's in-process simulator instead.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from gateway.errors import UnknownConnection
from providers.base import Connection, ProviderAdapter
from providers.registry import PROVIDERS
from providers.resilience import InProcessState, SharedState
from providers.resilience.binding import bind_upstream
from providers.simulation import is_simulated, simulated_adapter

from .settings import Settings, SettingsError


class ConnectionPool:
    def __init__(
        self,
        settings: Settings,
        http: httpx.AsyncClient | None = None,
        providers: Mapping[str, type[ProviderAdapter]] = PROVIDERS,
        state: SharedState | None = None,
    ) -> None:
        self.settings = settings
        self.http = http
        self._own_clients: list[httpx.AsyncClient] = []
        # Rate-limit and breaker state per upstream account, shared by its connections.
        self.upstream_state = state if state is not None else InProcessState()
        self.adapters: Mapping[str, ProviderAdapter] = {
            name: self._build(conn, providers) for name, conn in settings.connections.items()
        }

    def _build(
        self, connection: Connection, providers: Mapping[str, type[ProviderAdapter]]
    ) -> ProviderAdapter:
        cls = providers.get(connection.provider)
        if cls is None:
            raise SettingsError(
                f"connection '{connection.name}': unknown provider '{connection.provider}' "
                f"(known: {', '.join(sorted(providers))})"
            )
        simulated = is_simulated(connection.options)
        if simulated:
            adapter, client = simulated_adapter(cls, connection, self.settings.http_timeout_s)
            self._own_clients.append(client)
        else:
            adapter = cls(connection, self.http)
        # A simulator enforces no rate limit unless a test asks: the limiter would only slow demos.
        bind_upstream(adapter, self.settings.upstream, self.upstream_state, rate_limited=not simulated)
        return adapter

    def get(self, name: str | None) -> ProviderAdapter:
        name = name or self.settings.default_connection
        adapter = self.adapters.get(name)
        if adapter is None:
            raise UnknownConnection(
                f"unknown connection '{name[:100]}'; this server offers: {', '.join(self.adapters)}"
            )
        return adapter

    async def aclose(self) -> None:
        for adapter in self.adapters.values():
            await adapter.aclose()
        for client in self._own_clients:
            await client.aclose()
