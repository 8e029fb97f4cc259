"""The webhook admin API on the real app: create (private targets refused unless the operator
allows them), deliver from the app's own background loop, list, replay, delete."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from providers.records import Resource
from tenancy.events.types import EventSource, EventType, LogScope, NewEvent
from tenancy.events.webhooks import verify_signature

from .admin_app import admin_app, error
from .receiver import receiver

CREATE = """mutation($connection: String!, $url: String!, $types: [EventType!]) {
  createWebhookSubscription(connection: $connection, url: $url, types: $types) {
    secret subscription { id connection url types }
  }
}"""
DELIVERIES = """query($id: ID!) {
  webhookDeliveries(subscriptionId: $id) { id eventCursor type status attempts lastStatus }
}"""


async def test_private_targets_are_refused_unless_the_operator_allows_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with admin_app(tmp_path, monkeypatch) as app:
        await app.create(name="main", provider="sandbox", options={"size": 20})
        body = await app.post(CREATE, connection="main", url="http://127.0.0.1:9/hooks")
        code, message = error(body)
        assert code == "BAD_USER_INPUT"
        assert "HIREGRAPH_ALLOW_PRIVATE_UPSTREAMS" in message
        body = await app.post(CREATE, connection="elsewhere", url="https://hooks.example.com/in")
        assert error(body) == ("BAD_USER_INPUT", "your tenant has no connection named 'elsewhere'")
        # The static demo connection is the operator's, not granted to this tenant.
        body = await app.post(CREATE, connection="demo", url="https://hooks.example.com/in")
        assert error(body)[0] == "BAD_USER_INPUT"


async def test_a_subscription_delivers_from_the_apps_own_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HIREGRAPH_ALLOW_PRIVATE_UPSTREAMS", "1")
    monkeypatch.setenv("HIREGRAPH_WEBHOOKS_TICK_S", "0.05")
    async with receiver() as hooks, admin_app(tmp_path, monkeypatch) as app:
        await app.create(name="main", provider="sandbox", options={"size": 20})
        created = (await app.post(CREATE, connection="main", url=hooks.url, types=["APPLICATION_REJECTED"]))[
            "data"
        ]["createWebhookSubscription"]
        sub = created["subscription"]
        assert sub["connection"] == "main"
        assert sub["types"] == ["APPLICATION_REJECTED"]
        listed = await app.post("{ webhookSubscriptions { id url } }")
        assert listed["data"]["webhookSubscriptions"] == [{"id": sub["id"], "url": hooks.url}]

        hub = app.app.state.tenancy.events.hub
        new = NewEvent(EventType.APPLICATION_REJECTED, "app-1", 1_700_000_000.0, EventSource.POLL, "x")
        await hub.append(LogScope("acme", "main"), new)
        await hooks.wait_for(1)
        (got,) = hooks.received
        assert verify_signature(created["secret"], got.headers["x-hiregraph-signature"], got.body)

        for _ in range(250):  # the receiver answered; the row says so a moment later
            (delivery,) = (await app.post(DELIVERIES, id=sub["id"]))["data"]["webhookDeliveries"]
            if delivery["status"] == "DELIVERED":
                break
            await asyncio.sleep(0.02)
        assert delivery["lastStatus"] == 200
        replayed = await app.post(
            "mutation($id: ID!) { replayWebhookDelivery(id: $id) { status attempts } }", id=delivery["id"]
        )
        assert replayed["data"]["replayWebhookDelivery"] == {"status": "PENDING", "attempts": 0}
        await hooks.wait_for(2)
        again = await app.post(
            "mutation($id: ID!, $after: String!) { replayWebhookDeliveries(subscriptionId: $id, after: $after) }",
            id=sub["id"],
            after=delivery["eventCursor"],
        )
        assert again["data"]["replayWebhookDeliveries"] == 0  # nothing after the only event

        deleted = await app.post("mutation($id: ID!) { deleteWebhookSubscription(id: $id) }", id=sub["id"])
        assert deleted["data"]["deleteWebhookSubscription"] is True
        assert (await app.post("{ webhookSubscriptions { id } }"))["data"]["webhookSubscriptions"] == []


async def test_deleting_a_connection_deletes_its_webhooks_and_poll_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with admin_app(tmp_path, monkeypatch) as app:
        await app.create(name="main", provider="sandbox", options={"size": 20})
        created = await app.post(CREATE, connection="main", url="https://hooks.example.com/in")
        assert "errors" not in created
        events = app.app.state.tenancy.events
        main = LogScope("acme", "main")
        stored = await events.store.get_connection("acme", "main")
        assert stored is not None
        await events.poller.poll(main, await app.app.state.tenancy.tenancy.source.adapter(stored))
        assert await events.poller.state.watermark(main, Resource.APPLICATION) is not None
        deleted = await app.post('mutation { deleteConnection(name: "main") }')
        assert deleted["data"]["deleteConnection"] is True
        assert (await app.post("{ webhookSubscriptions { id } }"))["data"]["webhookSubscriptions"] == []
        assert await events.poller.state.watermark(main, Resource.APPLICATION) is None
