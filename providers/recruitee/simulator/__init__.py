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
from starlette.routing import Route

from ...kit.mapping import Json, Wire
from ...kit.simserver import SimServer, UnreadableParam
from ...kit.simulator import SimulatorFaults, bearer_token
from ...kit.tags import tag_name
from ...records import ApplicationRecord, AttachmentType, Record, RejectReasonRecord, Resource
from ...simulation import Simulation, timed_transport
from ..adapter import API_HOST, RecruiteeAdapter
from ..mapping import APPLICATION, CANDIDATE, JOB, RESUME, STAGE
from .writes import Writes

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
        # a tag's name is read at render time: a write may have added the tag (``writes.py``)
        ctx = {"reason_name": lambda i: names.get(i, i), "tag_name": lambda i: tag_name(self.data, i)}
        self.wire = Wire(encode=_encode, ctx=ctx)
        self._index: dict[Resource, dict[int, str]] = {}

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
        try:
            page, _ = RecruiteeAdapter.paging.serve(
                request.query_params, self.data.records(R.CANDIDATE), DEFAULT_SIZE
            )
        except ValueError:
            raise UnreadableParam("limit and offset must be integers") from None
        rendered = [self.candidate(c, detail=False) for c in page]
        body: dict[str, Any] = {
            "candidates": [c for c, _ in rendered],
            "references": _unique(r for _, rs in rendered for r in rs),
        }
        if self.server.faults.malformed_pages:
            body["candidates"] = "malformed"
        return JSONResponse(body)

    async def one(self, request: Request) -> Response:
        given = request.path_params["id"]
        found = self.sandbox_id(R.CANDIDATE, int(given)) if given.isascii() and given.isdigit() else None
        return self.detail(found or "")

    def sandbox_id(self, resource: Resource, recruitee_id: int) -> str | None:
        """The sandbox id of a Recruitee id (None: none such), indexed again once a write
        has added records."""
        records = self.data.records(resource)
        index = self._index.get(resource)
        if index is None or len(index) != len(records):
            index = self._index[resource] = {number(r.id): r.id for r in records}
        return index.get(recruitee_id)

    def detail(self, candidate_id: str) -> Response:
        """A candidate read by id (a create answers the same shape)."""
        record = self.data.get(R.CANDIDATE, candidate_id)
        if record is None:
            return JSONResponse({"error": "Not found"}, status_code=404)
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
    # SimServer routes reads (GET) only: the writes go beside them, behind the same guard
    for method, path, handler in Writes(api).routes():
        app.router.routes.append(Route(f"/c/{COMPANY}{path}", server.guarded(handler), methods=[method]))
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
