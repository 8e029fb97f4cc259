"""Outgoing webhooks: each subscription's events POSTed to its URL, signed, retried, dead-lettered.

Every tick (``HIREGRAPH_WEBHOOKS_TICK_S``, 1 s by default) a worker queues the events each
subscription has not queued yet (one delivery row per event, refused a second time, so any
number of workers queue each event once) and sends the deliveries that are due, each claimed
first so that one worker sends it. A delivery that fails (no 2xx within the timeout) is
retried after 5 s, 10 s, 20 s... (at most an hour apart) until ``max_age_s`` (24 h by
default) after it was queued; then it is dead-lettered, kept, and can be replayed. Rows
survive a restart: a delivery claimed by a worker that died is sent again when its claim
lapses (receivers de-duplicate by the body's ``id``).

The body (``Content-Type: application/json``)::

    {"id": "<event cursor>", "type": "application.stage_changed", "connection": "main",
     "resource": "application", "recordId": "...", "occurredAt": "2026-...Z", "data": {...}}

``X-Hiregraph-Signature: t=<unix seconds>,v1=<hex>`` where ``v1`` is
HMAC-SHA256(secret, "<t>." + raw body); see ``verify_signature`` and docs/events.md.
Targets are reached with the public-only egress client (``providers/egress.py``) unless
``HIREGRAPH_ALLOW_PRIVATE_UPSTREAMS=1``.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

import httpx

from providers.egress import is_public

from ..crypto import SecretBox
from .log import EventLog
from .types import Event
from .webhook_store import Delivery, DeliveryStatus, WebhookStore, WebhookSubscription

log = logging.getLogger("hiregraph.webhooks")

SIGNATURE_HEADER: Final = "X-Hiregraph-Signature"
EVENT_HEADER: Final = "X-Hiregraph-Event"
DELIVERY_HEADER: Final = "X-Hiregraph-Delivery"
DEFAULT_TOLERANCE_S: Final = 300
_QUEUE_BATCH: Final = 500


def sign(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={sign(secret, timestamp, body)}"


def verify_signature(
    secret: str,
    header: str,
    body: bytes,
    *,
    now: float | None = None,
    tolerance_s: float = DEFAULT_TOLERANCE_S,
) -> bool:
    """What a receiver checks: a ``v1`` signature of this body by ``secret``, stamped within
    ``tolerance_s`` of now (an old, replayed request fails)."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    stamp, given = parts.get("t", ""), parts.get("v1", "")
    if not stamp.isdigit() or not given:
        return False
    now = time.time() if now is None else now
    if abs(now - int(stamp)) > tolerance_s:
        return False
    return hmac.compare_digest(sign(secret, int(stamp), body), given)


@dataclass(frozen=True)
class WebhookSettings:
    max_age_s: float = 24 * 3600.0
    """How long a delivery is retried after it was queued, before it is dead-lettered."""
    first_retry_s: float = 5.0
    max_retry_s: float = 3600.0
    timeout_s: float = 10.0
    batch: int = 50
    """Deliveries one worker sends per tick, at most ``concurrency`` at once."""
    concurrency: int = 10

    def retry_after(self, attempts: int) -> float:
        return min(self.max_retry_s, self.first_retry_s * 2.0 ** max(attempts - 1, 0))


def body_of(event: Event) -> bytes:
    data = {
        "id": event.cursor,
        "type": event.type.value,
        "connection": event.scope.connection,
        "resource": event.resource.value,
        "recordId": event.record_id,
        "occurredAt": datetime.fromtimestamp(event.occurred_at, UTC).isoformat().replace("+00:00", "Z"),
        "data": event.data,
    }
    return json.dumps(data, separators=(",", ":")).encode()


class Dispatcher:
    def __init__(
        self,
        store: WebhookStore,
        event_log: EventLog,
        box: SecretBox,
        http: httpx.AsyncClient,
        settings: WebhookSettings | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.log = event_log
        self.box = box
        self.http = http
        self.settings = settings or WebhookSettings()
        self.clock = clock

    async def tick(self) -> tuple[int, int]:
        """Queue new events, then send what is due: (queued, attempted)."""
        queued = await self.queue_new()
        return queued, await self.send_due()

    async def queue_new(self) -> int:
        queued = 0
        for sub in await self.store.subscriptions():
            events = await self.log.read(sub.scope, sub.cursor, limit=_QUEUE_BATCH)
            if not events:
                continue
            now = self.clock()
            for event in events:
                if not sub.types or event.type in sub.types:
                    queued += int(await self.store.enqueue(sub.id, event.seq, event.type, now))
            await self.store.advance(sub, events[-1].seq)
        return queued

    async def send_due(self) -> int:
        now = self.clock()
        claim_until = now + self.settings.timeout_s + 5
        claimed = [
            d
            for d in await self.store.due(now, self.settings.batch)
            if await self.store.claim(d, claim_until)
        ]
        subs: dict[str, WebhookSubscription | None] = {}
        for delivery in claimed:
            if delivery.subscription_id not in subs:
                subs[delivery.subscription_id] = await self.store.subscription(delivery.subscription_id)
        gate = asyncio.Semaphore(self.settings.concurrency)

        async def send(delivery: Delivery) -> None:
            async with gate:
                await self._send(delivery, subs[delivery.subscription_id])

        await asyncio.gather(*(send(d) for d in claimed))
        return len(claimed)

    async def _send(self, delivery: Delivery, sub: WebhookSubscription | None) -> None:
        if sub is None:
            return  # deleted meanwhile, with its deliveries
        found = await self.log.read(sub.scope, delivery.seq - 1, limit=1)
        if not found or found[0].seq != delivery.seq:
            await self._failed(delivery, None, "the event is no longer in the log (retention)", final=True)
            return
        body = body_of(found[0])
        secret = str(self.box.decrypt(sub.secret)["secret"])
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: signature_header(secret, int(self.clock()), body),
            EVENT_HEADER: found[0].type.value,
            DELIVERY_HEADER: delivery.id,
        }
        try:
            response = await self.http.post(
                sub.url, content=body, headers=headers, timeout=self.settings.timeout_s
            )
        except httpx.HTTPError as exc:
            # The egress client's one message for every refusal: nothing about the network leaks.
            await self._failed(delivery, None, str(exc) or type(exc).__name__)
            return
        if 200 <= response.status_code < 300:
            await self.store.record(
                delivery.id,
                DeliveryStatus.DELIVERED,
                attempts=delivery.attempts + 1,
                next_attempt_at=self.clock(),
                last_status=response.status_code,
                last_error=None,
                delivered_at=self.clock(),
            )
            return
        await self._failed(delivery, response.status_code, f"the receiver answered {response.status_code}")

    async def _failed(
        self, delivery: Delivery, status: int | None, error: str, *, final: bool = False
    ) -> None:
        now = self.clock()
        attempts = delivery.attempts + 1
        retry_at = now + self.settings.retry_after(attempts)
        dead = final or retry_at - delivery.first_queued_at > self.settings.max_age_s
        await self.store.record(
            delivery.id,
            DeliveryStatus.DEAD if dead else DeliveryStatus.PENDING,
            attempts=attempts,
            next_attempt_at=now if dead else retry_at,
            last_status=status,
            last_error=error[:500],
            delivered_at=None,
        )
        if dead:
            log.warning(
                "webhook delivery %s dead-lettered after %d attempts: %s", delivery.id, attempts, error
            )


class TargetRefused(ValueError):
    """A webhook URL that is not one to deliver to (the message says why)."""


def check_target(url: str, *, allow_private: bool) -> str:
    """``url`` if deliveries may go there: http(s), a host, no credentials in it, and unless
    ``allow_private``, not a literal non-public address (a host name is checked where the
    socket opens, by the egress client, so a name resolving to one fails every delivery)."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        raise TargetRefused("the webhook URL is not a valid URL") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise TargetRefused("the webhook URL must be an http:// or https:// URL with a host")
    if parsed.userinfo:
        raise TargetRefused(
            "the webhook URL must not hold credentials: the signature authenticates deliveries"
        )
    if len(url) > 2000:
        raise TargetRefused("the webhook URL is longer than 2000 characters")
    if not allow_private:
        try:
            address = ipaddress.ip_address(parsed.host)
        except ValueError:
            return url
        if not is_public(address):
            raise TargetRefused(
                "the webhook URL is a private, loopback or link-local address; the operator can allow "
                "those with HIREGRAPH_ALLOW_PRIVATE_UPSTREAMS=1"
            )
    return url
