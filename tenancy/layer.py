"""The one object the app wires in: keys, stored connections, shared upstream state, /readyz.

``graph/app.py`` opens the shared upstream state (``open_shared_state()``), gives it to
its ``ConnectionPool`` and to a ``TenancyLayer`` (so static and stored connections draw on
one budget, across workers when it is Redis),
starts it in the lifespan, and the GraphQL endpoint calls ``layer.resolve(request)``
instead of ``pool.get(header)``. Without a database URL the layer serves the static
connections only (keys cannot exist then, so it requires none on loopback).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
from pydantic import BaseModel, SecretStr
from starlette.requests import Request
from starlette.responses import Response

from providers.base import ProviderAdapter
from providers.resilience import SharedState, UpstreamPolicy

from .access import Gatekeeper, Principal, startup_notice
from .events.activity import ActivitySettings, LiveActivity
from .events.receiver import WEBHOOK_SECRET, WebhookTarget
from .events.service import EventAccess, EventService
from .events.types import LogScope
from .health import readyz
from .runtime import DATABASE_URL_ENV, Tenancy, requires_keys
from .shared_state import RedisState, open_shared_state
from .store import DEFAULT_DATABASE_URL, open_store


def database_url(host: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The database ``hiregraph serve`` uses: ``HIREGRAPH_DATABASE_URL``; else the embedded
    SQLite file when it exists (the CLI made it) or when keys are required; else none."""
    environ = os.environ if environ is None else environ
    url = environ.get(DATABASE_URL_ENV, "").strip()
    if url:
        return url
    embedded = Path(DEFAULT_DATABASE_URL.removeprefix("sqlite:///"))
    if embedded.exists() or requires_keys(host, environ):
        return DEFAULT_DATABASE_URL
    return None


def _secret(value: Any) -> str | None:
    """A webhook secret from credentials (a model, a mapping, or the value itself)."""
    if isinstance(value, BaseModel):
        value = getattr(value, WEBHOOK_SECRET, None)
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    return value if isinstance(value, str) and value else None


class TenancyLayer:
    def __init__(
        self,
        static: Mapping[str, ProviderAdapter],
        *,
        default_connection: str | None,
        http: httpx.AsyncClient,
        providers: Mapping[str, type[ProviderAdapter]],
        database_url: str | None,
        require_keys: bool,
        policy: UpstreamPolicy | None = None,
        timeout_s: float = 10.0,
        environ: Mapping[str, str] | None = None,
        cache_ttl_s: float = 5.0,
        shared_state: SharedState | None = None,
        activity: ActivitySettings | None = None,
    ) -> None:
        self.environ = os.environ if environ is None else environ
        self.static = static
        self.default_connection = default_connection
        self.http = http
        self.providers = providers
        self.database_url = database_url
        self.require_keys = require_keys
        self.policy = policy
        self.timeout_s = timeout_s
        self.cache_ttl_s = cache_ttl_s
        self.shared_state: SharedState = (
            shared_state if shared_state is not None else open_shared_state(self.environ)
        )
        self.tenancy: Tenancy | None = None
        self.events: EventService | None = None
        # The environment overrides the config's choice (raises ActivitySettingsError).
        self.activity = (activity or ActivitySettings()).with_env(self.environ)
        self.live: LiveActivity | None = None
        self.gate = Gatekeeper(
            None, None, static, default_connection=default_connection, require_keys=require_keys
        )

    def notice(self, host: str) -> str:
        where = "no connection store" if self.database_url is None else "stored connections on"
        shared = "Redis" if isinstance(self.shared_state, RedisState) else "this process"
        live = (
            f"; live sandbox activity on {', '.join(self.activity.connections)}, "
            f"one change every {self.activity.interval_s:g} s"
            if self.activity.enabled
            else ""
        )
        return f"{startup_notice(host, self.require_keys)}; {where}; upstream budgets in {shared}{live}"

    async def start(self) -> None:
        """Open the store and apply pending migrations (in the app's lifespan), then events."""
        await self._open_tenancy()
        tenancy = self.tenancy
        self.events = await EventService.open(
            tenancy.store if tenancy else None, self.environ, box=tenancy.box if tenancy else None
        )
        self.events.start(self.poll_targets)
        if self.activity.enabled:
            self.live = LiveActivity(self.events, self.activity, self.activity_targets)
            self.live.start()

    async def poll_targets(self) -> list[tuple[LogScope, ProviderAdapter]]:
        """The connections ``HIREGRAPH_EVENTS_POLL`` names, static and stored, with their logs."""
        events = self.events
        if events is None:
            return []
        found = [
            (LogScope("", name), adapter)
            for name, adapter in self.static.items()
            if events.wants_polled("", name)
        ]
        if self.tenancy is not None:
            for stored in await self.tenancy.store.list_connections():
                if events.wants_polled(stored.tenant, stored.name):
                    adapter = await self.tenancy.source.adapter(stored)
                    found.append((LogScope(stored.tenant, stored.name), adapter))
        return found

    async def activity_targets(self) -> list[tuple[LogScope, ProviderAdapter]]:
        """The sandbox connections the live activity animates, static and stored, with their logs."""
        wants = self.activity.wants
        found = [(LogScope("", name), adapter) for name, adapter in self.static.items() if wants("", name)]
        if self.tenancy is not None and any(c == "*" or "/" in c for c in self.activity.connections):
            for stored in await self.tenancy.store.list_connections():
                if stored.provider == "sandbox" and wants(stored.tenant, stored.name):
                    adapter = await self.tenancy.source.adapter(stored)
                    found.append((LogScope(stored.tenant, stored.name), adapter))
        return found

    async def webhook_target(self, tenant: str, name: str) -> WebhookTarget | None:
        """Where a provider's webhook to (tenant, name) goes: a static connection when ``tenant``
        is "", else that tenant's stored one; None when there is none. The secret is read from
        the stored credentials, not the adapter's (an OAuth connection's adapter holds only
        its access token)."""
        if not tenant:
            adapter = self.static.get(name)
            if adapter is None:
                return None
            return WebhookTarget(LogScope("", name), adapter, _secret(adapter.credentials))
        if self.tenancy is None:
            return None
        stored = await self.tenancy.store.get_connection(tenant, name)
        if stored is None:
            return None
        adapter = await self.tenancy.source.adapter(stored)
        secret = self.tenancy.box.decrypt(stored.secret).get(WEBHOOK_SECRET)
        return WebhookTarget(LogScope(tenant, name), adapter, _secret(secret))

    def event_access(self, principal: Principal | None, adapter: ProviderAdapter) -> EventAccess | None:
        """The log of the connection ``adapter`` serves to ``principal`` (None: no events yet)."""
        if self.events is None:
            return None
        tenant = principal.tenant if principal is not None else None
        return EventAccess(self.events, self.events.scope(tenant, adapter, self.static))

    async def _open_tenancy(self) -> None:
        if self.database_url is None:
            return
        self.tenancy = await Tenancy.open(
            self.http,
            self.providers,
            environ=self.environ,
            reserved=frozenset(self.static),
            store=open_store(self.database_url),
            timeout_s=self.timeout_s,
            policy=self.policy,
            state=self.shared_state,
        )
        self.gate = self.tenancy.gatekeeper(
            self.static,
            default_connection=self.default_connection,
            require_keys=self.require_keys,
            cache_ttl_s=self.cache_ttl_s,
        )

    async def resolve(self, request: Request) -> tuple[Principal, ProviderAdapter]:
        """The caller and the adapter serving them; raises ``Unauthenticated``/``Forbidden``."""
        return await self.gate.resolve(request)

    def cors_headers(self, principal: Principal, request: Request) -> dict[str, str]:
        return self.gate.cors_headers(principal, request)

    async def rejection_cors(self, request: Request) -> dict[str, str]:
        return await self.gate.rejection_cors(request)

    async def preflight(self, request: Request) -> Response:
        return await self.gate.preflight(request)

    async def readyz(self, request: Request) -> Response:
        return await readyz(self.tenancy, self.shared_state)(request)

    async def aclose(self) -> None:
        if self.live is not None:
            await self.live.aclose()
        if self.events is not None:
            await self.events.aclose()
        if self.tenancy is not None:
            await self.tenancy.aclose()
        if isinstance(self.shared_state, RedisState):
            await self.shared_state.aclose()
