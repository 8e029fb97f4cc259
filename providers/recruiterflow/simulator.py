"""An in-process simulator of Recruiterflow's ``/api/external`` API over a sandbox dataset (an
ASGI app): the adapter's mappings inverted (``RecordMap.render``), ids as Recruiterflow numbers,
stages and reject reasons as names; ``current_page``/``items_per_page`` paging with bare arrays
for candidates and jobs, the ``RF-Api-Key`` check (401). Recruiterflow's error body and
rate-limit headers were not found in the sources: ``{"error": message}`` and ``X-RateLimit-*``
stand in for them. Its routes are the adapter's declared paths (``kit/simserver.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Final

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..kit.mapping import Wire
from ..kit.resources import Endpoints
from ..kit.simparts import EncodedIds, sandbox_number
from ..kit.simserver import Handler, SimServer
from ..kit.simtables import record_maps, serve_list, served
from ..kit.simulator import SimulatorFaults
from ..records import Record, Resource
from ..simulation import Simulation, timed_transport
from .adapter import API_ROOT, BASE_URL, PIPELINE, RecruiterflowAdapter
from .mapping import APPLICATION, DISQUALIFIED, PIPELINE_APPLICATION

if TYPE_CHECKING:
    from ..sandbox import Dataset

R = Resource
DEFAULT_SIZE: Final = 10
RATE_LIMIT: Final = 100
"""No documented limit was found: any will do."""
PAGING: Final = RecruiterflowAdapter.paging
MAPS: Final = record_maps(RecruiterflowAdapter.resources)
NAMED: Final = (R.JOB_INTERVIEW_STAGE, R.REJECT_REASON, R.DEPARTMENT, R.OFFICE)


def number(sandbox_id: str) -> str:
    """A sandbox id's Recruiterflow id: its number (``cand_000042`` -> ``42``)."""
    return str(sandbox_number(sandbox_id))


class _Api:
    def __init__(self, dataset: Dataset, server: SimServer) -> None:
        self.data, self.server = dataset, server
        self.names = {r: {x.id: getattr(x, "name", None) or x.id for x in dataset.records(r)} for r in NAMED}
        self.wire: Wire = Wire(
            encode=self.encode,
            ctx={
                "application": lambda i: APPLICATION.render(dataset.by_id(R.APPLICATION)[i], self.wire),
                "department": lambda i: self.names[R.DEPARTMENT].get(i),
                "office": lambda i: self.names[R.OFFICE].get(i),
            },
        )
        self.ids = EncodedIds(dataset, lambda _resource, sandbox_id: number(sandbox_id))

    def encode(self, resource: Resource, sandbox_id: str) -> str:
        return (
            self.names[resource].get(sandbox_id, sandbox_id) if resource in NAMED[:2] else number(sandbox_id)
        )

    def page(self, request: Request, e: Endpoints, records: Sequence[Record]) -> Response:
        """A list as the adapter declares it (paged, or one answer in ``data``)."""
        rows = [MAPS[e.resource].render(r, self.wire) for r in records]
        return serve_list(self.server, request, e, PAGING, rows, DEFAULT_SIZE)

    async def listed(self, e: Endpoints, request: Request) -> Response:
        return self.page(request, e, self.data.records(e.resource))

    async def stage_names(self, request: Request) -> Response:
        names = dict.fromkeys([*self.names[R.JOB_INTERVIEW_STAGE].values(), DISQUALIFIED])
        return JSONResponse({"data": list(names)})

    async def activities(self, request: Request) -> Response:
        candidate = self.ids.record(R.CANDIDATE, request.query_params.get("id", ""))
        if candidate is None:
            return JSONResponse({"error": "Candidate not found"}, status_code=404)
        found = self.data.children(R.ACTIVITY, "candidate").get(candidate.id, ())
        return self.page(request, RecruiterflowAdapter.endpoints(R.ACTIVITY), found)

    async def pipeline(self, request: Request) -> Response:
        job = self.ids.record(R.JOB, request.query_params.get("job_id", ""))
        if job is None:
            return JSONResponse({"error": "Job not found"}, status_code=404)
        stages = self.data.children(R.JOB_INTERVIEW_STAGE, "job").get(job.id, ())
        apps = self.data.children(R.APPLICATION, "job").get(job.id, ())
        detail = [PIPELINE_APPLICATION.render(a, self.wire) for a in apps]
        counts = {s.id: sum(1 for a in apps if getattr(a, "current_stage_id", None) == s.id) for s in stages}
        summary = [
            {"id": int(number(s.id)), "name": self.encode(R.JOB_INTERVIEW_STAGE, s.id), "count": counts[s.id]}
            for s in stages
        ]
        return JSONResponse({"summary": summary, "detail": detail})

    def routes(self) -> dict[str, Handler]:
        lists = {e.list: partial(self.listed, e) for e in RecruiterflowAdapter.resources if e.list}
        quirks = {"/job/stage_names": self.stage_names, "/candidate/activity/list": self.activities}
        return {**lists, **quirks, PIPELINE: self.pipeline}


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """The Recruiterflow simulator for ``dataset``; ``credentials`` holds ``api_key``."""
    key = credentials["api_key"]
    server = SimServer(
        authorized=lambda request: request.headers.get("RF-Api-Key") == key,
        rate_limit=RATE_LIMIT,
        rate_headers=("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"),
        faults=faults if faults is not None else SimulatorFaults(),
    )
    api = _Api(dataset, server)
    return served(server, API_ROOT, RecruiterflowAdapter.resources, api, api.routes())


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_key": "demo-recruiterflow-key"},
    base_url=BASE_URL,
    transport=timed_transport,
    candidate_ids=lambda c: [number(c.id)],
)
"""How demo connections and the benchmark run RecruiterflowAdapter against this simulator."""
