"""Who is calling and which connection they may use: ``Authorization: Bearer hg_live_...``.

``Gatekeeper.resolve(request)`` authenticates the key (``UNAUTHENTICATED`` when missing,
malformed, unknown or revoked) and authorizes the connection named by the
``X-Hiregraph-Connection`` header. Any connection the key may not use gets the same
``FORBIDDEN`` whether or not it exists: names are looked up only within the key's own tenant,
so nothing about another tenant is ever read, let alone shown.

A key's ``connections`` scope is either explicit names or, empty, every connection of its
tenant. Static (config file and embedded demo) connections belong to the operator: a key
reaches one only while the config grants it to the key's tenant (tenancy/grants.py), so a
key that lists one without a grant (minted before names were checked, or before the grant
was withdrawn) is refused here too. Without a key (allowed only when the server binds to
loopback) the caller is the operator and gets every static connection.
Key and connection rows are cached for ``cache_ttl_s``, which bounds how long a revocation
takes to reach every worker.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, TypeVar

from starlette.requests import Request
from starlette.responses import Response

from gateway.errors import Forbidden, Unauthenticated, UnknownConnection
from providers.base import Connection, ProviderAdapter
from providers.query import ListQuery, Page
from providers.records import Record, Resource

from .connections import ConnectionSource
from .grants import StaticConnections
from .keys import PREFIX, Scopes, normalize_origin, parse_key, scopes_of, verify
from .store import Store, StoredConnection, StoredKey

CONNECTION_HEADER: Final = "x-hiregraph-connection"
CORS_MAX_AGE: Final = "600"
T = TypeVar("T")


@dataclass(frozen=True)
class Principal:
    """The caller: a key's id and scopes, or the anonymous loopback caller (``scopes`` None)."""

    key_id: str | None
    scopes: Scopes | None

    @property
    def tenant(self) -> str | None:
        return self.scopes.tenant if self.scopes else None

    @property
    def admin(self) -> bool:
        return self.scopes is not None and self.scopes.admin

    @property
    def read_only(self) -> bool:
        return self.scopes is not None and self.scopes.read_only

    def require_admin(self) -> Scopes:
        if self.scopes is None or not self.scopes.admin:
            raise Forbidden("this operation needs an admin key")
        return self.scopes

    def require_write(self) -> None:
        if self.read_only:
            raise Forbidden("this key is read-only")


ANONYMOUS: Final = Principal(None, None)
NAME_A_CONNECTION: Final = "name a connection (X-Hiregraph-Connection)"


class NoConnection(ProviderAdapter):
    """Serves a keyed caller who named no connection and whose key implies none: admin
    fields work (they need no connection), and any read of ATS data is FORBIDDEN."""

    name = "none"
    title = "no connection"

    def __init__(self) -> None:
        super().__init__(Connection(name="", provider=self.name))

    @classmethod
    def can_list(cls, resource: Resource) -> bool:
        return True  # so the read reaches ``list`` and is refused there, with the right code

    @classmethod
    def can_get(cls, resource: Resource) -> bool:
        return True

    @classmethod
    def can_list_children(cls, resource: Resource, parent: str) -> bool:
        return True

    @classmethod
    def supported_fields(cls, resource: Resource) -> frozenset[str]:
        return resource.field_names()

    def write_refusal(self) -> Exception | None:
        return Forbidden(NAME_A_CONNECTION)

    async def list(self, resource: Resource, query: ListQuery) -> Page[Record]:
        raise Forbidden(NAME_A_CONNECTION)

    async def get_many(self, resource: Resource, ids: Sequence[str]) -> Sequence[Record | None]:
        raise Forbidden(NAME_A_CONNECTION)

    async def list_children(
        self, resource: Resource, parent: str, ids: Sequence[str]
    ) -> Mapping[str, Sequence[Record]]:
        raise Forbidden(NAME_A_CONNECTION)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def startup_notice(host: str, require_keys: bool) -> str:
    if require_keys:
        return f"hiregraph: API keys required (Authorization: Bearer {PREFIX}...)"
    return f"hiregraph: no API key needed: bound to loopback ({host}); any non-loopback bind requires keys"


class _Ttl:
    """A tiny time-bounded cache (per worker)."""

    def __init__(self, ttl_s: float) -> None:
        self.ttl_s = ttl_s
        self._items: dict[object, tuple[float, object]] = {}

    async def get(self, key: object, load: Callable[[], Awaitable[T]]) -> T:
        now = time.monotonic()
        hit = self._items.get(key)
        if hit is not None and now - hit[0] < self.ttl_s:
            return hit[1]  # type: ignore[return-value]
        value = await load()
        if self.ttl_s > 0:
            if len(self._items) > 10_000:
                self._items.clear()
            self._items[key] = (now, value)
        return value


class Gatekeeper:
    def __init__(
        self,
        store: Store | None,
        source: ConnectionSource | None,
        static: Mapping[str, ProviderAdapter],
        *,
        default_connection: str | None,
        require_keys: bool,
        cache_ttl_s: float = 5.0,
    ) -> None:
        self.store = store
        self.source = source
        # A plain mapping grants its connections to no tenant (operator only).
        self.static = StaticConnections.of(static)
        self.default_connection = default_connection
        self.require_keys = require_keys
        self._keys = _Ttl(cache_ttl_s)
        self._connections = _Ttl(cache_ttl_s)
        self._origins = _Ttl(cache_ttl_s)

    # -- authentication ------------------------------------------------------------------
    async def authenticate(self, request: Request) -> Principal:
        return await self.authenticate_headers(request.headers)

    async def authenticate_headers(self, headers: Mapping[str, str]) -> Principal:
        """``authenticate`` from the headers alone (lower-case names): a WebSocket's upgrade
        request, with what its ``connection_init`` sent laid over them."""
        header = headers.get("authorization")
        if header is None:
            if self.require_keys:
                raise Unauthenticated(f"send an API key: Authorization: Bearer {PREFIX}...")
            return ANONYMOUS
        scheme, _, key = header.partition(" ")
        parsed = parse_key(key.strip()) if scheme.lower() == "bearer" else None
        if parsed is None or self.store is None:
            raise Unauthenticated(f"the Authorization header must be Bearer {PREFIX}...")
        key_id, secret = parsed
        store = self.store
        record: StoredKey | None = await self._keys.get(key_id, lambda: store.get_key(key_id))
        if record is None or not verify(record, secret):
            raise Unauthenticated("this API key is not valid (unknown or revoked)")
        principal = Principal(record.id, scopes_of(record))
        self._check_origin(principal, headers)
        return principal

    def _check_origin(self, principal: Principal, headers: Mapping[str, str]) -> None:
        origin = headers.get("origin")
        if origin is None or principal.scopes is None:
            return
        try:
            normalized = normalize_origin(origin)
        except ValueError:
            raise Forbidden("this key may not be used from this origin") from None
        same = normalized.split("://", 1)[1] == headers.get("host", "")
        if not same and normalized not in principal.scopes.origins:
            raise Forbidden("this key may not be used from this origin")

    # -- authorization -------------------------------------------------------------------
    def _default_name(self, principal: Principal) -> str | None:
        if principal.scopes is None:
            return self.default_connection
        if principal.scopes.connections:
            return principal.scopes.connections[0]
        return None

    async def _stored(self, tenant: str, name: str) -> StoredConnection | None:
        store = self.store
        if store is None:
            return None
        found: StoredConnection | None = await self._connections.get(
            (tenant, name), lambda: store.get_connection(tenant, name)
        )
        return found

    async def authorize(self, principal: Principal, name: str | None) -> ProviderAdapter:
        """The adapter of connection ``name`` (None: the caller's default) or FORBIDDEN."""
        name = (name or self._default_name(principal) or "")[:100]
        if principal.scopes is None:
            adapter = self.static.get(name)
            if adapter is None:
                raise UnknownConnection(
                    f"unknown connection '{name}'; without an API key this server offers: {', '.join(self.static)}"
                )
            return adapter
        scopes = principal.scopes
        if not name:
            return NoConnection()
        forbidden = Forbidden(f"this key may not use connection '{name}'")
        if not scopes.allows(name):
            raise forbidden
        stored = await self._stored(scopes.tenant, name)
        if stored is not None and self.source is not None:
            return await self.source.adapter(stored)
        if self.static.granted(scopes.tenant, name):
            return self.static[name]
        raise forbidden

    async def resolve(self, request: Request) -> tuple[Principal, ProviderAdapter]:
        principal = await self.authenticate(request)
        return principal, await self.authorize(principal, request.headers.get(CONNECTION_HEADER))

    # -- CORS ----------------------------------------------------------------------------
    def cors_headers(self, principal: Principal, request: Request) -> dict[str, str]:
        """Headers for an actual response: the origin echoed when the key allows it."""
        origin = request.headers.get("origin")
        if origin is None or principal.scopes is None or origin not in principal.scopes.origins:
            return {}
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}

    async def rejection_cors(self, request: Request) -> dict[str, str]:
        """Headers for a 401/403: without them a browser hides the rejection from the page,
        which then sees only a network error. The origin is echoed when some live key allows it
        (what a preflight already reveals); the body says only why the key was refused."""
        origin = request.headers.get("origin")
        if origin is None:
            return {}
        store = self.store
        allowed: set[str] = set()
        if store is not None:
            allowed = await self._origins.get("origins", store.allowed_origins)
        if origin not in allowed:
            return {"Vary": "Origin"}
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}

    async def preflight(self, request: Request) -> Response:
        """``OPTIONS /graphql``: a preflight carries no key, so any origin some live key allows
        passes; the actual request is then checked against its own key's origins."""
        origin = request.headers.get("origin", "")
        store = self.store
        allowed: set[str] = set()
        if store is not None:
            allowed = await self._origins.get("origins", store.allowed_origins)
        if origin not in allowed:
            return Response(status_code=204, headers={"Vary": "Origin"})
        return Response(
            status_code=204,
            headers={
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": "GET, POST",
                "Access-Control-Allow-Headers": (
                    "Authorization, Content-Type, X-Hiregraph-Connection, X-Request-Id, "
                    "Idempotency-Key, GraphQL-Require-Preflight"
                ),
                "Access-Control-Max-Age": CORS_MAX_AGE,
                "Vary": "Origin",
            },
        )
