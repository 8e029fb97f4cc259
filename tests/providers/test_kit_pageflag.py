"""``kit/pageflag.py``: pages of the server's size with a completion flag, and listing pages
filled to the size asked from as many of them as it takes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import ClassVar

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from providers.base import Connection
from providers.kit.adapter import HttpAdapter
from providers.kit.mapping import At, RecordMap
from providers.kit.pageflag import PageFlagPaging, filled_page
from providers.kit.paging import PARTIAL_PREFIX
from providers.kit.resources import Endpoints
from providers.kit.simserver import SimServer
from providers.payload import WireModel
from providers.query import ListQuery
from providers.records import JobRecord, Resource
from providers.simulation import timed_transport

SERVER_SIZE = 2
ITEMS = [{"id": str(n), "title": f"Job {n}"} for n in range(5)]


class Item(WireModel):
    id: str
    title: str | None = None


class Flagged(HttpAdapter):
    name: ClassVar[str] = "flagged"
    default_base_url: ClassVar[str | None] = "http://flagged.sim/api"
    paging = PageFlagPaging()
    resources = (
        Endpoints(
            Resource.JOB,
            Item,
            RecordMap(JobRecord, {"id": At("id"), "name": At("title")}),
            list="/jobs",
            items="jobs",
        ),
    )


@pytest.fixture
async def adapter() -> AsyncIterator[tuple[Flagged, list[str]]]:
    pages: list[str] = []
    server = SimServer(authorized=lambda _r: True, rate_limit=100, rate_headers=("L", "R", "S"))

    async def jobs(request: Request) -> Response:
        pages.append(request.query_params.get("page", ""))
        try:
            items, flag = Flagged.paging.serve(request.query_params, ITEMS, SERVER_SIZE)
        except ValueError:
            return server.fail(400)
        return JSONResponse({"jobs": list(items), **flag})

    app = server.app("/api", Flagged.resources, {"/jobs": jobs})
    async with httpx.AsyncClient(transport=timed_transport(app), timeout=5) as client:
        yield Flagged(Connection("t", "flagged"), client), pages


async def test_every_page_is_read_until_the_flag_says_complete(adapter: tuple[Flagged, list[str]]) -> None:
    a, pages = adapter
    e = a.endpoints(Resource.JOB)
    found = await a.fetch_all(Item, "/jobs", a.ctx(Resource.JOB, "list"), page_size=1, field=e.items)
    assert [i.id for i in found] == ["0", "1", "2", "3", "4"]
    assert pages == ["1", "2", "3"]


async def test_a_page_is_filled_to_the_size_asked_across_server_pages(
    adapter: tuple[Flagged, list[str]],
) -> None:
    a, pages = adapter
    e = a.endpoints(Resource.JOB)
    first = await filled_page(a, e, ListQuery(page_size=3))
    assert [r.id for r in first.records] == ["0", "1", "2"]
    assert first.next_cursor is not None
    assert first.next_cursor.startswith(PARTIAL_PREFIX)
    rest = await filled_page(a, e, ListQuery(page_size=3, cursor=first.next_cursor))
    assert [r.id for r in rest.records] == ["3", "4"]
    assert rest.next_cursor is None
    assert pages == ["1", "2", "2", "3"]  # the partly returned page is read again, not skipped


async def test_a_page_stops_at_max_reads(adapter: tuple[Flagged, list[str]]) -> None:
    a, pages = adapter
    page = await filled_page(a, a.endpoints(Resource.JOB), ListQuery(page_size=5), max_reads=1)
    assert [r.id for r in page.records] == ["0", "1"]
    assert page.next_cursor == "2"
    assert pages == ["1"]


def test_the_cursor_is_the_page_after_the_one_asked() -> None:
    paging = PageFlagPaging()
    assert paging.request(None, 10).params == {"page": "1"}
    assert paging.request("junk", 10).params == {"page": "1"}
    asked = httpx.Response(200, request=httpx.Request("GET", "http://x/jobs?page=4"))
    assert paging.next_cursor({"paginationComplete": False}, asked) == "5"
    assert paging.next_cursor({"paginationComplete": True}, asked) is None
    assert paging.next_cursor({}, asked) is None  # no flag: nothing more is read
    assert paging.next_cursor(["not", "an", "object"], asked) is None


def test_the_server_side_pages_and_refuses_a_page_that_is_no_number() -> None:
    paging = PageFlagPaging(flag="done", page_param="p")
    assert paging.serve({"p": "2"}, [1, 2, 3], 2) == ([3], {"done": True})
    assert paging.serve({}, [1, 2, 3], 2) == ([1, 2], {"done": False})
    with pytest.raises(ValueError, match="invalid literal"):
        paging.serve({"p": "x"}, [1, 2, 3], 2)
