"""The kit's listing filters, sort and declared routes for simulators (``kit/simquery.py``)."""

from __future__ import annotations

from datetime import timedelta

from providers.kit.resources import Child, Endpoints
from providers.kit.simquery import declared_handlers, filtered, sorted_as
from providers.query import FilterName
from providers.records import CandidateRecord, Resource
from providers.sandbox import generate

F = FilterName
R = Resource
DATA = generate(5, 30)
PEOPLE = [c for c in DATA.records(R.CANDIDATE) if isinstance(c, CandidateRecord)]


def test_time_bounds_inclusive_or_exclusive_and_other_filters_as_unified() -> None:
    at = PEOPLE[0].created_at
    assert at is not None
    inclusive = filtered(R.CANDIDATE, PEOPLE, {F.CREATED_AFTER: at, F.CREATED_BEFORE: at})
    assert PEOPLE[0] in inclusive
    assert all(c.created_at == at for c in inclusive)
    assert PEOPLE[0] not in filtered(R.CANDIDATE, PEOPLE, {F.CREATED_AFTER: at}, inclusive=False)
    later = filtered(R.CANDIDATE, PEOPLE, {F.UPDATED_AFTER: at + timedelta(days=1)})
    assert all(c.updated_at and c.updated_at >= at + timedelta(days=1) for c in later)
    email = PEOPLE[1].emails[0].email
    assert filtered(R.CANDIDATE, PEOPLE, {F.EMAIL: email.upper()}) == [PEOPLE[1]]
    assert filtered(R.CANDIDATE, PEOPLE, {F.EMAIL: ""}) == PEOPLE  # sent empty: no filter


def test_sort_ascending_descending_and_none() -> None:
    by_name = sorted_as(PEOPLE, "first-name")
    names = [c.first_name for c in by_name if c.first_name is not None]
    assert names == sorted(names)
    assert sorted_as(PEOPLE, "-first-name") == by_name[::-1]
    assert sorted_as(PEOPLE, None) == PEOPLE


def test_a_handler_for_every_declared_path() -> None:
    made: list[tuple[str, ...]] = []

    def handler(*args: object) -> object:
        made.append(tuple(str(a) for a in args))
        return args

    jobs = Endpoints(
        R.APPLICATION,
        dict,
        lambda p, _c: p,
        list="/apps",
        get="/apps/{id}",
        children={"candidate": Child(path="/people/{id}/apps"), "job": Child(param="job")},
    )
    routes = declared_handlers([jobs], handler, handler, handler)
    assert set(routes) == {"/apps", "/apps/{id}", "/people/{id}/apps"}
    assert ("application", "candidate", "candidate") in made


async def test_a_required_header() -> None:
    import httpx
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    from providers.kit.simquery import required_header

    async def ok(_request: Request) -> Response:
        return JSONResponse({"ok": True})

    wrap = required_header("X-V", "2", lambda s, m: {"status": s, "message": m}, 406, "bad version")
    app = Starlette(routes=[Route("/", wrap(ok))])
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim.test")
    assert (await client.get("/", headers={"X-V": "2"})).json() == {"ok": True}
    refused = await client.get("/")
    assert (refused.status_code, refused.json()) == (406, {"status": 406, "message": "bad version"})
