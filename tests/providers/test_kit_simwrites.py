"""Simulator write routes: the JSON object body, refusals in the provider's format, the guard."""

from __future__ import annotations

from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from providers.errors import WriteRefused
from providers.kit.simserver import SimServer
from providers.kit.simulator import Refused
from providers.kit.simwrites import add_routes, json_write


async def echo(_request: Request, body: dict[str, Any]) -> Response:
    if body.get("refuse") == "sim":
        raise Refused(404, "Not found")
    if body.get("refuse") == "sandbox":
        raise WriteRefused("no such stage")
    return JSONResponse({"got": body}, status_code=201)


async def test_json_write_routes_behind_the_guard() -> None:
    server = SimServer(
        authorized=lambda r: r.headers.get("x-key") == "k",
        rate_limit=5,
        rate_headers=("X-Limit", "X-Remaining", "X-Reset"),
    )
    app = server.app("/api", (), {})
    add_routes(app, server, "/api", [("POST", "/things", json_write(echo))])
    add_routes(
        app, server, "/api", [("PUT", "/other", json_write(echo, lambda s, m: {"errors": [m, s]}, 400))]
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://sim", headers={"x-key": "k"}) as c:
        ok = await c.post("/api/things", json={"a": 1})
        assert (ok.status_code, ok.json(), ok.headers["X-Limit"]) == (201, {"got": {"a": 1}}, "5")
        assert (await c.post("/api/things", content=b"{nope")).status_code == 400
        empty = await c.post("/api/things")
        assert (empty.status_code, empty.json()) == (422, {"error": "the body must be a JSON object"})
        assert (await c.post("/api/things", json={"refuse": "sim"})).status_code == 404
        refused = await c.post("/api/things", json={"refuse": "sandbox"})
        assert (refused.status_code, refused.json()) == (422, {"error": "no such stage"})
        other = await c.put("/api/other", json={"refuse": "sandbox"})
        assert (other.status_code, other.json()) == (400, {"errors": ["no such stage", 400]})
        assert (await c.post("/api/things", json={}, headers={"x-key": "bad"})).status_code == 401
