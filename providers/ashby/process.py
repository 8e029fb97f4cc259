"""Ashby's hiring-process reads: scheduled interviews, offers, feedback (scorecards) and
candidate notes (activities). No recorded example exists for any of them: requests and
responses follow the OpenAPI spec (``_reference/ashby-openapi.json``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from providers.query import ListQuery, Page
from providers.records import ActivityRecord, InterviewRecord, OfferRecord, Resource, ScorecardRecord

from . import mapping_process as mp
from .client import PAGING, given
from .organization import AshbyOrganizationReads
from .payloads_process import AshbyFeedback, AshbyInterviewSchedule, AshbyNote, AshbyOffer


class AshbyProcessReads(AshbyOrganizationReads):
    """Interviews (``interviewSchedule.list``), offers, scorecards (``applicationFeedback.list``)
    and activities (``candidate.listNotes``)."""

    async def list_interviews(self, query: ListQuery) -> Page[InterviewRecord]:
        """One page of interview schedules, each giving one interview per scheduled event."""
        flt = query.filter
        body = given(applicationId=flt.application_id, interviewStageId=flt.stage_id)
        call = self.rpc("interviewSchedule.list", Resource.INTERVIEW)
        schedules, cursor = await self.fetch_query_page(AshbyInterviewSchedule, *call, query, params=body)
        return Page([i for s in schedules for i in mp.to_interviews(s)], cursor)

    async def list_offers(self, query: ListQuery) -> Page[OfferRecord]:
        body = given(applicationId=query.filter.application_id)
        offers, cursor = await self.fetch_query_page(
            AshbyOffer, *self.rpc("offer.list", Resource.OFFER), query, params=body
        )
        return Page([mp.to_offer(o) for o in offers], cursor)

    async def get_offers(self, ids: Sequence[str]) -> Sequence[OfferRecord | None]:
        async def one(i: str) -> OfferRecord | None:
            p = await self.fetch_one(AshbyOffer, *self.rpc("offer.info", Resource.OFFER), {"offerId": i})
            return mp.to_offer(p) if p else None

        return await self.fan_out(one, ids)  # concurrent: offer.info takes one id

    async def list_scorecards(self, query: ListQuery) -> Page[ScorecardRecord]:
        body = given(applicationId=query.filter.application_id)
        call = self.rpc("applicationFeedback.list", Resource.SCORECARD)
        feedback, cursor = await self.fetch_query_page(AshbyFeedback, *call, query, params=body)
        return Page([mp.to_scorecard(f) for f in feedback], cursor)

    async def list_activities_by_candidate_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ActivityRecord]]:
        async def one(i: str) -> list[ActivityRecord]:
            body = {"candidateId": i, "limit": PAGING.max_size}
            call = self.rpc("candidate.listNotes", Resource.ACTIVITY)
            notes = await self.fetch_all(AshbyNote, *call, params=body)
            return [mp.to_activity(n, i) for n in notes]

        # concurrent: candidate.listNotes takes one candidate (and pages through its notes)
        return dict(zip(ids, await self.fan_out(one, ids), strict=True))
