"""Greenhouse resource methods for jobs and the hiring process (see ``adapter`` for the class)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..query import FilterName, ListQuery, Page
from ..records import (
    DepartmentRecord,
    InterviewRecord,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    OfferRecord,
    OfficeRecord,
    Resource,
    ScorecardRecord,
)
from .client import GreenhouseBase, is_greenhouse_id
from .mapping_jobs import (
    to_department,
    to_interview,
    to_job,
    to_job_form_fields,
    to_job_interview_stage,
    to_offer,
    to_office,
    to_scorecard,
)
from .payloads_jobs import (
    GreenhouseDepartment,
    GreenhouseJob,
    GreenhouseJobPost,
    GreenhouseJobStage,
    GreenhouseOffer,
    GreenhouseOffice,
    GreenhouseScheduledInterview,
    GreenhouseScorecard,
)

R = Resource
LIST = {"render_as": "list"}


class GreenhouseJobsMethods(GreenhouseBase):
    # -- jobs: GET /v1/jobs, /v1/jobs/{id} ---------------------------------------------------
    async def list_jobs(self, query: ListQuery) -> Page[JobRecord]:
        return await self.page(R.JOB, self.path("jobs"), query, GreenhouseJob, lambda j: [to_job(j)])

    async def get_jobs(self, ids: Sequence[str]) -> Sequence[JobRecord | None]:
        # No ids filter on /v1/jobs: per-id reads, concurrent.
        return await self.get_each(R.JOB, ids, lambda i: self.path("jobs", i), GreenhouseJob, to_job)

    # -- departments and offices: render_as=list gives parent_id / child_ids -----------------
    async def list_departments(self, query: ListQuery) -> Page[DepartmentRecord]:
        return await self.page(
            R.DEPARTMENT,
            self.path("departments"),
            query,
            GreenhouseDepartment,
            lambda d: [to_department(d)],
            extra=LIST,
        )

    async def get_departments(self, ids: Sequence[str]) -> Sequence[DepartmentRecord | None]:
        return await self.get_each(
            R.DEPARTMENT,
            ids,
            lambda i: self.path("departments", i) + "?render_as=list",
            GreenhouseDepartment,
            to_department,
        )

    async def list_departments_by_parent_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[DepartmentRecord]]:
        # No parent filter upstream: one read of the (small) department list, grouped here.
        every = await self.read_all(
            R.DEPARTMENT, self.path("departments"), GreenhouseDepartment, params={**LIST, "per_page": "500"}
        )
        records = [to_department(d) for d in every]
        return {i: [d for d in records if d.parent_id == i] for i in ids}

    async def list_offices(self, query: ListQuery) -> Page[OfficeRecord]:
        return await self.page(
            R.OFFICE, self.path("offices"), query, GreenhouseOffice, lambda o: [to_office(o)], extra=LIST
        )

    async def get_offices(self, ids: Sequence[str]) -> Sequence[OfficeRecord | None]:
        return await self.get_each(
            R.OFFICE, ids, lambda i: self.path("offices", i) + "?render_as=list", GreenhouseOffice, to_office
        )

    async def list_offices_by_parent_ids(self, ids: Sequence[str]) -> Mapping[str, Sequence[OfficeRecord]]:
        every = await self.read_all(
            R.OFFICE, self.path("offices"), GreenhouseOffice, params={**LIST, "per_page": "500"}
        )
        records = [to_office(o) for o in every]
        return {i: [o for o in records if o.parent_id == i] for i in ids}

    # -- job interview stages: /v1/job_stages, /v1/jobs/{id}/stages, /v1/job_stages/{id} -----
    async def list_job_interview_stages(self, query: ListQuery) -> Page[JobInterviewStageRecord]:
        job_id = query.filter.job_id
        if job_id is not None and query.cursor is None:
            # The per-job endpoint is not paginated and takes only the time filters.
            if not is_greenhouse_id(job_id):
                return Page([])
            return await self.page(
                R.JOB_INTERVIEW_STAGE,
                self.path("jobs", job_id, "stages"),
                query,
                GreenhouseJobStage,
                lambda s: [to_job_interview_stage(s)],
                exclude={FilterName.JOB_ID},
                paged=False,
            )
        return await self.page(
            R.JOB_INTERVIEW_STAGE,
            self.path("job_stages"),
            query,
            GreenhouseJobStage,
            lambda s: [to_job_interview_stage(s)],
        )

    async def get_job_interview_stages(self, ids: Sequence[str]) -> Sequence[JobInterviewStageRecord | None]:
        return await self.get_each(
            R.JOB_INTERVIEW_STAGE,
            ids,
            lambda i: self.path("job_stages", i),
            GreenhouseJobStage,
            to_job_interview_stage,
        )

    async def list_job_interview_stages_by_job_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[JobInterviewStageRecord]]:
        # Per-job endpoint only: one request per job, concurrent.
        async def stages(i: str) -> Sequence[JobInterviewStageRecord]:
            found = await self.read_all(
                R.JOB_INTERVIEW_STAGE, self.path("jobs", i, "stages"), GreenhouseJobStage
            )
            return [to_job_interview_stage(s) for s in found]

        return await self.per_parent(ids, stages)

    # -- job form fields: the questions[] of job posts -----------------------------------------
    async def list_job_form_fields(self, query: ListQuery) -> Page[JobFormFieldRecord]:
        job_id = query.filter.job_id
        if job_id is not None and query.cursor is None:
            if not is_greenhouse_id(job_id):
                return Page([])
            return await self.page(
                R.JOB_FORM_FIELD,
                self.path("jobs", job_id, "job_posts"),
                query,
                GreenhouseJobPost,
                to_job_form_fields,
                exclude={FilterName.JOB_ID},
                paged=False,
            )
        return await self.page(
            R.JOB_FORM_FIELD, self.path("job_posts"), query, GreenhouseJobPost, to_job_form_fields
        )

    async def list_job_form_fields_by_job_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[JobFormFieldRecord]]:
        # Per-job endpoint only (GET /v1/jobs/{id}/job_posts): one request per job, concurrent.
        async def fields(i: str) -> Sequence[JobFormFieldRecord]:
            posts = await self.read_all(
                R.JOB_FORM_FIELD, self.path("jobs", i, "job_posts"), GreenhouseJobPost
            )
            return [f for p in posts for f in to_job_form_fields(p)]

        return await self.per_parent(ids, fields)

    # -- scheduled interviews --------------------------------------------------------------
    async def list_interviews(self, query: ListQuery) -> Page[InterviewRecord]:
        return await self.page(
            R.INTERVIEW,
            self.path("scheduled_interviews"),
            query,
            GreenhouseScheduledInterview,
            lambda i: [to_interview(i)],
        )

    async def get_interviews(self, ids: Sequence[str]) -> Sequence[InterviewRecord | None]:
        return await self.get_each(
            R.INTERVIEW,
            ids,
            lambda i: self.path("scheduled_interviews", i),
            GreenhouseScheduledInterview,
            to_interview,
        )

    async def list_interviews_by_application_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[InterviewRecord]]:
        # Per-application endpoint only: one request (chain) per application, concurrent.
        async def interviews(i: str) -> Sequence[InterviewRecord]:
            found = await self.read_all(
                R.INTERVIEW,
                self.path("applications", i, "scheduled_interviews"),
                GreenhouseScheduledInterview,
                params={"per_page": "500"},
            )
            return [to_interview(s) for s in found]

        return await self.per_parent(ids, interviews)

    # -- scorecards ------------------------------------------------------------------------
    async def list_scorecards(self, query: ListQuery) -> Page[ScorecardRecord]:
        return await self.page(
            R.SCORECARD, self.path("scorecards"), query, GreenhouseScorecard, lambda s: [to_scorecard(s)]
        )

    async def get_scorecards(self, ids: Sequence[str]) -> Sequence[ScorecardRecord | None]:
        return await self.get_each(
            R.SCORECARD, ids, lambda i: self.path("scorecards", i), GreenhouseScorecard, to_scorecard
        )

    async def list_scorecards_by_application_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ScorecardRecord]]:
        # Per-application endpoint only: one request per application, concurrent.
        async def scorecards(i: str) -> Sequence[ScorecardRecord]:
            found = await self.read_all(
                R.SCORECARD, self.path("applications", i, "scorecards"), GreenhouseScorecard
            )
            return [to_scorecard(s) for s in found]

        return await self.per_parent(ids, scorecards)

    # -- offers ------------------------------------------------------------------------------
    async def list_offers(self, query: ListQuery) -> Page[OfferRecord]:
        return await self.page(R.OFFER, self.path("offers"), query, GreenhouseOffer, lambda o: [to_offer(o)])

    async def get_offers(self, ids: Sequence[str]) -> Sequence[OfferRecord | None]:
        return await self.get_each(R.OFFER, ids, lambda i: self.path("offers", i), GreenhouseOffer, to_offer)

    async def list_offers_by_application_ids(self, ids: Sequence[str]) -> Mapping[str, Sequence[OfferRecord]]:
        # Per-application endpoint only: one request (chain) per application, concurrent.
        async def offers(i: str) -> Sequence[OfferRecord]:
            found = await self.read_all(
                R.OFFER, self.path("applications", i, "offers"), GreenhouseOffer, params={"per_page": "500"}
            )
            return [to_offer(o) for o in found]

        return await self.per_parent(ids, offers)
