"""Outgoing webhooks against a real loopback receiver: signed bodies, retries with backoff,
dead letters and replay, durable queues, one delivery per event across workers, and the
refusal of private targets."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

import httpx
import pytest

from providers.egress import public_only_client
from tenancy.crypto import SecretBox, generate_key
from tenancy.events.service import EventService, EventSettings
from tenancy.events.types import EventSource, EventType, LogScope, NewEvent
from tenancy.events.webhook_store import DeliveryStatus
from tenancy.events.webhooks import (
    Dispatcher,
    TargetRefused,
    WebhookSettings,
    check_target,
    signature_header,
    verify_signature,
)
from tenancy.store import Store

from .receiver import Receiver, receiver

SCOPE = LogScope("acme", "main")


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def _new(n: int, kind: EventType = EventType.APPLICATION_STAGE_CHANGED) -> NewEvent:
    return NewEvent(kind, f"app-{n}", 1_700_000_000.0 + n, EventSource.POLL, f"c{n}", {"n": n})


@pytest.fixture
async def service(store: Store) -> AsyncIterator[EventService]:
    settings = EventSettings(allow_private_targets=True)
    async with httpx.AsyncClient() as http:
        box = SecretBox([generate_key()])
        svc = EventService(store, settings, redis=None, stream="unused", box=box, http=http)
        yield svc
        await svc.aclose()


@pytest.fixture
async def hooks() -> AsyncIterator[Receiver]:
    async with receiver() as r:
        yield r


def test_signatures_verify_only_the_same_body_secret_and_a_recent_time() -> None:
    body = b'{"id":"x"}'
    header = signature_header("whsec_1", 1_700_000_000, body)
    assert verify_signature("whsec_1", header, body, now=1_700_000_100)
    assert not verify_signature("whsec_2", header, body, now=1_700_000_100)
    assert not verify_signature("whsec_1", header, body + b" ", now=1_700_000_100)
    assert not verify_signature("whsec_1", header, body, now=1_700_000_000 + 301)
    assert not verify_signature("whsec_1", "v1=abc", body)


@pytest.mark.parametrize(
    ("url", "allow"),
    [
        ("http://127.0.0.1:9/x", False),
        ("http://[::1]/x", False),
        ("http://169.254.169.254/latest", False),
        ("http://10.0.0.1/x", False),
        ("ftp://example.com/x", True),
        ("https://user:pw@example.com/x", True),
        ("not a url", True),
    ],
)
def test_targets_that_are_refused(url: str, allow: bool) -> None:
    with pytest.raises(TargetRefused):
        check_target(url, allow_private=allow)


def test_targets_that_are_taken() -> None:
    assert check_target("https://hooks.example.com/in", allow_private=False)
    assert check_target("http://127.0.0.1:8080/in", allow_private=True)


async def test_a_delivery_is_signed_and_names_the_event(service: EventService, hooks: Receiver) -> None:
    await service.hub.append(SCOPE, _new(0))  # before the subscription: not delivered
    sub, secret = await service.create_webhook(
        "acme", SCOPE, hooks.url, [EventType.APPLICATION_STAGE_CHANGED]
    )
    await service.hub.append(SCOPE, _new(1, EventType.CANDIDATE_UPDATED))  # not a subscribed type
    appended = await service.hub.append(SCOPE, _new(2))
    assert appended is not None
    assert service.dispatcher is not None
    assert await service.dispatcher.tick() == (1, 1)
    (got,) = hooks.received
    assert verify_signature(secret, got.headers["x-hiregraph-signature"], got.body)
    assert got.headers["x-hiregraph-event"] == "application.stage_changed"
    body = json.loads(got.body)
    assert body["id"] == appended.cursor
    assert body["type"] == "application.stage_changed"
    assert body["recordId"] == "app-2"
    assert body["connection"] == "main"
    assert body["data"] == {"n": 2}
    (delivery,) = await service.webhooks.deliveries(sub.id)
    assert delivery.status is DeliveryStatus.DELIVERED
    assert delivery.id == got.headers["x-hiregraph-delivery"]
    assert await service.dispatcher.tick() == (0, 0)


async def test_failures_are_retried_with_backoff_then_dead_lettered_and_replayable(
    service: EventService, hooks: Receiver
) -> None:
    clock = Clock()
    settings = WebhookSettings(max_age_s=60, first_retry_s=5)
    assert service.box is not None
    dispatcher = Dispatcher(
        service.webhooks, service.log, service.box, httpx.AsyncClient(), settings, clock=clock
    )
    sub, _ = await service.create_webhook("acme", SCOPE, hooks.url, [])
    await service.hub.append(SCOPE, _new(1))
    hooks.statuses = [500] * 20
    attempts_at = []
    for _ in range(200):
        _, sent = await dispatcher.tick()
        if sent:
            attempts_at.append(round(clock.now))
        clock.now += 1
    start = attempts_at[0]
    # 5, 10, 20 s apart; the next (40 s) would end past the 60 s window: dead-lettered.
    assert [t - start for t in attempts_at] == [0, 5, 15, 35]
    (dead,) = await service.webhooks.deliveries(sub.id)
    assert dead.status is DeliveryStatus.DEAD
    assert dead.attempts == 4
    assert dead.last_status == 500
    hooks.statuses = []
    assert await service.webhooks.replay(sub.id, [dead.id], None, clock.now) == 1
    await dispatcher.tick()
    (replayed,) = await service.webhooks.deliveries(sub.id)
    assert replayed.status is DeliveryStatus.DELIVERED
    assert len(hooks.received) == 5
    await dispatcher.http.aclose()


async def test_queued_deliveries_survive_a_restart_and_go_out_once_across_workers(
    service: EventService, hooks: Receiver
) -> None:
    assert service.box is not None
    box = service.box
    sub, _ = await service.create_webhook("acme", SCOPE, hooks.url, [])
    for n in range(10):
        await service.hub.append(SCOPE, _new(n))
    # One worker queues, then dies before sending anything.
    first = Dispatcher(service.webhooks, service.log, box, httpx.AsyncClient())
    assert await first.queue_new() == 10
    await first.http.aclose()
    # Two fresh workers on the same store tick together.
    workers = [Dispatcher(service.webhooks, service.log, box, httpx.AsyncClient()) for _ in range(2)]
    results = await asyncio.gather(*(w.tick() for w in workers))
    assert sum(sent for _, sent in results) == 10
    assert sorted(json.loads(r.body)["recordId"] for r in hooks.received) == sorted(
        f"app-{n}" for n in range(10)
    )
    assert all(d.status is DeliveryStatus.DELIVERED for d in await service.webhooks.deliveries(sub.id))
    for w in workers:
        await w.http.aclose()


async def test_a_name_for_a_private_address_is_refused_where_the_socket_opens(
    service: EventService, hooks: Receiver
) -> None:
    assert service.box is not None
    sub, _ = await service.create_webhook("acme", SCOPE, hooks.url.replace("127.0.0.1", "localhost"), [])
    await service.hub.append(SCOPE, _new(1))
    async with public_only_client(5) as egress:
        dispatcher = Dispatcher(service.webhooks, service.log, service.box, egress)
        await dispatcher.tick()
    assert hooks.received == []
    (delivery,) = await service.webhooks.deliveries(sub.id)
    assert delivery.status is DeliveryStatus.PENDING
    assert delivery.last_error == "the upstream could not be reached"
