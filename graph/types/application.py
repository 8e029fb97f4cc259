"""The GraphQL type of an application."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import Resource

from .common import Source, node_type
from .entity import Entity
from .relations import Children, ToOne

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


CANDIDATE = ToOne(Resource.APPLICATION, "candidate", Resource.CANDIDATE, "candidate_id")
JOB = ToOne(Resource.APPLICATION, "job", Resource.JOB, "job_id")
CREDITED_TO = ToOne(Resource.APPLICATION, "credited_to", Resource.USER, "credited_to_id")
CURRENT_STAGE = ToOne(Resource.APPLICATION, "current_stage", Resource.JOB_INTERVIEW_STAGE, "current_stage_id")
REJECT_REASON = ToOne(Resource.APPLICATION, "reject_reason", Resource.REJECT_REASON, "reject_reason_id")
ATTACHMENTS = Children(
    Resource.APPLICATION, "attachments", Resource.ATTACHMENT, "application", "attachment_ids"
)
INTERVIEWS = Children(Resource.APPLICATION, "interviews", Resource.INTERVIEW, "application")
OFFERS = Children(Resource.APPLICATION, "offers", Resource.OFFER, "application")
SCORECARDS = Children(Resource.APPLICATION, "scorecards", Resource.SCORECARD, "application")


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

    @strawberry.field(description="The candidate who applied.")
    def candidate(self, info: Info[Context, Any]) -> CandidateRef | None:
        return CANDIDATE.resolve(self, info._raw_info)

    @strawberry.field(description="The job applied to; null for a prospect with no job.")
    def job(self, info: Info[Context, Any]) -> JobRef | None:
        return JOB.resolve(self, info._raw_info)

    @strawberry.field(description="The user credited with sourcing the application.")
    def credited_to(self, info: Info[Context, Any]) -> UserRef | None:
        return CREDITED_TO.resolve(self, info._raw_info)

    @strawberry.field(description="The interview stage the application is in now.")
    def current_stage(self, info: Info[Context, Any]) -> JobInterviewStageRef | None:
        return CURRENT_STAGE.resolve(self, info._raw_info)

    @strawberry.field(description="Why it was rejected; null while active.")
    def reject_reason(self, info: Info[Context, Any]) -> RejectReasonRef | None:
        return REJECT_REASON.resolve(self, info._raw_info)

    @strawberry.field(description="Files attached to the application.")
    def attachments(self, info: Info[Context, Any]) -> list[AttachmentRef] | None:
        return ATTACHMENTS.resolve(self, info._raw_info)

    @strawberry.field(description="Interviews scheduled for the application.")
    def interviews(self, info: Info[Context, Any]) -> list[InterviewRef] | None:
        return INTERVIEWS.resolve(self, info._raw_info)

    @strawberry.field(description="Offers made on the application.")
    def offers(self, info: Info[Context, Any]) -> list[OfferRef] | None:
        return OFFERS.resolve(self, info._raw_info)

    @strawberry.field(description="Interview feedback on the application.")
    def scorecards(self, info: Info[Context, Any]) -> list[ScorecardRef] | None:
        return SCORECARDS.resolve(self, info._raw_info)
