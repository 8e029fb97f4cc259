"""``kit/simparts.py``: the small parts simulators share."""

from __future__ import annotations

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from providers.kit.resources import Endpoints
from providers.kit.simparts import answer, json_object, sandbox_number
from providers.kit.simserver import SimServer
from providers.kit.simulator import SimulatorFaults
from providers.kit.simwrites import add_routes
from providers.records import Resource


def test_sandbox_number() -> None:
    assert sandbox_number("cand_000042") == 42
    assert sandbox_number("7") == 7


async def test_reads_answer_tables_and_writes_go_beside_them_behind_the_guard() -> None:
    faults = SimulatorFaults()
    server = SimServer(
        authorized=lambda r: r.headers.get("X-Key") == "k",
        rate_limit=10,
        rate_headers=("L", "R", "S"),
        faults=faults,
    )
    e = Endpoints(Resource.JOB, dict, lambda p, c: [], list="/jobs")

    async def echo(request: Request) -> Response:
        return JSONResponse({"got": await json_object(request)})

    app = server.app("/api", [e], {"/jobs": answer(lambda: [{"id": 1}])})
    add_routes(app, server, "/api", [("POST", "/jobs", echo), ("PUT", "/jobs/{id}", echo)])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://sim") as client:
        key = {"X-Key": "k"}
        assert (await client.get("/api/jobs", headers=key)).json() == [{"id": 1}]
        assert (await client.post("/api/jobs", json={"a": 1}, headers=key)).json() == {"got": {"a": 1}}
        assert (await client.put("/api/jobs/3", json=[1], headers=key)).json() == {"got": None}
        assert (await client.post("/api/jobs", content=b"{not json", headers=key)).json() == {"got": None}
        assert (await client.post("/api/jobs", headers=key)).json() == {"got": None}
        assert (await client.post("/api/jobs", json={})).status_code == 401
        assert (await client.delete("/api/jobs/3", headers=key)).status_code == 405
    assert faults.requests == 6  # every request but the unrouted DELETE passed the guard
