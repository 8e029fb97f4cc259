"""The Ashby adapter: RPC reads, parsed into ``payloads``, mapped by ``mapping``.

Batch strategy (Ashby has no ids filter on any read):
- ``candidate.info``, ``application.info``, ``job.info``, ``user.info``, ``offer.info``,
  ``interviewStage.info``, ``jobInterviewPlan.info`` and ``candidate.listNotes`` take ONE id:
  get-many and by-parent reads issue them concurrently (``HttpAdapter.fan_out``), one call per id.
- Interviews, offers and scorecards by application use the lists' native ``applicationId``
  filter (one listing per application, run concurrently by ``ProviderAdapter.list_children``);
  by candidate, ``candidate.info`` first gives the candidate's applications.
- Departments, locations (offices), archive reasons and candidate tags are small
  organisation-wide lists: get-many reads the list once (following cursors) and picks ids.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import ClassVar, Final, TypeVar

import httpx

from providers.base import Connection
from providers.filters import matches
from providers.query import FilterName, ListQuery, Page
from providers.records import (
    ApplicationRecord,
    AttachmentRecord,
    CandidateRecord,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    Record,
    Resource,
    TagRecord,
)

from ..auth import Basic
from ..cache import Cached
from ..kit.times import to_epoch_ms
from ..simulation import Simulation
from . import mapping as m
from . import mapping_org as mo
from .auth import AshbyCredentials
from .calls import CALL_MODEL
from .client import given
from .payloads import AshbyApplication, AshbyCandidate, AshbyInterviewStage
from .payloads_org import AshbyJob, AshbyJobInterviewPlan, AshbyJobPosting, AshbyJobPostingSummary
from .process import AshbyProcessReads

R = TypeVar("R", bound=Record)
F = FilterName

JOB_STATUSES: Final = ["Draft", "Open", "Closed", "Archived"]
"""``job.list`` leaves drafts out unless asked; we list every status."""

POSTINGS_TTL_S: Final = 60.0
"""How long one ``jobPosting.list`` serves the jobs read after it (per adapter): every depth
and concurrent query within a minute shares it, and a posting published or taken down shows
in job URLs and form fields at most a minute late."""


def _epoch_ms(value: datetime) -> int:
    return int(to_epoch_ms(value))


class AshbyAdapter(AshbyProcessReads):
    """Ashby (https://developers.ashbyhq.com): RPC-style ``POST /<object>.<method>`` reads."""

    name: ClassVar[str] = "ashby"
    title: ClassVar[str] = "Ashby"
    docs_url: ClassVar[str] = "https://developers.ashbyhq.com/reference"
    credentials_model = AshbyCredentials
    default_base_url: ClassVar[str | None] = "https://api.ashbyhq.com"
    max_batch_size: ClassVar[int] = 50
    """Ashby's info calls take one id; a batch of 50 ids is 50 concurrent calls."""
    max_page_size: ClassVar[int] = 100
    auth_schemes = (Basic(username="api_key"),)
    call_model = CALL_MODEL
    cpu_probe_first = 11  # issue 11's shape: 25 upstream calls at the default dataset size
    rate_limit = None  # undocumented: only Retry-After and an exhausted Remaining + Reset are obeyed
    native_filters: ClassVar[Mapping[Resource, frozenset[FilterName]]] = {
        Resource.CANDIDATE: frozenset({F.EMAIL}),  # candidate.search {email}
        Resource.APPLICATION: frozenset({F.CREATED_AFTER, F.JOB_ID, F.CANDIDATE_ID}),
        Resource.USER: frozenset({F.EMAIL}),  # user.search {email}
        Resource.INTERVIEW: frozenset({F.APPLICATION_ID, F.STAGE_ID}),  # interviewSchedule.list
        Resource.OFFER: frozenset({F.APPLICATION_ID}),  # offer.list
        Resource.SCORECARD: frozenset({F.APPLICATION_ID}),  # applicationFeedback.list
        Resource.JOB_FORM_FIELD: frozenset({F.JOB_ID}),
    }

    def __init__(self, connection: Connection, http: httpx.AsyncClient | None = None) -> None:
        super().__init__(connection, http)
        self._posting_list: Cached[str, dict[str, list[AshbyJobPostingSummary]]] = Cached(POSTINGS_TTL_S)

    fields: ClassVar[Mapping[Resource, frozenset[str]]] = {
        Resource.CANDIDATE: frozenset(
            {
                "name",
                "company",
                "title",
                "locations",
                "phones",
                "emails",
                "urls",
                "tags",
                "applications",
                "attachments",
                "created_at",
                "updated_at",
            }
        ),
        Resource.APPLICATION: Resource.APPLICATION.field_names(),  # every field of the model
        Resource.ATTACHMENT: frozenset({"file_name", "candidate", "application", "attachment_type"}),
        Resource.JOB: frozenset(
            {
                "name",
                "requisition_id",
                "status",
                "locations",
                "job_posting_urls",
                "confidential",
                "departments",
                "offices",
                "hiring_managers",
                "recruiters",
                "is_remote",
                "job_type",
                "created_at",
                "updated_at",
                "opened_at",
                "closed_at",
            }
        ),
        Resource.DEPARTMENT: frozenset({"name", "parent", "status", "created_at", "updated_at"}),
        Resource.OFFICE: frozenset({"name", "parent", "location", "is_remote"}),
        Resource.USER: frozenset(
            {"first_name", "last_name", "name", "emails", "disabled", "access_role", "updated_at"}
        ),
        Resource.TAG: frozenset({"name"}),
        Resource.REJECT_REASON: frozenset({"name"}),
        Resource.JOB_INTERVIEW_STAGE: frozenset({"name", "status", "job", "position"}),
        Resource.INTERVIEW: frozenset(
            {
                "application",
                "job_interview_stage",
                "interviewers",
                "location",
                "start_at",
                "end_at",
                "status",
                "created_at",
            }
        ),
        Resource.OFFER: frozenset(
            {"application", "creator", "closed_at", "start_date", "status", "created_at", "updated_at"}
        ),
        Resource.SCORECARD: frozenset({"application", "interviewer", "submitted_at", "form_values"}),
        Resource.ACTIVITY: frozenset({"candidate", "actor", "activity_type", "body", "created_at"}),
        Resource.JOB_FORM_FIELD: frozenset(
            {"name", "job", "label", "index", "is_required", "description", "type", "options", "group_name"}
        ),
    }

    # -- candidates --------------------------------------------------------------------

    @classmethod
    def simulation(cls) -> Simulation:
        from .simulator import SIMULATION

        return SIMULATION

    async def list_candidates(self, query: ListQuery) -> Page[CandidateRecord]:
        flt = query.filter
        if flt.email is not None:  # candidate.search: at most 100 results, no paging
            found, _ = await self.fetch_page(
                AshbyCandidate, *self.rpc("candidate.search", Resource.CANDIDATE), params={"email": flt.email}
            )
            records = [m.to_candidate(c) for c in found]
            return Page([r for r in records if matches(Resource.CANDIDATE, r, flt, [F.EMAIL])])
        items, cursor = await self.fetch_query_page(
            AshbyCandidate, *self.rpc("candidate.list", Resource.CANDIDATE), query
        )
        return Page([m.to_candidate(c) for c in items], cursor)

    async def get_candidates(self, ids: Sequence[str]) -> Sequence[CandidateRecord | None]:
        async def one(i: str) -> CandidateRecord | None:
            p = await self.fetch_one(
                AshbyCandidate, *self.rpc("candidate.info", Resource.CANDIDATE), {"id": i}
            )
            return m.to_candidate(p) if p else None

        return await self.fan_out(one, ids)  # concurrent: candidate.info takes one id

    async def _embedded_by_candidate(self, ids: Sequence[str], kind: type[R]) -> Mapping[str, Sequence[R]]:
        candidates = await self.get_candidates(ids)
        return {
            i: [e for e in c.embedded if isinstance(e, kind)] if c else []
            for i, c in zip(ids, candidates, strict=True)
        }

    async def list_tags_by_candidate_ids(self, ids: Sequence[str]) -> Mapping[str, Sequence[TagRecord]]:
        return await self._embedded_by_candidate(ids, TagRecord)

    async def list_attachments_by_candidate_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[AttachmentRecord]]:
        return await self._embedded_by_candidate(ids, AttachmentRecord)

    # -- applications ------------------------------------------------------------------
    async def list_applications(self, query: ListQuery) -> Page[ApplicationRecord]:
        flt = query.filter
        if flt.candidate_id is not None:
            # application.list has no candidate filter: candidate.info gives the ids, then one
            # application.info per id (concurrently); the other filters are applied here.
            found = (await self.list_applications_by_candidate_ids([flt.candidate_id]))[flt.candidate_id]
            names = [F.CREATED_AFTER, F.JOB_ID]
            return Page([r for r in found if matches(Resource.APPLICATION, r, flt, names)])
        created_after = _epoch_ms(flt.created_after) if flt.created_after else None
        body = given(createdAfter=created_after, jobId=flt.job_id)
        items, cursor = await self.fetch_query_page(
            AshbyApplication, *self.rpc("application.list", Resource.APPLICATION), query, params=body
        )
        records = [m.to_application(a) for a in items]
        # createdAfter is in ms and its bound may be inclusive: keep the unified strict ">".
        return Page([r for r in records if matches(Resource.APPLICATION, r, flt, [F.CREATED_AFTER])], cursor)

    async def get_applications(self, ids: Sequence[str]) -> Sequence[ApplicationRecord | None]:
        async def one(i: str) -> ApplicationRecord | None:
            body = {"applicationId": i}
            p = await self.fetch_one(
                AshbyApplication, *self.rpc("application.info", Resource.APPLICATION), body
            )
            return m.to_application(p) if p else None

        return await self.fan_out(one, ids)  # concurrent: application.info takes one id

    async def list_applications_by_candidate_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ApplicationRecord]]:
        # Level 1: candidate.info per candidate (applicationIds); level 2: application.info per id.
        candidates = await self.get_candidates(ids)
        wanted = [a for c in candidates if c for a in (c.application_ids or ())]
        found = {a.id: a for a in await self.get_applications(list(dict.fromkeys(wanted))) if a}
        return {
            i: [found[a] for a in (c.application_ids or ()) if a in found] if c else []
            for i, c in zip(ids, candidates, strict=True)
        }

    async def list_attachments_by_application_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[AttachmentRecord]]:
        applications = await self.get_applications(ids)  # application.info ships resumeFileHandle
        return {
            i: [e for e in a.embedded if isinstance(e, AttachmentRecord)] if a else []
            for i, a in zip(ids, applications, strict=True)
        }

    # -- a candidate's process records, through its applications ----------------------
    async def _by_candidate_via_applications(
        self, ids: Sequence[str], resource: Resource
    ) -> Mapping[str, Sequence[Record]]:
        """Level 1: candidate.info per candidate (its applicationIds); level 2: one listing
        filtered by ``applicationId`` per application. Both levels run concurrently."""
        candidates = await self.get_candidates(ids)
        app_ids = list(dict.fromkeys(a for c in candidates if c for a in c.application_ids or ()))
        by_app = await self.list_children(resource, "application", app_ids) if app_ids else {}
        return {
            i: [r for a in (c.application_ids or ()) for r in by_app.get(a, ())] if c else []
            for i, c in zip(ids, candidates, strict=True)
        }

    async def list_interviews_by_candidate_ids(self, ids: Sequence[str]) -> Mapping[str, Sequence[Record]]:
        return await self._by_candidate_via_applications(ids, Resource.INTERVIEW)

    async def list_offers_by_candidate_ids(self, ids: Sequence[str]) -> Mapping[str, Sequence[Record]]:
        return await self._by_candidate_via_applications(ids, Resource.OFFER)

    async def list_scorecards_by_candidate_ids(self, ids: Sequence[str]) -> Mapping[str, Sequence[Record]]:
        return await self._by_candidate_via_applications(ids, Resource.SCORECARD)

    # -- jobs --------------------------------------------------------------------------
    async def _postings(self) -> dict[str, list[AshbyJobPostingSummary]]:
        """Postings by job, from one ``jobPosting.list`` kept ``POSTINGS_TTL_S``: every job
        record carries its posting URLs (a record cannot know whether they are asked for)."""

        async def read() -> dict[str, list[AshbyJobPostingSummary]]:
            postings, _ = await self.fetch_page(
                AshbyJobPostingSummary, *self.rpc("jobPosting.list", Resource.JOB)
            )
            by_job: dict[str, list[AshbyJobPostingSummary]] = {}
            for posting in postings:
                by_job.setdefault(posting.job_id, []).append(posting)
            return by_job

        return await self._posting_list.get("jobPosting.list", read)

    async def list_jobs(self, query: ListQuery) -> Page[JobRecord]:
        body = {"status": JOB_STATUSES, "expand": ["location"]}
        (items, cursor), postings = await asyncio.gather(
            self.fetch_query_page(AshbyJob, *self.rpc("job.list", Resource.JOB), query, params=body),
            self._postings(),
        )
        return Page([mo.to_job(j, postings.get(j.id, ())) for j in items], cursor)

    async def get_jobs(self, ids: Sequence[str]) -> Sequence[JobRecord | None]:
        async def one(i: str) -> AshbyJob | None:
            body = {"id": i, "expand": ["location"]}
            return await self.fetch_one(AshbyJob, *self.rpc("job.info", Resource.JOB), body)

        # concurrent: job.info takes one id; one jobPosting.list for the posting URLs
        jobs, postings = await asyncio.gather(self.fan_out(one, ids), self._postings())
        return [mo.to_job(j, postings.get(j.id, ())) if j else None for j in jobs]

    async def list_job_interview_stages_by_job_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[JobInterviewStageRecord]]:
        async def one(i: str) -> list[JobInterviewStageRecord]:
            body = {"jobId": i}
            call = self.rpc("jobInterviewPlan.info", Resource.JOB_INTERVIEW_STAGE)
            plan = await self.fetch_one(AshbyJobInterviewPlan, *call, body)
            return [m.to_job_interview_stage(s, job_id=i) for s in plan.stages] if plan else []

        return dict(zip(ids, await self.fan_out(one, ids), strict=True))  # concurrent: one job per call

    async def get_job_interview_stages(self, ids: Sequence[str]) -> Sequence[JobInterviewStageRecord | None]:
        async def one(i: str) -> JobInterviewStageRecord | None:
            body = {"interviewStageId": i}
            call = self.rpc("interviewStage.info", Resource.JOB_INTERVIEW_STAGE)
            p = await self.fetch_one(AshbyInterviewStage, *call, body)
            return m.to_job_interview_stage(p) if p else None

        return await self.fan_out(one, ids)  # concurrent: interviewStage.info takes one id

    async def list_job_form_fields_by_job_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[JobFormFieldRecord]]:
        # Level 1: one jobPosting.list; level 2: jobPosting.info per posting of these jobs.
        postings = await self._postings()
        wanted = [p.id for i in ids for p in postings.get(i, ())]

        async def one(posting_id: str) -> AshbyJobPosting | None:
            body = {"jobPostingId": posting_id}
            call = self.rpc("jobPosting.info", Resource.JOB_FORM_FIELD)
            return await self.fetch_one(AshbyJobPosting, *call, body)

        out: dict[str, list[JobFormFieldRecord]] = {i: [] for i in ids}
        for posting in await self.fan_out(one, wanted):
            if posting and posting.job_id in out:
                out[posting.job_id].extend(mo.to_job_form_fields(posting))
        return out

    async def list_job_form_fields(self, query: ListQuery) -> Page[JobFormFieldRecord]:
        job_ids = [query.filter.job_id] if query.filter.job_id else list((await self._postings()).keys())
        by_job = await self.list_job_form_fields_by_job_ids(job_ids)
        return Page([f for i in job_ids for f in by_job[i]])
