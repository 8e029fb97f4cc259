"""The Pinpoint API adapter (https://developers.pinpointhq.com, JSON:API), declared on the kit
(``providers/kit/resources.py``, ``providers/kit/jsonapi.py``). Reads, and the writes of ``writes.py``.

- ``https://{subdomain}.pinpointhq.com/api/v1``: the subdomain is a connection option, checked
  as one DNS label so that it cannot point the key at another host; the key goes in
  ``X-API-KEY`` (https://developers.pinpointhq.com/docs/authentication).
- Pages: ``page[number]``/``page[size]``, names from a derivative of the spec (api-evangelist's,
  not the official one, whose parameter definitions were not read); no next link is relied on,
  a full page means another may follow (``kit.paging.PageNumberPaging``). 100 a page, the derivative's default:
  a larger size a server clamped would read as a short last page.
- Applications are read with ``extra_fields[applications]=attachments,tags`` (the official
  ``extra_fields`` values; the bracketed form is Graphiti's, which Pinpoint's sideposting shows
  it runs on): attachments and the ``rejection`` tag are not sent otherwise.
- Candidates: the person is on each application (``mapping.py``), so the applications are read
  whole (kept ``tables_ttl_s``) and grouped by e-mail; each candidate ships its applications.
- Stages come with their job (``include=stages``); interviews with their parts' users
  (``include=interview_parts.interviewing_users``). Comments are the activities.

Not read: talent-pool job seekers (no example; their comments and interviews have no
candidate), equality monitoring categories (names of EEO questions, not a candidate's answers),
offers and scorecards (relationships only, no shape), answers (no unified resource).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final, cast

import httpx

from ..auth import BearerHeader
from ..calls import CallModel, Cost, Rule
from ..http import CallContext
from ..kit.adapter import HttpAdapter
from ..kit.credentials import ApiKeyCredentials, account_options
from ..kit.jsonapi import Doc, JsonApiWire, linked_included, primary
from ..kit.paging import PageNumberPaging
from ..kit.resources import Child, Endpoints, local_page, whole_table
from ..kit.sorting import sort_params
from ..kit.tables import account_table
from ..query import FilterName, ListQuery, Page
from ..records import CandidateRecord, Record, Resource
from . import payloads as p
from .mapping import (
    ACTIVITY,
    APPLICATION,
    ATTACHMENT,
    CANDIDATE,
    DEPARTMENT,
    INTERVIEW,
    JOB,
    OFFICE,
    REJECT_REASON,
    STAGE,
    USER,
    person,
)
from .writes import WRITES_NOT_OFFERED, PinpointWrites

R = Resource
API_ROOT: Final = "/api/v1"
PAGE_SIZE: Final = 100
APPLICATIONS: Final = {"extra_fields[applications]": "attachments,tags"}
INCLUDE: Final[Mapping[str, Mapping[str, str]]] = {
    R.APPLICATION.value: APPLICATIONS,
    R.ATTACHMENT.value: APPLICATIONS,
    R.CANDIDATE.value: {**APPLICATIONS, "sort": "id"},
    R.INTERVIEW.value: {"include": "interview_parts.interviewing_users"},
}
"""What each resource's reads send besides its paging (what its mapping needs)."""
PARTS: Final = "interview_parts"


CALL_MODEL: Final = CallModel(
    rules={
        "applications": Rule(Cost.FREE),  # a candidate ships its applications
        "candidate": Rule(Cost.ACCOUNT, account="/applications"),  # the people table, read whole
        "rejectReason": Rule(Cost.FREE),  # its name is its id
        "stages": Rule(Cost.ACCOUNT, account="/jobs?include=stages"),  # every job with its stages
        "interviews": Rule(Cost.ACCOUNT, account="/interviews"),  # the kept list, picked from
        "activities": Rule(Cost.ACCOUNT, account="/comments"),
        **dict.fromkeys(
            ("interviewers", "hiringManagers", "recruiters", "actor", "interviewer", "creditedTo"),
            Rule(Cost.ACCOUNT, account="/users"),  # the kept users table
        ),
    },
    default=Rule(Cost.PER_KEY),
    by_id={R.CANDIDATE: Rule(Cost.ACCOUNT, account="/applications")},
)


def stages(doc: Any, _ctx: Any) -> list[Record]:
    """A job's stages, in its linkage's order, from what ``include=stages`` brought."""
    raws = linked_included(doc, "stages", "stages")
    return [STAGE.read(p.Stage.model_validate(r), {"parent": doc.data.id}) for r in raws]


def interview(doc: Any, ctx: Any) -> Record:
    """An interview and the users of its included parts (in the parts' order)."""
    users: list[str] = []
    for part in linked_included(doc, PARTS, PARTS):
        linked = p.InterviewPart.model_validate(part).linked("interviewing_users")
        users += [u for u in linked or () if u not in users]
    return INTERVIEW.read(doc.data, {**ctx, "interviewers": users})


def attachments(doc: Any, _ctx: Any) -> list[Record]:
    a = doc.data.attributes
    ctx = {"application_id": doc.data.id, "candidate_id": person(a.email), "job_id": a.job_id}
    return [
        ATTACHMENT.read(f.model_dump(), {**ctx, "id": f"{doc.data.id}-{n}"})
        for n, f in enumerate(a.attachments or ())
    ]


def _candidate(docs: Sequence[Any]) -> CandidateRecord:
    apps = tuple(APPLICATION.read(d.data) for d in docs)
    files = [f for a in apps for f in a.attachment_ids or ()]
    made = CANDIDATE.read(docs[0].data, {"applications": [a.id for a in apps], "attachments": files})
    return made.model_copy(update={"embedded": apps})


async def candidates(a: Any) -> list[CandidateRecord]:
    """Every candidate, in the order of its first application (the kept people table)."""
    return [_candidate(docs) for docs in (await a.people()).values()]


async def _candidates_of(a: Any, _payloads: Sequence[Any]) -> dict[str, Any]:
    """The candidate of every application (a comment names the application)."""
    people: dict[str, list[Any]] = await a.people()
    return {"candidates": {d.data.id: who for who, docs in people.items() for d in docs}}


class PinpointAdapter(JsonApiWire, PinpointWrites, HttpAdapter):
    """Pinpoint: ``X-API-KEY`` on the account's subdomain; see the module docstring."""

    name: ClassVar[str] = "pinpoint"
    account_url = f"https://{{subdomain}}.pinpointhq.com{API_ROOT}"
    title: ClassVar[str] = "Pinpoint"
    docs_url: ClassVar[str] = "https://developers.pinpointhq.com"
    # a key with read permission on applications, comments, interviews, jobs, departments,
    # locations and users (Settings > API & Webhooks)
    credentials_model = ApiKeyCredentials
    # ``acme`` in ``https://acme.pinpointhq.com``: one DNS label (required unless ``base_url`` is given)
    options_model = account_options("subdomain", r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
    max_page_size: ClassVar[int] = PAGE_SIZE
    auth_schemes = (BearerHeader(credential="api_key", header="X-API-KEY", prefix=""),)
    call_model = CALL_MODEL
    paging = PageNumberPaging(PAGE_SIZE, page_param="page[number]", size_param="page[size]")
    resources = (
        Endpoints(
            R.CANDIDATE,
            p.ApplicationDoc,
            primary(CANDIDATE),
            maps=(CANDIDATE,),
            table=candidates,
            extra_filters=frozenset({FilterName.EMAIL}),  # the people table is keyed by it
        ),
        Endpoints(
            R.APPLICATION,
            p.ApplicationDoc,
            primary(APPLICATION),
            maps=(APPLICATION,),
            list="/applications",
            sorts=sort_params(),
            get="/applications/{id}",
        ),
        Endpoints(
            R.ATTACHMENT,
            p.ApplicationDoc,
            attachments,
            maps=(ATTACHMENT,),
            parent_of=lambda i: i.rpartition("-")[0] or None,
            children={"application": Child(path="/applications/{id}", one=True)},
        ),
        Endpoints(R.JOB, p.JobDoc, primary(JOB), maps=(JOB,), list="/jobs", get="/jobs/{id}"),
        account_table(
            R.JOB_INTERVIEW_STAGE,
            p.JobDoc,
            stages,
            "/jobs",
            maps=(STAGE,),
            params={"include": "stages"},
            children={"job": Child(attribute="job_id")},
            paged=True,
        ),
        account_table(
            R.DEPARTMENT, Doc[p.Named], primary(DEPARTMENT), "/departments", maps=(DEPARTMENT,), paged=True
        ),
        account_table(R.OFFICE, Doc[p.Named], primary(OFFICE), "/locations", maps=(OFFICE,), paged=True),
        # an account's users are few and every interview names some: read whole and kept,
        # so a page of interviewers costs one read, not one per user
        account_table(R.USER, Doc[p.User], primary(USER), "/users", maps=(USER,), paged=True),
        # no candidate filter was found: a candidate's comments are picked from the kept list
        account_table(
            R.ACTIVITY,
            Doc[p.Comment],
            primary(ACTIVITY),
            "/comments",
            maps=(ACTIVITY,),
            get="/comments/{id}",
            children={"candidate": Child(attribute="candidate_id")},
            prepare=_candidates_of,
            paged=True,
        ),
        # nor an application filter (the list's filter names were not read)
        account_table(
            R.INTERVIEW,
            p.InterviewDoc,
            interview,
            "/interviews",
            maps=(INTERVIEW,),
            get="/interviews/{id}",
            children={"application": Child(attribute="application_id")},
            paged=True,
        ),
        Endpoints(R.REJECT_REASON, str, REJECT_REASON, named=True),  # its name is its id: no call
    )
    coverage_notes: ClassVar[tuple[str, ...]] = (
        "A candidate is the people behind the applications (Pinpoint keeps the person on each "
        "application), one per e-mail address, whose case-folded form is its id: listing or getting "
        "candidates reads every application once (kept for the table TTL).",
        "An interview names its application, not the person: its `candidate` is not filled. Comments "
        "on a talent-pool job seeker have no candidate.",
        "A reject reason is the name of an application's `rejection` tag; a stage's `status` is its "
        "`basic_type` (applied, review, interview, hired, rejected).",
        "Pages are `page[number]`/`page[size]` (from a derivative spec; the official parameter "
        "definitions were not read) without relying on a next link.",
        *WRITES_NOT_OFFERED,
    )

    async def call(
        self, path: str, ctx: CallContext, params: Mapping[str, Any] | None = None
    ) -> tuple[Any, httpx.Response]:
        """Every read of a resource sends what its mapping needs (:data:`INCLUDE`)."""
        return await super().call(path, ctx, {**INCLUDE.get(ctx.resource, {}), **(params or {})})

    async def list_candidates(self, query: ListQuery) -> Page[CandidateRecord]:
        """Written, not derived: an e-mail filter names one candidate (its id is the address)."""
        email = person(query.filter.email)
        people = [c for c in await candidates(self) if c.id == email or not email]
        return cast("Page[CandidateRecord]", local_page(people, query))

    async def list_job_interview_stages(self, query: ListQuery) -> Page[Record]:
        """Every stage at once: they are read with their jobs, a page of which is no page of stages."""
        return Page(await whole_table(self, self.endpoints(R.JOB_INTERVIEW_STAGE)))
