"""Subscriptions over HTTP as an event stream (graphql-sse, distinct connections mode): the app
under uvicorn on a loopback port, real streaming HTTP requests read line by line as they
arrive, events appended to the log while the stream is open."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from graph.app import create_app
from graph.cli import WEBSOCKETS
from graph.settings import parse_settings
from providers.records import ApplicationRecord, Resource
from providers.sandbox import generate
from tenancy.crypto import generate_key
from tenancy.events.types import EventSource, EventType, LogScope, NewEvent
from tenancy.keys import Scopes, issue_key
from tenancy.store import SqliteStore

CONFIG: Mapping[str, Any] = {
    "connections": {"demo": {"provider": "sandbox", "seed": 7, "size": 20, "tenants": ["acme"]}}
}
DEMO = LogScope("", "demo")
APPLICATIONS = [a for a in generate(7, 20).records(Resource.APPLICATION) if isinstance(a, ApplicationRecord)]
STAGES = """
subscription($after: String) {
  applicationEvents(types: [STAGE_CHANGED], after: $after) {
    cursor type application { id job { name } }
  }
}"""
SSE = {"Accept": "text/event-stream", "X-Hiregraph-Connection": "demo"}


def _new(n: int) -> NewEvent:
    return NewEvent(
        EventType.APPLICATION_STAGE_CHANGED, APPLICATIONS[n].id, 1.7e9 + n, EventSource.POLL, f"sse-{n}"
    )


class Server:
    def __init__(self, app: Any, url: str) -> None:
        self.app, self.url = app, url

    async def append(self, n: int) -> None:
        await self.app.state.tenancy.events.hub.append(DEMO, _new(n))

    def subscribers(self) -> int:
        return len(self.app.state.tenancy.events.hub._subscribers.get(DEMO, ()))


@pytest.fixture
async def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Server]:
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    monkeypatch.setenv("HIREGRAPH_EVENTS_RECHECK_S", "30")  # only the hub's wake-ups deliver quickly
    db = tmp_path / "db.sqlite3"
    store = SqliteStore(db)
    await store.migrate()
    key = (await issue_key(store, Scopes("acme", ("demo",)), granted=frozenset({"demo"}))).key
    await store.aclose()
    app = create_app(parse_settings(CONFIG), database_url=f"sqlite:///{db}", require_keys=True)
    app.state.key = key
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", http="h11", ws=WEBSOCKETS)
    )
    task = asyncio.create_task(server.serve())
    try:
        for _ in range(500):
            if server.started or task.done():
                break
            await asyncio.sleep(0.01)
        assert server.started, "uvicorn did not start"
        port = server.servers[0].sockets[0].getsockname()[1]
        yield Server(app, f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        await task


def _auth(server: Server) -> dict[str, str]:
    return {**SSE, "Authorization": f"Bearer {server.app.state.key}"}


async def _messages(response: httpx.Response) -> AsyncIterator[tuple[str, Any]]:
    """(event, data) of each SSE message as it arrives; comments skipped."""
    event, data = "", ""
    async for line in response.aiter_lines():
        if line.startswith("event:"):
            event = line.partition(":")[2].strip()
        elif line.startswith("data:"):
            data = line.partition(":")[2].strip()
        elif line == "" and event:
            yield event, json.loads(data) if data else None
            event, data = "", ""


async def _take(messages: AsyncIterator[tuple[str, Any]], n: int) -> list[tuple[str, Any]]:
    return [await asyncio.wait_for(anext(messages), 10) for _ in range(n)]


async def test_a_subscription_streams_replays_goes_live_and_resumes(server: Server) -> None:
    await server.append(0)
    body = {"query": STAGES}
    async with (
        httpx.AsyncClient(base_url=server.url, timeout=10) as http,
        http.stream("POST", "/graphql", json=body, headers=_auth(server)) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["x-request-id"]
        messages = _messages(response)
        [(kind, replayed)] = await _take(messages, 1)
        assert kind == "next"
        first = replayed["data"]["applicationEvents"]
        assert first["application"]["id"] == APPLICATIONS[0].id
        assert first["application"]["job"]["name"]
        await server.append(1)
        [(kind, live)] = await _take(messages, 1)
        assert live["data"]["applicationEvents"]["application"]["id"] == APPLICATIONS[1].id
    # the client hung up: its subscription leaves the live feed
    for _ in range(200):
        if server.subscribers() == 0:
            break
        await asyncio.sleep(0.01)
    assert server.subscribers() == 0

    await server.append(2)
    resume = {"query": STAGES, "variables": {"after": first["cursor"]}}
    async with (
        httpx.AsyncClient(base_url=server.url, timeout=10) as http,
        http.stream("POST", "/graphql", json=resume, headers=_auth(server)) as response,
    ):
        resumed = await _take(_messages(response), 2)
        ids = [data["data"]["applicationEvents"]["application"]["id"] for _, data in resumed]
        assert ids == [APPLICATIONS[1].id, APPLICATIONS[2].id]


async def test_keys_and_limits_are_checked_before_the_stream(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
        anonymous = await http.post("/graphql", json={"query": STAGES}, headers=SSE)
        assert anonymous.status_code == 401
        assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        bad = await http.post(
            "/graphql", json={"query": STAGES}, headers={**SSE, "Authorization": "Bearer hg_live_bad"}
        )
        assert bad.status_code == 401
        deep = "subscription { events { " + "job { " * 30 + "id" + " }" * 32
        refused = await http.post("/graphql", json={"query": deep}, headers=_auth(server))
        assert refused.status_code == 400
        assert not refused.headers["content-type"].startswith("text/event-stream")
        assert refused.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
        batch = await http.post("/graphql", json=[{"query": STAGES}], headers=_auth(server))
        assert batch.status_code == 400


async def test_a_plain_http_subscription_still_answers_405(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
        headers = {"Authorization": f"Bearer {server.app.state.key}", "X-Hiregraph-Connection": "demo"}
        for accept in ("application/json", "*/*", "text/event-stream;q=0, application/json"):
            response = await http.post(
                "/graphql", json={"query": STAGES}, headers={**headers, "Accept": accept}
            )
            assert response.status_code == 405, accept
            assert "text/event-stream" in response.json()["errors"][0]["message"]


async def test_errors_in_the_stream_carry_their_codes_then_complete(server: Server) -> None:
    bad_cursor = {"query": 'subscription { events(after: "bm9wZQ") { cursor } }'}
    async with (
        httpx.AsyncClient(base_url=server.url, timeout=10) as http,
        http.stream("POST", "/graphql", json=bad_cursor, headers=_auth(server)) as response,
    ):
        assert response.status_code == 200
        (kind, data), (end, _) = await _take(_messages(response), 2)
    assert kind == "next"
    assert data["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert end == "complete"


async def test_a_query_over_the_event_stream_is_one_next_then_complete(server: Server) -> None:
    await server.append(3)
    query = {"query": "{ events { events { application { id } } hasMore } }"}
    async with (
        httpx.AsyncClient(base_url=server.url, timeout=10) as http,
        http.stream("POST", "/graphql", json=query, headers=_auth(server)) as response,
    ):
        (kind, data), (end, _) = await _take(_messages(response), 2)
    assert kind == "next"
    assert data["data"]["events"]["events"] == [{"application": {"id": APPLICATIONS[3].id}}]
    assert end == "complete"


async def test_a_quiet_stream_sends_pings_and_accept_parsing() -> None:
    from graph.sse import event_stream, wants_event_stream

    async def quiet() -> AsyncIterator[Any]:
        await asyncio.sleep(0.35)
        return
        yield

    response = event_stream(quiet(), "rid", {"X-Request-Id": "rid"}, heartbeat_s=0.1)
    chunks = [c if isinstance(c, str) else bytes(c).decode() async for c in response.body_iterator]
    assert chunks.count(": ping\r\n\r\n") >= 2
    assert chunks[-1] == "event: complete\r\ndata: \r\n\r\n"
    assert wants_event_stream("text/event-stream")
    assert wants_event_stream("application/json, Text/Event-Stream;q=0.5")
    assert not wants_event_stream("*/*")
    assert not wants_event_stream("text/event-stream;q=0")
    assert not wants_event_stream("text/*")
