"""The GraphQL type of a scorecard."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import OverallRecommendation, Resource

from .common import FormValue, node_type
from .entity import Entity
from .relations import ToOne

if TYPE_CHECKING:
    from .application import Application
    from .candidate import Candidate
    from .interview import Interview
    from .user import User

ApplicationRef = Annotated["Application", strawberry.lazy("graph.types.application")]
CandidateRef = Annotated["Candidate", strawberry.lazy("graph.types.candidate")]
InterviewRef = Annotated["Interview", strawberry.lazy("graph.types.interview")]
UserRef = Annotated["User", strawberry.lazy("graph.types.user")]


APPLICATION = ToOne(Resource.SCORECARD, "application", Resource.APPLICATION, "application_id")
CANDIDATE = ToOne(Resource.SCORECARD, "candidate", Resource.CANDIDATE, "candidate_id")
INTERVIEW = ToOne(Resource.SCORECARD, "interview", Resource.INTERVIEW, "interview_id")
INTERVIEWER = ToOne(Resource.SCORECARD, "interviewer", Resource.USER, "interviewer_id")


@node_type(Resource.SCORECARD)
@strawberry.federation.type(keys=["id"], description="An interviewer's feedback on an application.")
class Scorecard(Entity):
    submitted_at: datetime | None = strawberry.field(default=None, description="When it was submitted (UTC).")
    overall_recommendation: OverallRecommendation | None = strawberry.field(
        default=None,
        description="The interviewer's recommendation. Unmapped provider values are OTHER, with the raw value in rawOverallRecommendation.",
    )
    raw_overall_recommendation: str | None = strawberry.field(
        default=None, description="The provider's own value behind overallRecommendation, unmapped."
    )
    form_values: list[FormValue] | None = strawberry.field(
        default_factory=list, description="Questions and answers of the feedback form."
    )
    created_at: datetime | None = strawberry.field(
        default=None, description="When the record was created at the provider (UTC)."
    )
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record was last changed at the provider (UTC)."
    )

    @strawberry.field(description="The application assessed.")
    def application(self, info: Info[Context, Any]) -> ApplicationRef | None:
        return APPLICATION.resolve(self, info._raw_info)

    @strawberry.field(description="The candidate assessed.")
    def candidate(self, info: Info[Context, Any]) -> CandidateRef | None:
        return CANDIDATE.resolve(self, info._raw_info)

    @strawberry.field(description="The interview the feedback is for.")
    def interview(self, info: Info[Context, Any]) -> InterviewRef | None:
        return INTERVIEW.resolve(self, info._raw_info)

    @strawberry.field(description="Who wrote it.")
    def interviewer(self, info: Info[Context, Any]) -> UserRef | None:
        return INTERVIEWER.resolve(self, info._raw_info)
