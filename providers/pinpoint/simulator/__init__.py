"""An in-process simulator of Pinpoint's API over a sandbox dataset (an ASGI app).

Same paths (under ``/api/v1``), JSON:API documents (``render.py``), ``page[number]``/
``page[size]`` (100 by default and at most), ``sort``, ``include=stages`` on jobs and the
interview parts on interviews, ``extra_fields[applications]``, the ``X-API-KEY`` header (401)
and JSON:API ``errors`` bodies. Its routes are the adapter's declared paths (``kit/simserver.py``).

Every sandbox candidate is listed: each has applications, which carry its person fields and its
own e-mail, so grouping the applications by e-mail gives back exactly the sandbox's candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...kit.jsonapi import errors_body
from ...kit.jsonapi_sim import error_response
from ...kit.simapp import simulator_app
from ...kit.simparts import resource_of
from ...kit.simserver import Handler, SimServer
from ...kit.simulator import SimulatorFaults
from ...kit.sorting import sorted_by_param
from ...records import CandidateRecord, Record, Resource
from ...simulation import Simulation, timed_transport
from ..adapter import API_ROOT, PAGE_SIZE, PinpointAdapter
from ..mapping import person
from .render import Renderer, number
from .writes import Writes

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
RATE_LIMIT: Final = 100
"""No number was found in the sources read (429 is documented): any will do. Nor were header
names: the rate headers below are the simulator's own, which the adapter does not read (a
429 is handled as for every provider)."""
BASE_URL: Final = "https://demo.pinpointhq.com/api/v1"


class _Api:
    def __init__(self, dataset: Dataset, server: SimServer) -> None:
        self.server = server
        self.data = dataset
        self.render = Renderer(dataset)

    def document(self, request: Request, records: Sequence[Record], one: bool = False) -> dict[str, Any]:
        q = request.query_params
        included: list[Any] = []
        objects = [
            r
            if isinstance(r, dict)
            else self.render.object(
                r, included, q.get("include") or "", q.get("extra_fields[applications]") or ""
            )
            for r in records
        ]
        body: dict[str, Any] = {"data": objects[0] if one else objects, "meta": {}}
        if q.get("include"):
            body["included"] = included
        return body

    def page(self, request: Request, records: Sequence[Any]) -> Response:
        records = sorted_by_param(records, request.query_params.get("sort"), _value)
        try:
            page = PinpointAdapter.paging.serve(request.query_params, records, PAGE_SIZE)
        except ValueError:
            return error_response(400, "Invalid page parameters")
        body = self.document(request, page)
        if self.server.faults.malformed_pages:
            body["data"] = "malformed"
        return JSONResponse(body)

    def lister(self, resource: Resource, pick: Callable[[], Sequence[Any]] | None = None) -> Handler:
        async def handler(request: Request) -> Response:
            return self.page(request, pick() if pick is not None else self.data.records(resource))

        return handler

    def getter(self, resource: Resource, shown: Callable[[Record], bool] = lambda _r: True) -> Handler:
        async def handler(request: Request) -> Response:
            found = self.render.record(resource, request.path_params["id"])
            if found is None or not shown(found):
                return error_response(404, "Not found")
            return JSONResponse(self.document(request, [self.one(found)], one=True))

        return handler

    def one(self, record: Record) -> Any:
        return self.render.comment(record) if resource_of(record) is R.ACTIVITY else record

    def comments(self) -> list[Any]:
        return [self.render.comment(n) for n in self.render.notes()]

    def routes(self) -> dict[str, Handler]:
        notes = set(id(n) for n in self.render.notes())
        return {
            "/applications": self.lister(R.APPLICATION),
            "/applications/{id}": self.getter(R.APPLICATION),
            "/jobs": self.lister(R.JOB),
            "/jobs/{id}": self.getter(R.JOB),
            "/departments": self.lister(R.DEPARTMENT),
            "/locations": self.lister(R.OFFICE),
            "/users": self.lister(R.USER),
            "/users/{id}": self.getter(R.USER),
            "/comments": self.lister(R.ACTIVITY, self.comments),
            "/comments/{id}": self.getter(R.ACTIVITY, lambda r: id(r) in notes),
            "/interviews": self.lister(R.INTERVIEW),
            "/interviews/{id}": self.getter(R.INTERVIEW),
        }


def _value(record: Any, key: str) -> Any:
    if isinstance(record, dict):
        return record.get("attributes", {}).get(key) if key != "id" else int(record["id"])
    return int(number(record.id)) if key == "id" else getattr(record, key, None)


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """The Pinpoint simulator for ``dataset``; ``credentials`` holds ``api_key``."""
    key = credentials["api_key"]
    server = SimServer(
        authorized=lambda request: request.headers.get("X-API-KEY") == key,
        rate_limit=RATE_LIMIT,
        rate_headers=("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"),
        faults=faults if faults is not None else SimulatorFaults(),
        error=errors_body,
    )
    api = _Api(dataset, server)
    return simulator_app(
        server, API_ROOT, PinpointAdapter.resources, api.routes(), Writes(api).routes(), {"api": api}
    )


def _candidate_ids(c: CandidateRecord) -> list[str]:
    return [person(c.emails[0].email) or c.id] if c.emails else [c.id]


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_key": "demo-pinpoint-key"},
    base_url=BASE_URL,
    transport=timed_transport,
    options={"subdomain": "demo"},
    candidate_ids=_candidate_ids,
)
"""How demo connections and the benchmark run PinpointAdapter against this simulator."""

__all__ = ["SIMULATION", "ApplicationRecord", "SimulatorFaults", "create_simulator"]
