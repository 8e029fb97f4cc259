"""Page numbers as path segments (``kit/pathpages.py``): the paginator against its own server
side, and an adapter over it cutting client pages from the fixed upstream pages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import ClassVar

import httpx
import pytest
import respx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from providers.base import Connection
from providers.errors import ProviderBadInput
from providers.kit.mapping import At, RecordMap
from providers.kit.pathpages import PathNumberPaging, PathPagedAdapter, one_or_many
from providers.kit.resources import Endpoints
from providers.payload import WireModel
from providers.query import ListQuery
from providers.records import JobRecord, Resource

PAGING = PathNumberPaging(3)
ROWS = [{"id": f"j{n}"} for n in range(7)]


def test_cursor_page_number_and_path() -> None:
    assert PAGING.request(None, 50).params == {"page": 1}
    assert PAGING.request("4", 50).params == {"page": 4}
    assert PAGING.request("junk", 50).params == {"page": 1}
    assert PAGING.path("/jobs/", 2) == "/jobs/page/2"
    assert PAGING.page_number("/v1/jobs/page/12") == 12
    assert PAGING.page_number("/v1/jobs") == 1
    full = httpx.Response(200, request=httpx.Request("GET", "https://x.example/v1/jobs/page/2"))
    assert PAGING.next_cursor([{}, {}, {}], full) == "3"
    assert PAGING.next_cursor([{}, {}], full) is None  # short: the last
    assert PAGING.next_cursor({"id": "one"}, full) is None  # a bare object is a page of one
    assert one_or_many({"id": "one"}) == [{"id": "one"}]
    assert one_or_many([]) == []


async def test_server_side_routes_every_page_and_sends_one_record_bare() -> None:
    async def jobs(request: Request) -> Response:
        found = PAGING.serve(request, ROWS, shape=lambda r: {**r, "shaped": True})
        return found if found is not None else Response(status_code=404)

    routes = PAGING.routes({"/jobs": jobs})
    assert set(routes) == {"/jobs", "/jobs/page/{page:int}"}
    app = Starlette(routes=[Route(p, h) for p, h in routes.items()])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://sim") as client:
        assert [r["id"] for r in (await client.get("/jobs")).json()] == ["j0", "j1", "j2"]
        assert [r["id"] for r in (await client.get("/jobs/page/2")).json()] == ["j3", "j4", "j5"]
        assert (await client.get("/jobs/page/3")).json() == {"id": "j6", "shaped": True}
        assert (await client.get("/jobs/page/4")).json() == []
        assert (await client.get("/jobs/page/0")).status_code == 404


class Job(WireModel):
    id: str
    title: str | None = None


class Paged(PathPagedAdapter):
    name: ClassVar[str] = "paged-example"
    title: ClassVar[str] = "Paged"
    default_base_url: ClassVar[str | None] = "https://x.example/v1"
    paging = PathNumberPaging(3)
    resources = (Endpoints(Resource.JOB, Job, RecordMap(JobRecord, {"id": At("id")}), list="/jobs"),)


@pytest.fixture
async def adapter() -> AsyncIterator[Paged]:
    async with httpx.AsyncClient() as http:
        made = Paged(Connection(name="p", provider="paged-example", credentials={}), http)
        yield made
        await made.aclose()


@respx.mock
async def test_client_pages_are_cut_from_the_fixed_pages(adapter: Paged) -> None:
    one = respx.get("https://x.example/v1/jobs/page/1").respond(json=ROWS[:3])
    two = respx.get("https://x.example/v1/jobs/page/2").respond(json=ROWS[3])  # a bare object
    seen: list[str] = []
    cursor: str | None = None
    while True:
        page = await adapter.list(Resource.JOB, ListQuery(page_size=2, cursor=cursor))
        seen += [r.id for r in page.records]
        if (cursor := page.next_cursor) is None:
            break
    assert seen == ["j0", "j1", "j2", "j3"]
    assert one.call_count == 2  # the page's rest was read again, from the partial cursor
    assert two.call_count == 1
    assert "page" not in one.calls.last.request.url.params  # the number is in the path only
    with pytest.raises(ProviderBadInput):
        await adapter.list(Resource.JOB, ListQuery(page_size=2, cursor="hg1:1:x"))
