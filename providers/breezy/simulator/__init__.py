"""An in-process simulator of Breezy HR's v3 API over a sandbox dataset (an ASGI app).

Same paths under ``/v3/company/{company_id}``, the raw token in ``Authorization`` (401 with
Breezy's documented error body), positions in one answer, and each position's candidates (a
candidate per sandbox application) as a bare array paged by ``page``/``page_size``. A person
keeps one ``_id`` and one e-mail address in every position they applied to. Payloads are the
adapter's mappings inverted (``RecordMap.render``); ids are 12 hex digits, as Breezy's are.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any, Final

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...kit.mapping import Json, Wire
from ...kit.simserver import SimServer
from ...kit.simtables import served
from ...kit.simulator import SimulatorFaults
from ...kit.tags import tag_name
from ...records import ApplicationRecord, AttachmentType, CandidateRecord, Resource
from ...simulation import Simulation, timed_transport
from ..adapter import API, BreezyAdapter
from ..mapping import APPLICATION, CANDIDATE, JOB, RESUME, STAGE

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
COMPANY: Final = "5a1b2c3d4e5f"
"""The demo account's company ``_id``."""
DEFAULT_SIZE: Final = 10
"""``page_size`` when none is sent (the reference's example asks 10; the default is not stated)."""
RATE_LIMIT: Final = 100
"""Per 60 s per token: a third-party claim (lava.so)."""
ERROR_TYPES: Final = {401: "invalidAccessToken", 404: "notFound"}
"""The documented error types (401); the others are named alike, unverified."""


def hex_id(sandbox_id: str) -> str:
    """A sandbox id as a Breezy id: its number in 12 hex digits (``cand_000042`` -> ``00000000002a``)."""
    return f"{int(sandbox_id.rsplit('_', 1)[-1]):012x}"


def _error(status: int, message: str) -> Json:
    return {"error": {"type": ERROR_TYPES.get(status, "unknownError"), "message": message}}


class _Api:
    def __init__(self, dataset: Dataset, server: SimServer) -> None:
        self.data, self.server = dataset, server
        stages = {s.id: s for s in dataset.records(R.JOB_INTERVIEW_STAGE)}
        ctx = {"tag_name": partial(tag_name, dataset), "stage": lambda i: STAGE.render(stages[i], self.wire)}
        self.wire: Wire = Wire(encode=lambda _r, i: hex_id(i), ctx=ctx)
        self.jobs = {hex_id(j.id): j for j in dataset.records(R.JOB)}

    def candidate(self, app: ApplicationRecord) -> Json:
        """The sandbox application as Breezy's candidate in the application's position."""
        person = self.data.get(R.CANDIDATE, app.candidate_id or "")
        assert isinstance(person, CandidateRecord)  # the dataset's own reference
        out = {**APPLICATION.render(app, self.wire), **CANDIDATE.render(person, self.wire)}
        files = self.data.children(R.ATTACHMENT, "application").get(app.id, ())
        cv = next((f for f in files if getattr(f, "attachment_type", None) is AttachmentType.RESUME), None)
        if cv is not None:
            out["resume"] = {**RESUME.render(cv, self.wire)["resume"], "pdf_url": None}
        out["initial"] = (person.name or "?")[:1]
        out["headline"] = person.title
        return out

    async def positions(self, request: Request) -> Response:
        body: Any = [JOB.render(j, self.wire) for j in self.data.records(R.JOB)]
        return JSONResponse("malformed" if self.server.faults.malformed_pages else body)

    async def candidates(self, request: Request) -> Response:
        job = self.jobs.get(request.path_params["position_id"])
        if job is None:
            return self.server.fail(404)
        apps = self.data.children(R.APPLICATION, "job").get(job.id, ())
        keyed = [(a.id, self.candidate(a)) for a in apps if isinstance(a, ApplicationRecord)]
        return self.server.page(request, BreezyAdapter.paging, None, keyed, DEFAULT_SIZE)


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """The Breezy simulator for ``dataset``; ``credentials`` holds ``access_token``."""
    server = SimServer(
        authorized=lambda request: request.headers.get("Authorization") == credentials["access_token"],
        rate_limit=RATE_LIMIT,
        window_s=60.0,
        # Airbyte's connector waits on X-RateLimit-Reset; the other two are named alike, unverified
        rate_headers=("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"),
        faults=faults if faults is not None else SimulatorFaults(),
        error=_error,
    )
    api = _Api(dataset, server)
    routes = {"/positions": api.positions}
    extra = {"/position/{position_id}/candidates": api.candidates}
    return served(server, f"/v3/company/{COMPANY}", BreezyAdapter.resources, api, routes, extra)


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"access_token": "demo-breezy-token"},
    base_url=f"{API}/company/{COMPANY}",
    transport=timed_transport,
    candidate_ids=lambda c: [hex_id(c.id)],
)
"""How demo connections and the benchmark run BreezyAdapter against this simulator."""

__all__ = ["SIMULATION", "SimulatorFaults", "create_simulator"]
