"""Connections as data: create, test, rotate and delete them; build their adapters.

``ConnectionService`` is what the admin mutations and the CLI call. Creating or rotating
validates the credentials twice: their shape (the adapter's credentials model) and with one
cheap real call (a one-record listing). ``ConnectionSource`` turns a stored row into an
adapter, built like ``graph/connections.ConnectionPool`` does and cached per row version (and
per OAuth access token), so a rotation or a refresh on any worker is picked up by all.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Final

import httpx
from graphql import GraphQLError

from graph.errors import format_error
from providers.base import Connection, ProviderAdapter
from providers.errors import ConnectionConfigError, ProviderError, UnsupportedOperation
from providers.query import ListQuery
from providers.records import Resource
from providers.resilience import InProcessState, SharedState, UpstreamPolicy
from providers.resilience.binding import bind_upstream
from providers.simulation import is_simulated, simulated_adapter

from .client_credentials import share_client_credentials, stable_identity
from .crypto import SecretBox
from .oauth import OAUTH_KEYS, REFRESH_GRANTS, Token, TokenManager, exchange_code, request_token, uses_oauth
from .store import Conflict, Store, StoredConnection

PROBE_RESOURCES: Final = (
    Resource.USER,
    Resource.JOB,
    Resource.DEPARTMENT,
    Resource.OFFICE,
    Resource.CANDIDATE,
)
"""What a connection test lists (one record of the first the provider can list)."""
NAME_MAX: Final = 100


class ConnectionRejected(Exception):
    """A connection cannot be created or changed; the message is safe to show (no secret)."""


@dataclass(frozen=True)
class ProbeResult:
    ok: bool
    message: str
    code: str = ""
    """The ``extensions.code`` the failure would have in a query (``UPSTREAM_AUTH_FAILED``...)."""


async def probe(adapter: ProviderAdapter) -> ProbeResult:
    """One cheap real call with the connection's credentials."""
    resource = next((r for r in PROBE_RESOURCES if type(adapter).can_list(r)), None)
    if resource is None:
        return ProbeResult(
            False, f"{adapter.name} lists none of {', '.join(r.plural for r in PROBE_RESOURCES)}"
        )
    try:
        await adapter.list(resource, ListQuery(page_size=1))
    except UnsupportedOperation as exc:
        return ProbeResult(False, exc.message, "NOT_SUPPORTED_BY_PROVIDER")
    except ProviderError as exc:
        return ProbeResult(False, exc.message, error_code(exc))
    return ProbeResult(True, f"listed {resource.plural} successfully")


def error_code(exc: ProviderError) -> str:
    """The ``extensions.code`` a query failing with ``exc`` gets (graph/errors.py decides)."""
    formatted = format_error(GraphQLError(exc.message, path=["probe"], original_error=exc), "")
    return str(formatted["extensions"]["code"])


class ConnectionSource:
    """Adapters for stored connections, one per (row, version, token), sharing one HTTP pool."""

    def __init__(
        self,
        box: SecretBox,
        http: httpx.AsyncClient,
        providers: Mapping[str, type[ProviderAdapter]],
        tokens: TokenManager,
        timeout_s: float = 10.0,
        *,
        policy: UpstreamPolicy | None = None,
        state: SharedState | None = None,
    ) -> None:
        self.box = box
        self.policy = policy or UpstreamPolicy()
        self.state = state if state is not None else InProcessState()
        """Limiter and breaker state: shared with the static connections, and across workers
        when it lives in Redis."""
        self.http = http
        self.providers = providers
        self.tokens = tokens
        self.timeout_s = timeout_s
        self._adapters: dict[str, tuple[tuple[int, str], ProviderAdapter]] = {}
        self._own_clients: list[httpx.AsyncClient] = []

    def build(
        self,
        conn: StoredConnection,
        credentials: Mapping[str, Any],
        *,
        identity: Mapping[str, Any] | None = None,
    ) -> ProviderAdapter:
        cls = self.providers.get(conn.provider)
        if cls is None:
            raise ConnectionRejected(
                f"unknown provider '{conn.provider[:50]}' (known: {', '.join(sorted(self.providers))})"
            )
        connection = Connection(
            name=conn.name,
            provider=conn.provider,
            base_url=conn.base_url,
            credentials=credentials,
            options=conn.options,
        )
        try:
            if is_simulated(conn.options):
                adapter, client = simulated_adapter(cls, connection, self.timeout_s)
                self._own_clients.append(client)
            else:
                adapter = cls(connection, self.http)
        except ConnectionConfigError as exc:
            raise ConnectionRejected(str(exc)) from None
        bind_upstream(adapter, self.policy, self.state, identity=identity)
        return adapter

    async def adapter_credentials(self, conn: StoredConnection, secret: Mapping[str, Any]) -> dict[str, Any]:
        """What the adapter is given: the stored credentials, or a current OAuth access token."""
        if not uses_oauth(conn.provider, secret):
            return dict(secret)
        token = await self.tokens.current(conn, secret)
        return {REFRESH_GRANTS[conn.provider].credential: token.access_token}

    async def adapter(self, conn: StoredConnection) -> ProviderAdapter:
        secret = self.box.decrypt(conn.secret)
        credentials = await self.adapter_credentials(conn, secret)
        stamp = (
            conn.version,
            str(credentials.get("access_token", "")) if uses_oauth(conn.provider, secret) else "",
        )
        cached = self._adapters.get(conn.id)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        # The replaced adapter may still serve requests in flight; it shares the pool, so
        # there is nothing of its own to close.
        oauth = uses_oauth(conn.provider, secret)
        adapter = self.build(conn, credentials, identity=stable_identity(conn, secret) if oauth else None)
        share_client_credentials(adapter, conn, self.tokens)
        self._adapters[conn.id] = (stamp, adapter)
        return adapter

    def forget(self, connection_id: str) -> None:
        self._adapters.pop(connection_id, None)

    async def aclose(self) -> None:
        for _, adapter in self._adapters.values():
            await adapter.aclose()
        for client in self._own_clients:
            await client.aclose()


def _check_name(name: str) -> str:
    if not name or len(name) > NAME_MAX or not all(c.isalnum() or c in "-_." for c in name):
        raise ConnectionRejected("a connection name is 1-100 letters, digits, '-', '_' or '.'")
    return name


class ConnectionService:
    """The admin operations on a tenant's stored connections."""

    def __init__(
        self, store: Store, source: ConnectionSource, reserved: frozenset[str] = frozenset()
    ) -> None:
        self.store = store
        self.source = source
        self.reserved = reserved
        """Names of the static (config file) connections, which stored ones may not shadow."""

    async def _validated(
        self, conn: StoredConnection, credentials: Mapping[str, Any], validate: bool
    ) -> tuple[dict[str, Any], Token | None]:
        """The secret to store (an OAuth code exchanged for tokens) and the token obtained, if any."""
        secret = dict(credentials)
        oauth = uses_oauth(conn.provider, secret)
        token = None
        if oauth and set(secret) - OAUTH_KEYS:
            raise ConnectionRejected(f"OAuth credentials take only {', '.join(sorted(OAUTH_KEYS))}")
        if oauth and (validate or "code" in secret):
            form = {"grant_type": "refresh_token", "refresh_token": str(secret.get("refresh_token", ""))}
            try:
                if "code" in secret:
                    token = await exchange_code(self.source.http, conn.provider, conn.name, secret)
                else:
                    token = await request_token(self.source.http, conn.provider, conn.name, secret, form)
            except ProviderError as exc:
                raise ConnectionRejected(f"connection '{conn.name}': {exc.message}") from None
            secret = {k: v for k, v in secret.items() if k not in ("code", "redirect_uri")}
            secret["refresh_token"] = token.refresh_token or secret.get("refresh_token", "")
        if oauth:
            # Before any token exists, a placeholder still checks the adapter accepts the shape.
            adapter_credentials = {
                REFRESH_GRANTS[conn.provider].credential: token.access_token if token else "-"
            }
        else:
            adapter_credentials = secret
        identity = stable_identity(conn, secret) if oauth else None
        adapter = self.source.build(conn, adapter_credentials, identity=identity)
        if validate:
            try:
                result = await probe(adapter)
            finally:
                await adapter.aclose()
            if not result.ok:
                raise ConnectionRejected(f"connection '{conn.name}' failed its test call: {result.message}")
        return secret, token

    async def create(
        self,
        tenant: str,
        name: str,
        provider: str,
        credentials: Mapping[str, Any],
        *,
        base_url: str | None = None,
        options: Mapping[str, Any] | None = None,
        validate: bool = True,
    ) -> StoredConnection:
        if _check_name(name) in self.reserved:
            raise ConnectionRejected(f"'{name}' is the name of a connection in the server's config file")
        if base_url is not None and not base_url.startswith(("http://", "https://")):
            raise ConnectionRejected("base_url must be an http(s) URL")
        if await self.store.get_connection(tenant, name) is not None:
            raise ConnectionRejected(f"this tenant already has a connection named '{name}'")
        now = time.time()
        draft = StoredConnection(
            id=uuid.uuid4().hex,
            tenant=tenant,
            name=name,
            provider=provider,
            base_url=base_url,
            options=dict(options or {}),
            secret="",
            version=1,
            created_at=now,
            updated_at=now,
        )
        secret, token = await self._validated(draft, credentials, validate)
        stored = replace(draft, secret=self.source.box.encrypt(secret))
        try:
            await self.store.add_connection(stored)
        except Conflict:
            # Another worker created the same name meanwhile.
            raise ConnectionRejected(f"this tenant already has a connection named '{name}'") from None
        if token is not None:
            await self.source.tokens.save(stored.id, token)
        return stored

    async def get(self, tenant: str, name: str) -> StoredConnection:
        found = await self.store.get_connection(tenant, name)
        if found is None:
            raise ConnectionRejected(f"this tenant has no connection named '{name[:NAME_MAX]}'")
        return found

    async def test(self, tenant: str, name: str) -> ProbeResult:
        conn = await self.get(tenant, name)
        try:
            adapter = await self.source.adapter(conn)
        except ProviderError as exc:
            return ProbeResult(False, exc.message, "UPSTREAM_AUTH_FAILED")
        return await probe(adapter)

    async def rotate(
        self, tenant: str, name: str, credentials: Mapping[str, Any], validate: bool = True
    ) -> StoredConnection:
        conn = await self.get(tenant, name)
        secret, token = await self._validated(conn, credentials, validate)
        updated = await self.store.replace_connection_secret(conn, self.source.box.encrypt(secret))
        if updated is None:
            raise ConnectionRejected(f"connection '{name}' was changed meanwhile; try again")
        if token is not None:
            await self.source.tokens.save(conn.id, token)
        else:
            # A token exchanged from the old credentials must not outlive them.
            await self.source.tokens.expire(conn.id)
        self.source.forget(conn.id)
        return updated

    async def delete(self, tenant: str, name: str) -> bool:
        conn = await self.store.get_connection(tenant, name)
        if conn is None:
            return False
        self.source.forget(conn.id)
        return await self.store.delete_connection(tenant, name)
