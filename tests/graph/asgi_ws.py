"""A WebSocket client that talks ASGI to the app in the test's own event loop: the
graphql-transport-ws exchange exactly as a server would carry it, without a socket (uvicorn
serves WebSockets only with a WebSocket library installed, which hiregraph does not depend on)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Mapping
from typing import Any

PROTOCOL = "graphql-transport-ws"


class Closed(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(f"closed with {code}")
        self.code = code


class Socket:
    def __init__(self) -> None:
        self.incoming: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.outgoing: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def send_json(self, message: Mapping[str, Any]) -> None:
        await self.incoming.put({"type": "websocket.receive", "text": json.dumps(message)})

    async def receive_json(self, timeout: float = 5.0) -> dict[str, Any]:  # noqa: ASYNC109
        message = await asyncio.wait_for(self.outgoing.get(), timeout)
        if message["type"] == "websocket.close":
            raise Closed(message.get("code", 1000))
        data: dict[str, Any] = json.loads(message["text"])
        return data


@contextlib.asynccontextmanager
async def connect(app: Any, headers: Mapping[str, str] | None = None) -> AsyncIterator[Socket]:
    socket = Socket()
    scope = {
        "type": "websocket",
        "asgi": {"version": "3.0"},
        "scheme": "ws",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "root_path": "",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
        "headers": [
            (b"host", b"127.0.0.1:8000"),
            *((k.lower().encode(), v.encode()) for k, v in (headers or {}).items()),
        ],
        "subprotocols": [PROTOCOL],
    }
    await socket.incoming.put({"type": "websocket.connect"})

    async def send(message: dict[str, Any]) -> None:
        await socket.outgoing.put(message)

    task = asyncio.create_task(app(scope, socket.incoming.get, send))
    accepted = await asyncio.wait_for(socket.outgoing.get(), 5)
    assert accepted["type"] == "websocket.accept", accepted
    assert accepted.get("subprotocol") == PROTOCOL
    try:
        yield socket
    finally:
        await socket.incoming.put({"type": "websocket.disconnect", "code": 1000})
        try:
            await asyncio.wait_for(task, 5)
        except TimeoutError:
            task.cancel()
