"""The Workable SPI v3 adapter (https://workable.readme.io/reference).

Identity choices (see ``mapping.py``): a Workable candidate is job-scoped, so it is both the
unified Candidate and its one Application (same id); jobs are identified by ``shortcode``;
stages by ``<shortcode>:<slug>``; form fields by ``<shortcode>:<key>``; an offer (a
candidate's latest, which has no id of its own) by its candidate's id; a tag by its name.

Batch strategy: Workable has no ids filter, so ``get_*`` by id fans out one request per id
(``/candidates/{id}``, ``/jobs/{shortcode}``, ``/events/{id}``...) concurrently, at most
``fan_out_limit`` in flight; account-wide lists (departments, disqualification reasons,
members) and each job's stages are read whole, kept per adapter for ``client.TABLES_TTL_S``
(concurrent misses share one read) and picked from.

Not served (no such endpoint, or none with a readable shape): offices, EEOC, scorecards (only
rating writes exist), attachments (``/candidates/{id}/files`` items carry no id and were only
recorded empty).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

import httpx

from ..auth import BearerHeader
from ..base import Connection
from ..filters import matches
from ..kit.adapter import pick
from ..kit.times import iso_z_seconds
from ..query import Filter, FilterName, ListQuery, Page
from ..records import (
    ActivityRecord,
    ApplicationRecord,
    CandidateRecord,
    DepartmentRecord,
    InterviewRecord,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    OfferRecord,
    OrganizationRecord,
    Record,
    RejectReasonRecord,
    Resource,
    TagRecord,
    UserRecord,
)
from ..resilience.policy import RateLimit
from ..simulation import Simulation
from .auth import WorkableCredentials
from .calls import CALL_MODEL
from .capabilities import _AFTER, COVERAGE_NOTES, FIELDS, NATIVE_FILTERS
from .client import WorkableBase
from .directory import Directory
from .form_fields import to_job_form_fields
from .mapping import (
    has_offer,
    split_stage_id,
    to_activity,
    to_application,
    to_candidate,
    to_department,
    to_interview,
    to_job,
    to_job_interview_stage,
    to_offer,
    to_organization,
    to_reject_reason,
    to_tag,
    to_user,
)
from .payloads import WorkableCandidate, WorkableEvent, WorkableJob, WorkableMember

F = FilterName
R = Resource


class WorkableAdapter(WorkableBase):
    """Workable: Bearer token + account subdomain; see the module docstring."""

    name: ClassVar[str] = "workable"
    title: ClassVar[str] = "Workable"
    docs_url: ClassVar[str] = "https://workable.readme.io/reference"
    credentials_model = WorkableCredentials
    default_base_url: ClassVar[str | None] = None
    """Built from the subdomain: ``https://{subdomain}.workable.com/spi/v3``."""
    max_batch_size: ClassVar[int] = 50
    """No endpoint takes several ids: a batch is this many concurrent single reads."""
    max_page_size: ClassVar[int] = 100
    auth_schemes = (BearerHeader(credential="api_token"),)  # partners add X-WORKABLE-CLIENT-ID
    call_model = CALL_MODEL
    rate_limit = RateLimit(requests=10, per_s=10.0)  # account tokens (OAuth: 50, from the headers)
    native_filters: ClassVar[Mapping[Resource, frozenset[FilterName]]] = NATIVE_FILTERS
    fields: ClassVar[Mapping[Resource, frozenset[str]]] = FIELDS
    coverage_notes: ClassVar[tuple[str, ...]] = COVERAGE_NOTES

    @classmethod
    def simulation(cls) -> Simulation:
        from .simulator import SIMULATION

        return SIMULATION

    def __init__(self, connection: Connection, http: httpx.AsyncClient | None = None) -> None:
        super().__init__(connection, http)
        self.directory = Directory(self.job_stages, self.disqualification_reasons)

    # -- helpers --------------------------------------------------------------------------
    def _require(self, value: str | None, resource: Resource, argument: str) -> str:
        if value is None:
            raise self._unsupported(resource, f"listing {resource.plural} without a {argument} filter")
        return value

    @staticmethod
    def _keep(
        resource: Resource, records: Iterable[Record], flt: Filter, names: Iterable[FilterName]
    ) -> list[Any]:
        """Re-check native filters whose upstream semantics may be looser (inclusive bounds,
        case): the unified meaning (``query.Filter``) is exact."""
        names = frozenset(names)
        return [r for r in records if matches(resource, r, flt, names)]

    # -- candidates and applications --------------------------------------------------------
    async def _candidate_page(
        self, query: ListQuery, resource: Resource
    ) -> tuple[list[WorkableCandidate], str | None]:
        flt = query.filter
        params: dict[str, Any] = {}
        if flt.created_after is not None:
            params["created_after"] = iso_z_seconds(flt.created_after)
        if flt.updated_after is not None:
            params["updated_after"] = iso_z_seconds(flt.updated_after)
        if resource is R.CANDIDATE and flt.email is not None:
            params["email"] = flt.email
        job = flt.job_id
        if resource is R.APPLICATION and flt.stage_id is not None:
            stage = split_stage_id(flt.stage_id)
            if stage is None or (job is not None and job != stage[0]):
                return [], None
            job, params["stage"] = stage
        if job is not None:
            params["shortcode"] = job
        ctx = self.ctx(resource, "list")
        return await self.fetch_query_page(
            WorkableCandidate, "/candidates", ctx, query, params=params, field="candidates"
        )

    async def list_candidates(self, query: ListQuery) -> Page[CandidateRecord]:
        found, after = await self._candidate_page(query, R.CANDIDATE)
        lookups = await self.directory.lookups(found)
        records = [to_candidate(p, lookups) for p in found]
        return Page(self._keep(R.CANDIDATE, records, query.filter, _AFTER | {F.EMAIL}), after)

    async def _candidates(self, ids: Sequence[str], resource: Resource) -> list[WorkableCandidate | None]:
        # Per-id endpoint only: one GET /candidates/{id} per id, concurrently.
        return await self.fan_out(lambda i: self.candidate(i, resource.value), ids)

    async def get_candidates(self, ids: Sequence[str]) -> Sequence[CandidateRecord | None]:
        payloads = await self._candidates(ids, R.CANDIDATE)
        lookups = await self.directory.lookups(p for p in payloads if p)
        return [to_candidate(p, lookups) if p else None for p in payloads]

    async def list_applications(self, query: ListQuery) -> Page[ApplicationRecord]:
        flt = query.filter
        if flt.candidate_id is not None:  # the application *is* the candidate
            (found,) = await self.get_applications([flt.candidate_id])
            keep = found is not None and matches(R.APPLICATION, found, flt, flt.active())
            return Page([found] if keep and found else [])
        candidates, after = await self._candidate_page(query, R.APPLICATION)
        lookups = await self.directory.lookups(candidates)
        records = [to_application(p, lookups) for p in candidates]
        return Page(self._keep(R.APPLICATION, records, flt, _AFTER), after)

    async def get_applications(self, ids: Sequence[str]) -> Sequence[ApplicationRecord | None]:
        payloads = await self._candidates(ids, R.APPLICATION)
        lookups = await self.directory.lookups(p for p in payloads if p)
        return [to_application(p, lookups) if p else None for p in payloads]

    async def list_tags_by_candidate_ids(self, ids: Sequence[str]) -> Mapping[str, Sequence[TagRecord]]:
        # Tags appear only on the candidate detail: one GET /candidates/{id} per id, concurrently.
        payloads = await self._candidates(ids, R.TAG)
        return {
            i: [to_tag(t) for t in (p.tags or ())] if p else [] for i, p in zip(ids, payloads, strict=True)
        }

    async def get_tags(self, ids: Sequence[str]) -> Sequence[TagRecord | None]:
        """A Workable tag is nothing but its name, which is its id: no call is needed."""
        return [to_tag(i) if i else None for i in ids]

    # -- jobs, stages, form fields -------------------------------------------------------------
    async def list_jobs(self, query: ListQuery) -> Page[JobRecord]:
        flt = query.filter
        # include_fields: https://workable.readme.io/reference/jobs (description is detail-only otherwise).
        params: dict[str, Any] = {"include_fields": "full_description"}
        if flt.created_after is not None:
            params["created_after"] = iso_z_seconds(flt.created_after)
        if flt.updated_after is not None:
            params["updated_after"] = iso_z_seconds(flt.updated_after)
        ctx = self.ctx(R.JOB, "list")
        jobs, after = await self.fetch_query_page(
            WorkableJob, "/jobs", ctx, query, params=params, field="jobs"
        )
        return Page(self._keep(R.JOB, [to_job(p) for p in jobs], flt, _AFTER), after)

    async def get_jobs(self, ids: Sequence[str]) -> Sequence[JobRecord | None]:
        # Per-shortcode endpoint only: one GET /jobs/{shortcode} per id, concurrently.
        payloads = await self.fan_out(self.job, ids)
        return [to_job(p) if p else None for p in payloads]

    async def _stages(self, shortcode: str) -> list[JobInterviewStageRecord]:
        stages = await self.job_stages(shortcode)
        if stages is None:
            return []
        return [to_job_interview_stage(s, shortcode) for s in stages]

    async def list_job_interview_stages(self, query: ListQuery) -> Page[JobInterviewStageRecord]:
        job = self._require(query.filter.job_id, R.JOB_INTERVIEW_STAGE, "jobId")
        return Page(await self._stages(job))

    async def list_job_interview_stages_by_job_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[JobInterviewStageRecord]]:
        # One GET /jobs/{shortcode}/stages per job, concurrently.
        return dict(zip(ids, await self.fan_out(self._stages, ids), strict=True))

    async def get_job_interview_stages(self, ids: Sequence[str]) -> Sequence[JobInterviewStageRecord | None]:
        jobs = sorted({stage[0] for i in ids if (stage := split_stage_id(i))})
        by_job = await self.list_job_interview_stages_by_job_ids(jobs)
        return pick([r for records in by_job.values() for r in records], ids)

    async def _form_fields(self, shortcode: str) -> list[JobFormFieldRecord]:
        form = await self.application_form(shortcode)
        return to_job_form_fields(form, shortcode) if form else []

    async def list_job_form_fields(self, query: ListQuery) -> Page[JobFormFieldRecord]:
        job = self._require(query.filter.job_id, R.JOB_FORM_FIELD, "jobId")
        return Page(await self._form_fields(job))

    async def list_job_form_fields_by_job_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[JobFormFieldRecord]]:
        # One GET /jobs/{shortcode}/application_form per job, concurrently.
        return dict(zip(ids, await self.fan_out(self._form_fields, ids), strict=True))

    async def get_job_form_fields(self, ids: Sequence[str]) -> Sequence[JobFormFieldRecord | None]:
        jobs = sorted({i.partition(":")[0] for i in ids if ":" in i})
        by_job = await self.list_job_form_fields_by_job_ids(jobs)
        return pick([r for records in by_job.values() for r in records], ids)

    # -- account-wide lists (one call, not paged) ------------------------------------------------
    async def list_departments(self, query: ListQuery) -> Page[DepartmentRecord]:
        return Page([to_department(d) for d in await self.departments()])

    async def get_departments(self, ids: Sequence[str]) -> Sequence[DepartmentRecord | None]:
        return pick([to_department(d) for d in await self.departments()], ids)

    async def list_departments_by_parent_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[DepartmentRecord]]:
        records = [to_department(d) for d in await self.departments()]
        return {i: [r for r in records if r.parent_id == i] for i in ids}

    async def list_reject_reasons(self, query: ListQuery) -> Page[RejectReasonRecord]:
        return Page([to_reject_reason(r) for r in await self.disqualification_reasons()])

    async def get_reject_reasons(self, ids: Sequence[str]) -> Sequence[RejectReasonRecord | None]:
        return pick([to_reject_reason(r) for r in await self.disqualification_reasons()], ids)

    async def list_organizations(self, query: ListQuery) -> Page[OrganizationRecord]:
        account = await self.account()
        return Page([to_organization(account)] if account else [])

    async def get_organizations(self, ids: Sequence[str]) -> Sequence[OrganizationRecord | None]:
        account = await self.account()
        record = to_organization(account) if account else None
        return [record if record and record.id == i else None for i in ids]

    # -- users -------------------------------------------------------------------------------------
    async def list_users(self, query: ListQuery) -> Page[UserRecord]:
        # status=all: the default lists active members only (https://workable.readme.io/reference/members).
        params: dict[str, Any] = {"status": "all"}
        if query.filter.email is not None:
            params["email"] = query.filter.email
        ctx = self.ctx(R.USER, "list")
        members, after = await self.fetch_query_page(
            WorkableMember, "/members", ctx, query, params=params, field="members"
        )
        return Page(self._keep(R.USER, [to_user(m) for m in members], query.filter, {F.EMAIL}), after)

    async def get_users(self, ids: Sequence[str]) -> Sequence[UserRecord | None]:
        # No /members/{id}: read every member (100 a page) once and pick.
        return pick([to_user(m) for m in await self.all_members()], ids)

    # -- interviews (scheduled events) -----------------------------------------------------------
    async def list_interviews(self, query: ListQuery) -> Page[InterviewRecord]:
        flt = query.filter
        who = {i for i in (flt.candidate_id, flt.application_id) if i is not None}
        if len(who) > 1:  # an application's id is its candidate's id
            return Page([])
        params: dict[str, Any] = {"include_cancelled": "true"}
        if who:
            params["candidate_id"] = who.pop()
        ctx = self.ctx(R.INTERVIEW, "list")
        events, after = await self.fetch_query_page(
            WorkableEvent, "/events", ctx, query, params=params, field="events"
        )
        return Page([to_interview(e) for e in events], after)

    async def get_interviews(self, ids: Sequence[str]) -> Sequence[InterviewRecord | None]:
        # Per-id endpoint only: one GET /events/{id} per id, concurrently.
        payloads = await self.fan_out(self.event, ids)
        return [to_interview(p) if p else None for p in payloads]

    async def _job_interviews(self, shortcode: str) -> list[InterviewRecord]:
        params = {"limit": 100, "include_cancelled": "true", "shortcode": shortcode}
        ctx = self.ctx(R.INTERVIEW, "list")
        events = await self.fetch_all(WorkableEvent, "/events", ctx, params=params, field="events")
        return [to_interview(e) for e in events]

    async def list_interviews_by_job_ids(self, ids: Sequence[str]) -> Mapping[str, Sequence[InterviewRecord]]:
        # GET /events?shortcode= per job (every page), jobs concurrently.
        return dict(zip(ids, await self.fan_out(self._job_interviews, ids), strict=True))

    # -- activities and offers (per candidate) --------------------------------------------------
    async def list_activities(self, query: ListQuery) -> Page[ActivityRecord]:
        candidate_id = self._require(query.filter.candidate_id, R.ACTIVITY, "candidateId")
        activities, after = await self.activities(candidate_id, query.cursor)
        return Page([to_activity(a, candidate_id) for a in activities], after)

    async def _offer(self, candidate_id: str) -> OfferRecord | None:
        payload = await self.offer(candidate_id)
        return to_offer(payload, candidate_id) if payload is not None and has_offer(payload) else None

    async def list_offers(self, query: ListQuery) -> Page[OfferRecord]:
        flt = query.filter
        who = {i for i in (flt.candidate_id, flt.application_id) if i is not None}
        if not who:
            raise self._unsupported(R.OFFER, "listing offers without a candidateId or applicationId filter")
        if len(who) > 1:
            return Page([])
        offer = await self._offer(who.pop())
        return Page([offer] if offer else [])

    async def get_offers(self, ids: Sequence[str]) -> Sequence[OfferRecord | None]:
        # An offer's id is its candidate's: one GET /candidates/{id}/offer per id, concurrently.
        return await self.fan_out(self._offer, ids)
