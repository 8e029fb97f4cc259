"""Events at run time: the log, the hub and the polling loop, opened once per worker.

``HIREGRAPH_EVENTS_RETENTION_DAYS``   how long events are kept (default 30)
``HIREGRAPH_EVENTS_POLL``             which connections to poll: comma-separated names of
                                      static connections and ``tenant/name`` of stored ones,
                                      or ``*`` for all (default: none)
``HIREGRAPH_EVENTS_POLL_INTERVAL_S``  seconds between polls of a connection (default 60)
``HIREGRAPH_EVENTS_RECHECK_S``        how long a quiet subscriber waits before it looks in the
                                      log anyway (default 5)

The log lives in the tenancy store (``HIREGRAPH_DATABASE_URL``); a server without one keeps
it in memory (lost on restart). Fan-out across workers uses ``HIREGRAPH_REDIS_URL``'s Redis
when set, with ``HIREGRAPH_REDIS_PREFIX`` in front of the stream's name.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Final

from redis import asyncio as aioredis

from providers.base import ProviderAdapter
from providers.errors import ProviderError

from ..shared_state import REDIS_PREFIX_ENV, REDIS_URL_ENV
from ..store import SqliteStore, Store, StoreError
from .hub import DEFAULT_RECHECK_S, EventHub
from .log import DEFAULT_RETENTION_S, EventLog
from .poll_state import PollState
from .poller import DEFAULT_INTERVAL_S, Poller
from .types import LogScope

log = logging.getLogger("hiregraph.events")

RETENTION_ENV: Final = "HIREGRAPH_EVENTS_RETENTION_DAYS"
POLL_ENV: Final = "HIREGRAPH_EVENTS_POLL"
POLL_INTERVAL_ENV: Final = "HIREGRAPH_EVENTS_POLL_INTERVAL_S"
RECHECK_ENV: Final = "HIREGRAPH_EVENTS_RECHECK_S"


class EventSettingsError(ValueError):
    """A malformed events setting (the message names it)."""


@dataclass(frozen=True)
class EventSettings:
    retention_s: float = DEFAULT_RETENTION_S
    poll: tuple[str, ...] = ()
    poll_interval_s: float = DEFAULT_INTERVAL_S
    recheck_s: float = DEFAULT_RECHECK_S

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> EventSettings:
        days = _positive(environ, RETENTION_ENV, DEFAULT_RETENTION_S / 86400)
        poll = tuple(p.strip() for p in environ.get(POLL_ENV, "").split(",") if p.strip())
        return cls(
            retention_s=days * 86400,
            poll=poll,
            poll_interval_s=_positive(environ, POLL_INTERVAL_ENV, DEFAULT_INTERVAL_S),
            recheck_s=_positive(environ, RECHECK_ENV, DEFAULT_RECHECK_S),
        )


def _positive(environ: Mapping[str, str], name: str, default: float) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        raise EventSettingsError(f"{name} must be a number above 0")
    return value


Targets = Callable[[], Awaitable[list[tuple[LogScope, ProviderAdapter]]]]
"""The connections to poll now, each with its log and adapter (re-read every round, so a
connection added or deleted meanwhile is picked up)."""


class EventService:
    def __init__(
        self, store: Store, settings: EventSettings, *, redis: aioredis.Redis | None, stream: str
    ) -> None:
        self.store = store
        self.settings = settings
        self.log = EventLog(store, retention_s=settings.retention_s)
        self.hub = EventHub(self.log, redis=redis, stream=stream, recheck_s=settings.recheck_s)
        self.poller = Poller(PollState(store), self.hub.append)
        self._own_store: Store | None = None
        self._loop: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, store: Store | None, environ: Mapping[str, str] | None = None) -> EventService:
        """On ``store`` (the tenancy store, migrated), else on an in-memory SQLite of its own."""
        environ = os.environ if environ is None else environ
        settings = EventSettings.from_env(environ)
        own = None
        if store is None:
            own = store = SqliteStore(":memory:")
            await store.migrate()
        url = environ.get(REDIS_URL_ENV, "").strip()
        redis = aioredis.Redis.from_url(url) if url else None
        prefix = environ.get(REDIS_PREFIX_ENV) or "hiregraph:"
        service = cls(store, settings, redis=redis, stream=f"{prefix}events")
        service._own_store = own
        return service

    def start_polling(self, targets: Targets) -> None:
        if self.settings.poll and self._loop is None:
            self._loop = asyncio.create_task(self._poll_forever(targets))

    async def poll_round(self, targets: Targets) -> int:
        """Poll every target once and apply the retention; how many events it added."""
        added = 0
        for scope, adapter in await targets():
            try:
                results = await self.poller.poll(scope, adapter)
            except (ProviderError, StoreError) as exc:
                log.warning("polling '%s' failed: %s", scope.connection, exc)
                continue
            added += sum(r.events for r in results)
        await self.log.purge()
        return added

    async def _poll_forever(self, targets: Targets) -> None:
        while True:
            try:
                await self.poll_round(targets)
            except StoreError as exc:
                log.warning("an events poll round failed: %s", exc)
            await asyncio.sleep(self.settings.poll_interval_s)

    def scope(
        self, tenant: str | None, adapter: ProviderAdapter, static: Mapping[str, ProviderAdapter]
    ) -> LogScope:
        """Whose log ``adapter``'s events go to: the operator's (tenant "") for a static
        connection, whoever granted it; else the stored connection's tenant."""
        name = adapter.connection.name
        if tenant is None or static.get(name) is adapter:
            return LogScope("", name)
        return LogScope(tenant, name)

    def wants_polled(self, tenant: str, name: str) -> bool:
        poll = self.settings.poll
        return "*" in poll or (f"{tenant}/{name}" if tenant else name) in poll

    async def aclose(self) -> None:
        if self._loop is not None:
            self._loop.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop
        await self.hub.aclose()
        if self._own_store is not None:
            await self._own_store.aclose()
