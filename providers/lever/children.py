"""What Lever keeps under an opportunity: interviews, feedback (scorecards), notes
(activities), offers, files and resumes (attachments).

Lever has no account-wide list for any of them, and no filter by opportunity ids: each is
read with one ``GET /opportunities/{id}/<kind>`` per opportunity. So:

- by candidate: 1 call for all the candidates' opportunities (``contact_id`` repeated),
  then one call per opportunity (per kind path), concurrently;
- by application / get by id: one call per opportunity for the records, plus one
  ``GET /opportunities/{id}`` for its contact unless the adapter has already read that
  opportunity (contact and posting never change, see ``LeverBase.remember``); ids carry
  their opportunity (``mapping_forms.child_id``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from providers.errors import ProviderNotFound
from providers.http import CallContext
from providers.paths import segment
from providers.records import Record

from ..kit.adapter import pick
from .budget import ensure_affordable
from .client import LeverBase
from .mapping_forms import (
    split_child_id,
    to_activity,
    to_file_attachment,
    to_interview,
    to_offer,
    to_resume_attachment,
    to_scorecard,
)
from .payloads import LeverModel, LeverOpportunity
from .payloads_forms import LeverFeedback, LeverFile, LeverInterview, LeverNote, LeverOffer, LeverResume


@dataclass(frozen=True)
class Part:
    """One per-opportunity list endpoint and how its items become records."""

    path: str
    model: type[LeverModel]
    to_record: Callable[[Any, LeverOpportunity], Record]


KINDS: Final[Mapping[str, tuple[Part, ...]]] = {
    "interview": (Part("interviews", LeverInterview, to_interview),),
    "scorecard": (Part("feedback", LeverFeedback, to_scorecard),),
    "activity": (Part("notes", LeverNote, to_activity),),
    "offer": (Part("offers", LeverOffer, to_offer),),
    "attachment": (
        Part("files", LeverFile, to_file_attachment),
        Part("resumes", LeverResume, to_resume_attachment),
    ),
}


def price(kind: str) -> str:
    """What one opportunity costs to read ``kind`` from, for error messages."""
    paths = [f"/opportunities/{{id}}/{p.path}" for p in KINDS[kind]]
    return f"{len(paths)} request{'s' if len(paths) > 1 else ''} per opportunity ({', '.join(paths)})"


class LeverChildren(LeverBase):
    """Generic readers for the per-opportunity resources (the adapter's methods call these).
    A read that cannot finish within the operation's upstream budget is refused before its
    first call (``budget.py``)."""

    async def _raw_children(self, kind: str, opportunity_id: str, ctx: CallContext) -> list[LeverModel]:
        parts = KINDS[kind]
        # The id may come from a payload (an opportunity listed by contact): encoded all the same.
        under = f"/opportunities/{segment(opportunity_id, ctx)}"
        pages = await asyncio.gather(*(self.all_of(p.model, f"{under}/{p.path}", ctx) for p in parts))
        out: list[LeverModel] = []
        for models in pages:
            # Deleted feedback and notes stay listed with ``deletedAt``: they are not records.
            out.extend(m for m in models if getattr(m, "deleted_at", None) is None)
        return out

    @staticmethod
    def _map(kind: str, items: Sequence[LeverModel], opp: LeverOpportunity) -> list[Record]:
        by_type = {p.model: p.to_record for p in KINDS[kind]}
        return [by_type[type(m)](m, opp) for m in items]

    async def _of_opportunity(self, kind: str, opportunity_id: str, ctx: CallContext) -> list[Record] | None:
        """The records under one opportunity, or None when the opportunity does not exist."""

        async def children() -> list[LeverModel] | None:
            try:
                return await self._raw_children(kind, opportunity_id, ctx)
            except ProviderNotFound:
                return None

        opp, items = await asyncio.gather(self.known_opportunity(opportunity_id, ctx), children())
        if opp is None or items is None:
            return None
        return self._map(kind, items, opp)

    async def children_by_application(self, kind: str, ids: Sequence[str]) -> dict[str, list[Record]]:
        ctx = self.ctx(kind, f"{kind} by application")
        wanted = list(dict.fromkeys(ids))
        # Plus one GET /opportunities/{id} for each opportunity not read before.
        costs = [len(KINDS[kind]) + (i not in self._known) for i in wanted]
        ensure_affordable(costs, what="applications", per=price(kind), ctx=ctx)
        found = await self.fan_out(lambda i: self._of_opportunity(kind, i, ctx), wanted)
        return {i: list(records or ()) for i, records in zip(wanted, found, strict=True)}

    async def children_by_candidate(self, kind: str, ids: Sequence[str]) -> dict[str, list[Record]]:
        ctx = self.ctx(kind, f"{kind} by candidate")
        grouped = await self.opportunities_of_contacts(ids, ctx)
        costs = [len(KINDS[kind]) * len(group) for group in grouped.values()]
        ensure_affordable(costs, what="candidates", per=price(kind), ctx=ctx)
        opps = [o for group in grouped.values() for o in group]
        found = await self.fan_out(lambda o: self._raw_children(kind, o.id, ctx), opps)
        out: dict[str, list[Record]] = {c: [] for c in grouped}
        for opp, items in zip(opps, found, strict=True):
            out[opp.contact].extend(self._map(kind, items, opp))
        return out

    async def children_by_id(self, kind: str, ids: Sequence[str]) -> list[Record | None]:
        parents = list(dict.fromkeys(p[0] for p in map(split_child_id, ids) if p is not None))
        by_parent = await self.children_by_application(kind, parents)
        return pick([r for records in by_parent.values() for r in records], ids)
