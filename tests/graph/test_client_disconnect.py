"""A client that hangs up before its request body ends is not a server error (issue 10)."""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from typing import Any

import pytest

from graph.app import create_app
from graph.settings import parse_settings

SMALL = {"connections": {"sandbox": {"provider": "sandbox", "size": 10}}}


async def test_a_disconnect_mid_body_is_logged_quietly(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(parse_settings(SMALL))
    incoming: list[dict[str, Any]] = [
        {"type": "http.request", "body": b'{"query": "{ jobs', "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0)

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"host", b"test")],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    with caplog.at_level(logging.INFO):
        async with app.router.lifespan_context(app):
            await app(scope, receive, send)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
    assert "disconnected before the request body ended" in caplog.text
    status = [m["status"] for m in sent if m["type"] == "http.response.start"]
    assert status in ([], [400])
