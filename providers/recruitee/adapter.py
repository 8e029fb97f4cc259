"""The Recruitee ATS API adapter (https://docs.recruitee.com), declared on the kit
(``providers/kit/resources.py``).

Base URL ``https://api.recruitee.com/c/{company_id}`` (the connection's ``company_id``
option, or its ``base_url``); ``Authorization: Bearer <personal API token>``.

Reads, and the writes of ``writes.py``. A candidate answer carries its placements (the applications) and ``references``
(the offers and stages they name), so a page of candidates brings its applications, their
jobs, stages and reject reasons in one call (shipped as ``embedded``). Applications and the
CV have no endpoint of their own: they are read from their candidate (``mapping.py``).

Not served, with why: departments, locations and notes have endpoints (the API reference's
sidebar) but no payload in the sources read and no response shape in the public docs found,
so none is invented; users (admins) appear only as references no unified relation reads;
interviews, scorecards, offers (Recruitee "offers" are jobs), EEOC and form fields: no
endpoint or example in the sources read. Webhooks are not received: the sources give their
setup and test ping (``{"test": true}``) but no event payload or signature scheme.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Final, TypeVar

import httpx
from pydantic import SecretStr

from ..auth import BearerHeader
from ..calls import CallModel, Cost, Rule
from ..http import CallContext
from ..kit.adapter import HttpAdapter
from ..kit.credentials import Settings, account_options
from ..kit.mapping import Ctx
from ..kit.paging import OffsetPaging
from ..kit.resources import Child, Endpoints, whole_table
from ..query import ListQuery, Page
from ..records import JobInterviewStageRecord, JobRecord, RejectReasonRecord, Resource, TagRecord
from . import mapping as m
from . import payloads as p
from .writes import WRITES_NOT_OFFERED, RecruiteeWrites

R = Resource
T = TypeVar("T")
API_HOST: Final = "https://api.recruitee.com"
MAX_PAGE: Final = 100
"""``limit`` of a candidates page: no documented maximum was found; 100 is asked at most."""
OFFER_PARAMS: Final = {"scope": "default,archived", "view_mode": "brief"}
"""``view_mode=brief`` is the recorded call's; its ``scope=active`` lists open offers only, so
every offer is asked with the scopes a third-party client combines (default and archived)."""


@dataclass(frozen=True)
class OffsetUntilShort(OffsetPaging):
    """``limit`` + ``offset`` with no total in the answer (third-party descriptions of
    ``GET /candidates``; unverified in the official docs): a full page may have a next one,
    a short page is the last (a full last page costs one empty read)."""

    def next_cursor(self, body: Any, response: httpx.Response | None = None) -> str | None:
        if response is None or not isinstance(body, Mapping):
            return None
        sent = response.request.url.params
        limit, offset = sent.get(self.size_param, ""), sent.get(self.offset_param, "0")
        items = next((v for v in body.values() if isinstance(v, list)), [])
        if not limit.isdigit() or not offset.isdigit() or len(items) < int(limit) or not items:
            return None
        return str(int(offset) + len(items))

    def serve(
        self, params: Mapping[str, Any], items: Sequence[T], default_size: int
    ) -> tuple[Sequence[T], dict[str, Any]]:
        page, _ = super().serve(params, items, default_size)
        return page, {}


class RecruiteeCredentials(Settings):
    api_token: SecretStr
    """A personal API token (it has the permissions of the user who made it)."""


async def _remember_stages(a: Any, docs: Sequence[p.CandidateDoc]) -> Ctx:
    """Stages have no endpoint in the sources read: those the answers reference are kept
    (``tables_ttl_s``) for :meth:`RecruiteeAdapter.get_job_interview_stages`."""
    for doc in docs:
        for stage in m.stages(doc):
            a.tables.put(f"stage:{stage.id}", stage)
    return {}


CALL_MODEL: Final = CallModel(
    # the candidate answer carries its placements and the offers and stages they name; tags
    # and the CV come only with a candidate read by id: one read per listed candidate (free
    # under a candidate read by id, which this model cannot tell apart)
    rules={name: Rule(Cost.FREE) for name in ("applications", "job", "currentStage", "rejectReason")},
    default=Rule(Cost.PER_KEY),
)

_CANDIDATE_DETAIL: Final = {"candidate": Child(path="/candidates/{id}", one=True)}
"""Placements, tags and the CV live in their candidate's answer: read there, never listed."""


class RecruiteeAdapter(RecruiteeWrites, HttpAdapter):
    """Recruitee: bearer token, company id in the path; see the module docstring."""

    name: ClassVar[str] = "recruitee"
    account_url = f"{API_HOST}/c/{{company_id}}"
    title: ClassVar[str] = "Recruitee"
    docs_url: ClassVar[str] = "https://docs.recruitee.com"
    credentials_model = RecruiteeCredentials
    credentials: RecruiteeCredentials
    # shown beside the personal API tokens (Settings): the account's path segment in every URL
    options_model = account_options("company_id", r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
    max_page_size: ClassVar[int] = MAX_PAGE
    auth_schemes = (BearerHeader(credential="api_token"),)
    call_model = CALL_MODEL
    paging = OffsetUntilShort(MAX_PAGE)
    resources = (
        Endpoints(
            R.CANDIDATE,
            p.CandidateDoc,
            m.candidate,
            maps=(m.CANDIDATE,),
            embeds=(m.applications, m.references, m.tags, m.resume),
            prepare=_remember_stages,
            list="/candidates",
            get="/candidates/{id}",
        ),
        Endpoints(
            R.APPLICATION,
            p.CandidateDoc,
            m.applications,
            maps=(m.APPLICATION,),
            embeds=(m.references,),
            prepare=_remember_stages,
            parent_of=m.candidate_of,
            children=_CANDIDATE_DETAIL,
            listed=False,
        ),
        Endpoints(
            R.JOB,
            p.Offer,
            m.JOB,
            list="/offers",
            items="offers",
            paged=False,
            params=OFFER_PARAMS,
            whole=True,
            kept=True,
        ),
        Endpoints(R.JOB_INTERVIEW_STAGE, p.Stage, m.STAGE),
        Endpoints(R.TAG, p.CandidateDoc, m.tags, maps=(m.TAG,), children=_CANDIDATE_DETAIL, listed=False),
        Endpoints(
            R.ATTACHMENT,
            p.CandidateDoc,
            m.resume,
            maps=(m.RESUME,),
            parent_of=m.candidate_of,
            children=_CANDIDATE_DETAIL,
            listed=False,
        ),
        Endpoints(R.REJECT_REASON, str, m.REJECT_REASON),
    )
    coverage_notes: ClassVar[tuple[str, ...]] = (
        "An application is a placement inside its candidate (no endpoint of its own): its id is "
        "`<candidate id>-<placement id>`, read by id through its candidate. A page of candidates "
        "brings their applications, jobs (offers) and stages in one call.",
        "A reject reason is the placement's free-text `disqualify_reason` (its text is its id); "
        "`rejectedAt` is not sent. A tag is its name; tags and the CV (the one attachment) come "
        "only with a candidate read by id.",
        "Stages have no endpoint in the sources read: a stage is known once a candidate answer "
        "referenced it. Departments, offices (an offer's `location` is free text, kept in "
        "`locations`), notes and users have no payload in the sources read and are not served.",
        "A candidate has one `name` (not split into first and last); its address, skills and custom "
        "fields are in `fields` and its `social_links` had no example, so `locations`, `company`, "
        "`title` and `urls` stay in `remoteData`. `lastInteractionAt` (`last_activity_at`) comes "
        "only with a candidate read by id.",
        "Talent pools are offers too: listed among the jobs, their `kind` in `remoteData`.",
        "Paging of candidates by `limit`/`offset` is a third-party description; offers are one "
        "answer, paged by the gateway.",
        *WRITES_NOT_OFFERED,
    )

    def items_of(self, body: Any, ctx: CallContext, field: str | None) -> Any:
        return super().items_of(body, ctx, field) if field else p.envelopes(body)

    async def list_jobs(self, query: ListQuery) -> Page[JobRecord]:
        """Offers come whole in one answer: the gateway pages the kept table."""
        table = await whole_table(self, self.endpoints(R.JOB))
        start = int(query.cursor) if query.cursor and query.cursor.isdigit() else 0
        end = start + (query.page_size or len(table))
        page = [r for r in table[start:end] if isinstance(r, JobRecord)]
        return Page(page, str(end) if end < len(table) else None)

    async def get_job_interview_stages(self, ids: Sequence[str]) -> Sequence[JobInterviewStageRecord | None]:
        return [self.tables.peek(f"stage:{i}") for i in ids]

    async def get_tags(self, ids: Sequence[str]) -> Sequence[TagRecord | None]:
        """A tag is its name: no call is needed."""
        return [m.TAG.read(i) if i else None for i in ids]

    async def get_reject_reasons(self, ids: Sequence[str]) -> Sequence[RejectReasonRecord | None]:
        """A reject reason is its text: no call is needed."""
        return [m.REJECT_REASON.read(i) if i else None for i in ids]
