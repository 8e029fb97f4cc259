"""An in-process simulator of Recruitee's ATS API over a sandbox dataset (an ASGI app).

Same paths under ``/c/{company_id}``, the bearer token (401), candidates paged by
``limit``/``offset`` with no total (the list omits ``tags`` and the CV, as the recorded list
does), one ``references`` array per answer, and offers in one answer. Payloads are the
adapter's mappings inverted (``RecordMap.render``), ids as Recruitee numbers. Recruitee's
error body and rate-limit headers were not found in the sources read: the kit's are used.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...kit.mapping import Json, Wire
from ...kit.simserver import SimServer
from ...kit.simulator import SimulatorFaults, bearer_token
from ...records import ApplicationRecord, AttachmentType, Record, RejectReasonRecord, Resource, TagRecord
from ...simulation import Simulation, timed_transport
from ..adapter import API_HOST, RecruiteeAdapter
from ..mapping import APPLICATION, CANDIDATE, JOB, RESUME, STAGE

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
COMPANY: Final = "89564"
"""The demo account's company id (the one in the recorded payloads' app URLs)."""
DEFAULT_SIZE: Final = 20
"""``limit`` when none is sent (undocumented: any will do)."""
RATE_LIMIT: Final = 100


def number(sandbox_id: str) -> int:
    """A sandbox id's Recruitee id: its number (``cand_000042`` -> ``42``)."""
    return int(sandbox_id.rsplit("_", 1)[-1])


def _encode(_resource: Resource, sandbox_id: str) -> Any:
    return number(sandbox_id)  # a JSON number, as Recruitee sends its ids


class _Api:
    def __init__(self, dataset: Dataset, server: SimServer) -> None:
        self.data, self.server = dataset, server
        names = {
            r.id: r.name or r.id
            for r in dataset.records(R.REJECT_REASON)
            if isinstance(r, RejectReasonRecord)
        }
        tags = {t.id: t.name or t.id for t in dataset.records(R.TAG) if isinstance(t, TagRecord)}
        ctx = {"reason_name": lambda i: names.get(i, i), "tag_name": lambda i: tags.get(i, i)}
        self.wire = Wire(encode=_encode, ctx=ctx)
        self.ids = {str(number(c.id)): c.id for c in dataset.records(R.CANDIDATE)}

    def candidate(self, record: Record, detail: bool) -> tuple[Json, list[Json]]:
        """One candidate as Recruitee sends it, and the references its placements name."""
        out = CANDIDATE.render(record, self.wire)
        apps = [
            a
            for a in self.data.children(R.APPLICATION, "candidate").get(record.id, ())
            if isinstance(a, ApplicationRecord)
        ]
        out["placements"] = [APPLICATION.render(a, self.wire) for a in apps]
        # the source is the candidate's in Recruitee: the first application's
        out["source"] = next((a.source.name for a in apps if a.source), None)
        refs: list[Json] = []
        for a in apps:
            job = self.data.get(R.JOB, a.job_id) if a.job_id else None
            stage = self.data.get(R.JOB_INTERVIEW_STAGE, a.current_stage_id) if a.current_stage_id else None
            refs += [{**JOB.render(job, self.wire), "type": "Offer"}] if job else []
            refs += [STAGE.render(stage, self.wire)] if stage else []
        if detail:
            files = self.data.children(R.ATTACHMENT, "candidate").get(record.id, ())
            cv = next(
                (f for f in files if getattr(f, "attachment_type", None) is AttachmentType.RESUME), None
            )
            out.update(RESUME.render(cv, self.wire) if cv else {"cv_url": None, "cv_original_url": None})
        else:
            out.pop("tags", None)
        return out, refs

    async def candidates(self, request: Request) -> Response:
        page, _ = RecruiteeAdapter.paging.serve(
            request.query_params, self.data.records(R.CANDIDATE), DEFAULT_SIZE
        )
        rendered = [self.candidate(c, detail=False) for c in page]
        body: dict[str, Any] = {
            "candidates": [c for c, _ in rendered],
            "references": _unique(r for _, rs in rendered for r in rs),
        }
        if self.server.faults.malformed_pages:
            body["candidates"] = "malformed"
        return JSONResponse(body)

    async def one(self, request: Request) -> Response:
        found = self.ids.get(request.path_params["id"])
        if found is None:
            return JSONResponse({"error": "Not found"}, status_code=404)
        record = self.data.get(R.CANDIDATE, found)
        assert record is not None  # indexed from the same dataset
        out, refs = self.candidate(record, detail=True)
        return JSONResponse({"candidate": out, "references": _unique(refs)})

    async def offers(self, request: Request) -> Response:
        return JSONResponse({"offers": [JOB.render(j, self.wire) for j in self.data.records(R.JOB)]})


def _unique(refs: Any) -> list[Json]:
    seen: dict[tuple[Any, Any], Json] = {}
    for r in refs:
        seen.setdefault((r.get("type"), r.get("id")), r)
    return list(seen.values())


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """The Recruitee simulator for ``dataset``; ``credentials`` holds ``api_token``."""
    server = SimServer(
        authorized=lambda request: bearer_token(request) == credentials["api_token"],
        rate_limit=RATE_LIMIT,
        rate_headers=("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"),
        faults=faults if faults is not None else SimulatorFaults(),
    )
    api = _Api(dataset, server)
    routes = {"/candidates": api.candidates, "/candidates/{id}": api.one, "/offers": api.offers}
    app = server.app(f"/c/{COMPANY}", RecruiteeAdapter.resources, routes)
    app.state.api = api
    app.state.faults = server.faults
    return app


def candidate_ids(candidate: Record) -> list[str]:
    return [str(number(candidate.id))]


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_token": "demo-recruitee-token"},
    base_url=f"{API_HOST}/c/{COMPANY}",
    transport=timed_transport,
    candidate_ids=candidate_ids,
)
"""How demo connections and the benchmark run RecruiteeAdapter against this simulator."""

__all__ = ["SIMULATION", "SimulatorFaults", "create_simulator"]
