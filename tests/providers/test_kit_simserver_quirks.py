"""``kit/simserver.SimServer``'s header options: the reset header sent only with a 429
(``reset_when_limited``) or never (named ``""``), headers on every answer (``headers``), and an
enforced limit's ``Retry-After`` taken from the faults when a test sets one (``fault_retry_after``)."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from providers.kit.simserver import SimServer
from providers.kit.simulator import SimulatorFaults

HEADERS = ("X-Limit", "X-Remaining", "X-Reset")


async def ok(_request: Request) -> Response:
    return JSONResponse({})


def client(server: SimServer) -> httpx.AsyncClient:
    app = Starlette(routes=[Route("/x", server.guarded(ok))])
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim.test")


async def test_the_reset_header_only_on_a_429() -> None:
    faults = SimulatorFaults(rate_limit=1)
    server = SimServer(lambda _r: True, 1, HEADERS, window_s=60.0, faults=faults, reset_when_limited=True)
    async with client(server) as http:
        ok, limited = await http.get("/x"), await http.get("/x")
    assert (ok.status_code, limited.status_code) == (200, 429)
    assert "X-Limit" in ok.headers
    assert "X-Remaining" in ok.headers
    assert "X-Reset" not in ok.headers
    assert "X-Reset" in limited.headers


async def test_an_enforced_limit_waits_what_the_faults_say() -> None:
    for fault_retry_after, expected in ((True, 30), (False, 60)):
        faults = SimulatorFaults(rate_limit=1, retry_after_s=30)
        server = SimServer(
            lambda _r: True, 1, HEADERS, window_s=60.0, faults=faults, fault_retry_after=fault_retry_after
        )
        async with client(server) as http:
            await http.get("/x")
            limited = await http.get("/x")
        assert limited.status_code == 429
        assert expected <= int(limited.headers["Retry-After"]) <= expected + 1  # whole seconds, up
    plain = SimServer(lambda _r: True, 1, HEADERS, window_s=60.0, faults=SimulatorFaults(rate_limit=1))
    async with client(plain) as http:
        await http.get("/x")
        assert int((await http.get("/x")).headers["Retry-After"]) >= 60  # the window's reset


async def test_no_reset_header_and_a_fresh_header_on_every_answer() -> None:
    ids = iter(range(10))
    faults = SimulatorFaults(rate_limit=1)
    server = SimServer(
        lambda _r: True,
        1,
        ("X-Limit", "X-Remaining", ""),
        faults=faults,
        headers=lambda: {"X-Id": str(next(ids))},
    )
    async with client(server) as http:
        ok, limited = await http.get("/x"), await http.get("/x")
    assert (ok.status_code, limited.status_code) == (200, 429)
    assert [r.headers["X-Id"] for r in (ok, limited)] == ["0", "1"]
    assert [k for k in ok.headers if k.startswith("x-")] == ["x-limit", "x-remaining", "x-id"]
    assert "" not in limited.headers
