"""The Lever v1 adapter: capabilities and one thin method per operation (fetch, parse, map).

Entity model and field decisions: ``mapping.py``. Calls per operation (N = ids asked for;
"1 call" means one per 100 opportunities, Lever's page limit):

- candidates: list = 2 calls per 100 opportunities listed (3 with filters), a page resumed
  inside a listing page read in the last minute costs nothing; get = 1 call (``contact_id``
  repeated);
- applications: list = 1 per page, get = N concurrent (no ids filter), by candidate = 1
  (``contact_id`` repeated, none when the contacts were read in the last 30 s), by job = 1
  (``posting_id`` repeated); plus ``GET /archive_reasons`` at most once per 5 minutes, and only
  when an archived opportunity is mapped (its reason's type tells a hire from a rejection);
- tags by candidate: 2 (the contacts' opportunities and ``/tags``);
- jobs / users: list = 1 per page, get = N concurrent (``/postings/{id}``, ``/users/{id}``);
- stages, reject reasons, tags: account-wide lists, so any get or by-parent read = 1 call
  (stages and archive reasons kept per adapter for 5 minutes);
- interviews, scorecards, activities, offers, attachments: see ``children.py`` (1 call per
  opportunity, 2 for attachments; refused up front when over the operation's budget);
- job form fields: one ``GET /postings/{id}/apply`` per job, concurrently;
- eeocs: list only (``/eeo/responses/pii`` has no by-id or by-candidate filter).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from providers.http import CallContext
from providers.paths import segment
from providers.query import Filter, FilterName, ListQuery, Page, Sort
from providers.records import (
    ActivityRecord,
    ApplicationRecord,
    AttachmentRecord,
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

from ..auth import Basic, BearerHeader, OAuth2Refresh
from ..kit.adapter import pick
from ..kit.times import epoch_ms_after, epoch_ms_before
from ..resilience.policy import RateLimit
from ..simulation import Simulation
from .auth import LeverCredentials, LeverOptions
from .calls import CALL_MODEL
from .candidates import LeverCandidates
from .capabilities import COVERAGE_NOTES, FIELDS, NATIVE_FILTERS
from .mapping import (
    HIRED,
    oldest_first,
    to_application,
    to_job,
    to_job_interview_stage,
    to_reject_reason,
    to_tag,
    to_user,
)
from .mapping_forms import split_child_id, to_eeoc, to_job_form_fields
from .payloads import LeverOpportunity, LeverPosting, LeverTag, LeverUser
from .payloads_forms import LeverApplyForm, LeverEeoResponse

F = FilterName


def _time_params(flt: Filter, created: bool = True) -> dict[str, Any]:
    # Lever's ``*_start`` / ``*_end`` are inclusive epoch milliseconds, our bounds strict.
    params: dict[str, Any] = {}
    if created and flt.created_after:
        params["created_at_start"] = epoch_ms_after(flt.created_after)
    if created and flt.created_before:
        params["created_at_end"] = epoch_ms_before(flt.created_before)
    if flt.updated_after:
        params["updated_at_start"] = epoch_ms_after(flt.updated_after)
    if flt.updated_before:
        params["updated_at_end"] = epoch_ms_before(flt.updated_before)
    return params


class LeverAdapter(LeverCandidates):
    """Lever (https://hire.lever.co/developer/documentation), API v1."""

    name = "lever"
    title = "Lever"
    docs_url = "https://hire.lever.co/developer/documentation"
    credentials_model = LeverCredentials
    options_model = LeverOptions
    default_base_url = "https://api.lever.co/v1"
    max_batch_size = 50
    """Ids per batched call (``contact_id`` / ``posting_id`` repeated in one URL)."""
    max_page_size = 100
    auth_schemes = (
        Basic(username="api_key"),
        BearerHeader(credential="access_token"),
        # https://hire.lever.co/developer/documentation#authentication (OAuth: refresh_token grant)
        OAuth2Refresh(token_url="https://auth.lever.co/oauth/token", credential="access_token"),
    )
    call_model = CALL_MODEL
    rate_limit = RateLimit(requests=10, per_s=1.0, burst=20)  # per API key, token bucket
    native_filters: ClassVar[Mapping[Resource, frozenset[FilterName]]] = NATIVE_FILTERS
    native_sorts: ClassVar[Mapping[Resource, frozenset[Sort]]] = {}
    fields: ClassVar[Mapping[Resource, frozenset[str]]] = FIELDS
    coverage_notes: ClassVar[tuple[str, ...]] = COVERAGE_NOTES

    @classmethod
    def simulation(cls) -> Simulation:
        from .simulator import SIMULATION

        return SIMULATION

    # -- candidates (= contacts): candidates.py -------------------------------------------

    # -- applications (= opportunities) --------------------------------------------------
    async def list_applications(self, query: ListQuery) -> Page[ApplicationRecord]:
        ctx = self.ctx("application", "list applications")
        flt = query.filter
        params = {**_time_params(flt), **self.opportunity_params()}
        for name, key in (("job_id", "posting_id"), ("candidate_id", "contact_id"), ("stage_id", "stage_id")):
            if getattr(flt, name):
                params[key] = getattr(flt, name)
        found, after = await self.fetch_query_page(
            LeverOpportunity, "/opportunities", ctx, query, params=params
        )
        opps = self.remember(found)
        types = await self.reason_types(opps, ctx)
        return Page([to_application(o, types) for o in opps], after)

    async def get_applications(self, ids: Sequence[str]) -> Sequence[ApplicationRecord | None]:
        # No ids filter on /opportunities: one GET per id, concurrently.
        ctx = self.ctx("application", "get applications")
        opps = await self.fan_out(lambda i: self.opportunity(i, ctx), ids)
        types = await self.reason_types((o for o in opps if o), ctx)
        return [to_application(o, types) if o else None for o in opps]

    async def list_applications_by_candidate_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ApplicationRecord]]:
        ctx = self.ctx("application", "applications by candidate")
        grouped = await self.opportunities_of_contacts(ids, ctx)
        types = await self.reason_types((o for g in grouped.values() for o in g), ctx)
        return {c: [to_application(o, types) for o in oldest_first(opps)] for c, opps in grouped.items()}

    async def list_applications_by_job_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ApplicationRecord]]:
        ctx = self.ctx("application", "applications by job")
        wanted = list(dict.fromkeys(ids))
        opps = await self.opportunities_where({"posting_id": wanted}, ctx)
        types = await self.reason_types(opps, ctx)
        out: dict[str, list[ApplicationRecord]] = {j: [] for j in wanted}
        for opp in opps:
            app = opp.application
            if app and app.posting in out:
                out[app.posting].append(to_application(opp, types))
        return out

    # -- jobs (= postings) ------------------------------------------------------------------
    async def list_jobs(self, query: ListQuery) -> Page[JobRecord]:
        ctx = self.ctx("job", "list jobs")
        # Lever accepts updated_at_* only together with confidentiality (no other filter).
        params = {**_time_params(query.filter, created=False), **self.confidentiality()}
        postings, after = await self.fetch_query_page(LeverPosting, "/postings", ctx, query, params=params)
        return Page([to_job(p) for p in postings], after)

    async def get_jobs(self, ids: Sequence[str]) -> Sequence[JobRecord | None]:
        # One GET /postings/{id} per id, concurrently (no ids filter on /postings).
        ctx = self.ctx("job", "get jobs")
        paths = [f"/postings/{segment(i, ctx)}" for i in ids]  # all checked before any call
        found = await self.fan_out(lambda p: self.fetch_one(LeverPosting, p, ctx), paths)
        return [to_job(p) if p is not None else None for p in found]

    # -- users -------------------------------------------------------------------------------
    async def list_users(self, query: ListQuery) -> Page[UserRecord]:
        ctx = self.ctx("user", "list users")
        params: dict[str, Any] = {"includeDeactivated": "true"}
        if query.filter.email:
            params["email"] = query.filter.email
        users, after = await self.fetch_query_page(LeverUser, "/users", ctx, query, params=params)
        return Page([to_user(u) for u in users], after)

    async def get_users(self, ids: Sequence[str]) -> Sequence[UserRecord | None]:
        ctx = self.ctx("user", "get users")
        paths = [f"/users/{segment(i, ctx)}" for i in ids]  # all checked before any call
        found = await self.fan_out(lambda p: self.fetch_one(LeverUser, p, ctx), paths)
        return [to_user(u) if u is not None else None for u in found]

    # -- account-wide lists: stages, archive reasons, tags -----------------------------------
    async def list_job_interview_stages(self, query: ListQuery) -> Page[JobInterviewStageRecord]:
        return Page(await self._stages(), None)

    async def _stages(self) -> list[JobInterviewStageRecord]:
        ctx = self.ctx("job_interview_stage", "list stages")
        return [to_job_interview_stage(s, i) for i, s in enumerate(await self.stages(ctx))]

    async def get_job_interview_stages(self, ids: Sequence[str]) -> Sequence[JobInterviewStageRecord | None]:
        return pick(await self._stages(), ids)

    async def list_job_interview_stages_by_job_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[JobInterviewStageRecord]]:
        # Lever's pipeline is account-wide: every posting has the same stages.
        stages = await self._stages()
        return {i: stages for i in ids}

    async def list_reject_reasons(self, query: ListQuery) -> Page[RejectReasonRecord]:
        return Page(await self._reject_reasons(), None)

    async def _reject_reasons(self) -> list[RejectReasonRecord]:
        # Archive reasons of type "hired" are not rejections. The whole list is read (and
        # kept): mapping archived applications needs the hired ones too.
        ctx = self.ctx("reject_reason", "list reject reasons")
        return [to_reject_reason(r) for r in await self.archive_reasons(ctx) if r.type != HIRED]

    async def get_reject_reasons(self, ids: Sequence[str]) -> Sequence[RejectReasonRecord | None]:
        return pick(await self._reject_reasons(), ids)

    async def list_tags(self, query: ListQuery) -> Page[TagRecord]:
        return Page(await self._tags(), None)

    async def _tags(self) -> list[TagRecord]:
        ctx = self.ctx("tag", "list tags")
        return [to_tag(t) for t in await self.all_of(LeverTag, "/tags", ctx)]

    async def get_tags(self, ids: Sequence[str]) -> Sequence[TagRecord | None]:
        return pick(await self._tags(), ids)

    async def list_tags_by_candidate_ids(self, ids: Sequence[str]) -> Mapping[str, Sequence[TagRecord]]:
        ctx = self.ctx("tag", "tags by candidate")
        grouped, tags = await asyncio.gather(self.opportunities_of_contacts(ids, ctx), self._tags())
        by_name = {t.id: t for t in tags}
        out: dict[str, list[TagRecord]] = {}
        for contact, opps in grouped.items():
            names = dict.fromkeys(t for o in oldest_first(opps) for t in o.tags)
            out[contact] = [by_name.get(n) or TagRecord(id=n, remote_id=n, name=n) for n in names]
        return out

    # -- per-opportunity resources (see children.py) -----------------------------------------
    async def get_interviews(self, ids: Sequence[str]) -> Sequence[InterviewRecord | None]:
        return await self.children_by_id("interview", ids)  # type: ignore[return-value]

    async def list_interviews_by_application_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[InterviewRecord]]:
        return await self.children_by_application("interview", ids)  # type: ignore[return-value]

    async def list_interviews_by_candidate_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[InterviewRecord]]:
        return await self.children_by_candidate("interview", ids)  # type: ignore[return-value]

    async def get_scorecards(self, ids: Sequence[str]) -> Sequence[ScorecardRecord | None]:
        return await self.children_by_id("scorecard", ids)  # type: ignore[return-value]

    async def list_scorecards_by_application_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ScorecardRecord]]:
        return await self.children_by_application("scorecard", ids)  # type: ignore[return-value]

    async def list_scorecards_by_candidate_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ScorecardRecord]]:
        return await self.children_by_candidate("scorecard", ids)  # type: ignore[return-value]

    async def list_scorecards_by_interview_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ScorecardRecord]]:
        # An interview id carries its opportunity: read each opportunity's feedback once.
        parents = {i: p[0] for i in ids if (p := split_child_id(i)) is not None}
        by_opp = await self.children_by_application("scorecard", list(parents.values()))
        cards = [c for records in by_opp.values() for c in records if isinstance(c, ScorecardRecord)]
        return {i: [c for c in cards if c.interview_id == i] for i in ids}

    async def get_activities(self, ids: Sequence[str]) -> Sequence[ActivityRecord | None]:
        return await self.children_by_id("activity", ids)  # type: ignore[return-value]

    async def list_activities_by_candidate_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ActivityRecord]]:
        return await self.children_by_candidate("activity", ids)  # type: ignore[return-value]

    async def get_offers(self, ids: Sequence[str]) -> Sequence[OfferRecord | None]:
        return await self.children_by_id("offer", ids)  # type: ignore[return-value]

    async def list_offers_by_application_ids(self, ids: Sequence[str]) -> Mapping[str, Sequence[OfferRecord]]:
        return await self.children_by_application("offer", ids)  # type: ignore[return-value]

    async def list_offers_by_candidate_ids(self, ids: Sequence[str]) -> Mapping[str, Sequence[OfferRecord]]:
        return await self.children_by_candidate("offer", ids)  # type: ignore[return-value]

    async def get_attachments(self, ids: Sequence[str]) -> Sequence[AttachmentRecord | None]:
        return await self.children_by_id("attachment", ids)  # type: ignore[return-value]

    async def list_attachments_by_application_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[AttachmentRecord]]:
        return await self.children_by_application("attachment", ids)  # type: ignore[return-value]

    async def list_attachments_by_candidate_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[AttachmentRecord]]:
        return await self.children_by_candidate("attachment", ids)  # type: ignore[return-value]

    # -- EEO and application forms ------------------------------------------------------------
    async def list_eeocs(self, query: ListQuery) -> Page[EeocRecord]:
        # Without created_at_start Lever returns only the last week of responses.
        ctx = self.ctx("eeoc", "list eeocs")
        path = "/eeo/responses/pii"
        responses, after = await self.fetch_query_page(
            LeverEeoResponse, path, ctx, query, params={"created_at_start": 0}
        )
        return Page([to_eeoc(r) for r in responses], after)

    async def _form(self, posting_id: str, ctx: CallContext) -> list[JobFormFieldRecord]:
        form = await self.fetch_one(LeverApplyForm, f"/postings/{segment(posting_id, ctx)}/apply", ctx)
        return list(to_job_form_fields(form)) if form is not None else []

    async def list_job_form_fields_by_job_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[JobFormFieldRecord]]:
        ctx = self.ctx("job_form_field", "form fields by job")
        wanted = list(dict.fromkeys(ids))
        forms = await self.fan_out(lambda i: self._form(i, ctx), wanted)
        return dict(zip(wanted, forms, strict=True))

    async def get_job_form_fields(self, ids: Sequence[str]) -> Sequence[JobFormFieldRecord | None]:
        postings = [p[0] for i in ids if (p := split_child_id(i)) is not None]
        by_job = await self.list_job_form_fields_by_job_ids(postings)
        return pick([r for records in by_job.values() for r in records], ids)
