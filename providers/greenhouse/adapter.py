"""The Greenhouse Harvest adapter: capabilities and the people-side resource methods.

Harvest v1/v2 with an API key (Basic auth, ``/v1`` paths, page + ``Link`` paging), or Harvest v3
with OAuth client credentials (Bearer, ``/v3`` paths, cursor ``Link`` paging). v3 payloads are
assumed to have the v1 shapes (no v3 examples are published). Batching, per relationship:

* candidates by id: ``GET /v1/candidates?candidate_ids=1,2,...`` — 50 ids per request;
* applications and attachments by candidate: embedded in those candidates (same request);
  with v3 (no embedding) ``GET /v3/applications?candidate_ids=...`` — 50 candidates per request;
* applications by job: the ``job_id`` list filter (one listing per job, by the gateway);
* everything else by id or by parent: per-id endpoints only, one request each, concurrent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar, Final

from ..auth import Basic, OAuth2ClientCredentials
from ..query import FilterName, ListQuery, Page
from ..records import (
    ActivityRecord,
    ApplicationRecord,
    AttachmentRecord,
    CandidateRecord,
    EeocRecord,
    RejectReasonRecord,
    Resource,
    TagRecord,
    UserRecord,
)
from ..resilience.policy import RateLimit
from ..simulation import Simulation
from .adapter_jobs import GreenhouseJobsMethods
from .auth import DEFAULT_TOKEN_URL, GreenhouseCredentials, GreenhouseOptions
from .calls import CALL_MODEL
from .client import embedded_of, is_greenhouse_id
from .mapping import to_activities, to_application, to_candidate, to_eeoc, to_reject_reason, to_tag, to_user
from .payloads import (
    GreenhouseActivityFeed,
    GreenhouseApplication,
    GreenhouseCandidate,
    GreenhouseEeoc,
    GreenhouseRejectionReason,
    GreenhouseTag,
    GreenhouseUser,
)

R = Resource
F = FilterName
_TIME: Final = frozenset({F.CREATED_AFTER, F.CREATED_BEFORE, F.UPDATED_AFTER, F.UPDATED_BEFORE})


def _names(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


class GreenhouseAdapter(GreenhouseJobsMethods):
    """Greenhouse Harvest (https://developers.greenhouse.io/harvest.html)."""

    name: ClassVar[str] = "greenhouse"
    title: ClassVar[str] = "Greenhouse"
    docs_url: ClassVar[str] = "https://developers.greenhouse.io/harvest.html"
    credentials_model = GreenhouseCredentials
    options_model = GreenhouseOptions
    default_base_url: ClassVar[str | None] = "https://harvest.greenhouse.io"
    max_batch_size: ClassVar[int] = 50
    """``candidate_ids`` takes at most 50 ids; per-id fan-outs are capped the same way."""
    max_page_size: ClassVar[int] = 500
    # Harvest v1/v2 take the API key; v3 exchanges client credentials (option ``token_url``).
    auth_schemes = (Basic(username="api_key"), OAuth2ClientCredentials(token_url=DEFAULT_TOKEN_URL))
    call_model = CALL_MODEL
    rate_limit = RateLimit(requests=50, per_s=10.0)  # X-RateLimit-Limit per 10 s, docs example

    native_filters = {
        R.CANDIDATE: _TIME | {F.JOB_ID, F.EMAIL},
        # ``last_activity_after`` is not ``updated_after``: not offered as such.
        R.APPLICATION: frozenset({F.CREATED_AFTER, F.CREATED_BEFORE, F.JOB_ID}),
        R.JOB: _TIME,
        R.JOB_INTERVIEW_STAGE: _TIME | {F.JOB_ID},
        R.JOB_FORM_FIELD: frozenset({F.JOB_ID}),
        R.INTERVIEW: _TIME,
        R.SCORECARD: _TIME,
        R.OFFER: _TIME,
        R.USER: _TIME | {F.EMAIL},
    }
    native_sorts = {}

    fields = {
        R.ACTIVITY: _names("candidate actor activity_type from to cc subject body visibility created_at"),
        R.APPLICATION: _names(
            "candidate job applied_at rejected_at source credited_to current_stage reject_reason attachments"
        ),
        R.ATTACHMENT: _names("file_name file_url candidate application job attachment_type created_at"),
        R.CANDIDATE: _names(
            "first_name last_name name company title last_interaction_at is_private can_email locations"
            " phones emails urls tags applications attachments created_at updated_at"
        ),
        R.DEPARTMENT: _names("name parent"),
        R.EEOC: _names("candidate submitted_at race gender veteran_status disability_status"),
        R.INTERVIEW: _names(
            "application organizer interviewers location start_at end_at status created_at updated_at"
        ),
        R.JOB: _names(
            "name requisition_id status locations confidential departments offices hiring_managers"
            " recruiters opened_at closed_at created_at updated_at"
        ),
        R.JOB_FORM_FIELD: _names(
            "name job label index is_required answer_visibility description type options"
        ),
        R.JOB_INTERVIEW_STAGE: _names("name job position created_at updated_at"),
        R.OFFER: _names(
            "application candidate job closed_at sent_at start_date status created_at updated_at"
        ),
        R.OFFICE: _names("name parent location"),
        R.REJECT_REASON: _names("name"),
        R.SCORECARD: _names(
            "application candidate interviewer submitted_at overall_recommendation form_values"
            " created_at updated_at"
        ),
        R.TAG: _names("name"),
        R.USER: _names("first_name last_name name emails disabled created_at updated_at"),
    }

    # -- candidates ----------------------------------------------------------------------------

    @classmethod
    def simulation(cls) -> Simulation:
        from .simulator import SIMULATION

        return SIMULATION

    async def list_candidates(self, query: ListQuery) -> Page[CandidateRecord]:
        return await self.page(
            R.CANDIDATE, self.path("candidates"), query, GreenhouseCandidate, lambda c: [to_candidate(c)]
        )

    async def get_candidates(self, ids: Sequence[str]) -> Sequence[CandidateRecord | None]:
        # The get-many batch: GET /v1/candidates?candidate_ids=1,2,3 (at most 50 per request).
        wanted = [i for i in dict.fromkeys(ids) if is_greenhouse_id(i)]

        async def batch(part: Sequence[str]) -> list[GreenhouseCandidate]:
            params = {"candidate_ids": ",".join(part), "per_page": str(self.max_batch_size)}
            return await self.read_all(
                R.CANDIDATE, self.path("candidates"), GreenhouseCandidate, params=params
            )

        found = await self.in_batches(batch, wanted)
        by_id = {str(c.id): to_candidate(c) for part in found for c in part}
        return [by_id.get(i) for i in ids]

    # -- applications ----------------------------------------------------------------------------
    async def list_applications(self, query: ListQuery) -> Page[ApplicationRecord]:
        return await self.page(
            R.APPLICATION,
            self.path("applications"),
            query,
            GreenhouseApplication,
            lambda a: [to_application(a)],
        )

    async def get_applications(self, ids: Sequence[str]) -> Sequence[ApplicationRecord | None]:
        # No ids filter in v1: per-id reads, concurrent.
        return await self.get_each(
            R.APPLICATION, ids, lambda i: self.path("applications", i), GreenhouseApplication, to_application
        )

    async def list_applications_by_candidate_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ApplicationRecord]]:
        if self.version == "v1":
            # v1 candidates embed their complete applications: one request per 50 candidates.
            candidates = await self.get_candidates(ids)
            embedded = embedded_of(candidates, ApplicationRecord)
            return {i: embedded.get(i, []) for i in ids}
        # v3 no longer embeds them: filter the application list by candidate, 50 per request
        # (the v3 ``candidate_ids`` filter as described by third-party v3 connector docs).
        wanted = [i for i in dict.fromkeys(ids) if is_greenhouse_id(i)]

        async def batch(part: Sequence[str]) -> list[GreenhouseApplication]:
            params = {"candidate_ids": ",".join(part), "per_page": "500"}
            return await self.read_all(
                R.APPLICATION, self.path("applications"), GreenhouseApplication, params=params
            )

        found = await self.in_batches(batch, wanted)
        out: dict[str, list[ApplicationRecord]] = {i: [] for i in ids}
        for app in (to_application(a) for part in found for a in part):
            if app.candidate_id in out:
                out[app.candidate_id].append(app)
        return out

    # -- attachments: embedded only (no attachments endpoint) ------------------------------------
    async def list_attachments_by_candidate_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[AttachmentRecord]]:
        embedded = embedded_of(await self.get_candidates(ids), AttachmentRecord)
        return {i: embedded.get(i, []) for i in ids}

    async def list_attachments_by_application_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[AttachmentRecord]]:
        embedded = embedded_of(await self.get_applications(ids), AttachmentRecord)
        return {i: embedded.get(i, []) for i in ids}

    # -- activity feed, tags ----------------------------------------------------------------------
    async def list_activities_by_candidate_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ActivityRecord]]:
        if self.version != "v1":
            raise self._unsupported(R.ACTIVITY, "the activity feed with Harvest v3 credentials")
        # Per-candidate endpoint only: one request per candidate, concurrent.

        async def feed(i: str) -> Sequence[ActivityRecord]:
            path = self.path("candidates", i, "activity_feed")
            data = await self.fetch(GreenhouseActivityFeed, path, self.ctx(R.ACTIVITY, "read activities"))
            return to_activities(data, i)

        return await self.per_parent(ids, feed)

    async def list_tags(self, query: ListQuery) -> Page[TagRecord]:
        return await self.page(
            R.TAG, self.path("tags", "candidate"), query, GreenhouseTag, lambda t: [to_tag(t)]
        )

    async def list_tags_by_candidate_ids(self, ids: Sequence[str]) -> Mapping[str, Sequence[TagRecord]]:
        # Candidates carry tag names only; ids come from the per-candidate endpoint, concurrent.
        async def tags(i: str) -> Sequence[TagRecord]:
            found = await self.read_all(R.TAG, self.path("candidates", i, "tags"), GreenhouseTag)
            return [to_tag(t) for t in found]

        return await self.per_parent(ids, tags)

    # -- users ------------------------------------------------------------------------------------
    async def list_users(self, query: ListQuery) -> Page[UserRecord]:
        return await self.page(R.USER, self.path("users"), query, GreenhouseUser, lambda u: [to_user(u)])

    async def get_users(self, ids: Sequence[str]) -> Sequence[UserRecord | None]:
        return await self.get_each(R.USER, ids, lambda i: self.path("users", i), GreenhouseUser, to_user)

    # -- EEOC: one per application, id = application id ---------------------------------------
    async def list_eeocs(self, query: ListQuery) -> Page[EeocRecord]:
        return await self.page(R.EEOC, self.path("eeoc"), query, GreenhouseEeoc, lambda e: [to_eeoc(e)])

    async def get_eeocs(self, ids: Sequence[str]) -> Sequence[EeocRecord | None]:
        return await self.get_each(
            R.EEOC, ids, lambda i: self.path("applications", i, "eeoc"), GreenhouseEeoc, to_eeoc
        )

    # -- rejection reasons ------------------------------------------------------------------------
    async def list_reject_reasons(self, query: ListQuery) -> Page[RejectReasonRecord]:
        return await self.page(
            R.REJECT_REASON,
            self.path("rejection_reasons"),
            query,
            GreenhouseRejectionReason,
            lambda r: [to_reject_reason(r)],
            extra={"include_defaults": "true"},
        )

    async def get_reject_reasons(self, ids: Sequence[str]) -> Sequence[RejectReasonRecord | None]:
        # No per-id endpoint: read the (short) list once and pick.
        every = await self.read_all(
            R.REJECT_REASON,
            self.path("rejection_reasons"),
            GreenhouseRejectionReason,
            params={"include_defaults": "true", "per_page": "500"},
        )
        by_id = {str(r.id): to_reject_reason(r) for r in every}
        return [by_id.get(i) for i in ids]
