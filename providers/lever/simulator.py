"""An in-process Lever v1 API over a sandbox dataset, for tests and demos.

``create_simulator(dataset, credentials=..., faults=...)`` returns a Starlette app that serves
the sandbox (rendered by ``simulator_render``) the way Lever does: ``/v1/...`` paths, the
``{data, hasNext, next}`` envelope with an opaque URL-encoded ``offset`` token and ``limit``
1-100, the documented filters (repeated values are a union), HTTP Basic (API key, blank
password) or Bearer auth, ``{"code", "message"}`` errors. Lever documents no rate-limit
headers, so only a 429 carries ``Retry-After``. Faults are switchable while it runs::

    faults = SimulatorFaults()
    app = create_simulator(dataset, credentials={"api_key": "k"}, faults=faults)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://lever.test/v1")
    faults.fail_next_n_with_status = (1, 429)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote, unquote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from providers.records import (
    ActivityRecord,
    ActivityType,
    ApplicationRecord,
    AttachmentRecord,
    CandidateRecord,
    DepartmentRecord,
    EeocRecord,
    InterviewRecord,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    OfferRecord,
    RejectReasonRecord,
    Resource,
    ScorecardRecord,
    TagRecord,
    UserRecord,
)

from ..kit.simulator import SimulatorFaults, basic_credentials, bearer_token
from ..simulation import Simulation, timed_transport
from . import simulator_forms as forms
from . import simulator_render as render
from .client import PAGING
from .simulator_render import Json, account_pipeline, unified_id

if TYPE_CHECKING:
    from providers.sandbox import Dataset

__all__ = ["SimulatorFaults", "account_pipeline", "create_simulator", "parent_opportunity", "unified_id"]

R = Resource


def parent_opportunity(dataset: Dataset, resource: Resource, record: Any) -> str | None:
    """The opportunity (sandbox application id) the simulator files a nested record under."""
    if resource not in render.NESTED:
        return None
    application_id = getattr(record, "application_id", None)
    if application_id:
        return cast("str", application_id)
    # The dataset's own index: building one per record made the default demo start in seconds.
    candidate = dataset.get(R.CANDIDATE, getattr(record, "candidate_id", None) or "")
    ids = getattr(candidate, "application_ids", None) or ()
    return sorted(ids)[0] if ids else None


def _by_id(dataset: Dataset, resource: Resource) -> dict[str, Any]:
    return {r.id: r for r in dataset.records(resource)}


def _offset_token(end: int, page: Sequence[Json]) -> str:
    """Lever's opaque ``offset``: the URL-encoded JSON of the next start and the last id."""
    return quote(json.dumps([end, page[-1].get("id", "")], separators=(",", ":")))


def _offset_start(token: str) -> int:
    return int(json.loads(unquote(token))[0])


def _error(status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"code": code, "message": message}, status_code=status, headers=dict(headers or {}))


class _Account:
    """The sandbox rendered once, as Lever objects, with the indexes the routes need."""

    def __init__(self, dataset: Dataset) -> None:
        candidates: dict[str, CandidateRecord] = _by_id(dataset, R.CANDIDATE)
        jobs: dict[str, JobRecord] = _by_id(dataset, R.JOB)
        tags: dict[str, TagRecord] = _by_id(dataset, R.TAG)
        users: dict[str, UserRecord] = _by_id(dataset, R.USER)
        departments: dict[str, DepartmentRecord] = _by_id(dataset, R.DEPARTMENT)
        stages = cast("Sequence[JobInterviewStageRecord]", dataset.records(R.JOB_INTERVIEW_STAGE))
        pipeline, account_stage = account_pipeline(stages)
        self.stages = [{"id": s.id, "text": s.name} for s in pipeline]
        apps = [
            a.model_copy(update={"current_stage_id": account_stage.get(a.current_stage_id or "")})
            if a.current_stage_id
            else a
            for a in cast("Sequence[ApplicationRecord]", dataset.records(R.APPLICATION))
        ]
        self.apps = {a.id: a for a in apps}
        self.candidates = candidates
        self.jobs = jobs

        def names(ids: Sequence[str]) -> list[str]:
            return [tags[t].name or t for t in ids if t in tags]

        self.opportunities: list[tuple[Json, Json]] = []  # (plain, expanded), by id
        for app in sorted(apps, key=lambda a: a.id):
            cand = candidates[app.candidate_id or ""]
            job = jobs.get(app.job_id or "")
            self.opportunities.append(
                (
                    render.opportunity(app, cand, job, names(cand.tag_ids or ()), expand=False),
                    render.opportunity(app, cand, job, names(cand.tag_ids or ()), expand=True),
                )
            )
        self.opportunity_by_id = {plain["id"]: (plain, full) for plain, full in self.opportunities}
        self.postings = [render.posting(j, departments, names(j.tag_ids)) for j in jobs.values()]
        self.posting_by_id = {p["id"]: p for p in self.postings}
        self.users = [render.user(u) for u in users.values()]
        self.user_by_id = {u["id"]: u for u in self.users}
        self.reasons = [
            {"id": r.id, "text": r.name, "status": "active", "type": "non-hired"}
            for r in cast("Sequence[RejectReasonRecord]", dataset.records(R.REJECT_REASON))
        ] + [{"id": "hired", "text": "Hired", "status": "active", "type": "hired"}]
        counts: dict[str, int] = {}
        for cand in candidates.values():
            for name in names(cand.tag_ids or ()):
                counts[name] = counts.get(name, 0) + 1
        self.tags = [{"text": t.name, "count": counts.get(t.name or "", 0)} for t in tags.values()]
        self.children: dict[tuple[str, str], list[Json]] = {}
        feedback_of: dict[str, list[str]] = {}
        for s in cast("Sequence[ScorecardRecord]", dataset.records(R.SCORECARD)):
            self._file(dataset, R.SCORECARD, s, "feedback", forms.feedback(s))
            if s.interview_id:
                feedback_of.setdefault(s.interview_id, []).append(s.id)
        for i in cast("Sequence[InterviewRecord]", dataset.records(R.INTERVIEW)):
            stage = account_stage.get(i.job_interview_stage_id or "")
            job_id = self.apps[i.application_id].job_id if i.application_id in self.apps else None
            self._file(
                dataset,
                R.INTERVIEW,
                i,
                "interviews",
                forms.interview(
                    i.model_copy(update={"job_interview_stage_id": stage}),
                    job_id,
                    feedback_of.get(i.id, []),
                    users,
                ),
            )
        for o in cast("Sequence[OfferRecord]", dataset.records(R.OFFER)):
            self._file(dataset, R.OFFER, o, "offers", forms.offer(o))
        for n in cast("Sequence[ActivityRecord]", dataset.records(R.ACTIVITY)):
            if n.activity_type is ActivityType.NOTE:
                self._file(dataset, R.ACTIVITY, n, "notes", forms.note(n))
        for f in cast("Sequence[AttachmentRecord]", dataset.records(R.ATTACHMENT)):
            kind, body = ("resumes", forms.resume(f)) if forms.is_resume(f) else ("files", forms.file(f))
            self._file(dataset, R.ATTACHMENT, f, kind, body)
        first_app = {c.id: min(c.application_ids) for c in candidates.values() if c.application_ids}
        self.eeo = [
            forms.eeo_response(e, self.apps.get(first_app.get(e.candidate_id or "", "")))
            for e in cast("Sequence[EeocRecord]", dataset.records(R.EEOC))
        ]
        fields: dict[str, list[JobFormFieldRecord]] = {}
        for field in cast("Sequence[JobFormFieldRecord]", dataset.records(R.JOB_FORM_FIELD)):
            fields.setdefault(field.job_id or "", []).append(field)
        self.forms = {j.id: forms.apply_form(j, fields.get(j.id, [])) for j in jobs.values()}

    def _file(self, dataset: Dataset, resource: Resource, record: Any, kind: str, body: Json) -> None:
        parent = parent_opportunity(dataset, resource, record)
        if parent is not None:
            self.children.setdefault((parent, kind), []).append(body)


# -- filters -----------------------------------------------------------------------------------
def _ms_filter(request: Request, name: str, value: Any) -> bool:
    start, end = request.query_params.get(f"{name}_start"), request.query_params.get(f"{name}_end")
    if value is None:
        return start is None and end is None
    return (start is None or value >= int(start)) and (end is None or value <= int(end))


def _any(request: Request, name: str, values: Sequence[Any]) -> bool:
    wanted = request.query_params.getlist(name)
    return not wanted or any(v in wanted for v in values)


def _opportunity_matches(request: Request, opp: Json) -> bool:
    app = opp["applications"][0] if opp["applications"] else {}
    email = request.query_params.get("email")
    confidential = request.query_params.get("confidentiality", "non-confidential")
    archived = request.query_params.get("archived")
    return (
        _any(request, "contact_id", [opp["contact"]])
        and _any(request, "posting_id", [app.get("posting")])
        and _any(request, "stage_id", [opp["stage"]])
        and _any(request, "tag", opp["tags"])
        and (email is None or email.casefold() in (e.casefold() for e in opp["emails"]))
        and (confidential == "all" or opp["confidentiality"] == confidential)
        and (archived is None or (opp["archived"] is not None) == (archived == "true"))
        and _ms_filter(request, "created_at", opp["createdAt"])
        and _ms_filter(request, "updated_at", opp["updatedAt"])
    )


class _Simulator:
    def __init__(self, dataset: Dataset, credentials: Mapping[str, str], faults: SimulatorFaults) -> None:
        self.account = _Account(dataset)
        self.faults = faults
        self.api_key, self.access_token = credentials.get("api_key"), credentials.get("access_token")

    # -- cross-cutting -------------------------------------------------------------------------
    async def guard(self, request: Request) -> Response | None:
        f = self.faults
        await f.delay()
        status = f.take_failure()
        if status == 429:
            headers = {"Retry-After": f"{f.retry_after_s:g}"} if f.retry_after_s is not None else {}
            return _error(429, "TooManyRequests", "Rate limit exceeded", headers)
        if status is not None:
            return _error(
                status, "InternalServerError" if status >= 500 else "Error", f"simulated HTTP {status}"
            )
        basic, token = basic_credentials(request), bearer_token(request)
        if not (
            (self.api_key and basic == (self.api_key, ""))
            or (self.access_token and token == self.access_token)
        ):
            return _error(401, "UnauthorizedError", "Invalid API key or access token")
        return None

    def page(self, request: Request, items: Sequence[Json]) -> Response:
        params = request.query_params
        try:
            chunk, fields = PAGING.serve(params, items, PAGING.max_size, _offset_token, _offset_start)
            limit = int(params.get("limit", "100"))
        except (ValueError, TypeError, IndexError):  # json.JSONDecodeError is a ValueError
            return _error(400, "BadRequestError", "Invalid limit or offset")
        # Lever refuses a size out of range where the paging scheme would clamp it
        if not 1 <= limit <= PAGING.max_size:
            return _error(400, "BadRequestError", "limit must be between 1 and 100")
        if self.faults.malformed_pages:
            return JSONResponse({"data": {"unexpected": list(chunk[:1])}, "hasNext": False})
        return JSONResponse({"data": list(chunk), **fields})

    # -- routes ---------------------------------------------------------------------------------
    def routes(self) -> list[Route]:
        def route(path: str, handler: Callable[[Request], Response]) -> Route:
            async def endpoint(request: Request) -> Response:
                return await self.guard(request) or handler(request)

            return Route(f"/v1{path}", endpoint, methods=["GET"])

        return [
            route("/opportunities", self.opportunities),
            route("/opportunities/{id}", self.opportunity),
            route("/opportunities/{id}/{kind}", self.children),
            route("/postings", self.postings),
            route("/postings/{id}", lambda r: self.one(self.account.posting_by_id.get(r.path_params["id"]))),
            route("/postings/{id}/apply", lambda r: self.one(self.account.forms.get(r.path_params["id"]))),
            route("/users", self.users),
            route("/users/{id}", lambda r: self.one(self.account.user_by_id.get(r.path_params["id"]))),
            route("/stages", lambda r: self.page(r, self.account.stages)),
            route("/archive_reasons", self.reasons),
            route("/tags", lambda r: self.page(r, self.account.tags)),
            route("/eeo/responses/pii", self.eeo),
        ]

    @staticmethod
    def one(obj: Json | None) -> Response:
        if obj is None:
            return _error(404, "ResourceNotFound", "record was not found")
        return JSONResponse({"data": obj})

    def opportunities(self, request: Request) -> Response:
        expand = "applications" in request.query_params.getlist("expand")
        chosen = [
            full if expand else plain
            for plain, full in self.account.opportunities
            if _opportunity_matches(request, full)
        ]
        return self.page(request, chosen)

    def opportunity(self, request: Request) -> Response:
        found = self.account.opportunity_by_id.get(request.path_params["id"])
        expand = "applications" in request.query_params.getlist("expand")
        return self.one(None if found is None else found[1] if expand else found[0])

    def children(self, request: Request) -> Response:
        opp_id, kind = request.path_params["id"], request.path_params["kind"]
        if opp_id not in self.account.opportunity_by_id:
            return _error(404, "ResourceNotFound", f"opportunities {opp_id} was not found")
        if kind not in {"interviews", "feedback", "notes", "offers", "files", "resumes"}:
            return _error(404, "ResourceNotFound", f"no such endpoint: {kind}")
        return self.page(request, self.account.children.get((opp_id, kind), []))

    def postings(self, request: Request) -> Response:
        confidential = request.query_params.get("confidentiality", "non-confidential")
        chosen = [
            p
            for p in self.account.postings
            if _any(request, "state", [p["state"]])
            and (confidential == "all" or p["confidentiality"] == confidential)
            and _ms_filter(request, "updated_at", p["updatedAt"])
        ]
        return self.page(request, chosen)

    def users(self, request: Request) -> Response:
        email = request.query_params.get("email")
        deactivated = request.query_params.get("includeDeactivated") == "true"
        chosen = [
            u
            for u in self.account.users
            if (deactivated or u["deactivatedAt"] is None) and (email is None or u["email"] == email)
        ]
        return self.page(request, chosen)

    def reasons(self, request: Request) -> Response:
        return self.page(request, [r for r in self.account.reasons if _any(request, "type", [r["type"]])])

    def eeo(self, request: Request) -> Response:
        chosen = [e for e in self.account.eeo if _ms_filter_created(request, e["eeoSurveyRespondedAt"])]
        return self.page(request, chosen)


def _ms_filter_created(request: Request, value: int | None) -> bool:
    # Lever defaults to the last week without created_at_start; the simulator has no clock,
    # so it only applies the bounds it is given.
    start, end = request.query_params.get("created_at_start"), request.query_params.get("created_at_end")
    if value is None:
        return True
    return (start is None or value >= int(start)) and (end is None or value <= int(end))


def create_simulator(
    dataset: Dataset, *, credentials: Mapping[str, str], faults: SimulatorFaults | None = None
) -> Starlette:
    """A Starlette app serving ``dataset`` as Lever's v1 API (see the module docstring)."""
    simulator = _Simulator(dataset, credentials, faults or SimulatorFaults())
    app = Starlette(routes=simulator.routes())
    app.state.faults = simulator.faults
    return app


SIMULATION = Simulation(
    create=create_simulator,
    credentials={"api_key": "demo-lever-key"},
    base_url="https://api.lever.co/v1",
    # The demo key reads the whole account, confidential postings included (as the sandbox
    # does); without confidentiality=all Lever hides their opportunities, and so their contacts.
    options={"include_confidential": True},
    # honours the client's read timeout, so a slow-answer fault times out as over a network
    transport=timed_transport,
)
"""How demo connections and the benchmark run LeverAdapter against this simulator."""
