"""An ASGI app under a real uvicorn on an ephemeral loopback port, for tests that need what
only a real server does (sockets, WebSocket upgrades, its access log, a browser)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import uvicorn

START_TIMEOUT_S = 20.0


def _server(app: Any, config: dict[str, Any]) -> uvicorn.Server:
    return uvicorn.Server(
        uvicorn.Config(app, **{"host": "127.0.0.1", "port": 0, "log_level": "warning", **config})
    )


def _port(server: uvicorn.Server) -> int:
    assert server.started, "uvicorn did not start"
    port: int = server.servers[0].sockets[0].getsockname()[1]
    return port


@asynccontextmanager
async def on_loopback(app: Any, **config: Any) -> AsyncIterator[int]:
    """Serve ``app`` in this event loop (uvicorn.Config's ``config`` over loopback defaults);
    yields the port."""
    server = _server(app, config)
    task = asyncio.create_task(server.serve())
    try:
        for _ in range(int(START_TIMEOUT_S / 0.01)):
            if server.started or task.done():
                break
            await asyncio.sleep(0.01)
        yield _port(server)
    finally:
        server.should_exit = True
        await task


@contextmanager
def on_loopback_thread(app: Any, **config: Any) -> Iterator[int]:
    """The same in a thread of its own, for synchronous tests (a browser driven from them)."""
    server = _server(app, config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not (server.started and server.servers) and time.monotonic() < deadline:
            time.sleep(0.01)
        yield _port(server)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
