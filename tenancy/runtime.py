"""Everything tenancy needs at run time, opened once per process from the environment.

``HIREGRAPH_DATABASE_URL``  sqlite:///path (default ``sqlite:///hiregraph.sqlite3``) or postgresql://...
``HIREGRAPH_SECRET_KEYS``   Fernet keys, comma-separated (first encrypts); required with PostgreSQL
``HIREGRAPH_REDIS_URL``     redis://... for budgets and breakers shared by every worker (optional)
``HIREGRAPH_REQUIRE_KEYS``  1 to require API keys even on loopback
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import httpx

from providers.base import ProviderAdapter
from providers.resilience import SharedState, UpstreamPolicy

from .access import Gatekeeper, is_loopback
from .connections import ConnectionService, ConnectionSource
from .crypto import SecretBox, load_secret_box
from .oauth import TokenManager
from .store import DEFAULT_DATABASE_URL, SqliteStore, Store, open_store

DATABASE_URL_ENV: Final = "HIREGRAPH_DATABASE_URL"
REDIS_URL_ENV: Final = "HIREGRAPH_REDIS_URL"
REQUIRE_KEYS_ENV: Final = "HIREGRAPH_REQUIRE_KEYS"


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
    ) -> Tenancy:
        """Open the store named by the environment, apply pending migrations, load the keys."""
        environ = os.environ if environ is None else environ
        store = store or open_store(environ.get(DATABASE_URL_ENV) or DEFAULT_DATABASE_URL)
        key_file = (
            Path(store.path + ".key") if isinstance(store, SqliteStore) and store.path != ":memory:" else None
        )
        box = load_secret_box(environ, key_file)
        await store.migrate()
        tokens = TokenManager(store, box, http)
        source = ConnectionSource(box, http, providers, tokens, timeout_s, policy=policy, state=state)
        return cls(store, box, source, ConnectionService(store, source, reserved))

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
