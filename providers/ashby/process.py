"""Ashby's hiring-process reads: scheduled interviews, offers, feedback (scorecards) and
candidate notes (activities). No recorded example exists for any of them: requests and
responses follow the OpenAPI spec (``_reference/ashby-openapi.json``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from providers.query import ListQuery, Page
from providers.records import ActivityRecord, InterviewRecord, OfferRecord, Resource, ScorecardRecord

from ..kit.fanout import map_limited
from . import mapping_process as mp
from .client import PAGING, page_body
from .organization import AshbyOrganizationReads
from .payloads_process import AshbyFeedback, AshbyInterviewSchedule, AshbyNote, AshbyOffer


class AshbyProcessReads(AshbyOrganizationReads):
    """Interviews (``interviewSchedule.list``), offers, scorecards (``applicationFeedback.list``)
    and activities (``candidate.listNotes``)."""

    async def list_interviews(self, query: ListQuery) -> Page[InterviewRecord]:
        """One page of interview schedules, each giving one interview per scheduled event."""
        flt = query.filter
        body = page_body(query, applicationId=flt.application_id, interviewStageId=flt.stage_id)
        schedules, cursor = await self._list(
            "interviewSchedule.list", AshbyInterviewSchedule, body, Resource.INTERVIEW
        )
        return Page([i for s in schedules for i in mp.to_interviews(s)], cursor)

    async def list_offers(self, query: ListQuery) -> Page[OfferRecord]:
        body = page_body(query, applicationId=query.filter.application_id)
        offers, cursor = await self._list("offer.list", AshbyOffer, body, Resource.OFFER)
        return Page([mp.to_offer(o) for o in offers], cursor)

    async def get_offers(self, ids: Sequence[str]) -> Sequence[OfferRecord | None]:
        async def one(i: str) -> OfferRecord | None:
            p = await self._info("offer.info", AshbyOffer, {"offerId": i}, Resource.OFFER)
            return mp.to_offer(p) if p else None

        return await map_limited(one, ids)  # concurrent: offer.info takes one id

    async def list_scorecards(self, query: ListQuery) -> Page[ScorecardRecord]:
        body = page_body(query, applicationId=query.filter.application_id)
        feedback, cursor = await self._list(
            "applicationFeedback.list", AshbyFeedback, body, Resource.SCORECARD
        )
        return Page([mp.to_scorecard(f) for f in feedback], cursor)

    async def list_activities_by_candidate_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ActivityRecord]]:
        async def one(i: str) -> list[ActivityRecord]:
            body = {"candidateId": i, "limit": PAGING.max_size}
            notes = await self._read_all("candidate.listNotes", AshbyNote, body, Resource.ACTIVITY)
            return [mp.to_activity(n, i) for n in notes]

        # concurrent: candidate.listNotes takes one candidate (and pages through its notes)
        return dict(zip(ids, await map_limited(one, ids), strict=True))
