"""Events at run time: the log, the hub and the polling loop, opened once per worker.

``HIREGRAPH_EVENTS_RETENTION_DAYS``   how long events are kept (default 30)
``HIREGRAPH_EVENTS_POLL``             which connections to poll: comma-separated names of
                                      static connections and ``tenant/name`` of stored ones,
                                      or ``*`` for all (default: none)
``HIREGRAPH_EVENTS_POLL_INTERVAL_S``  seconds between polls of a connection (default 60)
``HIREGRAPH_EVENTS_POLL_LEASE_S``     how long a worker's polling lease lasts unrenewed, with
                                      Redis or in process (default 3 poll intervals): one
                                      worker polls a connection at a time (``lease.py``)
``HIREGRAPH_EVENTS_RECHECK_S``        how long a quiet subscriber waits before it looks in the
                                      log anyway (default 5)
``HIREGRAPH_WEBHOOKS_MAX_AGE_H``      how long a webhook delivery is retried before it is
                                      dead-lettered (default 24)
``HIREGRAPH_WEBHOOKS_TIMEOUT_S``      how long a receiver has to answer (default 10)
``HIREGRAPH_WEBHOOKS_TICK_S``         how often a worker queues and sends deliveries (default 1)
``HIREGRAPH_ALLOW_PRIVATE_UPSTREAMS`` 1 lets webhooks reach loopback and private addresses

The log lives in the tenancy store (``HIREGRAPH_DATABASE_URL``); a server without one keeps
it in memory (lost on restart) and offers no webhooks (they are a tenant admin's, and their
secrets are encrypted with the store's keys). Fan-out across workers uses ``HIREGRAPH_REDIS_URL``'s Redis
when set, with ``HIREGRAPH_REDIS_PREFIX`` in front of the stream's name.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import time
import uuid
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Final

import httpx
from redis import asyncio as aioredis

from providers.base import ProviderAdapter
from providers.egress import public_only_client
from providers.errors import ProviderError
from providers.records import Record, Resource

from ..crypto import SecretBox
from ..runtime import private_upstreams_allowed
from ..shared_state import REDIS_PREFIX_ENV, REDIS_URL_ENV
from ..store import SqliteStore, Store, StoreError
from ..store_postgres import PostgresStore
from .hub import DEFAULT_RECHECK_S, EventHub
from .lease import Lease, LocalLease, PostgresLease, RedisLease
from .log import DEFAULT_RETENTION_S, EventLog
from .poll_state import PollState
from .poller import DEFAULT_INTERVAL_S, Poller
from .types import EventType, LogScope
from .webhook_store import WebhookStore, WebhookSubscription
from .webhooks import Dispatcher, WebhookSettings, check_target

log = logging.getLogger("hiregraph.events")

RETENTION_ENV: Final = "HIREGRAPH_EVENTS_RETENTION_DAYS"
POLL_ENV: Final = "HIREGRAPH_EVENTS_POLL"
POLL_INTERVAL_ENV: Final = "HIREGRAPH_EVENTS_POLL_INTERVAL_S"
POLL_LEASE_ENV: Final = "HIREGRAPH_EVENTS_POLL_LEASE_S"
LEASE_INTERVALS: Final = 3.0
RECHECK_ENV: Final = "HIREGRAPH_EVENTS_RECHECK_S"
WEBHOOK_MAX_AGE_ENV: Final = "HIREGRAPH_WEBHOOKS_MAX_AGE_H"
WEBHOOK_TIMEOUT_ENV: Final = "HIREGRAPH_WEBHOOKS_TIMEOUT_S"
WEBHOOK_TICK_ENV: Final = "HIREGRAPH_WEBHOOKS_TICK_S"
PURGE_EVERY_S: Final = 3600.0


class EventSettingsError(ValueError):
    """A malformed events setting (the message names it)."""


@dataclass(frozen=True)
class EventSettings:
    retention_s: float = DEFAULT_RETENTION_S
    poll: tuple[str, ...] = ()
    poll_interval_s: float = DEFAULT_INTERVAL_S
    poll_lease_s: float = DEFAULT_INTERVAL_S * LEASE_INTERVALS
    recheck_s: float = DEFAULT_RECHECK_S
    webhooks: WebhookSettings = field(default_factory=WebhookSettings)
    webhook_tick_s: float = 1.0
    allow_private_targets: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> EventSettings:
        days = _positive(environ, RETENTION_ENV, DEFAULT_RETENTION_S / 86400)
        poll = tuple(p.strip() for p in environ.get(POLL_ENV, "").split(",") if p.strip())
        interval = _positive(environ, POLL_INTERVAL_ENV, DEFAULT_INTERVAL_S)
        return cls(
            retention_s=days * 86400,
            poll=poll,
            poll_interval_s=interval,
            poll_lease_s=_positive(environ, POLL_LEASE_ENV, interval * LEASE_INTERVALS),
            recheck_s=_positive(environ, RECHECK_ENV, DEFAULT_RECHECK_S),
            webhooks=WebhookSettings(
                max_age_s=_positive(environ, WEBHOOK_MAX_AGE_ENV, 24.0) * 3600,
                timeout_s=_positive(environ, WEBHOOK_TIMEOUT_ENV, 10.0),
            ),
            webhook_tick_s=_positive(environ, WEBHOOK_TICK_ENV, 1.0),
            allow_private_targets=private_upstreams_allowed(environ),
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
        self,
        store: Store,
        settings: EventSettings,
        *,
        redis: aioredis.Redis | None,
        stream: str,
        box: SecretBox | None = None,
        http: httpx.AsyncClient | None = None,
        lease: Lease | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.log = EventLog(store, retention_s=settings.retention_s)
        self.hub = EventHub(self.log, redis=redis, stream=stream, recheck_s=settings.recheck_s)
        self.poller = Poller(PollState(store), self.hub.append)
        self.lease = lease if lease is not None else LocalLease(settings.poll_lease_s)
        self.webhooks = WebhookStore(store)
        self.box = box
        self.dispatcher = (
            Dispatcher(self.webhooks, self.log, box, http, settings.webhooks)
            if box is not None and http is not None
            else None
        )
        self._own_store: Store | None = None
        self._own_http: httpx.AsyncClient | None = None
        self._tasks: list[asyncio.Task[None]] = []

    @classmethod
    async def open(
        cls, store: Store | None, environ: Mapping[str, str] | None = None, *, box: SecretBox | None = None
    ) -> EventService:
        """On ``store`` (the tenancy store, migrated), else on an in-memory SQLite of its own;
        webhooks when ``box`` (the tenancy store's secret box) is given."""
        environ = os.environ if environ is None else environ
        settings = EventSettings.from_env(environ)
        own = None
        if store is None:
            own = store = SqliteStore(":memory:")
            await store.migrate()
        url = environ.get(REDIS_URL_ENV, "").strip()
        redis = aioredis.Redis.from_url(url) if url else None
        prefix = environ.get(REDIS_PREFIX_ENV) or "hiregraph:"
        http = None
        if box is not None:
            timeout = settings.webhooks.timeout_s
            http = (
                httpx.AsyncClient(timeout=timeout, follow_redirects=False, trust_env=False)
                if settings.allow_private_targets
                else public_only_client(timeout)
            )
        lease: Lease
        if isinstance(store, PostgresStore):
            lease = PostgresLease(store.url, store.schema)
        elif redis is not None:
            lease = RedisLease(redis, prefix, settings.poll_lease_s)
        else:
            lease = LocalLease(settings.poll_lease_s)
        service = cls(store, settings, redis=redis, stream=f"{prefix}events", box=box, http=http, lease=lease)
        service._own_store, service._own_http = own, http
        return service

    def start(self, targets: Targets) -> None:
        """The background work of this worker: polling (when configured), webhook deliveries
        (when offered) and the retention."""
        if self._tasks:
            return
        if self.settings.poll:
            self._tasks.append(asyncio.create_task(self._poll_forever(targets)))
        self._tasks.append(asyncio.create_task(self._maintain_forever()))

    async def poll_round(self, targets: Targets) -> int:
        """Poll every target whose lease this worker holds once; how many events it added."""
        added = 0
        for scope, adapter in await targets():
            if not await self.lease.hold(scope):
                continue  # another worker polls this connection
            try:
                results = await self.poller.poll(scope, adapter)
            except (ProviderError, StoreError) as exc:
                log.warning("polling '%s' failed: %s", scope.connection, exc)
                continue
            added += sum(r.events for r in results)
        return added

    async def _poll_forever(self, targets: Targets) -> None:
        while True:
            try:
                await self.poll_round(targets)
            except StoreError as exc:
                log.warning("an events poll round failed: %s", exc)
            await asyncio.sleep(self.settings.poll_interval_s)

    async def _maintain_forever(self) -> None:
        purged_at = 0.0
        while True:
            try:
                if time.monotonic() - purged_at > PURGE_EVERY_S:
                    purged_at = time.monotonic()
                    await self.purge()
                if self.dispatcher is not None:
                    await self.dispatcher.tick()
            except StoreError as exc:
                log.warning("events maintenance failed: %s", exc)
            await asyncio.sleep(self.settings.webhook_tick_s)

    async def purge(self) -> int:
        """Apply the retention to the log and to finished deliveries; rows deleted."""
        now = time.time()
        return await self.log.purge(now) + await self.webhooks.purge(now - self.settings.retention_s)

    async def create_webhook(
        self, tenant: str, scope: LogScope, url: str, types: Collection[EventType]
    ) -> tuple[WebhookSubscription, str]:
        """A subscription delivering ``scope``'s events from now on, and its signing secret
        (shown once). Raises ``TargetRefused`` for a URL deliveries may not go to."""
        if self.box is None:
            raise StoreError("webhooks need the connection store (HIREGRAPH_DATABASE_URL)")
        check_target(url, allow_private=self.settings.allow_private_targets)
        secret = f"whsec_{secrets.token_urlsafe(32)}"
        _, newest = await self.log.bounds(scope)
        sub = WebhookSubscription(
            id=f"wh_{uuid.uuid4().hex}",
            tenant=tenant,
            scope=scope,
            url=url,
            types=frozenset(types),
            secret=self.box.encrypt({"secret": secret}),
            cursor=newest,
            created_at=time.time(),
        )
        await self.webhooks.add(sub)
        return sub, secret

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
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.lease.release()
        await self.hub.aclose()
        if self._own_http is not None:
            await self._own_http.aclose()
        if self._own_store is not None:
            await self._own_store.aclose()


@dataclass(frozen=True)
class EventAccess:
    """What a request may do with events: the service, and the one log its connection writes."""

    service: EventService
    scope: LogScope

    @property
    def hub(self) -> EventHub:
        return self.service.hub

    async def written(self, mutation: str, resource: Resource, record: Record) -> None:
        """Log the event of a write that succeeded. The write stands whatever happens here: a
        failure to log it is reported, and polling still sees the change later."""
        try:
            await self.service.poller.record_written(self.scope, mutation, resource, record)
        except Exception:
            log.exception("the event of %s on '%s' could not be logged", mutation, self.scope.connection)
