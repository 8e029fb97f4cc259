"""``providers/kit/simapp.py``: a simulator's app from its reads and writes, plain or ``async``
handlers, and a server sending no rate-limit headers."""

from __future__ import annotations

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from providers.kit.mapping import At, RecordMap
from providers.kit.resources import Endpoints
from providers.kit.simapp import UnmeteredSimServer, as_async, simulator_app
from providers.kit.simquery import required_header
from providers.kit.simserver import SimServer
from providers.payload import WireModel
from providers.records import JobRecord, Resource

JOBS = (
    Endpoints(
        Resource.JOB, WireModel, RecordMap(JobRecord, {"id": At("id")}), list="/jobs", get="/jobs/{id}"
    ),
)
HEADERS = ("X-Limit", "X-Remaining", "X-Reset")


def plain(request: Request) -> Response:
    return JSONResponse({"plain": request.path_params.get("id")})


async def awaited(request: Request) -> Response:
    return JSONResponse({"awaited": request.method})


def client(server: SimServer, **kwargs: object) -> httpx.AsyncClient:
    app = simulator_app(
        server,
        "/v1",
        JOBS,
        {"/jobs": awaited, "/jobs/{id}": plain, "/extra": plain},
        {("POST", "/jobs"): awaited, ("PUT", "/jobs/{id}"): plain},
        {"marker": 42},
    )
    assert app.state.faults is server.faults
    assert app.state.marker == 42
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim.test")


async def test_reads_and_writes_plain_or_async_behind_the_guard() -> None:
    server = SimServer(authorized=lambda r: "x-ok" in r.headers, rate_limit=5, rate_headers=HEADERS)
    async with client(server) as http:
        assert (await http.get("/v1/jobs/7", headers={"x-ok": "1"})).json() == {"plain": "7"}
        assert (await http.get("/v1/extra", headers={"x-ok": "1"})).json() == {"plain": None}
        assert (await http.post("/v1/jobs", headers={"x-ok": "1"})).json() == {"awaited": "POST"}
        written = await http.put("/v1/jobs/8", headers={"x-ok": "1"})
        assert written.json() == {"plain": "8"}
        assert written.headers["X-Limit"] == "5"
        assert (await http.post("/v1/jobs")).status_code == 401
        assert (await http.delete("/v1/jobs/8", headers={"x-ok": "1"})).status_code == 405
    assert server.faults.requests == 5


async def test_an_unmetered_server_sends_no_rate_limit_headers_but_retry_after() -> None:
    server = UnmeteredSimServer(authorized=lambda _r: True, rate_limit=1, window_s=60.0)
    server.faults.rate_limit = 1
    async with client(server) as http:
        ok = await http.get("/v1/jobs")
        assert ok.status_code == 200
        limited = await http.get("/v1/jobs")
        assert limited.status_code == 429
        assert "Retry-After" in limited.headers
        for response in (ok, limited):
            assert not [h for h in response.headers if h.lower().startswith("x-sim-")]


def test_every_declared_path_needs_a_read_handler() -> None:
    server = SimServer(authorized=lambda _r: True, rate_limit=5, rate_headers=HEADERS)
    with pytest.raises(ValueError, match="/jobs/"):
        simulator_app(server, "/v1", JOBS, {"/jobs": plain})


async def test_wrap_checks_every_read_and_write_inside_the_guard() -> None:
    server = SimServer(authorized=lambda r: "x-ok" in r.headers, rate_limit=5, rate_headers=HEADERS)
    versioned = required_header("X-Version", "2", lambda _s, m: {"error": m}, 406, "bad version")
    app = simulator_app(
        server,
        "/v1",
        JOBS,
        {"/jobs": awaited, "/jobs/{id}": plain},
        [("POST", "/jobs", awaited)],
        wrap=versioned,
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim.test") as http:
        for method, path in (("GET", "/v1/jobs"), ("GET", "/v1/jobs/3"), ("POST", "/v1/jobs")):
            refused = await http.request(method, path, headers={"x-ok": "1"})
            assert (refused.status_code, refused.json()) == (406, {"error": "bad version"})
            assert refused.headers["X-Limit"] == "5"  # the guard answered first
            assert (await http.request(method, path, headers={"X-Version": "2"})).status_code == 401
            assert (
                await http.request(method, path, headers={"x-ok": "1", "X-Version": "2"})
            ).status_code == 200


async def test_as_async_takes_both_kinds() -> None:
    request = Request({"type": "http", "method": "GET", "path": "/", "headers": [], "path_params": {}})
    assert (await as_async(plain)(request)).body == b'{"plain":null}'
    assert (await as_async(awaited)(request)).body == b'{"awaited":"GET"}'
