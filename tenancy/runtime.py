"""Everything tenancy needs at run time, opened once per process from the environment.

``HIREGRAPH_DATABASE_URL``  sqlite:///path (default ``sqlite:///hiregraph.sqlite3``) or postgresql://...
``HIREGRAPH_SECRET_KEYS``   Fernet keys, comma-separated (first encrypts); required with PostgreSQL
``HIREGRAPH_REDIS_URL``     redis://... for budgets and breakers shared by every worker (optional;
                            pool size, timeout and fallback: ``shared_state.py``)
``HIREGRAPH_REQUIRE_KEYS``  1 to require API keys even on loopback
``HIREGRAPH_ALLOW_PRIVATE_UPSTREAMS``  1 to let stored connections reach loopback, private and
                            link-local addresses (default: public addresses only, see
                            ``providers/egress.py``); the config file's connections always may
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import httpx

from providers.base import ProviderAdapter
from providers.egress import public_only_client
from providers.resilience import SharedState, UpstreamPolicy

from .access import Gatekeeper, is_loopback
from .connections import ConnectionService, ConnectionSource
from .crypto import SecretBox, load_secret_box
from .oauth import TokenManager
from .store import DEFAULT_DATABASE_URL, SqliteStore, Store, open_store

DATABASE_URL_ENV: Final = "HIREGRAPH_DATABASE_URL"
REDIS_URL_ENV: Final = "HIREGRAPH_REDIS_URL"
REQUIRE_KEYS_ENV: Final = "HIREGRAPH_REQUIRE_KEYS"
ALLOW_PRIVATE_UPSTREAMS_ENV: Final = "HIREGRAPH_ALLOW_PRIVATE_UPSTREAMS"


def private_upstreams_allowed(environ: Mapping[str, str] | None = None) -> bool:
    """``HIREGRAPH_ALLOW_PRIVATE_UPSTREAMS=1``: stored connections may reach non-public addresses."""
    environ = os.environ if environ is None else environ
    return environ.get(ALLOW_PRIVATE_UPSTREAMS_ENV, "").strip().lower() in ("1", "true")


def keys_required_by_env(environ: Mapping[str, str] | None = None) -> bool:
    """``HIREGRAPH_REQUIRE_KEYS=1`` (``serve`` sets it for the workers of a non-loopback bind)."""
    environ = os.environ if environ is None else environ
    return environ.get(REQUIRE_KEYS_ENV, "") in ("1", "true")


def requires_keys(host: str, environ: Mapping[str, str] | None = None) -> bool:
    """Keys are required on any non-loopback bind, or when the environment asks."""
    return keys_required_by_env(environ) or not is_loopback(host)


@dataclass
class Tenancy:
    store: Store
    box: SecretBox
    source: ConnectionSource
    connections: ConnectionService
    own_http: httpx.AsyncClient | None = field(default=None)
    """The public-only client stored connections use, when this opened it."""

    @classmethod
    async def open(
        cls,
        http: httpx.AsyncClient,
        providers: Mapping[str, type[ProviderAdapter]],
        *,
        environ: Mapping[str, str] | None = None,
        reserved: frozenset[str] = frozenset(),
        store: Store | None = None,
        timeout_s: float = 10.0,
        policy: UpstreamPolicy | None = None,
        state: SharedState | None = None,
        allow_private_upstreams: bool | None = None,
    ) -> Tenancy:
        """Open the store named by the environment, apply pending migrations, load the keys.

        Stored connections are tenants' (their admins choose the URLs), so unless private
        upstreams are allowed (``allow_private_upstreams``, else the environment), they do not
        use ``http`` but a client of their own that connects to public addresses only.
        """
        environ = os.environ if environ is None else environ
        if allow_private_upstreams is None:
            allow_private_upstreams = private_upstreams_allowed(environ)
        store = store or open_store(environ.get(DATABASE_URL_ENV) or DEFAULT_DATABASE_URL)
        key_file = (
            Path(store.path + ".key") if isinstance(store, SqliteStore) and store.path != ":memory:" else None
        )
        box = load_secret_box(environ, key_file)
        await store.migrate()
        own_http = None if allow_private_upstreams else public_only_client(timeout_s)
        egress = own_http if own_http is not None else http
        tokens = TokenManager(store, box, egress, providers)
        source = ConnectionSource(box, egress, providers, tokens, timeout_s, policy=policy, state=state)
        return cls(store, box, source, ConnectionService(store, source, reserved), own_http)

    def gatekeeper(
        self,
        static: Mapping[str, ProviderAdapter],
        *,
        default_connection: str | None,
        require_keys: bool,
        cache_ttl_s: float = 5.0,
    ) -> Gatekeeper:
        return Gatekeeper(
            self.store,
            self.source,
            static,
            default_connection=default_connection,
            require_keys=require_keys,
            cache_ttl_s=cache_ttl_s,
        )

    async def ready(self) -> None:
        """Raises when the database cannot answer (for ``/readyz``)."""
        await self.store.ping()

    async def aclose(self) -> None:
        await self.source.aclose()
        await self.store.aclose()
        if self.own_http is not None:
            await self.own_http.aclose()
