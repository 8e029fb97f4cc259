"""The Lever v1 adapter, declared on the kit (``providers/kit/resources.py``); the methods
written here are Lever's quirks. Calls per read (N ids; "1 call" is one per 100 opportunities):

- candidates (contacts, which Lever cannot list): a listing page of opportunities, then one
  read of all opportunities of its contacts (3 calls with filters), see ``list_candidates``;
  by id 1 call (``contact_id`` repeated);
- applications (opportunities): by id N concurrent calls, by candidate 1 (none when the
  contacts were read in the last ``CONTACTS_TTL_S``), by job 1 (``posting_id`` repeated);
  ``GET /archive_reasons`` once per ``tables_ttl_s``, only when an archived one is mapped;
- stages, archive reasons, tags: account tables read whole (stages and reasons kept);
- interviews, scorecards, notes, offers, attachments: one call per opportunity (two for
  attachments), refused up front beyond the operation's budget (``kit/budget.py``);
- form fields: ``GET /postings/{id}/apply`` per job; EEO responses: listed only.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import httpx

from ..auth import Basic, BearerHeader, OAuth2Refresh
from ..base import Connection
from ..cache import Cached
from ..errors import ProviderNotFound
from ..http import CallContext, parse
from ..kit.adapter import HttpAdapter, pick
from ..kit.budget import ensure_affordable
from ..kit.delegated import delegate_reads
from ..kit.fieldspecs import split_pair
from ..kit.mapping import Ctx, RecordMap
from ..kit.pagefill import fill_page
from ..kit.paging import BodyCursorPaging, clamp_size
from ..kit.resources import Child, Endpoints, Param, query_params, whole_table
from ..kit.times import epoch_ms_after, epoch_ms_before
from ..paths import segment
from ..query import FilterName, ListQuery, Page
from ..records import ApplicationRecord, CandidateRecord, Record, Resource, TagRecord
from ..resilience.policy import RateLimit
from . import mapping as m
from . import payloads as w
from .auth import LeverCredentials, LeverOptions
from .calls import CALL_MODEL
from .webhooks import LeverWebhooks
from .writes import WRITES_NOT_OFFERED, LeverWrites

F = FilterName
R = Resource
PAGING: Final = BodyCursorPaging(max_size=100, next_field="next", more_field="hasNext", cursor_param="offset")
"""``{"data": [...], "hasNext": bool, "next": "<token>"}``; the next page is ``offset=<token>``
(opaque, sent back verbatim) with ``limit`` 1-100."""
KNOWN_OPPORTUNITIES: Final = 10_000
"""Opportunities remembered for their contact and posting, which never change."""
CONTACTS_TTL_S: Final = 30.0
"""How long the opportunities a contact was read with serve the reads under that contact in
the rest of a query (its applications, tags, attachments...). Root reads always read afresh."""
MAX_LISTING_READS: Final = 5
"""Listing pages read for one page of candidates (filters can leave a listing page empty)."""
LISTING_TTL_S: Final = 60.0
"""How long a listing page serves a cursor resuming inside it."""
CONFIDENTIAL: Final = frozenset({"/opportunities", "/postings"})
"""The lists that hide confidential records unless asked ``confidentiality=all``."""

_MS = {
    F.CREATED_AFTER: Param("created_at_start", epoch_ms_after),  # Lever's bounds are inclusive ms
    F.CREATED_BEFORE: Param("created_at_end", epoch_ms_before),
    F.UPDATED_AFTER: Param("updated_at_start", epoch_ms_after),
    F.UPDATED_BEFORE: Param("updated_at_end", epoch_ms_before),
}
NESTED: Final[
    Mapping[Resource, tuple[tuple[str, ...], tuple[tuple[str, type[Any], RecordMap[Any]], ...]]]
] = {
    R.INTERVIEW: (("application", "candidate"), (("interviews", w.LeverInterview, m.INTERVIEW),)),
    R.SCORECARD: (("application", "candidate"), (("feedback", w.LeverFeedback, m.SCORECARD),)),
    R.ACTIVITY: (("candidate",), (("notes", w.LeverNote, m.ACTIVITY),)),
    R.OFFER: (("application", "candidate"), (("offers", w.LeverOffer, m.OFFER),)),
    R.ATTACHMENT: (
        ("application", "candidate"),
        (("files", w.LeverFile, m.FILE), ("resumes", w.LeverResume, m.RESUME)),
    ),
}
"""What Lever keeps under an opportunity, readable nowhere else: by parent, and the paths
(``/opportunities/{id}/<path>``) and maps of its records."""


async def _opportunities(a: Any, payloads: Sequence[w.LeverOpportunity]) -> Ctx:
    return {"types": await a.reason_types(a.remember(payloads))}


async def _positions(_a: Any, payloads: Sequence[w.LeverStage]) -> Ctx:
    return {"positions": {s.id: i for i, s in enumerate(payloads)}}


class LeverAdapter(LeverWrites, HttpAdapter):
    """Lever (https://hire.lever.co/developer/documentation), API v1."""

    name = "lever"
    title = "Lever"
    docs_url = "https://hire.lever.co/developer/documentation"
    credentials_model = LeverCredentials
    webhooks = LeverWebhooks()
    options_model = LeverOptions
    credentials: LeverCredentials
    options: LeverOptions
    default_base_url = "https://api.lever.co/v1"
    max_batch_size = 50
    """Ids per batched call (``contact_id`` / ``posting_id`` repeated in one URL)."""
    max_page_size = 100
    auth_schemes = (
        Basic(username="api_key"),  # the key as user name, a blank password
        BearerHeader(credential="access_token"),
        OAuth2Refresh(token_url="https://auth.lever.co/oauth/token", credential="access_token"),
    )
    call_model = CALL_MODEL
    rate_limit = RateLimit(requests=10, per_s=1.0, burst=20)  # per API key, token bucket
    paging = PAGING
    resources = (
        # Contacts have no list of their own: read by the quirks below, through opportunities.
        # A contact matches updated_after / created_before iff one of its opportunities does;
        # Lever's tag filter is case-sensitive and a union, the unified one neither: not sent.
        Endpoints(
            R.CANDIDATE,
            w.LeverOpportunity,
            m.CANDIDATE,
            filters={
                F.UPDATED_AFTER: _MS[F.UPDATED_AFTER],
                F.CREATED_BEFORE: _MS[F.CREATED_BEFORE],
                F.EMAIL: Param("email"),
                F.JOB_ID: Param("posting_id"),
            },
        ),
        # expand=applications inlines the (at most one) application: its posting is the job
        Endpoints(
            R.APPLICATION,
            w.LeverOpportunity,
            m.APPLICATION,
            list="/opportunities",
            params={"expand": "applications"},
            filters={
                **_MS,
                F.JOB_ID: Param("posting_id"),
                F.CANDIDATE_ID: Param("contact_id"),
                F.STAGE_ID: Param("stage_id"),
            },
            prepare=_opportunities,
        ),
        # Lever takes updated_at_* on postings, created_at_* not
        Endpoints(
            R.JOB,
            w.LeverPosting,
            m.JOB,
            list="/postings",
            filters={F.UPDATED_AFTER: _MS[F.UPDATED_AFTER], F.UPDATED_BEFORE: _MS[F.UPDATED_BEFORE]},
            get="/postings/{id}",
            record="data",
        ),
        Endpoints(
            R.USER,
            w.LeverUser,
            m.USER,
            list="/users",
            params={"includeDeactivated": "true"},
            filters={F.EMAIL: Param("email")},
            get="/users/{id}",
            record="data",
        ),
        Endpoints(
            R.JOB_INTERVIEW_STAGE,
            w.LeverStage,
            m.STAGE,
            list="/stages",
            whole=True,
            kept=True,
            prepare=_positions,
        ),
        # read whole (and kept) with the hired ones: mapping an archived opportunity needs them
        Endpoints(
            R.REJECT_REASON,
            w.LeverArchiveReason,
            m.REJECT_REASON,
            list="/archive_reasons",
            whole=True,
            kept=True,
        ),
        Endpoints(R.TAG, w.LeverTag, m.TAG, list="/tags", whole=True),
        # without created_at_start Lever answers only the last week of responses
        Endpoints(
            R.EEOC, w.LeverEeoResponse, m.EEOC, list="/eeo/responses/pii", params={"created_at_start": 0}
        ),
        # a form field's id names its posting, whose form is read whole (listed only by posting)
        Endpoints(
            R.JOB_FORM_FIELD,
            w.LeverApplyForm,
            m.to_job_form_fields,
            record="data",
            children={"job": Child(path="/postings/{id}/apply", one=True)},
            parent_of=lambda i: p[0] if (p := split_pair(i)) else None,
            listed=False,
            maps=[m.FORM_FIELD],
        ),
        *(
            Endpoints(r, parts[0][1], parts[0][2], maps=[m for *_, m in parts])
            for r, (_, parts) in NESTED.items()
        ),
    )
    coverage_notes = (
        "`Job.stages` is the account's whole pipeline, the same for every job: Lever's stages are "
        "account-wide (`GET /stages`) and a posting has no pipeline of its own. The stages a posting's "
        "opportunities happen to be in would miss the empty ones and cost a listing of all of them. "
        "(`lever-demo` renders the sandbox's per-job pipelines as one account pipeline: their "
        "distinct stages, each job's stage mapped to the account stage of the same name.)",
        "Interviews, scorecards, activities, offers and attachments are read one opportunity at a "
        "time (Lever has no call for several, and `expand` covers none of them): 1 request per "
        "opportunity, 2 for attachments (`/files`, `/resumes`). A candidate has about 1.5 "
        "opportunities, so `candidates(first: N) { attachments }` needs about 3 N requests: about "
        "`first: 30` within the default `operation_budget` of 100. A read that cannot fit the "
        "operation's budget is refused before its first request (`UPSTREAM_BUDGET_EXCEEDED`, saying "
        "how many records fit).",
        "Confidential postings, and the opportunities (so the candidates) on them, are read only "
        "with the connection option `include_confidential = true` (Lever's `confidentiality=all`); "
        "the `lever-demo` connection sets it.",
        "Writes are made as a Lever user (`perform_as`): the mutation's `actorId`, or the connection "
        "option `actor_id`. `rejectApplication` archives with a reason (required; Lever's archive "
        "call takes no note and sends no e-mail); `hireApplication` archives with the account's "
        "archive reason of type hired (read from the kept archive reasons first: one read per "
        "`tables_ttl_s` at most, then the write); `addCandidateTags` / `removeCandidateTags` read the contact's opportunities first (Lever "
        "keeps tags per opportunity; the candidate's are their union), then add to the newest one "
        "(one write) or remove from each one carrying a tag (one write each; none when nothing "
        "changes); `addNote` needs `applicationId` (Lever's notes "
        "hang off an opportunity); `createCandidate` takes no `company` or `isPrivate` (no such "
        "fields on a Lever contact) and makes an opportunity on no posting (Lever has no bare contacts).",
        *WRITES_NOT_OFFERED,
    )

    def __init__(self, connection: Connection, http: httpx.AsyncClient | None = None) -> None:
        super().__init__(connection, http)
        self._contacts: Cached[str, list[w.LeverOpportunity]] = Cached(CONTACTS_TTL_S, KNOWN_OPPORTUNITIES)
        self._known: OrderedDict[str, w.LeverOpportunity] = OrderedDict()
        self._listings: Cached[str, tuple[list[CandidateRecord], str | None]] = Cached(LISTING_TTL_S, 16)

    # -- the wire ------------------------------------------------------------------------------
    def confidentiality(self) -> dict[str, str]:
        return {"confidentiality": "all"} if self.options.include_confidential else {}

    async def call(
        self, path: str, ctx: CallContext, params: Mapping[str, Any] | None = None
    ) -> tuple[Any, httpx.Response]:
        """Quirk: whether confidential records are listed is the connection's option."""
        if path in CONFIDENTIAL:
            params = {**(params or {}), **self.confidentiality()}
        return await super().call(path, ctx, params)

    def record_of(self, body: Any, ctx: CallContext) -> Any:
        """A single object's ``data``, its envelope checked."""
        return parse(w.ObjectEnvelope, body, ctx).data

    def items_of(self, body: Any, ctx: CallContext, field: str | None) -> Any:
        """A list's ``data``, its envelope checked (the documentation shows ``/files`` as a bare array)."""
        return body if isinstance(body, list) else parse(w.ListEnvelope, body, ctx).data

    # -- opportunities: what never changes is remembered ---------------------------------------
    def remember(self, opportunities: Iterable[w.LeverOpportunity]) -> list[w.LeverOpportunity]:
        """Keep read opportunities for their contact and posting (immutable in Lever): records
        under an opportunity then need no read of it for their candidate."""
        opps = list(opportunities)
        for opp in opps:
            self._known[opp.id] = opp
            self._known.move_to_end(opp.id)
        while len(self._known) > KNOWN_OPPORTUNITIES:
            self._known.popitem(last=False)
        return opps

    async def opportunity(self, opportunity_id: str, ctx: CallContext) -> w.LeverOpportunity | None:
        """``GET /opportunities/{id}`` with its application (None on 404)."""
        path = f"/opportunities/{segment(opportunity_id, ctx)}"
        opp = await self.fetch_one(w.LeverOpportunity, path, ctx, {"expand": "applications"})
        return self.remember([opp])[0] if opp is not None else None

    async def opportunities_where(
        self, filters: Mapping[str, Any], ctx: CallContext
    ) -> list[w.LeverOpportunity]:
        """Every opportunity matching ``filters`` (repeated values are a union), all pages."""
        params = {**filters, "expand": "applications"}
        found = await self.fetch_all(
            w.LeverOpportunity, "/opportunities", ctx, params=params, page_size=PAGING.max_size
        )
        return self.remember(found)

    async def opportunities_of_contacts(
        self, contact_ids: Sequence[str], ctx: CallContext, *, fresh: bool = False
    ) -> dict[str, list[w.LeverOpportunity]]:
        """All opportunities of these contacts, grouped, every id present: one call per 100
        (``contact_id`` repeated). Unless ``fresh``, contacts read in the last
        ``CONTACTS_TTL_S`` are not read again."""
        wanted = list(dict.fromkeys(contact_ids))
        grouped = {c: kept for c in wanted if not fresh and (kept := self._contacts.peek(c)) is not None}
        missing = [c for c in wanted if c not in grouped]
        if missing:
            read: dict[str, list[w.LeverOpportunity]] = {c: [] for c in missing}
            for opp in await self.opportunities_where({"contact_id": missing}, ctx):
                read.get(opp.contact, []).append(opp)
            for c, opps in read.items():
                self._contacts.put(c, opps)
            grouped.update(read)
        return {c: grouped[c] for c in wanted}

    async def reason_types(self, opportunities: Iterable[w.LeverOpportunity]) -> dict[str, str]:
        """Archive reason id -> ``hired`` / ``non-hired`` (a hire is archived too), read only
        when one of ``opportunities`` is archived with a reason."""
        if not any(o.archived is not None and o.archived.reason for o in opportunities):
            return {}
        reasons = await whole_table(self, self.endpoints(R.REJECT_REASON))
        return {r.id: r.remote_data.get("type") or "" for r in reasons}

    # -- candidates: contacts, listed through their opportunities -------------------------------
    async def list_candidates(self, query: ListQuery) -> Page[CandidateRecord]:
        """Pages opportunities and yields each contact once, on the page holding its oldest
        opportunity among those the listing matches (so a contact whose opportunities span
        pages is neither repeated nor lost while the data holds still).

        A page of 100 opportunities holds about 70 contacts, so listing pages are read until
        ``page_size`` candidates are found. The cursor then points just after the last one
        returned: a Lever token, or a partial cursor into a page only partly returned, which
        is kept for ``LISTING_TTL_S`` (the next page starts from its rest without reading it
        again; a query from the start always reads afresh)."""
        ctx = self.ctx(R.CANDIDATE, "list")
        filters = query_params(self.endpoints(R.CANDIDATE), query) or {}
        return await fill_page(
            lambda token: self._listing(filters, token, ctx),
            query.cursor,
            clamp_size(query.page_size, PAGING.max_size),
            max_reads=MAX_LISTING_READS,
            kept=self._listings,
            scope=filters,
        )

    async def _listing(
        self, filters: dict[str, Any], token: str | None, ctx: CallContext
    ) -> tuple[list[CandidateRecord], str | None]:
        """The candidates of the listing page at ``token``, and the next page's token: each
        contact whose oldest matching opportunity is on the page, read with all of its
        opportunities (and, with filters, its matching ones)."""
        params = {**filters, "expand": "applications"}
        found, after = await self.fetch_page(
            w.LeverOpportunity, "/opportunities", ctx, params=params, cursor=token, page_size=PAGING.max_size
        )
        page = self.remember(found)
        contacts = list(dict.fromkeys(o.contact for o in page))
        if not contacts:
            return [], after
        matching_read = (
            self.opportunities_where({**filters, "contact_id": contacts}, ctx)
            if filters
            else asyncio.sleep(0)
        )
        everything, matching, early = await asyncio.gather(
            self.opportunities_of_contacts(contacts, ctx, fresh=True), matching_read, self.reason_types(page)
        )
        if matching is None:  # no filter: every opportunity of the contact is in the listing
            matching = [o for group in everything.values() for o in group]
        canonical: dict[str, str] = {}
        for opp in m.oldest_first(matching):
            canonical.setdefault(opp.contact, opp.id)
        on_page = {o.id for o in page}
        groups = [
            everything[c] or [o for o in page if o.contact == c]
            for c in contacts
            if canonical.get(c) in on_page
        ]
        types = early or await self.reason_types(o for g in groups for o in g)
        return [m.to_candidate(g, types) for g in groups], after

    async def get_candidates(self, ids: Sequence[str]) -> Sequence[CandidateRecord | None]:
        grouped = await self.opportunities_of_contacts(ids, self.ctx(R.CANDIDATE, "get"), fresh=True)
        types = await self.reason_types(o for g in grouped.values() for o in g)
        return [m.to_candidate(grouped[i], types) if grouped.get(i) else None for i in ids]

    # -- applications: the opportunities, read in one call per many parents ---------------------
    async def get_applications(self, ids: Sequence[str]) -> Sequence[ApplicationRecord | None]:
        ctx = self.ctx(R.APPLICATION, "get")
        opps = await self.fan_out(lambda i: self.opportunity(i, ctx), ids)  # no ids filter
        types = await self.reason_types(o for o in opps if o)
        return [m.to_application(o, types) if o else None for o in opps]

    async def list_applications_by_candidate_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ApplicationRecord]]:
        grouped = await self.opportunities_of_contacts(ids, self.ctx(R.APPLICATION, "by candidate"))
        types = await self.reason_types(o for g in grouped.values() for o in g)
        return {c: [m.to_application(o, types) for o in m.oldest_first(opps)] for c, opps in grouped.items()}

    async def list_applications_by_job_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ApplicationRecord]]:
        wanted = list(dict.fromkeys(ids))
        opps = await self.opportunities_where({"posting_id": wanted}, self.ctx(R.APPLICATION, "by job"))
        types = await self.reason_types(opps)
        out: dict[str, list[ApplicationRecord]] = {j: [] for j in wanted}
        for opp in opps:
            if (app := opp.application) and app.posting in out:
                out[app.posting].append(m.to_application(opp, types))
        return out

    # -- account tables: listed whole (read 100 a page) -------------------------------------------
    async def list_job_interview_stages(self, query: ListQuery) -> Page[Record]:
        return Page(await whole_table(self, self.endpoints(R.JOB_INTERVIEW_STAGE)))

    async def list_tags(self, query: ListQuery) -> Page[Record]:
        return Page(await whole_table(self, self.endpoints(R.TAG)))

    async def list_job_interview_stages_by_job_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[Record]]:
        """Quirk: the pipeline is the account's, every posting has all of its stages."""
        stages = await whole_table(self, self.endpoints(R.JOB_INTERVIEW_STAGE))
        return {i: stages for i in ids}

    async def _reject_reasons(self) -> list[Record]:
        reasons = await whole_table(self, self.endpoints(R.REJECT_REASON))
        return [r for r in reasons if r.remote_data.get("type") != m.HIRED]  # a hire is no rejection

    async def list_reject_reasons(self, query: ListQuery) -> Page[Record]:
        return Page(await self._reject_reasons())

    async def get_reject_reasons(self, ids: Sequence[str]) -> Sequence[Record | None]:
        return pick(await self._reject_reasons(), ids)

    async def list_tags_by_candidate_ids(self, ids: Sequence[str]) -> Mapping[str, Sequence[TagRecord]]:
        """Quirk: tag names ride on the contact's opportunities; ``/tags`` gives their records."""
        grouped, tags = await asyncio.gather(
            self.opportunities_of_contacts(ids, self.ctx(R.TAG, "by candidate")),
            whole_table(self, self.endpoints(R.TAG)),
        )
        by_name = {t.id: t for t in tags if isinstance(t, TagRecord)}
        names = {
            c: dict.fromkeys(t for o in m.oldest_first(opps) for t in o.tags) for c, opps in grouped.items()
        }
        return {
            c: [by_name.get(n) or TagRecord(id=n, remote_id=n, name=n) for n in ns] for c, ns in names.items()
        }

    # -- under an opportunity (NESTED) --------------------------------------------------------------
    async def _nested(self, kind: Resource, opp: w.LeverOpportunity | str, ctx: CallContext) -> list[Record]:
        """The records of ``kind`` under one opportunity, read with it: ``opp`` itself, or its
        id (then remembered, else read alongside; none where it does not exist)."""
        by_id = isinstance(opp, str)
        opp_id = opp if isinstance(opp, str) else opp.id
        under, parts = f"/opportunities/{segment(opp_id, ctx)}", NESTED[kind][1]

        async def pages() -> list[list[Any]] | None:
            reads = (
                self.fetch_all(t, f"{under}/{path}", ctx, page_size=PAGING.max_size) for path, t, _ in parts
            )
            try:
                return list(await asyncio.gather(*reads))
            except ProviderNotFound:
                if by_id:  # an opportunity asked by id may not exist; one just listed does
                    return None
                raise

        known = self._known.get(opp_id) if by_id else opp  # asyncio.sleep(0, x): x, awaited alongside
        parent, found = await asyncio.gather(
            asyncio.sleep(0, known) if known is not None else self.opportunity(opp_id, ctx), pages()
        )
        if parent is None or found is None:
            return []
        # deleted feedback and notes stay listed, with ``deletedAt``: they are no records
        return [
            how.read(p, {"opp": parent})
            for (*_, how), ps in zip(parts, found, strict=True)
            for p in ps
            if getattr(p, "deleted_at", None) is None
        ]

    def _afford(self, costs: Sequence[int], what: str, kind: Resource, ctx: CallContext) -> None:
        paths = [f"/opportunities/{{id}}/{path}" for path, *_ in NESTED[kind][1]]
        per = f"{len(paths)} request{'s' if len(paths) > 1 else ''} per opportunity ({', '.join(paths)})"
        ensure_affordable(costs, what=what, per=per, ctx=ctx, upstream="Lever", unit="opportunities")

    async def nested_by_application(self, kind: Resource, ids: Sequence[str]) -> dict[str, list[Record]]:
        ctx = self.ctx(kind, f"{kind.value} by application")
        wanted = list(dict.fromkeys(ids))
        # and one GET /opportunities/{id} for each opportunity not read before
        costs = [len(NESTED[kind][1]) + (i not in self._known) for i in wanted]
        self._afford(costs, "applications", kind, ctx)
        return dict(
            zip(wanted, await self.fan_out(lambda i: self._nested(kind, i, ctx), wanted), strict=True)
        )

    async def nested_by_candidate(self, kind: Resource, ids: Sequence[str]) -> dict[str, list[Record]]:
        ctx = self.ctx(kind, f"{kind.value} by candidate")
        grouped = await self.opportunities_of_contacts(ids, ctx)
        costs = [len(NESTED[kind][1]) * len(group) for group in grouped.values()]
        self._afford(costs, "candidates", kind, ctx)
        opps = [o for group in grouped.values() for o in group]
        found = await self.fan_out(lambda o: self._nested(kind, o, ctx), opps)
        out: dict[str, list[Record]] = {c: [] for c in grouped}
        for opp, records in zip(opps, found, strict=True):
            out[opp.contact].extend(records)
        return out

    async def nested_by_id(self, kind: Resource, ids: Sequence[str]) -> list[Record | None]:
        parents = list(dict.fromkeys(p[0] for i in ids if (p := split_pair(i)) is not None))
        by_parent = await self.nested_by_application(kind, parents)
        return pick([r for records in by_parent.values() for r in records], ids)

    async def list_scorecards_by_interview_ids(self, ids: Sequence[str]) -> Mapping[str, Sequence[Record]]:
        """An interview id carries its opportunity: each opportunity's feedback is read once."""
        parents = [p[0] for i in ids if (p := split_pair(i)) is not None]
        by_opp = await self.nested_by_application(R.SCORECARD, parents)
        cards = [c for records in by_opp.values() for c in records]
        return {i: [c for c in cards if getattr(c, "interview_id", None) == i] for i in ids}


for _kind, (_parents, _) in NESTED.items():  # the reads of each: by id, and by each parent
    delegate_reads(LeverAdapter, _kind, get="nested_by_id", by={p: f"nested_by_{p}" for p in _parents})
