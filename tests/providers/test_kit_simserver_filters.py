"""``SimServer.filters``: a filter value its parser cannot read is a 400 in the provider's error
format (it was an unhandled 500 in the simulators that compare time bounds), an empty one
filters nothing, and a readable one is parsed as the adapter's ``Param`` declares."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from providers.kit.paging import PageNumberPaging
from providers.kit.resources import Endpoints, Param
from providers.kit.simserver import SimServer, UnreadableParam, read_filter
from providers.kit.times import parse_instant
from providers.payload import WireModel
from providers.query import FilterName
from providers.records import Resource
from providers.sandbox import generate
from providers.workable.simulator import create_simulator

ENDPOINTS = Endpoints(
    Resource.CANDIDATE,
    WireModel,
    None,  # type: ignore[arg-type]  # filters only: nothing is read
    filters={FilterName.CREATED_AFTER: Param("since", parse=parse_instant)},
)
SERVER = SimServer(lambda _r: True, 10, ("", "", ""), error=lambda status, message: {"problem": message})


async def asked(request: Request) -> Response:
    return JSONResponse({k.value: str(v) for k, v in SERVER.filters(ENDPOINTS, request).items()})


@pytest.mark.parametrize(
    ("since", "status", "body"),
    [
        ("2026-01-02T03:04:05Z", 200, {"created_after": str(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))}),
        ("", 200, {}),
        ("garbage", 400, {"problem": "since: cannot read 'garbage'"}),
        ("9" * 20, 400, {"problem": f"since: cannot read '{'9' * 20}'"}),
    ],
)
async def test_an_unreadable_filter_is_the_clients_error(since: str, status: int, body: object) -> None:
    app = Starlette(routes=[Route("/x", SERVER.guarded(asked))])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim.test") as http:
        answer = await http.get("/x", params={"since": since})
    assert (answer.status_code, answer.json()) == (status, body)


async def test_workable_answers_400_to_a_time_bound_that_is_no_time() -> None:
    app = create_simulator(generate(11, 12), credentials={"api_token": "tok", "subdomain": "acme"})
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://workable.sim/spi/v3") as http:
        for path in ("/candidates", "/jobs"):
            for param in ("created_after", "updated_after"):
                answer = await http.get(
                    path, params={param: "yesterday"}, headers={"Authorization": "Bearer tok"}
                )
                assert answer.status_code == 400, (path, param)


async def test_a_parser_that_raises_is_read_as_unreadable_too() -> None:
    """``strptime`` and ``fromisoformat`` raise rather than answer None (``kit/utcparam.py``,
    Greenhouse's ``parse_iso``): the same 400, in a declared list (``SimServer.filters``) and in
    the dataset's filtered lists (``DataServer.filtered``)."""
    raising = Param("newSince", parse=lambda text: datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC))
    request = Request({"type": "http", "query_string": b"newSince=soon", "headers": []})
    with pytest.raises(UnreadableParam, match="newSince: cannot read 'soon'"):
        read_filter(raising, "soon")
    with pytest.raises(UnreadableParam):
        SimServer.filters(
            Endpoints(Resource.APPLICATION, WireModel, None, filters={FilterName.CREATED_AFTER: raising}),
            request,
        )  # type: ignore[arg-type]
    assert read_filter(raising, "2026-01-02") == datetime(2026, 1, 2, tzinfo=UTC)
    assert read_filter(raising, "") is None


def test_a_time_without_an_offset_is_read_as_utc() -> None:
    """``fromisoformat`` reads ``2026-01-02`` into a time without an offset, which no record's
    time compares with (a ``TypeError``, the simulator's 500): it is UTC's."""
    iso = Param("created_after", parse=lambda text: datetime.fromisoformat(text))
    assert read_filter(iso, "2026-01-02") == datetime(2026, 1, 2, tzinfo=UTC)
    assert read_filter(iso, "2026-01-02T03:00:00+02:00") == datetime(2026, 1, 2, 1, tzinfo=UTC)


async def test_a_page_parameter_that_is_no_number_is_a_400() -> None:
    """``SimServer.page`` refuses what its paging cannot read, for every provider that pages
    through it (Breezy's candidates by position crashed)."""
    paging = PageNumberPaging(max_size=10)

    async def listing(request: Request) -> Response:
        return SERVER.page(request, paging, None, [(str(n), n) for n in range(5)], 10)

    app = Starlette(routes=[Route("/x", SERVER.guarded(listing))])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim.test") as http:
        for params in ({"page": "x"}, {"per_page": "1.5"}, {"page": "²"}):
            answer = await http.get("/x", params=params)
            assert answer.status_code == 400, params
            assert answer.json() == {"problem": "Invalid page parameters"}
        assert (await http.get("/x", params={"page": "1", "per_page": "2"})).json() == [0, 1]
