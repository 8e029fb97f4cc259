"""The GraphQL type of an interview."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import InterviewStatus, Resource

from .common import node_type
from .entity import Entity
from .relations import Children, ToMany, ToOne

if TYPE_CHECKING:
    from .application import Application
    from .candidate import Candidate
    from .job_interview_stage import JobInterviewStage
    from .scorecard import Scorecard
    from .user import User

ApplicationRef = Annotated["Application", strawberry.lazy("graph.types.application")]
CandidateRef = Annotated["Candidate", strawberry.lazy("graph.types.candidate")]
JobInterviewStageRef = Annotated["JobInterviewStage", strawberry.lazy("graph.types.job_interview_stage")]
ScorecardRef = Annotated["Scorecard", strawberry.lazy("graph.types.scorecard")]
UserRef = Annotated["User", strawberry.lazy("graph.types.user")]


APPLICATION = ToOne(Resource.INTERVIEW, "application", Resource.APPLICATION, "application_id")
CANDIDATE = ToOne(Resource.INTERVIEW, "candidate", Resource.CANDIDATE, "candidate_id")
JOB_INTERVIEW_STAGE = ToOne(
    Resource.INTERVIEW, "job_interview_stage", Resource.JOB_INTERVIEW_STAGE, "job_interview_stage_id"
)
ORGANIZER = ToOne(Resource.INTERVIEW, "organizer", Resource.USER, "organizer_id")
INTERVIEWERS = ToMany(Resource.INTERVIEW, "interviewers", Resource.USER, "interviewer_ids")
SCORECARDS = Children(Resource.INTERVIEW, "scorecards", Resource.SCORECARD, "interview")


@node_type(Resource.INTERVIEW)
@strawberry.federation.type(
    keys=["id"], description="A scheduled interview of an application, with its interviewers."
)
class Interview(Entity):
    location: str | None = strawberry.field(
        default=None, description="Where it takes place: an address, a room or a video link."
    )
    start_at: datetime | None = strawberry.field(default=None, description="Start time (UTC).")
    end_at: datetime | None = strawberry.field(default=None, description="End time (UTC).")
    status: InterviewStatus | None = strawberry.field(
        default=None,
        description="Where it stands. Unmapped provider values are OTHER, with the raw value in rawStatus.",
    )
    raw_status: str | None = strawberry.field(
        default=None, description="The provider's own value behind status, unmapped."
    )
    created_at: datetime | None = strawberry.field(
        default=None, description="When the record was created at the provider (UTC)."
    )
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record was last changed at the provider (UTC)."
    )

    @strawberry.field(description="The application interviewed for.")
    def application(self, info: Info[Context, Any]) -> ApplicationRef | None:
        return APPLICATION.resolve(self, info._raw_info)

    @strawberry.field(description="The candidate interviewed.")
    def candidate(self, info: Info[Context, Any]) -> CandidateRef | None:
        return CANDIDATE.resolve(self, info._raw_info)

    @strawberry.field(description="The stage the interview belongs to.")
    def job_interview_stage(self, info: Info[Context, Any]) -> JobInterviewStageRef | None:
        return JOB_INTERVIEW_STAGE.resolve(self, info._raw_info)

    @strawberry.field(description="The user who organised it.")
    def organizer(self, info: Info[Context, Any]) -> UserRef | None:
        return ORGANIZER.resolve(self, info._raw_info)

    @strawberry.field(description="The users interviewing.")
    def interviewers(self, info: Info[Context, Any]) -> list[UserRef] | None:
        return INTERVIEWERS.resolve(self, info._raw_info)

    @strawberry.field(description="Feedback the interviewers submitted.")
    def scorecards(self, info: Info[Context, Any]) -> list[ScorecardRef] | None:
        return SCORECARDS.resolve(self, info._raw_info)
