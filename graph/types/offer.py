"""The GraphQL type of an offer."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import OfferStatus, Resource

from .common import node_type
from .entity import Entity
from .relations import ToOne

if TYPE_CHECKING:
    from .application import Application
    from .candidate import Candidate
    from .job import Job
    from .user import User

ApplicationRef = Annotated["Application", strawberry.lazy("graph.types.application")]
CandidateRef = Annotated["Candidate", strawberry.lazy("graph.types.candidate")]
JobRef = Annotated["Job", strawberry.lazy("graph.types.job")]
UserRef = Annotated["User", strawberry.lazy("graph.types.user")]


APPLICATION = ToOne(Resource.OFFER, "application", Resource.APPLICATION, "application_id")
CANDIDATE = ToOne(Resource.OFFER, "candidate", Resource.CANDIDATE, "candidate_id")
JOB = ToOne(Resource.OFFER, "job", Resource.JOB, "job_id")
CREATOR = ToOne(Resource.OFFER, "creator", Resource.USER, "creator_id")


@node_type(Resource.OFFER)
@strawberry.federation.type(keys=["id"], description="An offer made to a candidate on an application.")
class Offer(Entity):
    closed_at: datetime | None = strawberry.field(
        default=None, description="When the offer was resolved (UTC)."
    )
    sent_at: datetime | None = strawberry.field(default=None, description="When the offer was sent (UTC).")
    start_date: date | None = strawberry.field(default=None, description="The agreed start date.")
    status: OfferStatus | None = strawberry.field(
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

    @strawberry.field(description="The application the offer is on.")
    def application(self, info: Info[Context, Any]) -> ApplicationRef | None:
        return APPLICATION.resolve(self, info._raw_info)

    @strawberry.field(description="The candidate offered.")
    def candidate(self, info: Info[Context, Any]) -> CandidateRef | None:
        return CANDIDATE.resolve(self, info._raw_info)

    @strawberry.field(description="The job offered.")
    def job(self, info: Info[Context, Any]) -> JobRef | None:
        return JOB.resolve(self, info._raw_info)

    @strawberry.field(description="The user who created it.")
    def creator(self, info: Info[Context, Any]) -> UserRef | None:
        return CREATOR.resolve(self, info._raw_info)
