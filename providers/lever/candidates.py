"""Lever candidates (= contacts): listed by paging opportunities, read by contact id."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Any, Final

import httpx

from providers.base import Connection
from providers.http import CallContext
from providers.query import Filter, ListQuery, Page
from providers.records import CandidateRecord

from ..cache import Cached
from ..kit.paging import clamp_size, partial_cursor, split_partial_cursor
from ..kit.times import epoch_ms_after, epoch_ms_before
from .children import LeverChildren
from .client import PAGING
from .mapping import oldest_first, to_candidate
from .payloads import LeverOpportunity

MAX_LISTING_READS: Final = 5
"""Listing pages read for one page of candidates (filters can leave a listing page empty)."""

LISTING_TTL_S: Final = 60.0
"""How long the candidates of a listing page serve a cursor resuming inside that page."""


class LeverCandidates(LeverChildren):
    """Candidate reads of the Lever adapter."""

    def __init__(self, connection: Connection, http: httpx.AsyncClient | None = None) -> None:
        super().__init__(connection, http)
        self._listings: Cached[str, tuple[list[CandidateRecord], str | None]] = Cached(LISTING_TTL_S, 16)

    @staticmethod
    def _candidate_filters(flt: Filter) -> dict[str, Any]:
        # A contact was updated after T iff one of its opportunities was; it was created
        # before T iff one of them was. created_after / updated_before are left to the gateway.
        params: dict[str, Any] = {}
        if flt.updated_after:
            params["updated_at_start"] = epoch_ms_after(flt.updated_after)
        if flt.created_before:
            params["created_at_end"] = epoch_ms_before(flt.created_before)
        if flt.email:
            params["email"] = flt.email
        if flt.job_id:
            params["posting_id"] = flt.job_id
        return params

    async def list_candidates(self, query: ListQuery) -> Page[CandidateRecord]:
        """Pages opportunities and yields each contact once, on the page holding the contact's
        oldest opportunity among those the listing matches (so a contact whose opportunities
        span pages is neither repeated nor lost while the data holds still).

        A page of 100 opportunities holds about 70 contacts, so listing pages are read (always
        100 opportunities, each followed by one read of all opportunities of its contacts, and
        with filters one of their matching ones) until ``page_size`` candidates are found. The
        cursor then points just after the last candidate returned: a Lever token, or
        ``PARTIAL_PREFIX``, the candidates already taken and the token of a page only partly
        returned. Such a page is kept for ``LISTING_TTL_S``, so the next page starts from its
        rest without reading it again; a query from the start always reads afresh."""
        ctx = self.ctx("candidate", "list candidates")
        filters = self._candidate_filters(query.filter)
        wanted = clamp_size(query.page_size, PAGING.max_size)
        token, skip = split_partial_cursor(query.cursor)
        records: list[CandidateRecord] = []
        for _ in range(MAX_LISTING_READS):
            key = json.dumps([filters, token], sort_keys=True, default=str)
            kept = self._listings.peek(key) if skip else None
            found, after = kept or await self._listing(filters, token, ctx)
            taken = found[skip : skip + wanted - len(records)]
            records.extend(taken)
            if skip + len(taken) < len(found):
                self._listings.put(key, (found, after))
                return Page(records, partial_cursor(token, skip + len(taken)))
            if after is None or len(records) == wanted:
                return Page(records, after)
            token, skip = after, 0
        return Page(records, token)

    async def _listing(
        self, filters: dict[str, Any], token: str | None, ctx: CallContext
    ) -> tuple[list[CandidateRecord], str | None]:
        """The candidates of the listing page at ``token`` and the next page's token."""
        found, after = await self.fetch_page(
            LeverOpportunity,
            "/opportunities",
            ctx,
            params={**filters, **self.opportunity_params()},
            cursor=token,
            page_size=PAGING.max_size,
        )
        page = self.remember(found)
        contacts = list(dict.fromkeys(o.contact for o in page))
        if not contacts:
            return [], after
        everything, matching, early = await asyncio.gather(
            self.opportunities_of_contacts(contacts, ctx, fresh=True),
            self.opportunities_where({**filters, "contact_id": contacts}, ctx) if filters else _none(),
            self.reason_types(page, ctx),
        )
        on_page = {o.id for o in page}
        canonical: dict[str, str] = {}
        if matching is None:  # no filter: every opportunity of the contact is in the listing
            matching = [o for group in everything.values() for o in group]
        for opp in oldest_first(matching):
            canonical.setdefault(opp.contact, opp.id)
        kept_contacts = [c for c in contacts if canonical.get(c, "") in on_page]
        groups = [everything[c] or [o for o in page if o.contact == c] for c in kept_contacts]
        types = early or await self.reason_types((o for g in groups for o in g), ctx)
        return [to_candidate(g, types) for g in groups], after

    async def get_candidates(self, ids: Sequence[str]) -> Sequence[CandidateRecord | None]:
        ctx = self.ctx("candidate", "get candidates")
        grouped = await self.opportunities_of_contacts(ids, ctx, fresh=True)
        types = await self.reason_types((o for g in grouped.values() for o in g), ctx)
        return [to_candidate(grouped[i], types) if grouped.get(i) else None for i in ids]


async def _none() -> None:
    return None
