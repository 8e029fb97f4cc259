"""What every Lever adapter method shares over the kit's ``HttpAdapter``: envelopes,
confidentiality, opportunity look-ups and the caches of what Lever never changes."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, TypeVar

import httpx

from providers.base import Connection
from providers.http import CallContext, parse
from providers.paths import segment

from ..cache import Cached
from ..kit.adapter import HttpAdapter
from ..kit.paging import BodyCursorPaging
from .auth import LeverCredentials, LeverOptions
from .payloads import LeverArchiveReason, LeverOpportunity, LeverStage, ListEnvelope, ObjectEnvelope

M = TypeVar("M")

KNOWN_OPPORTUNITIES: Final = 10_000
"""Opportunities remembered for their contact and posting, which never change."""

ACCOUNT_TTL_S: Final = 300.0
"""Archive reasons and stages are account settings, changed rarely: kept per adapter."""

CONTACTS_TTL_S: Final = 30.0
"""How long the opportunities a contact was read with serve the reads under that contact
(its applications, tags, attachments, interviews... in the rest of the query) instead of
listing them again. Root reads (candidate listing and by id) always read afresh."""

Params = dict[str, Any]

PAGING: Final = BodyCursorPaging(max_size=100, next_field="next", more_field="hasNext", cursor_param="offset")
"""Every list answers ``{"data": [...], "hasNext": bool, "next": "<token>"}``; the next page is
asked with ``offset=<token>`` (opaque, sent back verbatim) and ``limit`` (1-100).
https://hire.lever.co/developer/documentation#pagination"""


class LeverBase(HttpAdapter):
    """Lever's quirks over the kit's base: its envelopes, confidentiality and the caches of
    what Lever never changes (the resource methods are in the subclasses)."""

    credentials: LeverCredentials
    options: LeverOptions
    paging = PAGING

    def __init__(self, connection: Connection, http: httpx.AsyncClient | None = None) -> None:
        super().__init__(connection, http)
        self._account: Cached[str, list[Any]] = Cached(ACCOUNT_TTL_S)
        self._contacts: Cached[str, list[LeverOpportunity]] = Cached(CONTACTS_TTL_S, KNOWN_OPPORTUNITIES)
        self._known: OrderedDict[str, LeverOpportunity] = OrderedDict()

    def items_of(self, body: Any, ctx: CallContext, field: str | None) -> Any:
        """A list's ``data``, its envelope checked. The documentation shows ``/files`` as a bare
        array: read as one page."""
        if isinstance(body, list):
            return body
        envelope: ListEnvelope = parse(ListEnvelope, body, ctx)
        return envelope.data

    def record_of(self, body: Any, ctx: CallContext) -> Any:
        """A single object's ``data``, its envelope checked."""
        envelope: ObjectEnvelope = parse(ObjectEnvelope, body, ctx)
        return envelope.data

    def confidentiality(self) -> Params:
        return {"confidentiality": "all"} if self.options.include_confidential else {}

    async def all_of(
        self, model: type[M], path: str, ctx: CallContext, params: Mapping[str, Any] | None = None
    ) -> list[M]:
        """Every page of a list, 100 (Lever's most) a page."""
        return await self.fetch_all(model, path, ctx, params=params, page_size=PAGING.max_size)

    # -- opportunities ------------------------------------------------------------------
    def opportunity_params(self) -> Params:
        # expand=applications inlines the (at most one) application: its posting is the job.
        return {"expand": "applications", **self.confidentiality()}

    async def opportunity(self, opportunity_id: str, ctx: CallContext) -> LeverOpportunity | None:
        """``GET /opportunities/{id}``; None on 404."""
        path = f"/opportunities/{segment(opportunity_id, ctx)}"
        opp = await self.fetch_one(LeverOpportunity, path, ctx, {"expand": "applications"})
        if opp is not None:
            self.remember([opp])
        return opp

    def remember(self, opportunities: Iterable[LeverOpportunity]) -> list[LeverOpportunity]:
        """Keep what read opportunities say about their contact and posting (immutable in
        Lever): records under an opportunity then need no extra read for their candidate."""
        opps = list(opportunities)
        for opp in opps:
            self._known[opp.id] = opp
            self._known.move_to_end(opp.id)
        while len(self._known) > KNOWN_OPPORTUNITIES:
            self._known.popitem(last=False)
        return opps

    async def known_opportunity(self, opportunity_id: str, ctx: CallContext) -> LeverOpportunity | None:
        """An opportunity already read, or ``GET /opportunities/{id}`` (None on 404)."""
        known = self._known.get(opportunity_id)
        return known if known is not None else await self.opportunity(opportunity_id, ctx)

    async def opportunities_where(
        self, filters: Mapping[str, Any], ctx: CallContext
    ) -> list[LeverOpportunity]:
        """Every opportunity matching ``filters`` (repeated values are a union), all pages."""
        params = {**filters, **self.opportunity_params()}
        return self.remember(await self.all_of(LeverOpportunity, "/opportunities", ctx, params))

    async def opportunities_of_contacts(
        self, contact_ids: Sequence[str], ctx: CallContext, *, fresh: bool = False
    ) -> dict[str, list[LeverOpportunity]]:
        """All opportunities of these contacts: one call per 100 opportunities
        (``contact_id`` repeated), grouped by contact, every id present. Unless ``fresh``,
        contacts read in the last ``CONTACTS_TTL_S`` seconds are not read again."""
        wanted = list(dict.fromkeys(contact_ids))
        grouped: dict[str, list[LeverOpportunity]] = {}
        if not fresh:
            for c in wanted:
                known = self._contacts.peek(c)
                if known is not None:
                    grouped[c] = known
        missing = [c for c in wanted if c not in grouped]
        if missing:
            read: dict[str, list[LeverOpportunity]] = {c: [] for c in missing}
            for opp in await self.opportunities_where({"contact_id": missing}, ctx):
                if opp.contact in read:
                    read[opp.contact].append(opp)
            for c, opps in read.items():
                self._contacts.put(c, opps)
            grouped.update(read)
        return {c: grouped[c] for c in wanted}

    async def archive_reasons(self, ctx: CallContext) -> list[LeverArchiveReason]:
        """Every archive reason (hired and non-hired), read at most once per ``ACCOUNT_TTL_S``."""

        async def read() -> list[Any]:
            return await self.all_of(LeverArchiveReason, "/archive_reasons", ctx)

        reasons: list[LeverArchiveReason] = await self._account.get("archive_reasons", read)
        return reasons

    async def stages(self, ctx: CallContext) -> list[LeverStage]:
        """The account's pipeline, in order, read at most once per ``ACCOUNT_TTL_S``."""

        async def read() -> list[Any]:
            return await self.all_of(LeverStage, "/stages", ctx)

        stages: list[LeverStage] = await self._account.get("stages", read)
        return stages

    async def reason_types(
        self, opportunities: Iterable[LeverOpportunity], ctx: CallContext
    ) -> dict[str, str]:
        """Archive reason id -> ``hired`` / ``non-hired`` (it tells a hire from a rejection),
        read only when one of ``opportunities`` is archived with a reason."""
        if not any(o.archived is not None and o.archived.reason for o in opportunities):
            return {}
        return {r.id: r.type or "" for r in await self.archive_reasons(ctx)}
