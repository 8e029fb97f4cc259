"""The GraphQL type of an application."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, cast

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import ApplicationRecord, Resource

from .common import Source, load_children, load_one, node_type, require_field
from .entity import Entity

if TYPE_CHECKING:
    from .attachment import Attachment
    from .candidate import Candidate
    from .interview import Interview
    from .job import Job
    from .job_interview_stage import JobInterviewStage
    from .offer import Offer
    from .reject_reason import RejectReason
    from .scorecard import Scorecard
    from .user import User

AttachmentRef = Annotated["Attachment", strawberry.lazy("graph.types.attachment")]
CandidateRef = Annotated["Candidate", strawberry.lazy("graph.types.candidate")]
InterviewRef = Annotated["Interview", strawberry.lazy("graph.types.interview")]
JobRef = Annotated["Job", strawberry.lazy("graph.types.job")]
JobInterviewStageRef = Annotated["JobInterviewStage", strawberry.lazy("graph.types.job_interview_stage")]
OfferRef = Annotated["Offer", strawberry.lazy("graph.types.offer")]
RejectReasonRef = Annotated["RejectReason", strawberry.lazy("graph.types.reject_reason")]
ScorecardRef = Annotated["Scorecard", strawberry.lazy("graph.types.scorecard")]
UserRef = Annotated["User", strawberry.lazy("graph.types.user")]


@node_type(Resource.APPLICATION)
@strawberry.federation.type(
    keys=["id"], description="A candidate's candidacy for one job, moving through the job's interview stages."
)
class Application(Entity):
    applied_at: datetime | None = strawberry.field(
        default=None, description="When the candidate applied (UTC)."
    )
    rejected_at: datetime | None = strawberry.field(
        default=None, description="When the application was rejected (UTC); null while active."
    )
    source: Source | None = strawberry.field(default=None, description="Where the application came from.")
    created_at: datetime | None = strawberry.field(
        default=None, description="When the record was created at the provider (UTC)."
    )
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record was last changed at the provider (UTC)."
    )

    def _rec(self) -> ApplicationRecord:
        return cast(ApplicationRecord, self.record)

    @strawberry.field(description="The candidate who applied.")
    def candidate(self, info: Info[Context, Any]) -> CandidateRef | None:
        rec = self._rec()
        return load_one(info, self.resource, "candidate", Resource.CANDIDATE, rec.candidate_id)

    @strawberry.field(description="The job applied to; null for a prospect with no job.")
    def job(self, info: Info[Context, Any]) -> JobRef | None:
        rec = self._rec()
        return load_one(info, self.resource, "job", Resource.JOB, rec.job_id)

    @strawberry.field(description="The user credited with sourcing the application.")
    def credited_to(self, info: Info[Context, Any]) -> UserRef | None:
        rec = self._rec()
        return load_one(info, self.resource, "credited_to", Resource.USER, rec.credited_to_id)

    @strawberry.field(description="The interview stage the application is in now.")
    def current_stage(self, info: Info[Context, Any]) -> JobInterviewStageRef | None:
        rec = self._rec()
        return load_one(
            info, self.resource, "current_stage", Resource.JOB_INTERVIEW_STAGE, rec.current_stage_id
        )

    @strawberry.field(description="Why it was rejected; null while active.")
    def reject_reason(self, info: Info[Context, Any]) -> RejectReasonRef | None:
        rec = self._rec()
        return load_one(info, self.resource, "reject_reason", Resource.REJECT_REASON, rec.reject_reason_id)

    @strawberry.field(description="Files attached to the application.")
    def attachments(self, info: Info[Context, Any]) -> list[AttachmentRef] | None:
        require_field(info, self.resource, "attachments")
        known = self._rec().attachment_ids
        return load_children(info, Resource.ATTACHMENT, "application", self.id, known)

    @strawberry.field(description="Interviews scheduled for the application.")
    def interviews(self, info: Info[Context, Any]) -> list[InterviewRef] | None:
        return load_children(info, Resource.INTERVIEW, "application", self.id)

    @strawberry.field(description="Offers made on the application.")
    def offers(self, info: Info[Context, Any]) -> list[OfferRef] | None:
        return load_children(info, Resource.OFFER, "application", self.id)

    @strawberry.field(description="Interview feedback on the application.")
    def scorecards(self, info: Info[Context, Any]) -> list[ScorecardRef] | None:
        return load_children(info, Resource.SCORECARD, "application", self.id)
