"""The events API over HTTP (catch-up) and over a WebSocket (graphql-transport-ws), on the
real app: nodes resolved through the loaders, resume without gap or duplicate, auth at
``connection_init``, and the refusals."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.app import create_app
from graph.settings import parse_settings
from providers.records import ApplicationRecord, Resource
from providers.sandbox import generate
from tenancy.crypto import generate_key
from tenancy.events.types import EventSource, EventType, LogScope, NewEvent
from tenancy.keys import Scopes, issue_key
from tenancy.store import SqliteStore

from ..tenancy.services import REDIS_URL, need, unique
from .asgi_ws import Closed, Socket, connect

CONFIG: Mapping[str, Any] = {"connections": {"demo": {"provider": "sandbox", "seed": 7, "size": 20}}}
DEMO = LogScope("", "demo")
APPLICATIONS = [a for a in generate(7, 20).records(Resource.APPLICATION) if isinstance(a, ApplicationRecord)]
STAGE_EVENTS = """
subscription($after: String) {
  applicationEvents(types: [STAGE_CHANGED], after: $after) {
    cursor type
    application { id candidate { firstName } job { name } currentStage { name } }
  }
}"""


def _new(n: int, kind: EventType = EventType.APPLICATION_STAGE_CHANGED) -> NewEvent:
    return NewEvent(kind, APPLICATIONS[n].id, 1_700_000_000.0 + n, EventSource.POLL, f"test-{n}")


@dataclass
class Served:
    app: Any
    http: httpx.AsyncClient

    async def append(self, *events: NewEvent) -> None:
        hub = self.app.state.tenancy.events.hub
        for event in events:
            await hub.append(DEMO, event)

    async def post(self, query: str, headers: Mapping[str, str] | None = None, **variables: Any) -> Any:
        response = await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"X-Hiregraph-Connection": "demo", **(headers or {})},
        )
        return response.json()


@contextlib.asynccontextmanager
async def served(
    db: Path, settings: Mapping[str, Any] = CONFIG, require_keys: bool = False
) -> AsyncIterator[Served]:
    app = create_app(parse_settings(settings), database_url=f"sqlite:///{db}", require_keys=require_keys)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
            yield Served(app, http)


@pytest.fixture
async def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Served]:
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    # Only the hub's own wake-ups can deliver quickly: a lost one would show as a timeout.
    monkeypatch.setenv("HIREGRAPH_EVENTS_RECHECK_S", "30")
    async with served(tmp_path / "events.sqlite3") as s:
        yield s


async def _init(ws: Socket, **payload: Any) -> None:
    await ws.send_json({"type": "connection_init", "payload": {"connection": "demo", **payload}})
    assert (await ws.receive_json())["type"] == "connection_ack"


async def _next(ws: Socket) -> dict[str, Any]:
    message = await ws.receive_json()
    assert message["type"] == "next", message
    payload: dict[str, Any] = message["payload"]
    return payload


async def _subscribe(ws: Socket, op: str, query: str, **variables: Any) -> None:
    payload = {"query": query, "variables": variables}
    await ws.send_json({"id": op, "type": "subscribe", "payload": payload})


async def test_catch_up_query_reads_the_log_with_nodes_through_the_loaders(server: Served) -> None:
    await server.append(_new(0), _new(1, EventType.CANDIDATE_UPDATED), _new(2))
    query = """query($after: String, $types: [EventType!]) {
      events(after: $after, types: $types, first: 1) {
        events { cursor type recordId source application { id job { name } } candidate { id } }
        endCursor hasMore
      }
    }"""
    first = (await server.post(query, types=["APPLICATION_STAGE_CHANGED"]))["data"]["events"]
    (event,) = first["events"]
    assert event["type"] == "APPLICATION_STAGE_CHANGED"
    assert event["source"] == "poll"
    assert event["application"]["id"] == APPLICATIONS[0].id
    assert event["application"]["job"]["name"]
    assert event["candidate"] is None
    assert first["hasMore"] is True
    body = await server.post(query, after=first["endCursor"], types=["APPLICATION_STAGE_CHANGED"])
    rest = body["data"]["events"]
    assert [e["recordId"] for e in rest["events"]] == [APPLICATIONS[2].id]
    assert rest["hasMore"] is False
    empty = (await server.post(query, after=rest["endCursor"]))["data"]["events"]
    assert empty == {"events": [], "endCursor": rest["endCursor"], "hasMore": False}


async def test_catch_up_refuses_foreign_cursors_and_other_connections(server: Served) -> None:
    body = await server.post('{ events(after: "bm9wZQ") { hasMore } }')
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    body = await server.post('{ events(connection: "elsewhere") { hasMore } }')
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "bound to connection 'demo'" in body["errors"][0]["message"]


async def test_a_subscription_over_http_is_refused(server: Served) -> None:
    response = await server.http.post(
        "/graphql", json={"query": STAGE_EVENTS}, headers={"X-Hiregraph-Connection": "demo"}
    )
    assert response.status_code == 405
    assert "WebSocket" in response.json()["errors"][0]["message"]


async def test_a_websocket_handshake_the_server_could_not_upgrade_is_explained(server: Served) -> None:
    # What uvicorn does without a WebSocket library: the handshake arrives as a plain GET.
    headers = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13"}
    response = await server.http.get("/graphql", headers=headers)
    assert response.status_code == 501
    assert "`websockets` or `wsproto`" in response.json()["errors"][0]["message"]


async def test_subscription_replays_then_goes_live_and_resumes_without_gap_or_duplicate(
    server: Served,
) -> None:
    await server.append(_new(0), _new(1, EventType.APPLICATION_REJECTED), _new(2))
    async with connect(server.app) as ws:
        await _init(ws)
        await _subscribe(ws, "1", STAGE_EVENTS)
        replayed = [(await _next(ws))["data"]["applicationEvents"] for _ in range(2)]
        assert [e["application"]["id"] for e in replayed] == [APPLICATIONS[0].id, APPLICATIONS[2].id]
        assert all(e["type"] == "STAGE_CHANGED" for e in replayed)
        first = replayed[0]["application"]
        assert first["candidate"]["firstName"]
        assert first["job"]["name"]
        assert first["currentStage"]["name"]
        await server.append(_new(3), _new(4, EventType.APPLICATION_REJECTED), _new(5))
        live = [(await _next(ws))["data"]["applicationEvents"] for _ in range(2)]
        assert [e["application"]["id"] for e in live] == [APPLICATIONS[3].id, APPLICATIONS[5].id]
        await ws.send_json({"id": "1", "type": "complete"})

    # A client that saw the second event comes back: the rest, each once, then live.
    async with connect(server.app) as ws:
        await _init(ws)
        await _subscribe(ws, "2", STAGE_EVENTS, after=replayed[1]["cursor"])
        resumed = [(await _next(ws))["data"]["applicationEvents"]["application"]["id"] for _ in range(2)]
        assert resumed == [APPLICATIONS[3].id, APPLICATIONS[5].id]
        await server.append(_new(6))
        assert (await _next(ws))["data"]["applicationEvents"]["application"]["id"] == APPLICATIONS[6].id


async def test_only_subscriptions_run_over_the_websocket_within_the_limits(server: Served) -> None:
    async with connect(server.app) as ws:
        await _init(ws)
        await _subscribe(ws, "q", "{ events { hasMore } }")
        message = await ws.receive_json()
        assert message["type"] == "error"
        assert message["payload"][0]["extensions"]["code"] == "BAD_REQUEST"
        await _subscribe(ws, "d", "subscription { events { " + "job { " * 30 + "id" + " }" * 32)
        message = await ws.receive_json()
        assert message["type"] == "error"
        assert message["payload"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
        await _subscribe(ws, "b", 'subscription { events(after: "bm9wZQ") { cursor } }')
        message = await ws.receive_json()
        errors = message["payload"]["errors"] if message["type"] == "next" else message["payload"]
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_keys_are_checked_at_connection_init(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    db = tmp_path / "keyed.sqlite3"
    store = SqliteStore(db)
    await store.migrate()
    key = (await issue_key(store, Scopes("acme", ("demo",)), granted=frozenset({"demo"}))).key
    await store.aclose()
    granted = {"connections": {"demo": {**CONFIG["connections"]["demo"], "tenants": ["acme"]}}}
    async with served(db, granted, require_keys=True) as server:
        for payload in ({}, {"Authorization": "Bearer hg_live_bad"}):
            async with connect(server.app) as ws:
                await ws.send_json({"type": "connection_init", "payload": {"connection": "demo", **payload}})
                with pytest.raises(Closed) as closed:
                    await ws.receive_json()
                assert closed.value.code == 4403
        async with connect(server.app) as ws:
            await _init(ws, Authorization=f"Bearer {key}")
            await _subscribe(ws, "1", "subscription { events { cursor application { id } } }")
            await server.append(_new(0))
            event = (await _next(ws))["data"]["events"]
            assert event["application"]["id"] == APPLICATIONS[0].id
        # The upgrade request's own headers serve clients that can set them.
        headers = {"Authorization": f"Bearer {key}", "X-Hiregraph-Connection": "demo"}
        async with connect(server.app, headers) as ws:
            await ws.send_json({"type": "connection_init", "payload": {}})
            assert (await ws.receive_json())["type"] == "connection_ack"


async def test_an_anonymous_page_on_another_origin_cannot_subscribe(server: Served) -> None:
    async with connect(server.app, {"Origin": "http://evil.example"}) as ws:
        await ws.send_json({"type": "connection_init", "payload": {"connection": "demo"}})
        with pytest.raises(Closed) as closed:
            await ws.receive_json()
        assert closed.value.code == 4403
    async with connect(server.app, {"Origin": "http://127.0.0.1:8000"}) as ws:
        await _init(ws)


async def test_a_subscriber_on_one_worker_gets_what_another_worker_appended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    need("Redis", "127.0.0.1", 6379)
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    monkeypatch.setenv("HIREGRAPH_REDIS_URL", REDIS_URL)
    prefix = unique("hg_events") + ":"
    monkeypatch.setenv("HIREGRAPH_REDIS_PREFIX", prefix)
    monkeypatch.setenv("HIREGRAPH_EVENTS_RECHECK_S", "30")  # only Redis can wake the other worker in time
    db = tmp_path / "shared.sqlite3"
    async with served(db) as first, served(db) as second, connect(second.app) as ws:
        await _init(ws)
        await _subscribe(ws, "1", "subscription { events { cursor application { id } } }")
        await asyncio.sleep(0.3)  # the second worker's Redis reader is listening
        for n in range(5):
            await first.append(_new(n))
        ids = [(await _next(ws))["data"]["events"]["application"]["id"] for _ in range(5)]
        assert ids == [a.id for a in APPLICATIONS[:5]]
        await first.app.state.tenancy.events.hub.redis.delete(f"{prefix}events")


async def test_each_event_is_resolved_within_its_own_upstream_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    settings = {**CONFIG, "upstream": {"operation_budget": 3}}
    three = "subscription { events { application { id candidate { firstName } job { name } } } }"
    four = "subscription { events { application { id candidate { firstName } job { name } currentStage { name } } } }"
    async with served(tmp_path / "budget.sqlite3", settings) as server:
        await server.append(_new(0), _new(1), _new(2))
        async with connect(server.app) as ws:
            await _init(ws)
            await _subscribe(ws, "3", three)
            # Three reads per event: every event fits, however many came before it.
            payloads = [await _next(ws) for _ in range(3)]
            assert [p.get("errors") for p in payloads] == [None, None, None]
            assert [p["data"]["events"]["application"]["id"] for p in payloads] == [
                a.id for a in APPLICATIONS[:3]
            ]
            await ws.send_json({"id": "3", "type": "complete"})
            await _subscribe(ws, "4", four)
            # A fourth read is over the budget: refused within each event, not across the stream.
            for _ in range(3):
                payload = await _next(ws)
                application = payload["data"]["events"]["application"]
                related = [application[f] for f in ("candidate", "job", "currentStage")]
                assert sum(r is not None for r in related) == 2
                assert [e["extensions"]["code"] for e in payload["errors"]] == ["UPSTREAM_BUDGET_EXCEEDED"]
