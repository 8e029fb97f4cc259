"""The events bench's clients: producers that write through hiregraph's HTTP API (each
``createCandidate`` that succeeds appends a ``candidate.created`` event to the log) or post
signed provider webhooks to its receiver (each new delivery appends its event), and
subscribers that follow the log over a real WebSocket (graphql-transport-ws), reconnecting
after a drop and resuming after the last cursor they received, as a client should."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from tenancy.events.types import decode_cursor

from .events_webhooks import WebhookSource

CREATE: Final = (
    'mutation($n: String!) { createCandidate(input: {firstName: "Bench", lastName: $n}) '
    "{ candidate { id } } }"
)
SUBSCRIBE: Final = "subscription($after: String) { events(after: $after, types: [%s]) { cursor recordId } }"
CATCH_UP: Final = "query($after: String) { events(after: $after, first: 500) { events { cursor recordId source } endCursor hasMore } }"
RECONNECT_PAUSE_S: Final = 0.1
FIRST_WEBHOOK_RECORD: Final = 90_000_000
"""Webhook deliveries name records from here on: ids no sandbox record has, so a delivery's
event is told apart from anything else in the log."""


@dataclass
class Received:
    seq: int
    record_id: str
    at: float
    """``time.perf_counter()`` when the message arrived (the producers' clock: same process)."""


@dataclass
class Subscriber:
    """One WebSocket subscription to a worker, resumed from its last cursor after any drop."""

    url: str
    connection: str
    event_type: str = "CANDIDATE_CREATED"
    """The GraphQL name of the one event type followed."""
    received: list[Received] = field(default_factory=list)
    reconnects: int = 0
    subscribed: asyncio.Event = field(default_factory=asyncio.Event)
    _cursor: str | None = None

    async def run(self) -> None:
        """Until cancelled."""
        ws_url = self.url.replace("http://", "ws://") + "/graphql"
        while True:
            try:
                async with connect(ws_url, subprotocols=["graphql-transport-ws"], open_timeout=5) as ws:  # type: ignore[list-item]
                    await self._follow(ws)
            except (ConnectionClosed, InvalidHandshake, OSError, TimeoutError):
                pass
            # the worker went away (or is not back yet): try again, from the last cursor
            self.reconnects += 1
            await asyncio.sleep(RECONNECT_PAUSE_S)

    async def _follow(self, ws: ClientConnection) -> None:
        await ws.send(json.dumps({"type": "connection_init", "payload": {"connection": self.connection}}))
        ack = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if ack.get("type") != "connection_ack":
            raise RuntimeError(f"the subscription was refused: {ack}")
        payload = {"query": SUBSCRIBE % self.event_type, "variables": {"after": self._cursor}}
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        self.subscribed.set()
        async for raw in ws:
            message = json.loads(raw)
            kind = message.get("type")
            if kind == "ping":
                await ws.send(json.dumps({"type": "pong"}))
            elif kind == "next":
                event = _event(message["payload"])
                self._cursor = event["cursor"]
                seq = decode_cursor(event["cursor"], self.connection)
                self.received.append(Received(seq, event["recordId"], time.perf_counter()))
            elif kind in ("error", "complete"):
                raise RuntimeError(f"the subscription ended: {message}")

    @property
    def last_seq(self) -> int:
        return self.received[-1].seq if self.received else 0


def _event(payload: dict[str, Any]) -> dict[str, Any]:
    if payload.get("errors"):
        raise RuntimeError(f"the subscription answered errors: {payload['errors']}")
    event: dict[str, Any] = payload["data"]["events"]
    return event


@dataclass
class Producer:
    """Writes ``createCandidate`` through the given workers, round robin; remembers when each
    acknowledged write was sent (by worker and the id it created: each worker's sandbox is its
    own, so two workers hand out the same ids) and counts the writes that failed."""

    http: httpx.AsyncClient
    connection: str
    sent: dict[tuple[str, str], float] = field(default_factory=dict)
    failed: int = 0
    slowest_s: float = 0.0
    """The longest an acknowledged write took."""
    milestone: tuple[int, asyncio.Event] | None = None
    """Set the event once this many writes are acknowledged."""
    _numbers: itertools.count[int] = field(default_factory=itertools.count)

    async def send(self, url: str, n: int) -> str:
        """The ``n``th write; the id of the record it made (raises on a failed write)."""
        response = await self.http.post(
            f"{url}/graphql",
            json={"query": CREATE, "variables": {"n": f"n{n}"}},
            headers={"X-Hiregraph-Connection": self.connection},
        )
        body = response.json()
        return str(body["data"]["createCandidate"]["candidate"]["id"])

    async def write(self, url: str) -> None:
        n = next(self._numbers)
        started = time.perf_counter()
        try:
            record_id = await self.send(url, n)
        except (httpx.HTTPError, ValueError, KeyError, TypeError):
            self.failed += 1
            return
        self.sent[url, record_id] = started
        self.slowest_s = max(self.slowest_s, time.perf_counter() - started)
        if self.milestone is not None and len(self.sent) >= self.milestone[0]:
            self.milestone[1].set()

    async def run(self, urls: Sequence[str], count: int, *, concurrency: int, pace_s: float = 0.0) -> None:
        """``count`` writes, ``concurrency`` at a time, each writer pausing ``pace_s`` between two."""
        remaining = iter(range(count))

        async def writer() -> None:
            for i in remaining:
                await self.write(urls[i % len(urls)])
                if pace_s:
                    await asyncio.sleep(pace_s)

        await asyncio.gather(*(writer() for _ in range(concurrency)))


@dataclass
class WebhookProducer(Producer):
    """Posts signed provider deliveries to ``POST /webhooks/<connection>``, one new record id
    and delivery id each, made by ``source`` (the provider's own format and signature)."""

    source: WebhookSource | None = None
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    async def send(self, url: str, n: int) -> str:
        assert self.source is not None
        record_id = str(FIRST_WEBHOOK_RECORD + n)
        delivery = self.source.delivery(record_id, f"bench-{self.run_id}-{n}")
        response = await self.http.post(
            f"{url}/webhooks/{self.connection}", content=delivery.body, headers=dict(delivery.headers)
        )
        answer = response.json()
        if response.status_code != 200 or answer.get("duplicate") is not False:
            raise ValueError(f"the receiver answered {response.status_code}: {answer}")
        return record_id


async def read_log(http: httpx.AsyncClient, url: str, connection: str) -> list[tuple[int, str, str]]:
    """The connection's whole log, through the ``events`` query: (number, record id, source),
    in order."""
    found: list[tuple[int, str, str]] = []
    after = None
    while True:
        response = await http.post(
            f"{url}/graphql",
            json={"query": CATCH_UP, "variables": {"after": after}},
            headers={"X-Hiregraph-Connection": connection},
        )
        page = response.json()["data"]["events"]
        found += [
            (decode_cursor(e["cursor"], connection), e["recordId"], e["source"]) for e in page["events"]
        ]
        after = page["endCursor"]
        if not page["hasMore"]:
            return found


async def stop(tasks: Sequence[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task
