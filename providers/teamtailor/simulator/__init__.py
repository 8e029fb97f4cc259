"""An in-process simulator of Teamtailor's API over a sandbox dataset (an ASGI app).

Same paths (under ``/v1``), JSON:API documents with ``include=`` (``render.py``), page numbers
(``page[size]`` default 10, at most 30, ``links.next``, ``meta.record-count``), the token
header (401), the required ``X-Api-Version`` (406), JSON:API ``errors`` bodies and the
``X-Rate-Limit-*`` headers. Its routes are the adapter's declared paths (``kit/simserver.py``),
and the writes the adapter makes (``writes.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ...kit.simserver import Handler, SimServer
from ...kit.simulator import SimulatorFaults
from ...query import FilterName
from ...records import JobRecord, Record, Resource
from ...simulation import Simulation, timed_transport
from ..adapter import API_ROOT, MAX_PAGE, TeamtailorAdapter
from ..jsonapi import errors_body, page_meta
from ..mapping import JOB_STATUS
from .render import Renderer, number
from .writes import Writes

if TYPE_CHECKING:
    from ...sandbox import Dataset

F = FilterName
R = Resource
DEFAULT_SIZE: Final = 10
RATE_LIMIT: Final = 50
"""The documentation calls its rate-limit headers static and gives no number: any will do."""
BASE_URL: Final = "https://api.teamtailor.com/v1"

_WORDS: Final = {v: k for k, v in JOB_STATUS.items()}
"""A job's ``human-status`` as the mapping renders it (``filter[status]`` matches it)."""


def _not_found() -> Response:
    return JSONResponse(errors_body(404, "Record not found"), status_code=404)


def _within(value: datetime | None, low: Any, high: Any) -> bool:
    """Teamtailor's ``[from]``/``[to]`` bounds are inclusive."""
    if low is None and high is None:
        return True
    return value is not None and (low is None or value >= low) and (high is None or value <= high)


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

    def filtered(self, resource: Resource, request: Request, records: Sequence[Record]) -> list[Record]:
        asked = self.server.filters(TeamtailorAdapter.endpoints(resource), request)
        email = (asked.get(F.EMAIL) or "").casefold()
        out = [
            r
            for r in records
            if _within(
                getattr(r, "created_at", None), asked.get(F.CREATED_AFTER), asked.get(F.CREATED_BEFORE)
            )
            and _within(
                getattr(r, "updated_at", None), asked.get(F.UPDATED_AFTER), asked.get(F.UPDATED_BEFORE)
            )
            and (not email or any(e.email.casefold() == email for e in getattr(r, "emails", ())))
        ]
        sort = request.query_params.get("sort")
        if sort:
            key = sort.lstrip("-").replace("-", "_")
            out.sort(key=lambda r: (getattr(r, key, None) is None, getattr(r, key, None) or 0, r.id))
            if sort.startswith("-"):
                out.reverse()
        return out

    def lister(
        self, resource: Resource, pick: Callable[[Request], Sequence[Record]] | None = None
    ) -> Handler:
        async def handler(request: Request) -> Response:
            records = pick(request) if pick is not None else self.data.records(resource)
            return self.page(request, self.filtered(resource, request, records))

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
        found = []
        for j in self.data.records(R.JOB):
            assert isinstance(j, JobRecord)
            word = _WORDS.get(j.status) if j.status else None
            if status != "all" and word != status:
                continue
            department, office = q.get("filter[department]"), q.get("filter[locations]")
            if department and department not in {
                self.render.encode(R.DEPARTMENT, d) for d in j.department_ids
            }:
                continue
            if office and office not in {self.render.encode(R.OFFICE, o) for o in j.office_ids}:
                continue
            found.append(j)
        return found

    async def company(self, request: Request) -> Response:
        return self.one(request, next(iter(self.data.records(R.ORGANIZATION)), None))

    def routes(self) -> dict[str, Handler]:
        get, listed = self.getter, self.lister
        return {
            "/candidates": listed(R.CANDIDATE),
            "/candidates/{id}": get(R.CANDIDATE),
            "/job-applications": listed(R.APPLICATION),
            "/job-applications/{id}": get(R.APPLICATION),
            "/candidates/{id}/job-applications": self.children(R.APPLICATION, R.CANDIDATE, "candidate"),
            "/jobs": listed(R.JOB, self.jobs),
            "/jobs/{id}": get(R.JOB),
            "/jobs/{id}/stages": self.children(R.JOB_INTERVIEW_STAGE, R.JOB, "job"),
            "/jobs/{id}/picked-questions": self.children(R.JOB_FORM_FIELD, R.JOB, "job"),
            "/stages": listed(R.JOB_INTERVIEW_STAGE),
            "/stages/{id}": get(R.JOB_INTERVIEW_STAGE),
            "/reject-reasons": listed(R.REJECT_REASON),
            "/departments": listed(R.DEPARTMENT),
            "/locations": listed(R.OFFICE),
            "/users": listed(R.USER),
            "/users/{id}": get(R.USER),
            "/uploads": listed(R.ATTACHMENT),
            "/uploads/{id}": get(R.ATTACHMENT),
            "/candidates/{id}/uploads": self.children(R.ATTACHMENT, R.CANDIDATE, "candidate"),
            "/notes": listed(R.ACTIVITY, lambda _r: self.render.notes()),
            "/notes/{id}": self.note,
        }

    async def note(self, request: Request) -> Response:
        found = self.render.record(R.ACTIVITY, request.path_params["id"])
        return self.one(request, found if found in self.render.notes() else None)


def _versioned(version: str, handler: Handler) -> Handler:
    """``handler`` behind the required ``X-Api-Version`` header (406 without the right one)."""

    async def endpoint(request: Request) -> Response:
        if request.headers.get("X-Api-Version") != version:
            return JSONResponse(errors_body(406, "Invalid or missing X-Api-Version"), status_code=406)
        return await handler(request)

    return endpoint


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """The Teamtailor simulator for ``dataset``; ``credentials`` holds ``api_key``."""
    expected = f"Token token={credentials['api_key']}"
    version = (
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
    routes = {path: _versioned(version, h) for path, h in api.routes().items()}
    app = server.app(
        API_ROOT, TeamtailorAdapter.resources, routes, {"/company": _versioned(version, api.company)}
    )
    # SimServer routes reads (GET) only: the writes are added beside them, behind the same
    # guard and version check (Starlette tries a route of another method on a read's path next)
    for method, path, handler in Writes(api).routes():
        guarded = server.guarded(_versioned(version, handler))
        app.router.routes.append(Route(f"{API_ROOT}{path}", guarded, methods=[method]))
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
