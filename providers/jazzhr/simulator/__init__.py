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
from ...kit.simserver import Handler, SimServer
from ...kit.simtables import WireTables, record_maps, served
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
        self.wire = Wire(
            encode=encode,
            ctx={"category": lambda t: {"category_id": encode(R.TAG, t), "name": tags.get(t, t)}},
        )
        self.tables = WireTables(dataset, self.render)

    def render(self, resource: Resource, record: Record) -> Json:
        out = MAPS[resource].render(record, self.wire)
        if isinstance(record, JobRecord):
            department = self.data.get(R.DEPARTMENT, (record.department_ids or ("",))[0])
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
        """A listed applicant: its detail's summary keys, ``job_id`` and ``job_title`` its first job's."""
        first = (row.get("jobs") or [{}])[0]
        return {k: (first if k in ("job_id", "job_title") else row).get(k, "") for k in SUMMARY}

    def page(self, request: Request, rows: Sequence[Json], shape: Callable[[Json], Json] = dict) -> Response:
        found = PAGING.serve(request, rows, self.server.faults.malformed_pages, shape)
        return found if found is not None else self.server.fail(404)

    async def listed(self, resource: Resource, request: Request) -> Response:
        shape = self.summary if resource is R.CANDIDATE else dict
        return self.page(request, self.tables.rows(resource), shape)

    async def files_of(self, request: Request) -> Response:
        files = self.tables.rows(R.ATTACHMENT)
        return self.page(request, [f for f in files if f.get("applicant_id") == request.path_params["id"]])

    def routes(self) -> dict[str, Handler]:
        lists = {e.list: partial(self.listed, e.resource) for e in JazzHRAdapter.resources if e.list}
        paged: dict[str, Handler] = PAGING.routes({**lists, "/files/applicant_id/{id}": self.files_of})
        # a record path is a list's, by id (no row of ``applicants2jobs`` is read by its id)
        return {**paged, **self.tables.getters(self.server, JazzHRAdapter.resources)}


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
    return served(server, API_ROOT, JazzHRAdapter.resources, api, api.routes())


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_key": "demo-jazzhr-key"},
    base_url=BASE_URL,
    transport=timed_transport,
    candidate_ids=lambda c: [encode(R.CANDIDATE, c.id)],
)
"""How demo connections and the benchmark run JazzHRAdapter against this simulator."""

__all__ = ["SIMULATION", "SimulatorFaults", "create_simulator", "encode"]
