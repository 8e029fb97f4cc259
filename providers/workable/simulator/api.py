"""The Workable simulator's handlers: which sandbox records each endpoint answers with, and in
what order (the data layout); ``render.py`` renders them, ``kit/simserver.py`` guards and routes
them. Ids are encoded as described in ``render.py``."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, cast

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ...kit.keyset import Keyset
from ...kit.simparts import answer
from ...kit.simquery import filtered
from ...kit.simreads import by_id_handler
from ...kit.simserver import SimServer
from ...kit.times import parse_instant
from ...query import FilterName
from ...records import (
    ApplicationRecord,
    CandidateRecord,
    InterviewRecord,
    InterviewStatus,
    JobRecord,
    OfferRecord,
    Resource,
)
from ..adapter import MAX_LIMIT, WorkableAdapter
from ..mapping import ACTIVITY, DEPARTMENT, ORGANIZATION, REJECT_REASON, USER
from .render import IdCodec, Renderer, from_hex, hex_id, shortcode

if TYPE_CHECKING:
    from ...sandbox import Dataset

F = FilterName
R = Resource
DEFAULT_LIMIT: Final = 50
KEYSET: Final = Keyset(DEFAULT_LIMIT, MAX_LIMIT)
"""Workable answers a size it cannot read with its default, not an error. A listing renders
only the window of its page (``KEYSET.window``); the rest never is."""

_after = parse_instant  # what the tests compare the simulator's time filters with


class _Api:
    def __init__(self, dataset: Dataset, subdomain: str, server: SimServer) -> None:
        self.server = server
        self.data = dataset
        self.ids = IdCodec(dataset)
        self.render = Renderer(dataset, self.ids, subdomain)
        self.subdomain = subdomain

    # -- helpers -----------------------------------------------------------------------------
    def _page(self, request: Request, resource: Resource, items: Sequence[tuple[str, Any]]) -> Response:
        """Keyset paging over ``(workable id, payload)`` pairs, by the adapter's own scheme, in
        the envelope it declares for ``resource``."""
        params = KEYSET.params(request.query_params)
        key = WorkableAdapter.endpoints(resource).items
        return self.server.page(request, WorkableAdapter.paging, key, items, DEFAULT_LIMIT, params)

    def _application(self, workable_id: str) -> ApplicationRecord | None:
        found = self.data.get(R.APPLICATION, from_hex(workable_id))
        return found if isinstance(found, ApplicationRecord) else None

    def candidate_of(self, workable_id: str) -> ApplicationRecord | None:
        """The Workable candidate ``workable_id``: a sandbox application, or a talent-pool
        candidate (a sandbox person in no job: one ``POST /talent_pool/candidates`` made) as the
        renderer takes a candidate, an application of no job with the person's id."""
        found = self._application(workable_id)
        person = self.data.get(R.CANDIDATE, from_hex(workable_id))
        if found is not None or not isinstance(person, CandidateRecord) or person.application_ids:
            return found
        return ApplicationRecord(
            id=person.id,
            remote_id=person.id,
            candidate_id=person.id,
            created_at=person.created_at,
            updated_at=person.updated_at,
        )

    def _interview(self, workable_id: str) -> InterviewRecord | None:
        found = self.data.get(R.INTERVIEW, from_hex(workable_id))
        return found if isinstance(found, InterviewRecord) else None

    def _job(self, code: str) -> JobRecord | None:
        found = self.data.get(R.JOB, from_hex(code.lower()))
        return found if isinstance(found, JobRecord) and shortcode(found.id) == code else None

    # -- candidates ----------------------------------------------------------------------------
    def _candidates(self, request: Request, job: JobRecord | None) -> Response:
        asked = self.server.filters(WorkableAdapter.endpoints(R.CANDIDATE), request)
        email, code = asked.get(F.EMAIL), asked.get(F.JOB_ID)
        bounds: dict[FilterName, Any] = {
            f: v for f, v in asked.items() if f in (F.CREATED_AFTER, F.UPDATED_AFTER)
        }
        stage = request.query_params.get("stage")  # a stage filter's slug (``list_applications``)
        if code and job is None:
            job = self._job(code)
            if job is None:
                return self._page(request, R.CANDIDATE, [])
        applications = (
            self.data.children(R.APPLICATION, "job").get(job.id, ())
            if job
            else self.data.records(R.APPLICATION)
        )
        keyed: list[tuple[str, ApplicationRecord]] = []
        for a in cast("Sequence[ApplicationRecord]", filtered(R.APPLICATION, applications, bounds)):
            if stage and self.ids.slugs.get(a.current_stage_id or "") != stage:
                continue
            keyed.append((hex_id(a.id), a))
        render = functools.partial(self.render.candidate, detail=False)
        if not email:
            return self._page(request, R.CANDIDATE, KEYSET.window(request.query_params, keyed, render))
        # the address filter reads the rendered address (primary first), so it renders every match
        rendered = [(key, render(a)) for key, a in keyed]
        matching = [pair for pair in rendered if (pair[1]["email"] or "").casefold() == email.casefold()]
        return self._page(request, R.CANDIDATE, matching)

    async def candidates(self, request: Request) -> Response:
        return self._candidates(request, None)

    async def job_candidates(self, request: Request) -> Response:
        job = self._job(request.path_params["id"])
        return self._candidates(request, job) if job else self.server.fail(404)

    async def activities(self, request: Request) -> Response:
        a = self._application(request.path_params["candidate_id"])
        if a is None:
            return self.server.fail(404)
        # Workable keeps activities per job-scoped candidate, the sandbox per person: they are
        # shown on the person's first application
        person = self.data.get(R.CANDIDATE, a.candidate_id or "")
        home = min(person.application_ids or ("",)) if isinstance(person, CandidateRecord) else None
        shown = (
            self.data.children(R.ACTIVITY, "candidate").get(a.candidate_id or "", ()) if home == a.id else ()
        )
        items = [(hex_id(x.id), ACTIVITY.render(x, self.render.wire)) for x in shown]
        return self._page(request, R.ACTIVITY, items)

    def latest_offer(self, application_id: str) -> OfferRecord | None:
        offers = self.data.children(R.OFFER, "application").get(application_id, ())
        typed = [o for o in offers if isinstance(o, OfferRecord)]
        oldest = datetime.min.replace(tzinfo=UTC)
        return max(typed, key=lambda o: (o.created_at or oldest, o.id), default=None)

    # -- jobs ------------------------------------------------------------------------------------
    async def jobs(self, request: Request) -> Response:
        q = request.query_params
        asked = self.server.filters(WorkableAdapter.endpoints(R.JOB), request)
        described = "full_description" in (q.get("include_fields") or "")
        items = []
        for j in cast("list[JobRecord]", filtered(R.JOB, self.data.records(R.JOB), asked)):
            payload = self.render.job(j, description=False)
            if described:
                payload["full_description"] = j.description
            if q.get("state") and payload["state"] != q.get("state"):
                continue
            items.append((payload["id"], payload))
        return self._page(request, R.JOB, items)

    # -- account-wide ----------------------------------------------------------------------------
    async def members(self, request: Request) -> Response:
        status = request.query_params.get("status", "active")
        email = self.server.filters(WorkableAdapter.endpoints(R.USER), request).get(F.EMAIL)
        items = []
        for u in self.data.records(R.USER):
            payload = USER.render(u, self.render.wire)
            if status != "all" and payload["active"] != (status == "active"):
                continue
            if email and (payload["email"] or "").casefold() != email.casefold():
                continue
            items.append((payload["id"], payload))
        return self._page(request, R.USER, items)

    def routes(self) -> dict[str, Any]:
        """A handler for every path the adapter declares (``SimServer.app`` checks it)."""
        wire, missing = self.render.wire, functools.partial(self.server.fail, 404)
        job = functools.partial(by_id_handler, self._job, missing=missing)
        candidate, stages = (WorkableAdapter.endpoints(r) for r in (R.CANDIDATE, R.JOB_INTERVIEW_STAGE))
        return {
            "/candidates": self.candidates,
            "/candidates/{id}": by_id_handler(
                self.candidate_of,
                lambda a: {candidate.record or "": self.render.candidate(a, detail=True)},
                missing,
            ),
            "/candidates/{candidate_id}/activities": self.activities,
            "/candidates/{id}/offer": by_id_handler(
                self._application, lambda a: self.render.offer(a, self.latest_offer(a.id)), missing
            ),
            "/jobs": self.jobs,
            "/jobs/{id}": job(lambda j: self.render.job(j, description=True)),
            "/jobs/{id}/stages": job(lambda j: {stages.items or "": self.render.stages(j.id)}),
            "/jobs/{id}/application_form": job(lambda j: self.render.application_form(j.id)),
            "/departments": answer(
                lambda: [DEPARTMENT.render(d, wire) for d in self.data.records(R.DEPARTMENT)]
            ),
            "/disqualification_reasons": answer(
                lambda: [
                    {**REJECT_REASON.render(r, wire), "position": i}
                    for i, r in enumerate(self.data.records(R.REJECT_REASON), 1)
                ]
            ),
            "/members": self.members,
            "/events": self.events,
            "/events/{id}": by_id_handler(self._interview, self.render.event, missing),
        }

    async def account(self, request: Request) -> Response:
        if request.path_params["subdomain"] != self.subdomain:
            return self.server.fail(404)
        org = next(iter(self.data.records(R.ORGANIZATION)), None)
        found = (
            ORGANIZATION.render(org, self.render.wire)
            if org
            else {**ORGANIZATION.template, "id": "0", "name": None}
        )
        return JSONResponse({**found, "subdomain": self.subdomain})

    # -- events ----------------------------------------------------------------------------------
    async def events(self, request: Request) -> Response:
        q, e = request.query_params, WorkableAdapter.endpoints(R.INTERVIEW)
        cancelled = q.get("include_cancelled", "false").lower() == "true"
        candidate = self.server.filters(e, request).get(F.CANDIDATE_ID)
        interviews = self.interviews(candidate, q.get(e.children["job"].param or ""))
        keyed = [
            (hex_id(i.id), i) for i in interviews if cancelled or i.status is not InterviewStatus.CANCELLED
        ]
        return self._page(request, R.INTERVIEW, KEYSET.window(request.query_params, keyed, self.render.event))

    # -- record-level filters, so that a listing renders only its page ----------------------------
    # Rendering every event to compare its ``candidate.id`` and ``job.shortcode`` with the query
    # costs more CPU per request than the gateway it serves: these select the same records
    # through the dataset's indexes (a Workable id matches a record exactly when the id the
    # renderer would give it is that string; an event names its application and job only when
    # they exist).
    def interviews(self, candidate: str | None, code: str | None) -> Sequence[InterviewRecord]:
        """Interviews by the ``candidate_id`` and ``shortcode`` filters of ``GET /events``."""
        found: Sequence[Any] = self.data.records(R.INTERVIEW)
        for parent, wanted, record in (
            ("application", candidate, self._application(candidate or "")),
            ("job", code, self._job(code or "")),
        ):
            if wanted:
                exact = record is not None and self.ids.adapter_id(Resource(parent), record.id) == wanted
                under = self.data.children(R.INTERVIEW, parent).get(record.id, ()) if record and exact else ()
                keep = {id(i) for i in under}
                found = [i for i in found if id(i) in keep]
        return found
