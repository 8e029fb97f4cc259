"""An in-process simulator of SmartRecruiters' Customer API over a sandbox dataset (an ASGI app).

Same paths, ``X-SmartToken`` (401), ``limit``/``offset`` paging with ``totalFound`` (the users
list answers ``limit`` and ``content`` only), ``ErrorResponse`` bodies, and the
``X-RateLimit-*`` headers (their names and the limit are an unverified third-party claim: see
the fixtures' README). Records are the adapter's mappings inverted; ids are UUIDs that encode the
sandbox's (``render.py``). Its routes are the adapter's declared paths (``kit/simserver.py``),
and the writes the adapter makes (``writes.py``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...kit.simapp import AnyHandler, simulator_app
from ...kit.simreads import by_id_handler, updated_since
from ...kit.simserver import SimServer
from ...kit.simulator import SimulatorFaults
from ...query import FilterName
from ...records import Record, Resource
from ...simulation import Simulation, timed_transport
from ..adapter import BASE_URL, INTERVIEWS, UNDER, USERS, SmartRecruitersAdapter
from ..mapping import ATTACHMENT, DEPARTMENT, INTERVIEW, OFFER, REJECT_REASON, SCORECARD, USER
from .render import Renderer, encode
from .writes import Writes

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
DEFAULT_SIZE: Final = 10
RATE_LIMIT: Final = 10


def error_body(status: int, message: str) -> dict[str, Any]:
    """``ErrorResponse`` (python client ``docs/ErrorResponse.md``)."""
    return {"message": message, "errors": [{"code": str(status), "message": message}]}


class _Api:
    def __init__(self, dataset: Dataset, server: SimServer) -> None:
        self.data = dataset
        self.server = server
        self.render = Renderer(dataset)

    def page(self, request: Request, records: Sequence[Record], out: Callable[[Record], Any]) -> Response:
        q = request.query_params
        try:
            size, _ = int(q.get("limit") or DEFAULT_SIZE), int(q.get("offset") or 0)
        except ValueError:
            return JSONResponse(error_body(400, "Invalid paging parameters"), status_code=400)
        page, fields = SmartRecruitersAdapter.paging.serve(q, records, DEFAULT_SIZE)
        body = {"limit": min(size, SmartRecruitersAdapter.paging.max_size), **fields}
        if request.url.path.startswith(USERS):  # the users list says neither offset nor total
            body = {"limit": body["limit"]}
        content = "malformed" if self.server.faults.malformed_pages else [out(r) for r in page]
        return JSONResponse({**body, "content": content})

    def updated(self, resource: Resource, request: Request) -> list[Record]:
        asked = self.server.filters(SmartRecruitersAdapter.endpoints(resource), request)
        return updated_since(self.data.records(resource), asked.get(FilterName.UPDATED_AFTER))

    def one(self, resource: Resource, out: Callable[[Record], Any]) -> AnyHandler:
        return by_id_handler(lambda i: self.render.record(resource, i), out, lambda: self.server.fail(404))

    def listed(self, resource: Resource, out: Callable[[Record], Any]) -> AnyHandler:
        return lambda request: self.page(request, self.updated(resource, request), out)

    def table(self, resource: Resource, out: Callable[[Record], Any]) -> AnyHandler:
        def handler(_request: Request) -> Response:
            records = self.data.records(resource)
            return JSONResponse({"totalFound": len(records), "content": [out(r) for r in records]})

        return handler

    def children(self, resource: Resource, candidate: str, job: str) -> Sequence[Record] | None:
        """The records of ``resource`` under the application of ``candidate`` to ``job`` (None:
        there is none)."""
        app = self.render.application(candidate, job)
        return None if app is None else self.data.children(resource, "application").get(app.id, ())

    def under_application(self, resource: Resource, out: Callable[[Record], Any]) -> AnyHandler:
        def handler(request: Request) -> Response:
            found = self.children(resource, request.path_params["candidateId"], request.path_params["jobId"])
            return self.server.fail(404) if found is None else self.page(request, found, out)

        return handler

    def reviews(self, request: Request) -> Response:
        q = request.query_params
        found = self.children(R.SCORECARD, q.get("candidateId", ""), q.get("jobId", ""))
        return JSONResponse([SCORECARD.render(r, self.render.wire) for r in found or ()])

    def routes(self) -> dict[str, AnyHandler]:
        r = self.render
        return {
            "/candidates": self.listed(R.CANDIDATE, functools.partial(r.candidate, listed=True)),
            "/candidates/{id}": self.one(R.CANDIDATE, r.candidate),
            "/jobs": self.listed(R.JOB, r.job),
            "/jobs/{id}": self.one(R.JOB, r.job),
            USERS: self.listed(R.USER, r.by(USER)),
            USERS + "/{id}": self.one(R.USER, r.by(USER)),
            "/offers": self.listed(R.OFFER, r.by(OFFER)),
            "/reviews/{id}": self.one(R.SCORECARD, r.by(SCORECARD)),
            INTERVIEWS + "/{id}": self.one(R.INTERVIEW, r.by(INTERVIEW)),
            "/configuration/departments": self.table(R.DEPARTMENT, r.by(DEPARTMENT)),
            "/configuration/rejection-reasons": self.table(R.REJECT_REASON, r.by(REJECT_REASON)),
            UNDER + "/offers": self.under_application(R.OFFER, r.by(OFFER)),
            UNDER + "/attachments": self.under_application(R.ATTACHMENT, r.by(ATTACHMENT)),
            "/reviews": self.reviews,
        }


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """The SmartRecruiters simulator for ``dataset``; ``credentials`` holds ``api_key``."""
    key = credentials["api_key"]
    server = SimServer(
        authorized=lambda request: request.headers.get("X-SmartToken") == key,
        rate_limit=RATE_LIMIT,
        rate_headers=("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"),
        window_s=1.0,
        faults=faults if faults is not None else SimulatorFaults(),
        error=error_body,
    )
    api = _Api(dataset, server)
    resources = SmartRecruitersAdapter.resources
    return simulator_app(server, "", resources, api.routes(), Writes(api).routes(), state={"api": api})


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_key": "demo-smartrecruiters-key"},
    base_url=BASE_URL,
    transport=timed_transport,
    candidate_ids=lambda c: [encode(c.id)],
)
"""How demo connections and the benchmark run SmartRecruitersAdapter against this simulator."""

__all__ = ["SIMULATION", "SimulatorFaults", "create_simulator"]
