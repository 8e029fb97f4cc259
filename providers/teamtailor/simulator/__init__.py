"""An in-process simulator of Teamtailor's API over a sandbox dataset (an ASGI app).

Same paths (under ``/v1``), JSON:API documents with ``include=`` (``render.py``), page numbers
(``page[size]`` default 10, at most 30, ``links.next``, ``meta.record-count``), inclusive
``[from]``/``[to]`` bounds and ``sort=``, the token header (401), the required
``X-Api-Version`` (406), JSON:API ``errors`` bodies and the ``X-Rate-Limit-*`` headers. Its
routes are the adapter's declared paths (``kit/simserver.py``), and the writes the adapter
makes (``writes.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...kit.jsonapi import errors_body
from ...kit.mapping import Json
from ...kit.simquery import add_writes, declared_handlers, filtered, sorted_as
from ...kit.simserver import Handler, SimServer
from ...kit.simulator import SimulatorFaults
from ...records import JobRecord, Record, Resource
from ...simulation import Simulation, timed_transport
from ..adapter import API_ROOT, MAX_PAGE, TeamtailorAdapter
from ..mapping import JOB_STATUS
from .render import Renderer, number
from .writes import Writes

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
DEFAULT_SIZE: Final = 10
RATE_LIMIT: Final = 50
"""The documentation calls its rate-limit headers static and gives no number: any will do."""
BASE_URL: Final = "https://api.teamtailor.com/v1"

_WORDS: Final = {v: k for k, v in JOB_STATUS.items()}
"""A job's ``human-status`` as the mapping renders it (``filter[status]`` matches it)."""


def _not_found() -> Response:
    return JSONResponse(errors_body(404, "Record not found"), status_code=404)


def page_meta(count: int, pages: int) -> Json:
    """A list answer's ``meta`` as Teamtailor writes it."""
    return {"record-count": count, "page-count": pages}


class _Api:
    def __init__(self, dataset: Dataset, server: SimServer) -> None:
        self.server = server
        self.data = dataset
        self.render = Renderer(dataset, BASE_URL)

    def page(self, request: Request, records: Sequence[Record]) -> Response:
        try:
            page, fields = TeamtailorAdapter.paging.serve_numbers(
                str(request.url.replace(query="")), request.query_params, records, DEFAULT_SIZE, page_meta
            )
        except ValueError:
            return JSONResponse(errors_body(400, "Invalid page parameters"), status_code=400)
        body = self.render.document(page, request.query_params.get("include"))
        if self.server.faults.malformed_pages:
            body["data"] = "malformed"
        return JSONResponse({**body, **fields})

    def one(self, request: Request, record: Record | None) -> Response:
        if record is None:
            return _not_found()
        return JSONResponse(self.render.document([record], request.query_params.get("include"), one=True))

    def lister(
        self, resource: Resource, pick: Callable[[Request], Sequence[Record]] | None = None
    ) -> Handler:
        async def handler(request: Request) -> Response:
            records = pick(request) if pick is not None else self.data.records(resource)
            asked = self.server.filters(TeamtailorAdapter.endpoints(resource), request)
            found = filtered(resource, records, asked, inclusive=True)  # [from]/[to] include the bound
            return self.page(request, sorted_as(found, request.query_params.get("sort")))

        return handler

    def getter(self, resource: Resource) -> Handler:
        async def handler(request: Request) -> Response:
            return self.one(request, self.render.record(resource, request.path_params["id"]))

        return handler

    def children(self, resource: Resource, parent: Resource, key: str) -> Handler:
        async def handler(request: Request) -> Response:
            owner = self.render.record(parent, request.path_params["id"])
            if owner is None:
                return _not_found()
            return self.page(request, self.data.children(resource, key).get(owner.id, ()))

        return handler

    def jobs(self, request: Request) -> Sequence[Record]:
        q = request.query_params
        status = q.get("filter[status]", "published")
        department, office = q.get("filter[department]"), q.get("filter[locations]")
        found = []
        for j in self.data.records(R.JOB):
            assert isinstance(j, JobRecord)
            word = _WORDS.get(j.status) if j.status else None
            if status != "all" and word != status:
                continue
            if department and department not in {number(d) for d in j.department_ids}:
                continue
            if office and office not in {number(o) for o in j.office_ids}:
                continue
            found.append(j)
        return found

    async def company(self, request: Request) -> Response:
        return self.one(request, next(iter(self.data.records(R.ORGANIZATION)), None))

    async def note(self, request: Request) -> Response:
        found = self.render.record(R.ACTIVITY, request.path_params["id"])
        return self.one(request, found if found in self.render.notes() else None)

    def routes(self) -> dict[str, Handler]:
        return {
            **declared_handlers(TeamtailorAdapter.resources, self.lister, self.getter, self.children),
            "/jobs": self.lister(R.JOB, self.jobs),
            "/notes": self.lister(R.ACTIVITY, lambda _r: self.render.notes()),
            "/notes/{id}": self.note,
        }


def _versioned(version: str) -> Callable[[Handler], Handler]:
    """A handler behind the required ``X-Api-Version`` header (406 without the right one)."""

    def wrap(handler: Handler) -> Handler:
        async def endpoint(request: Request) -> Response:
            if request.headers.get("X-Api-Version") != version:
                return JSONResponse(errors_body(406, "Invalid or missing X-Api-Version"), status_code=406)
            return await handler(request)

        return endpoint

    return wrap


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """The Teamtailor simulator for ``dataset``; ``credentials`` holds ``api_key``."""
    expected = f"Token token={credentials['api_key']}"
    versioned = _versioned(
        credentials.get("api_version")
        or TeamtailorAdapter.credentials_model.model_fields["api_version"].default
    )
    server = SimServer(
        authorized=lambda request: request.headers.get("Authorization") == expected,
        rate_limit=RATE_LIMIT,
        rate_headers=("X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset"),
        faults=faults if faults is not None else SimulatorFaults(),
        error=errors_body,
    )
    api = _Api(dataset, server)
    routes = {path: versioned(h) for path, h in api.routes().items()}
    app = server.app(API_ROOT, TeamtailorAdapter.resources, routes, {"/company": versioned(api.company)})
    add_writes(app, server, API_ROOT, Writes(api).routes(), versioned)
    app.state.api = api
    app.state.faults = server.faults
    return app


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_key": "demo-teamtailor-key"},
    base_url=BASE_URL,
    transport=timed_transport,
    candidate_ids=lambda c: [number(c.id)],
)
"""How demo connections and the benchmark run TeamtailorAdapter against this simulator."""

__all__ = ["MAX_PAGE", "SIMULATION", "SimulatorFaults", "create_simulator"]
