"""The Ashby adapter (https://developers.ashbyhq.com/reference), declared on the kit
(``providers/kit/resources.py``); what is written here is Ashby's own:

- an RPC transport: every read is ``POST /<object>.<method>`` with a JSON body (filters and
  paging included) answered in an envelope that can fail with HTTP 200 (:meth:`call`), and an
  id travels in that body, never in a path (``kit/rpc.py``'s :func:`get_by_body`: a get-many is
  one ``*.info`` call per id, concurrently);
- ``candidate.search`` / ``user.search`` for the e-mail filter (:func:`_searched`);
- a candidate's applications, attachments, tags, interviews, offers and scorecards go through
  ``candidate.info`` (its ``applicationIds``, tags and files), then the applications;
- every job record carries its posting URLs, from one ``jobPosting.list`` kept
  ``POSTINGS_TTL_S``; a job's form fields are its postings' ``jobPosting.info`` forms;
- a job's stages are its ``jobInterviewPlan.info``, a candidate's activities its notes.

Departments, locations, archive reasons and tags are organisation-wide tables, read whole.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, ClassVar, Final

import httpx

from ..auth import Basic
from ..calls import CallModel, Cost, Key, Rule
from ..filters import matches
from ..http import CallContext, parse
from ..kit.adapter import HttpAdapter
from ..kit.credentials import ApiKeyCredentials, SignedCredentials
from ..kit.mapping import Ctx, embedded_at
from ..kit.paging import BodyCursorPaging
from ..kit.resources import Child, Endpoints, Param, list_records, read_records
from ..kit.rpc import error_for_codes, get_by_body
from ..kit.times import to_epoch_ms
from ..query import FilterName, ListQuery, Page
from ..records import Record, Resource
from . import mapping as m
from . import payloads as w
from .webhooks import AshbyWebhooks
from .writes import NOT_OFFERED, AshbyWrites

F, R = FilterName, Resource
JOB_STATUSES: Final = ["Draft", "Open", "Closed", "Archived"]
"""``job.list`` leaves drafts out unless asked; we list every status."""
POSTINGS_TTL_S: Final = 60.0
"""How long one ``jobPosting.list`` serves the jobs read after it: every depth and concurrent
query within a minute shares it, and a posting's URLs and form show at most a minute late."""
ARCHIVED_TOO: Final = {"includeArchived": True}
IN_CANDIDATE: Final = {"candidate": Child(embedded=True)}
VIA_APPLICATIONS: Final = {"candidate": Child(via=R.APPLICATION)}
"""A candidate's applications and their records: ``candidate.info`` per candidate (its
``applicationIds``), then those applications' (``kit.resources.children_via``)."""
PAGING: Final = BodyCursorPaging(
    max_size=100, next_field="nextCursor", more_field="moreDataAvailable", cursor_param="cursor"
)
"""``limit`` (max and default 100) and ``cursor`` in the body; ``moreDataAvailable`` and
``nextCursor`` in the answer (https://developers.ashbyhq.com/docs/pagination-and-incremental-sync)."""

CALL_MODEL: Final = CallModel(
    rules={
        "applications": Rule(Cost.PER_KEY, key=Key.TARGET),  # application.info per id the candidate lists
        # embedded: an application's stage, user and archive reason, a candidate's tags and
        # files, a feedback's user; job.info expands its location
        **dict.fromkeys(
            ("currentStage", "creditedTo", "interviewer", "tags", "attachments", "rejectReason", "offices"),
            Rule(Cost.FREE),
        ),
        "departments": Rule(Cost.ACCOUNT, account="department.list"),
    },
    default=Rule(Cost.PER_KEY),
)


class AshbyCredentials(SignedCredentials, ApiKeyCredentials):
    """The API key, sent as the HTTP Basic username with a blank password
    (https://developers.ashbyhq.com/reference/authentication)."""


def _searched(resource: Resource, method: str) -> Callable[..., Awaitable[Page[Any]]]:
    """``list_<plural>``: the declared listing, or for the e-mail filter ``<object>.search
    {email}``: at most 100 matches, no paging; the match made exact."""

    async def listing(self: AshbyAdapter, query: ListQuery) -> Page[Any]:
        e, flt = self.endpoints(resource), query.filter
        if flt.email is None:
            return await list_records(self, e, query)
        found, _ = await self.fetch_page(
            e.model, method, self.ctx(resource, method), params={"email": flt.email}
        )
        return Page([r for r in await read_records(self, e, found) if matches(resource, r, flt, [F.EMAIL])])

    return listing


async def _postings(adapter: Any, _payloads: Sequence[Any]) -> Ctx:
    return {"postings": await adapter.postings()}


def _table(
    resource: Resource, model: Any, read: Any, method: str, paged: bool = False, **more: Any
) -> Endpoints:
    """An organisation-wide table, archived entries too, read whole (get-many picks from it)."""
    return Endpoints(resource, model, read, list=method, params=ARCHIVED_TOO, paged=paged, whole=True, **more)


def _of_application(resource: Resource, model: Any, read: Any, method: str, **more: Any) -> Endpoints:
    """A list with the native ``applicationId`` filter (by application: one listing each)."""
    filters = {F.APPLICATION_ID: Param("applicationId"), **more.pop("filters", {})}
    return Endpoints(resource, model, read, list=method, filters=filters, children=VIA_APPLICATIONS, **more)


class AshbyAdapter(AshbyWrites, HttpAdapter):
    """Ashby: RPC reads over HTTP Basic (the API key as username); see the module docstring.
    Its writes are ``writes.py``'s."""

    name: ClassVar[str] = "ashby"
    title: ClassVar[str] = "Ashby"
    docs_url: ClassVar[str] = "https://developers.ashbyhq.com/reference"
    credentials_model = AshbyCredentials
    webhooks = AshbyWebhooks()
    default_base_url: ClassVar[str | None] = "https://api.ashbyhq.com"
    max_batch_size: ClassVar[int] = 50
    """Ashby's info calls take one id; a batch of 50 ids is 50 concurrent calls."""
    max_page_size: ClassVar[int] = 100
    auth_schemes = (Basic(username="api_key"),)
    call_model = CALL_MODEL
    cpu_probe_first = 11  # issue 11's shape: 25 upstream calls at the default dataset size
    rate_limit = None  # undocumented: only Retry-After and an exhausted Remaining + Reset are obeyed
    paging = PAGING
    items_field = record_field = "results"
    tables_ttl_s = POSTINGS_TTL_S
    coverage_notes: ClassVar[tuple[str, ...]] = NOT_OFFERED
    resources = (
        Endpoints(
            R.CANDIDATE,
            w.AshbyCandidate,
            m.CANDIDATE,
            list="candidate.list",
            embeds=(m.candidate_embeds,),
            extra_filters=frozenset({F.EMAIL}),  # candidate.search
        ),
        Endpoints(
            R.APPLICATION,
            w.AshbyApplication,
            m.APPLICATION,
            list="application.list",
            # createdAfter is in ms and may be inclusive: the unified strict ">" is checked again
            filters={
                F.CREATED_AFTER: Param("createdAfter", lambda t: int(to_epoch_ms(t)), recheck=True),
                F.JOB_ID: Param("jobId"),
            },
            embeds=m.APPLICATION_EMBEDS,
            children=VIA_APPLICATIONS,
            extra_filters=frozenset({F.CANDIDATE_ID}),  # through candidate.info
        ),
        Endpoints(
            R.JOB,
            w.AshbyJob,
            m.JOB,
            list="job.list",
            params={"status": JOB_STATUSES, "expand": ["location"]},
            prepare=_postings,
            embeds=(embedded_at("location", m.OFFICE),),
        ),
        _table(R.DEPARTMENT, w.AshbyDepartment, m.DEPARTMENT, "department.list"),
        _table(R.OFFICE, w.AshbyLocation, m.OFFICE, "location.list"),
        _table(R.REJECT_REASON, w.AshbyArchiveReason, m.REJECT_REASON, "archiveReason.list"),
        # a candidate's tags are those its ``candidate.info`` embeds
        _table(R.TAG, w.AshbyTag, m.TAG, "candidateTag.list", paged=True, children=IN_CANDIDATE),
        Endpoints(
            R.USER,
            w.AshbyUser,
            m.USER,
            list="user.list",
            params={"includeDeactivated": True},
            extra_filters=frozenset({F.EMAIL}),  # user.search
        ),
        _of_application(
            R.INTERVIEW,
            w.AshbyInterviewSchedule,
            m.interviews,
            "interviewSchedule.list",
            filters={F.STAGE_ID: Param("interviewStageId")},
            maps=(m.INTERVIEW,),
        ),
        _of_application(
            R.OFFER,
            w.AshbyOffer,
            m.OFFER,
            "offer.list",
            embeds=(embedded_at("latestVersion.author", m.USER),),
        ),
        _of_application(
            R.SCORECARD,
            w.AshbyFeedback,
            m.SCORECARD,
            "applicationFeedback.list",
            embeds=(embedded_at("submittedByUser", m.USER),),
        ),
        Endpoints(R.JOB_INTERVIEW_STAGE, w.AshbyInterviewStage, m.STAGE),
        Endpoints(
            R.JOB_FORM_FIELD,
            w.AshbyJobPosting,
            m.form_fields,
            maps=(m.FORM_FIELD,),
            extra_filters=frozenset({F.JOB_ID}),
        ),
        Endpoints(R.ACTIVITY, w.AshbyNote, m.ACTIVITY),
        # the files a candidate's or an application's ``*.info`` embeds
        Endpoints(
            R.ATTACHMENT,
            w.AshbyNamed,
            m.ATTACHMENT,
            children={**IN_CANDIDATE, "application": Child(embedded=True)},
        ),
    )

    get_candidates = get_by_body(R.CANDIDATE, "candidate.info", "id")
    get_applications = get_by_body(R.APPLICATION, "application.info", "applicationId")
    # the jobs' one batch context, the postings, does not depend on their payloads
    get_jobs = get_by_body(R.JOB, "job.info", "id", prepare_beside=True, expand=["location"])
    get_users = get_by_body(R.USER, "user.info", "userId")
    get_offers = get_by_body(R.OFFER, "offer.info", "offerId")
    get_job_interview_stages = get_by_body(R.JOB_INTERVIEW_STAGE, "interviewStage.info", "interviewStageId")
    list_candidates = _searched(R.CANDIDATE, "candidate.search")
    list_users = _searched(R.USER, "user.search")

    async def call(
        self, path: str, ctx: CallContext, params: Mapping[str, Any] | None = None
    ) -> tuple[Any, httpx.Response]:
        """``POST /<method>`` with ``params`` as the body; the answer of a successful envelope,
        else its typed error. A read is side-effect free, so it is retried as a GET is."""
        data, response = await self.upstream.post_json(
            f"/{path}", json=dict(params or {}), ctx=ctx, idempotent=True
        )
        envelope: w.AshbyEnvelope = parse(w.AshbyEnvelope, data, ctx)
        if not envelope.success:
            raise error_for_codes(envelope.codes(), w.CODES, ctx)
        return data, response

    async def list_applications(self, query: ListQuery) -> Page[Any]:
        flt = query.filter
        if flt.candidate_id is None:
            return await list_records(self, self.endpoints(R.APPLICATION), query)
        # application.list has no candidate filter: the candidate's applications, filtered here
        found = (await self.list_children(R.APPLICATION, "candidate", [flt.candidate_id]))[flt.candidate_id]
        return Page([r for r in found if matches(R.APPLICATION, r, flt, [F.CREATED_AFTER, F.JOB_ID])])

    async def list_jobs(self, query: ListQuery) -> Page[Any]:
        # The postings do not depend on the listing: read beside it, not after it (the
        # listing's read of them shares this one, see ``postings``).
        page, _ = await asyncio.gather(list_records(self, self.endpoints(R.JOB), query), self.postings())
        return page

    async def postings(self) -> dict[str, list[w.AshbyJobPostingSummary]]:
        """Postings by job, from one ``jobPosting.list`` kept ``POSTINGS_TTL_S``: every job
        record carries its posting URLs (a record cannot know whether they are asked for)."""

        async def read() -> dict[str, list[w.AshbyJobPostingSummary]]:
            ctx = self.ctx(R.JOB, "jobPosting.list")
            found, _ = await self.fetch_page(w.AshbyJobPostingSummary, "jobPosting.list", ctx)
            by_job: dict[str, list[w.AshbyJobPostingSummary]] = {}
            for posting in found:
                by_job.setdefault(posting.jobId, []).append(posting)
            return by_job

        kept: dict[str, list[w.AshbyJobPostingSummary]] = await self.tables.get("jobPosting.list", read)
        return kept

    async def list_job_form_fields_by_job_ids(self, ids: Sequence[str]) -> dict[str, list[Record]]:
        """One (kept) ``jobPosting.list``, then ``jobPosting.info`` per posting of these jobs."""
        postings, ctx = await self.postings(), self.ctx(R.JOB_FORM_FIELD, "jobPosting.info")
        wanted = [p.id for i in ids for p in postings.get(i, ())]
        forms = await self.fan_out(
            lambda p: self.fetch_one(w.AshbyJobPosting, "jobPosting.info", ctx, {"jobPostingId": p}), wanted
        )
        out: dict[str, list[Record]] = {i: [] for i in ids}
        for form in forms:
            if form is not None and form.jobId in out:
                out[form.jobId].extend(m.form_fields(form, {}))
        return out

    async def list_job_form_fields(self, query: ListQuery) -> Page[Any]:
        jobs = [query.filter.job_id] if query.filter.job_id else list(await self.postings())
        by_job = await self.list_job_form_fields_by_job_ids(jobs)
        return Page([f for i in jobs for f in by_job[i]])

    async def list_job_interview_stages_by_job_ids(self, ids: Sequence[str]) -> dict[str, list[Record]]:
        """A job's stages, in order: its ``jobInterviewPlan.info``, one call per job."""
        ctx = self.ctx(R.JOB_INTERVIEW_STAGE, "jobInterviewPlan.info")

        async def one(job: str) -> list[Record]:
            plan = await self.fetch_one(w.AshbyJobInterviewPlan, "jobInterviewPlan.info", ctx, {"jobId": job})
            return [m.STAGE.read(s, {"plan_of": job}) for s in plan.stages] if plan else []

        return dict(zip(ids, await self.fan_out(one, ids), strict=True))

    async def list_activities_by_candidate_ids(self, ids: Sequence[str]) -> dict[str, list[Record]]:
        """A candidate's notes (``candidate.listNotes``, every page), one candidate per call."""
        ctx = self.ctx(R.ACTIVITY, "candidate.listNotes")

        async def one(candidate: str) -> list[Record]:
            params = {"candidateId": candidate}
            notes = await self.fetch_all(
                w.AshbyNote, "candidate.listNotes", ctx, params=params, page_size=100
            )
            return [m.ACTIVITY.read(n, {"notes_of": candidate}) for n in notes]

        return dict(zip(ids, await self.fan_out(one, ids), strict=True))
