"""An in-process simulator of JazzHR's API over a sandbox dataset (an ASGI app).

Same paths (under ``/v1``), each list also at ``/page/{n}`` (100 records a page, no totals, a
page of one record sent as the bare object), the ``apikey`` query parameter (401 without the
right one), the applicant listing as JazzHR's summary and the detail with its categories.
Payloads are the adapter's mappings inverted (``RecordMap.render``); ids are JazzHR-style
prefixed strings (``prospect_000042``). JazzHR documents neither its error bodies nor rate-limit
headers: errors are ``{"error": message}`` and the window's headers carry the simulator's own
names, so that nothing reads them as JazzHR's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Final

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from ...kit.mapping import Json, Wire
from ...kit.resources import Endpoints
from ...kit.simserver import Handler, SimServer
from ...kit.simtables import WireTables, getter_of, record_maps
from ...kit.simulator import SimulatorFaults
from ...records import ApplicationRecord, CandidateRecord, JobRecord, Record, Resource, TagRecord
from ...simulation import Simulation, timed_transport
from ..adapter import BASE_URL, JazzHRAdapter
from ..payloads import SUMMARY

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
PAGING: Final = JazzHRAdapter.paging
API_ROOT: Final = "/v1"
RATE_LIMIT: Final = 100
"""Not documented by JazzHR: any number will do."""
PREFIX: Final = {
    R.CANDIDATE: "prospect",
    R.JOB: "job",
    R.USER: "usr",
    R.APPLICATION: "applicant2job",
    R.TAG: "category",
    R.ACTIVITY: "activity",
    R.ATTACHMENT: "file",
}
"""``prospect_``, ``job_`` and ``usr_`` are recorded; the other prefixes are the simulator's."""
MAPS: Final = record_maps(JazzHRAdapter.resources)


def encode(resource: Resource, sandbox_id: str) -> str:
    """A sandbox id as JazzHR's (``cand_000042`` -> ``prospect_000042``)."""
    return f"{PREFIX.get(resource, resource.value)}_{sandbox_id.rsplit('_', 1)[-1]}"


class _Api:
    def __init__(self, dataset: Dataset, server: SimServer) -> None:
        self.data = dataset
        self.server = server
        tags = {t.id: t.name for t in dataset.records(R.TAG) if isinstance(t, TagRecord)}
        self.wire = Wire(encode=encode, ctx={"tag_name": lambda i: tags.get(i, i)})
        self.tables = WireTables(dataset, self.render)

    def render(self, resource: Resource, record: Record) -> Json:
        out = MAPS[resource].render(record, self.wire)
        if isinstance(record, JobRecord):
            department = (
                self.data.get(R.DEPARTMENT, record.department_ids[0]) if record.department_ids else None
            )
            out["department"] = getattr(department, "name", None) or ""
        if isinstance(record, ApplicationRecord):
            out["workflow_step_id"] = encode(R.JOB_INTERVIEW_STAGE, record.current_stage_id or "0")
        if isinstance(record, CandidateRecord):
            out["jobs"] = [self.applied(a) for a in record.application_ids or ()]
        return out

    def applied(self, application_id: str) -> Json:
        """One of an applicant detail's ``jobs``."""
        a = self.data.get(R.APPLICATION, application_id)
        assert isinstance(a, ApplicationRecord)
        job = self.data.get(R.JOB, a.job_id or "")
        return {
            "job_id": encode(R.JOB, a.job_id or ""),
            "job_title": getattr(job, "name", "") or "",
            "workflow_step_id": encode(R.JOB_INTERVIEW_STAGE, a.current_stage_id or "0"),
            "hiring_lead_rating": 0,
            "average_rating": 0,
        }

    def summary(self, row: Json) -> Json:
        """A listed applicant: the summary keys, with the job of its first application."""
        out = {k: row.get(k, "") for k in SUMMARY}
        candidate = self.data.get(R.CANDIDATE, _sandbox_id(row["id"]))
        first = (getattr(candidate, "application_ids", None) or ())[:1]
        app = self.data.get(R.APPLICATION, first[0]) if first else None
        job = self.data.get(R.JOB, app.job_id) if isinstance(app, ApplicationRecord) and app.job_id else None
        out["job_id"] = encode(R.JOB, job.id) if job else ""
        out["job_title"] = getattr(job, "name", "") or ""
        return out

    def page(self, request: Request, rows: Sequence[Json], shape: Callable[[Json], Json] = dict) -> Response:
        found = PAGING.serve(request, rows, self.server.faults.malformed_pages, shape)
        return found if found is not None else self.server.fail(404)

    def lister(self, e: Endpoints) -> Handler:
        shape = self.summary if e.resource is R.CANDIDATE else dict

        async def handler(request: Request) -> Response:
            return self.page(request, self.tables.rows(e.resource), shape)

        return handler

    async def files_of(self, request: Request) -> Response:
        applicant = request.path_params["id"]
        return self.page(
            request, [f for f in self.tables.rows(R.ATTACHMENT) if f.get("applicant_id") == applicant]
        )

    def routes(self) -> dict[str, Handler]:
        lists = {e.list: self.lister(e) for e in JazzHRAdapter.resources if e.list}
        lists["/files/applicant_id/{id}"] = self.files_of
        # a record path is a list's, by id (no row of ``applicants2jobs`` is read by its id)
        gets = {
            e.get: getter_of(self.server, partial(self.tables.get, e.resource))
            for e in JazzHRAdapter.resources
            if e.get
        }
        return {**PAGING.routes(lists), **gets}


def _sandbox_id(jazzhr_id: str) -> str:
    return f"cand_{jazzhr_id.rsplit('_', 1)[-1]}"


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """The JazzHR simulator for ``dataset``; ``credentials`` holds ``api_key``."""
    key = credentials["api_key"]
    server = SimServer(
        authorized=lambda request: request.query_params.get("apikey") == key,
        rate_limit=RATE_LIMIT,
        rate_headers=("X-Simulator-Limit", "X-Simulator-Remaining", "X-Simulator-Reset"),
        faults=faults if faults is not None else SimulatorFaults(),
    )
    api = _Api(dataset, server)
    app = server.app(API_ROOT, JazzHRAdapter.resources, api.routes())
    app.state.api = api
    app.state.faults = server.faults
    return app


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_key": "demo-jazzhr-key"},
    base_url=BASE_URL,
    transport=timed_transport,
    candidate_ids=lambda c: [encode(R.CANDIDATE, c.id)],
)
"""How demo connections and the benchmark run JazzHRAdapter against this simulator."""

__all__ = ["SIMULATION", "SimulatorFaults", "create_simulator", "encode"]
