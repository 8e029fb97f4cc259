"""The live connections of a server: one adapter per configured connection.

Adapters are built once at start-up (so a bad credential set fails the start, naming the
connection) by ``providers/factory.py`` and share one pooled ``httpx.AsyncClient``; a
``simulated`` connection gets its own client wired to the provider's in-process simulator
instead.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from gateway.errors import UnknownConnection
from providers.base import Connection, ProviderAdapter
from providers.factory import BuiltAdapter, UnknownProvider, build_adapter
from providers.registry import PROVIDERS
from providers.resilience import InProcessState, SharedState

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
        # Rate-limit and breaker state per upstream account, shared by its connections.
        self.upstream_state = state if state is not None else InProcessState()
        self._built: Mapping[str, BuiltAdapter] = {
            name: self._build(conn, providers) for name, conn in settings.connections.items()
        }
        self.adapters: Mapping[str, ProviderAdapter] = {name: b.adapter for name, b in self._built.items()}

    def _build(self, connection: Connection, providers: Mapping[str, type[ProviderAdapter]]) -> BuiltAdapter:
        try:
            return build_adapter(
                connection,
                self.http,
                providers,
                policy=self.settings.upstream,
                state=self.upstream_state,
                timeout_s=self.settings.http_timeout_s,
            )
        except UnknownProvider as exc:
            raise SettingsError(f"connection '{connection.name}': {exc}") from None

    def get(self, name: str | None) -> ProviderAdapter:
        name = name or self.settings.default_connection
        adapter = self.adapters.get(name)
        if adapter is None:
            raise UnknownConnection(
                f"unknown connection '{name[:100]}'; this server offers: {', '.join(self.adapters)}"
            )
        return adapter

    async def aclose(self) -> None:
        for built in self._built.values():
            await built.aclose()
