"""The Workable SPI v3 adapter (https://workable.readme.io/reference), declared on the kit
(``providers/kit/resources.py``); the methods written here are Workable's quirks.

Identity choices (see ``mapping.py``): a Workable candidate is job-scoped, so it is both the
unified Candidate and its one Application (same id); jobs are identified by ``shortcode``;
stages by ``<shortcode>:<slug>``; form fields by ``<shortcode>:<key>``; an offer (a
candidate's latest, which has no id of its own) by its candidate's id; a tag by its name.

Batch strategy: Workable has no ids filter, so ``get_*`` by id fans out one request per id
concurrently, at most ``fan_out_limit`` in flight; account-wide lists (departments,
disqualification reasons, members) and each job's stages are read whole, kept per adapter for
``TABLES_TTL_S`` (concurrent misses share one read) and picked from.

Not served (no such endpoint, or none with a readable shape): offices, EEOC, scorecards (only
rating writes exist), attachments (``/candidates/{id}/files`` items carry no id and were only
recorded empty).
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

from pydantic import Field, SecretStr

from ..auth import BearerHeader
from ..calls import CallModel, Cost, Rule
from ..filters import matches
from ..http import CallContext, parse
from ..kit.adapter import HttpAdapter
from ..kit.credentials import Settings, SignedCredentials
from ..kit.mapping import Ctx, RecordMap
from ..kit.paging import NextUrlPaging
from ..kit.resources import (
    Child,
    Endpoints,
    Param,
    children_of,
    fetch_record,
    get_records,
    list_records,
    path_to,
    whole_table,
)
from ..kit.tables import account_table, ids_by_name
from ..kit.times import iso_z_seconds, parse_instant
from ..query import FilterName, ListQuery, Page
from ..records import (
    ApplicationRecord,
    OfferRecord,
    Record,
    Resource,
)
from ..resilience.policy import RateLimit
from .form_fields import FIELD, QUESTION, to_job_form_fields
from .mapping import (
    ACTIVITY,
    APPLICATION,
    CANDIDATE,
    DEPARTMENT,
    INTERVIEW,
    JOB,
    OFFER,
    ORGANIZATION,
    REJECT_REASON,
    STAGE,
    TAG,
    USER,
    Lookups,
    offer_of,
    split_stage_id,
    stage_keys,
    tags_of,
)
from .payloads import (
    Paging,
    WorkableAccount,
    WorkableActivity,
    WorkableApplicationForm,
    WorkableCandidate,
    WorkableDepartment,
    WorkableDisqualificationReason,
    WorkableEvent,
    WorkableJob,
    WorkableMember,
    WorkableOffer,
    WorkableStage,
)
from .webhooks import WorkableWebhooks
from .writes import WorkableWrites

F = FilterName
R = Resource
API_ROOT: Final = "/spi/v3"
MAX_LIMIT: Final = 100
FAN_OUT: Final = 10
"""Per-id calls of one fan-out in flight at once: account tokens get 10 requests per 10 s
(README "Rate limits"), so more in flight only buys 429s."""
TABLES_TTL_S: Final = 300.0
"""Account tables (a job's stages, disqualification reasons, members, departments) change
rarely and are asked for at several depths of one query and by concurrent queries: each is
kept per adapter for 5 minutes, and concurrent misses share one read. A stage, member or
reason added upstream can take that long to appear."""

ACCOUNTS_BASE_URL: Final = "https://www.workable.com/spi/v3"
"""``GET /accounts/{subdomain}`` lives on this host, not on the account's subdomain."""


# Auth: a Bearer token plus the account subdomain. Account tokens:
# https://workable.readme.io/reference/generate-an-access-token; partners also send
# ``X-WORKABLE-CLIENT-ID`` (https://workable.readme.io/reference/partner-token).
class WorkableCredentials(SignedCredentials):
    """A connection's secrets. ``SecretStr`` keeps the token out of reprs and logs."""

    api_token: SecretStr
    """An account API access token, an OAuth access token or a partner token."""
    subdomain: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,62}$")
    """The account subdomain (``nangodev`` in ``https://nangodev.workable.com``)."""
    client_id: str | None = None
    """Partner tokens only: sent as ``X-WORKABLE-CLIENT-ID``."""


class WorkableOptions(Settings):
    """A connection's non-secret settings."""

    actor_id: str | None = None
    """The member (``GET /members`` id) writes are made as when a mutation names none: Workable's
    move, disqualify, revert, comment and copy calls all name the acting ``member_id``."""


_AFTER: Final = {
    F.CREATED_AFTER: Param("created_after", iso_z_seconds, recheck=True, parse=parse_instant),
    F.UPDATED_AFTER: Param("updated_after", iso_z_seconds, recheck=True, parse=parse_instant),
}
_BY_JOB: Final = {"job": Child(path="/jobs/{id}/stages")}


def _account_url(adapter: Any) -> str:
    """``GET /accounts/{subdomain}`` lives on www.workable.com; an override (proxy, simulator)
    serves it too."""
    root = adapter.base_url if adapter.connection.base_url else ACCOUNTS_BASE_URL
    return f"{root}/accounts/{adapter.credentials.subdomain}"


def _stage_job(value: str) -> str | None:
    stage = split_stage_id(value)
    return stage[0] if stage else None


async def _lookups(adapter: Any, payloads: Sequence[WorkableCandidate]) -> Ctx:
    return {"lookups": await adapter.lookups(payloads)}


def _candidates(resource: Resource, read: RecordMap[Any], embeds: RecordMap[Any], **more: Any) -> Endpoints:
    """Candidates and applications: the same Workable record, read the same way, each embedding
    the other (and the tags a detail lists)."""
    filters = {**_AFTER, F.JOB_ID: Param("shortcode"), **more.pop("filters", {})}
    return Endpoints(
        resource,
        WorkableCandidate,
        read,
        list="/candidates",
        items="candidates",
        filters=filters,
        get="/candidates/{id}",
        record="candidate",
        prepare=_lookups,
        embeds=(embeds, tags_of),
        **more,
    )


class WorkableAdapter(WorkableWrites, HttpAdapter):
    """Workable: Bearer token + account subdomain; see the module docstring."""

    name: ClassVar[str] = "workable"
    title: ClassVar[str] = "Workable"
    docs_url: ClassVar[str] = "https://workable.readme.io/reference"
    credentials_model = WorkableCredentials
    webhooks = WorkableWebhooks()
    credentials: WorkableCredentials
    options_model = WorkableOptions
    max_batch_size: ClassVar[int] = 50
    """No endpoint takes several ids: a batch is this many concurrent single reads."""
    max_page_size: ClassVar[int] = MAX_LIMIT
    auth_schemes = (BearerHeader(credential="api_token"),)  # partners add X-WORKABLE-CLIENT-ID
    # The minimum-call model: how stages, members, departments and reasons are read by id comes
    # from the declarations; a Workable candidate is its own one application.
    call_model = CallModel(
        rules={"applications": Rule(Cost.FREE)}, default=Rule(Cost.PER_KEY), concurrency=FAN_OUT
    )
    rate_limit = RateLimit(requests=10, per_s=10.0)  # account tokens (OAuth: 50, from the headers)
    # Keyset paging: ``limit`` (max 100) plus ``since_id``; a collection carries
    # ``"paging": {"next": "<full URL>"}`` while more results exist, no ``paging`` on its last
    # page (https://workable.readme.io/reference/job-candidates-index; ``GET_candidates*.json``).
    paging = NextUrlPaging("", API_ROOT, MAX_LIMIT, ("paging", "next"))
    fan_out_limit = FAN_OUT
    tables_ttl_s = TABLES_TTL_S
    resources = (
        _candidates(R.CANDIDATE, CANDIDATE, APPLICATION, filters={F.EMAIL: Param("email", recheck=True)}),
        _candidates(
            R.APPLICATION, APPLICATION, CANDIDATE, extra_filters=frozenset({F.CANDIDATE_ID, F.STAGE_ID})
        ),
        # include_fields: https://workable.readme.io/reference/jobs (description is detail-only otherwise).
        Endpoints(
            R.JOB,
            WorkableJob,
            JOB,
            list="/jobs",
            items="jobs",
            params={"include_fields": "full_description"},
            filters=_AFTER,
            get="/jobs/{id}",
        ),
        Endpoints(
            R.JOB_INTERVIEW_STAGE,
            WorkableStage,
            STAGE,
            items="stages",
            kept=True,
            parent_of=_stage_job,
            children=_BY_JOB,
        ),
        Endpoints(
            R.JOB_FORM_FIELD,
            WorkableApplicationForm,
            lambda p, ctx: to_job_form_fields(p, ctx["parent"]),
            parent_of=lambda i: i.partition(":")[0] if ":" in i else None,
            children={"job": Child(path="/jobs/{id}/application_form", one=True)},
            maps=(FIELD, QUESTION),
        ),
        account_table(
            R.DEPARTMENT,
            WorkableDepartment,
            DEPARTMENT,
            "/departments",
            children={"parent": Child(attribute="parent_id")},
        ),
        account_table(
            R.REJECT_REASON, WorkableDisqualificationReason, REJECT_REASON, "/disqualification_reasons"
        ),
        # status=all: the default lists active members only (https://workable.readme.io/reference/members).
        # No /members/{id}: every member (100 a page) is read once and picked from.
        account_table(
            R.USER,
            WorkableMember,
            USER,
            "/members",
            "members",
            paged=True,
            params={"status": "all"},
            filters={F.EMAIL: Param("email", recheck=True)},
        ),
        Endpoints(
            R.INTERVIEW,
            WorkableEvent,
            INTERVIEW,
            list="/events",
            items="events",
            params={"include_cancelled": "true"},
            # an application's id is its candidate's id
            filters={F.CANDIDATE_ID: Param("candidate_id"), F.APPLICATION_ID: Param("candidate_id")},
            get="/events/{id}",
            children={"job": Child(param="shortcode")},
        ),
        Endpoints(
            R.ACTIVITY,
            WorkableActivity,
            ACTIVITY,
            list="/candidates/{candidate_id}/activities",
            items="activities",
        ),
        Endpoints(
            R.OFFER,
            WorkableOffer,
            offer_of,
            get="/candidates/{id}/offer",
            extra_filters=frozenset({F.CANDIDATE_ID, F.APPLICATION_ID}),  # see list_offers
            maps=(OFFER,),
        ),
        Endpoints(R.ORGANIZATION, WorkableAccount, ORGANIZATION, single=_account_url),
        Endpoints(R.TAG, str, TAG, named=True),
    )
    coverage_notes: ClassVar[tuple[str, ...]] = (
        "A candidate is job-scoped (one per job the person is in): it is also its one application, "
        "with the same id.",
        "Candidates and applications read from a listing (`candidates`, `applications`, "
        "`Job.applications`, a listed candidate's `applications`) have `urls: []`, `rejectedAt` "
        "null even when disqualified, and `creditedTo` null: `GET /candidates` answers a summary "
        "without `social_profiles`, `disqualified_at` and `uploader_id`, which only "
        "`GET /candidates/{id}` has. `candidate(id:)` and `application(id:)` fill them. Filling them "
        "on a listing would cost one request per listed candidate (a page of 100 is the whole "
        "default `operation_budget`) whether the query selects them or not. `tags` are not affected: "
        "they are read per candidate, and only when selected.",
        "Writes name the acting member (`actorId` or the connection's `actor_id` option): Workable's "
        "move, disqualify, revert, comment and copy calls require a `member_id`.",
        "`hireApplication` is the move to the job's stage of kind `hired` (Workable hires so; with "
        "a hiring plan that also fills a requisition): the candidate and the job's stages (kept) "
        "are read for it, then one `POST /candidates/{id}/move`. `uploadAttachment` is not offered: the SPI has no endpoint that adds a file to an existing "
        "candidate.",
        "`moveApplicationStage`, `rejectApplication`, `unrejectApplication` and `createApplication` "
        "for an existing candidate read the candidate back after the write (Workable answers them "
        "with an empty body or a bare id); add/remove tags read the candidate's tags first, because "
        "`PUT /candidates/{id}/tags` replaces the list. The write itself is one request, never retried.",
        "`createCandidate` adds the person to the talent pool (`POST /talent_pool/candidates`). "
        "`createApplication` for a new person creates a candidate in the job (`POST "
        "/jobs/{shortcode}/candidates`), in its first stage (`stageId` is refused); for an existing "
        "candidate it copies that job-scoped candidate to the job (`POST /candidates/{id}/copy`), "
        "into `stageId` or the job's first stage. `source` and `answers` are not taken (Workable names "
        "questions by per-account keys and takes files as uploads), so a job whose form requires more "
        "than the person's name, e-mail and phone refuses `createApplication` (BAD_USER_INPUT naming "
        "the field) before any write.",
    )

    # -- the connection and the envelope -------------------------------------------------------
    def account_base_url(self) -> str:
        """``https://{subdomain}.workable.com/spi/v3``, unless the connection gives a base URL."""
        return self.base_url or f"https://{self.credentials.subdomain}.workable.com{API_ROOT}"

    def upstream_headers(self) -> dict[str, str]:
        """What partner tokens send besides the Bearer token."""
        client = self.credentials.client_id
        return {**super().upstream_headers(), **({"X-WORKABLE-CLIENT-ID": client} if client else {})}

    def items_of(self, body: Any, ctx: CallContext, field: str | None) -> Any:
        """A collection's ``field``, its ``paging`` checked; without ``field``, a bare array
        (departments, disqualification reasons)."""
        if field is None:
            return body
        data = parse(dict[str, Any], body, ctx)
        parse(Paging | None, data.get("paging"), ctx)  # a malformed ``paging`` is an invalid answer
        return data.get(field)

    # -- account lookups: a candidate names its stage and its disqualification reason -----------
    async def lookups(self, candidates: Sequence[WorkableCandidate]) -> Lookups:
        """The ids of the stages and reasons ``candidates`` name (by name, not id): one kept read
        of each job's stages on the page, and of the reasons if a candidate is disqualified."""
        jobs = sorted({c.job.shortcode for c in candidates if c.job is not None and c.stage})
        wants_reasons = any(c.disqualified and c.disqualification_reason for c in candidates)

        async def reasons() -> Sequence[Any]:
            return await whole_table(self, self.endpoints(R.REJECT_REASON)) if wants_reasons else []

        stages = children_of(self, self.endpoints(R.JOB_INTERVIEW_STAGE), "job", jobs)
        by_job, found = await asyncio.gather(stages, reasons())
        return Lookups(
            stages={j: stage_keys(s) for j, s in by_job.items()},
            reasons=ids_by_name(found),
        )

    # -- quirks ----------------------------------------------------------------------------------
    async def list_applications(self, query: ListQuery) -> Page[ApplicationRecord]:
        flt, e = query.filter, self.endpoints(R.APPLICATION)
        if flt.candidate_id is not None:  # the application *is* the candidate
            (found,) = await get_records(self, e, [flt.candidate_id])
            keep = isinstance(found, ApplicationRecord) and matches(R.APPLICATION, found, flt, flt.active())
            return Page([found] if keep and isinstance(found, ApplicationRecord) else [])
        if flt.stage_id is not None:  # a stage id names its job: ?shortcode=&stage=<slug>
            stage = split_stage_id(flt.stage_id)
            if stage is None or flt.job_id not in (None, stage[0]):
                return Page([])
            e = dataclasses.replace(e, params={**e.params, "stage": stage[1]})
            query = dataclasses.replace(
                query, filter=dataclasses.replace(flt, job_id=stage[0], stage_id=None)
            )
        page: Page[ApplicationRecord] = await list_records(self, e, query)  # type: ignore[assignment]
        return page

    async def list_tags_by_candidate_ids(self, ids: Sequence[str]) -> Mapping[str, Sequence[Record]]:
        # Tags appear only on the candidate detail: one GET /candidates/{id} per id, concurrently.
        e = dataclasses.replace(self.endpoints(R.CANDIDATE), resource=R.TAG)
        payloads = await self.fan_out(
            lambda i: fetch_record(self, e, path_to(self, e, "/candidates/{id}", i)), ids
        )
        return {i: tags_of(p, {}) if p else [] for i, p in zip(ids, payloads, strict=True)}

    async def list_offers(self, query: ListQuery) -> Page[OfferRecord]:
        flt = query.filter
        who = {i for i in (flt.candidate_id, flt.application_id) if i is not None}
        if not who:
            raise self._unsupported(R.OFFER, "listing offers without a candidateId or applicationId filter")
        found = await get_records(self, self.endpoints(R.OFFER), list(who)) if len(who) == 1 else [None]
        return Page([r for r in found if isinstance(r, OfferRecord)])
