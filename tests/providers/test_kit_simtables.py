"""A simulator's wire tables (``kit/simtables.py``): maps from the declarations, records
rendered once per dataset version, lists served as declared, records by wire id."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from providers.kit.mapping import At, RecordMap
from providers.kit.paging import PageNumberPaging
from providers.kit.resources import Endpoints
from providers.kit.simserver import Handler, SimServer
from providers.kit.simtables import WireTables, getter_of, record_maps, serve_list, served
from providers.records import JobRecord, Record, Resource
from providers.sandbox import generate

JOB = RecordMap(JobRecord, {"id": At("id"), "name": At("title")})
OTHER = RecordMap(JobRecord, {"id": At("id")})
DATA = generate(3, 40)


def test_record_maps_take_the_read_else_the_first_map() -> None:
    declared = (
        Endpoints(Resource.JOB, object, JOB),
        Endpoints(Resource.APPLICATION, object, lambda _p, _c: [], maps=(OTHER, JOB)),
        Endpoints(Resource.TAG, object, lambda _p, _c: []),
    )
    assert record_maps(declared) == {Resource.JOB: JOB, Resource.APPLICATION: OTHER}


def test_tables_render_once_per_dataset_version() -> None:
    rendered: list[str] = []

    def render(resource: Resource, record: Record) -> dict[str, object]:
        rendered.append(record.id)
        return {"id": f"w-{record.id}", "kind": resource.value}

    tables = WireTables(DATA, render)
    jobs = DATA.records(Resource.JOB)
    assert [r["id"] for r in tables.rows(Resource.JOB)] == [f"w-{j.id}" for j in jobs]
    assert tables.get(Resource.JOB, f"w-{jobs[0].id}") == {"id": f"w-{jobs[0].id}", "kind": "job"}
    assert tables.get(Resource.JOB, "nope") is None
    assert len(rendered) == len(jobs)
    DATA.version += 1
    tables.rows(Resource.JOB)
    assert len(rendered) == 2 * len(jobs)


async def test_lists_are_served_as_declared_and_records_by_id() -> None:
    server = SimServer(authorized=lambda _r: True, rate_limit=10, rate_headers=("L", "R", "X"))
    paging = PageNumberPaging(5)
    rows = [{"id": str(n)} for n in range(7)]
    declared = (
        Endpoints(Resource.JOB, object, JOB, list="/jobs", get="/jobs/{id}"),
        Endpoints(Resource.TAG, object, JOB, list="/tags", items="data", paged=False),
    )

    def lister(e: Endpoints) -> Handler:
        async def handler(request: Request) -> Response:
            return serve_list(server, request, e, paging, rows, 2)

        return handler

    find = {r["id"]: r for r in rows}.get
    routes = {
        "/jobs": lister(declared[0]),
        "/jobs/{id}": getter_of(server, find),
        "/tags": lister(declared[1]),
    }
    app = Starlette(routes=[Route(p, server.guarded(h)) for p, h in routes.items()])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://sim") as client:
        assert (await client.get("/jobs", params={"page": 2})).json() == [{"id": "2"}, {"id": "3"}]
        unreadable = await client.get("/jobs", params={"page": "two"})
        assert (unreadable.status_code, unreadable.json()) == (400, {"error": "Invalid page parameters"})
        assert (await client.get("/tags")).json() == {"data": rows}
        assert (await client.get("/jobs/4")).json() == {"id": "4"}
        assert (await client.get("/jobs/99")).status_code == 404
        server.faults.malformed_pages = True
        assert (await client.get("/tags")).json() == {"data": "malformed"}


def test_served_apps_carry_the_api_and_faults() -> None:
    server = SimServer(authorized=lambda _r: True, rate_limit=10, rate_headers=("L", "R", "X"))
    api = object()
    declared = (Endpoints(Resource.JOB, object, JOB, list="/jobs"),)

    async def jobs(_request: Request) -> Response:
        return Response()

    app = served(server, "/v1", declared, api, {"/jobs": jobs})
    assert app.state.api is api
    assert app.state.faults is server.faults


async def test_tables_answer_every_declared_record_path() -> None:
    server = SimServer(authorized=lambda _r: True, rate_limit=10, rate_headers=("L", "R", "X"))
    tables = WireTables(DATA, lambda _resource, record: {"id": f"w-{record.id}"})
    declared = (
        Endpoints(Resource.JOB, object, JOB, list="/jobs", get="/jobs/{id}"),
        Endpoints(Resource.TAG, object, JOB, list="/tags"),
    )
    routes = tables.getters(server, declared)
    assert set(routes) == {"/jobs/{id}"}
    app = Starlette(routes=[Route(p, h) for p, h in routes.items()])
    job = DATA.records(Resource.JOB)[0].id
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://sim") as client:
        assert (await client.get(f"/jobs/w-{job}")).json() == {"id": f"w-{job}"}
        assert (await client.get("/jobs/nope")).status_code == 404
