"""Connections as data: create, test, rotate and delete them; build their adapters.

``ConnectionService`` is what the admin mutations and the CLI call. Creating or rotating
validates the credentials twice: their shape (the adapter's credentials model) and with one
cheap real call (a one-record listing). ``ConnectionSource`` turns a stored row into an
adapter, built by ``providers/factory.py`` as the static connections are and cached per row
version (and per OAuth access token), so a rotation or a refresh on any worker is picked up by all; an
adapter unused for ``ADAPTER_IDLE_S`` is dropped. ``check_tenant_options`` is what a tenant
admin may not configure (simulated connections, large in-process datasets).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Final

import httpx
from pydantic import TypeAdapter, ValidationError

from gateway.errors import provider_error_code
from providers.base import Connection, ProviderAdapter
from providers.errors import ConnectionConfigError, ProviderError, UnsupportedOperation
from providers.factory import BuiltAdapter, build_adapter_async
from providers.query import ListQuery
from providers.records import Resource
from providers.resilience import InProcessState, SharedState, UpstreamPolicy
from providers.simulation import is_simulated

from .client_credentials import share_client_credentials, stable_identity
from .crypto import SecretBox
from .oauth import OAUTH_KEYS, Token, TokenManager, exchange_code, refresh_grant, request_token
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
API_DATASET_MAX_SIZE: Final = 5_000
"""The largest ``size`` of a sandbox connection created through the API (by a tenant admin):
its dataset lives in the server's memory (~8.5 kB per candidate) and takes ~0.12 s per
thousand candidates of CPU to generate. Operator connections (config file, CLI) take up to
1,000,000."""
IN_PROCESS_PROVIDERS: Final = frozenset({"sandbox"})
"""Providers whose data is generated inside the server rather than fetched."""
ADAPTER_IDLE_S: Final = 600.0
"""A cached adapter unused this long is dropped (and rebuilt if used again). A connection
deleted on another worker is never asked for here again, so this is how this worker lets go
of its adapter (and of its in-process dataset, if any)."""


class ConnectionRejected(Exception):
    """A connection cannot be created or changed; the message is safe to show (no secret)."""


class OperatorOnly(ConnectionRejected):
    """What was asked is the operator's to configure (config file or CLI), not a tenant's."""


_INT: Final = TypeAdapter(int)


def _as_int(value: Any) -> int | None:
    """``value`` read as the options model reads an int (``5001.0`` and ``"5001"`` too), or
    None when it is none (the options model then refuses it)."""
    try:
        return _INT.validate_python(value)
    except ValidationError:
        return None


def check_tenant_options(provider: str, options: Mapping[str, Any]) -> None:
    """Refuse what only the operator may configure in a connection a tenant admin creates:
    simulated connections, and in-process datasets beyond ``API_DATASET_MAX_SIZE``. Both hold
    a generated dataset in the server's memory, shared by every tenant."""
    if is_simulated(options):
        raise OperatorOnly(
            "simulated connections are configured by the server's operator, not through the API"
        )
    size = _as_int(options.get("size"))
    if provider in IN_PROCESS_PROVIDERS and size is not None and size > API_DATASET_MAX_SIZE:
        raise ConnectionRejected(
            f"options.size is at most {API_DATASET_MAX_SIZE} for a {provider} connection created "
            "through the API"
        )


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
    """The ``extensions.code`` a query failing with ``exc`` gets (gateway/errors.py decides)."""
    return provider_error_code(exc).value


@dataclass
class _Cached:
    stamp: tuple[int, str]
    built: BuiltAdapter
    used_at: float


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
        self._adapters: dict[str, _Cached] = {}
        self.clock: Callable[[], float] = time.monotonic
        self._swept_at = self.clock()

    async def build(
        self,
        conn: StoredConnection,
        credentials: Mapping[str, Any],
        *,
        identity: Mapping[str, Any] | None = None,
        warm: bool = True,
    ) -> BuiltAdapter:
        """An adapter for ``conn``. ``warm``: build its in-process data (if any) now, off the
        event loop, rather than on the first request, on it."""
        connection = Connection(
            name=conn.name,
            provider=conn.provider,
            base_url=conn.base_url,
            credentials=credentials,
            options=conn.options,
        )
        try:
            built = await build_adapter_async(
                connection,
                self.http,
                self.providers,
                policy=self.policy,
                state=self.state,
                timeout_s=self.timeout_s,
                identity=identity,
                # Unlike a static one, a stored connection keeps its local rate limiter even
                # when simulated (the operator's, from the CLI), as it always has.
                rate_limited=True,
            )
        except ConnectionConfigError as exc:
            raise ConnectionRejected(str(exc)) from None
        if warm:
            try:
                await built.adapter.warm_up()
            except ConnectionConfigError as exc:
                await built.aclose()
                raise ConnectionRejected(str(exc)) from None
        return built

    async def adapter_credentials(self, conn: StoredConnection, secret: Mapping[str, Any]) -> dict[str, Any]:
        """What the adapter is given: the stored credentials, or a current OAuth access token."""
        grant = refresh_grant(self.providers.get(conn.provider), secret)
        if grant is None:
            return dict(secret)
        token = await self.tokens.current(conn, secret)
        return {grant.credential: token.access_token}

    async def adapter(self, conn: StoredConnection) -> ProviderAdapter:
        secret = self.box.decrypt(conn.secret)
        credentials = await self.adapter_credentials(conn, secret)
        grant = refresh_grant(self.providers.get(conn.provider), secret)
        stamp = (conn.version, str(credentials.get(grant.credential, "")) if grant is not None else "")
        now = self.clock()
        self._drop_idle(now)
        cached = self._adapters.get(conn.id)
        if cached is not None and cached.stamp == stamp:
            cached.used_at = now
            return cached.built.adapter
        # The replaced adapter may still serve requests in flight, so it is not closed: it
        # shares the pool, and a simulated one's client holds no socket, only its dataset,
        # which is freed with the last reference.
        built = await self.build(conn, credentials, identity=stable_identity(conn, secret) if grant else None)
        share_client_credentials(built.adapter, conn, self.tokens)
        self._adapters[conn.id] = _Cached(stamp, built, now)
        return built.adapter

    def _drop_idle(self, now: float) -> None:
        """Forget adapters unused for ``ADAPTER_IDLE_S`` (looked for at most every tenth of it)."""
        if now - self._swept_at < ADAPTER_IDLE_S / 10:
            return
        self._swept_at = now
        for idle in [key for key, c in self._adapters.items() if now - c.used_at > ADAPTER_IDLE_S]:
            del self._adapters[idle]

    def forget(self, connection_id: str) -> None:
        """Drop the cached adapter (and with it any in-process dataset it alone holds)."""
        self._adapters.pop(connection_id, None)

    async def aclose(self) -> None:
        for cached in self._adapters.values():
            await cached.built.aclose()
        self._adapters.clear()


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
        grant = refresh_grant(self.source.providers.get(conn.provider), secret)
        token = None
        if grant is not None and set(secret) - OAUTH_KEYS:
            raise ConnectionRejected(f"OAuth credentials take only {', '.join(sorted(OAUTH_KEYS))}")
        if grant is not None and (validate or "code" in secret):
            form = {"grant_type": "refresh_token", "refresh_token": str(secret.get("refresh_token", ""))}
            try:
                if "code" in secret:
                    token = await exchange_code(self.source.http, grant, conn.provider, conn.name, secret)
                else:
                    token = await request_token(
                        self.source.http, grant, conn.provider, conn.name, secret, form
                    )
            except ProviderError as exc:
                raise ConnectionRejected(f"connection '{conn.name}': {exc.message}") from None
            secret = {k: v for k, v in secret.items() if k not in ("code", "redirect_uri")}
            secret["refresh_token"] = token.refresh_token or secret.get("refresh_token", "")
        if grant is not None:
            # Before any token exists, a placeholder still checks the adapter accepts the shape.
            adapter_credentials = {grant.credential: token.access_token if token else "-"}
        else:
            adapter_credentials = secret
        identity = stable_identity(conn, secret) if grant else None
        built = await self.source.build(conn, adapter_credentials, identity=identity, warm=validate)
        try:
            result = await probe(built.adapter) if validate else None
        finally:
            # This adapter only checks; a simulated one's client (and dataset) must not outlive it.
            await built.aclose()
        if result is not None and not result.ok:
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
            return ProbeResult(False, exc.message, error_code(exc))
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
