"""Subscriptions over a real WebSocket: the app under uvicorn on a loopback port, a
graphql-transport-ws client speaking to it with the ``websockets`` library (the one uvicorn
upgrades with), events appended to the log while the socket is open."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from graph.app import create_app
from graph.cli import WEBSOCKETS
from graph.settings import parse_settings
from providers.records import ApplicationRecord, Resource
from providers.sandbox import generate
from tenancy.crypto import generate_key
from tenancy.events.types import EventSource, EventType, LogScope, NewEvent

from ..serving import on_loopback

CONFIG = {"connections": {"demo": {"provider": "sandbox", "seed": 7, "size": 20}}}
APPLICATIONS = [a for a in generate(7, 20).records(Resource.APPLICATION) if isinstance(a, ApplicationRecord)]
STAGE_EVENTS = """
subscription($after: String) {
  applicationEvents(types: [STAGE_CHANGED], after: $after) {
    cursor type application { id job { name } currentStage { name } }
  }
}"""


def _event(n: int) -> NewEvent:
    return NewEvent(
        EventType.APPLICATION_STAGE_CHANGED, APPLICATIONS[n].id, 1.7e9 + n, EventSource.POLL, f"ws-{n}"
    )


@pytest.fixture
async def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[tuple[str, Any]]:
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    monkeypatch.setenv("HIREGRAPH_EVENTS_RECHECK_S", "30")  # only the hub's wake-ups deliver quickly
    app = create_app(parse_settings(CONFIG), database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    async with on_loopback(app, http="h11", ws=WEBSOCKETS) as port:
        yield f"ws://127.0.0.1:{port}/graphql", app


async def _receive(ws: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), 10))
    return message


async def _open(url: str) -> ClientConnection:
    ws = await connect(url, subprotocols=["graphql-transport-ws"], open_timeout=10)  # type: ignore[list-item]
    await ws.send(json.dumps({"type": "connection_init", "payload": {"connection": "demo"}}))
    assert (await _receive(ws))["type"] == "connection_ack"
    return ws


async def test_a_subscription_replays_goes_live_and_resumes_over_a_real_socket(
    served: tuple[str, Any],
) -> None:
    url, app = served
    hub = app.state.tenancy.events.hub
    scope = LogScope("", "demo")
    await hub.append(scope, _event(0))
    ws = await _open(url)
    try:
        assert ws.subprotocol == "graphql-transport-ws"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": STAGE_EVENTS}}))
        replayed = await _receive(ws)
        assert replayed["type"] == "next", replayed
        first = replayed["payload"]["data"]["applicationEvents"]
        assert first["application"]["id"] == APPLICATIONS[0].id
        assert first["application"]["job"]["name"]
        await hub.append(scope, _event(1))
        live = (await _receive(ws))["payload"]["data"]["applicationEvents"]
        assert live["application"]["id"] == APPLICATIONS[1].id
    finally:
        await ws.close()

    await hub.append(scope, _event(2))
    ws = await _open(url)
    try:
        payload = {"query": STAGE_EVENTS, "variables": {"after": first["cursor"]}}
        await ws.send(json.dumps({"id": "2", "type": "subscribe", "payload": payload}))
        resumed = [(await _receive(ws))["payload"]["data"]["applicationEvents"] for _ in range(2)]
        assert [e["application"]["id"] for e in resumed] == [APPLICATIONS[1].id, APPLICATIONS[2].id]
        await ws.send(json.dumps({"id": "2", "type": "complete"}))
    finally:
        await ws.close()


async def test_a_socket_that_never_initialises_is_closed(served: tuple[str, Any]) -> None:
    url, _ = served
    ws = await connect(url, subprotocols=["graphql-transport-ws"])  # type: ignore[list-item]
    subscribe = {"id": "1", "type": "subscribe", "payload": {"query": STAGE_EVENTS}}
    await ws.send(json.dumps(subscribe))
    with pytest.raises(ConnectionClosed) as closed:
        await asyncio.wait_for(ws.recv(), 10)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4401  # graphql-transport-ws: Unauthorized (no connection_init)


async def test_a_socket_without_a_connection_is_served_the_default_one(served: tuple[str, Any]) -> None:
    # A browser's upgrade request carries "Connection: Upgrade": it names no hiregraph connection.
    url, app = served
    await app.state.tenancy.events.hub.append(LogScope("", "demo"), _event(0))
    ws = await connect(
        url,
        subprotocols=["graphql-transport-ws"],
        origin=url.replace("ws", "http", 1).removesuffix("/graphql"),
    )  # type: ignore[list-item, arg-type]
    try:
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert (await _receive(ws))["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": STAGE_EVENTS}}))
        event = (await _receive(ws))["payload"]["data"]["applicationEvents"]
        assert event["application"]["id"] == APPLICATIONS[0].id
    finally:
        await ws.close()
