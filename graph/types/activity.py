"""The GraphQL type of an activity."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import ActivityType, Resource, Visibility

from .common import node_type
from .entity import Entity
from .relations import ToOne

if TYPE_CHECKING:
    from .candidate import Candidate
    from .user import User

CandidateRef = Annotated["Candidate", strawberry.lazy("graph.types.candidate")]
UserRef = Annotated["User", strawberry.lazy("graph.types.user")]


CANDIDATE = ToOne(Resource.ACTIVITY, "candidate", Resource.CANDIDATE, "candidate_id")
ACTOR = ToOne(Resource.ACTIVITY, "actor", Resource.USER, "actor_id")


@node_type(Resource.ACTIVITY)
@strawberry.federation.type(keys=["id"], description="A note, e-mail or other event on a candidate's record.")
class Activity(Entity):
    activity_type: ActivityType | None = strawberry.field(
        default=None,
        description="What kind of activity. Unmapped provider values are OTHER, with the raw value in rawActivityType.",
    )
    raw_activity_type: str | None = strawberry.field(
        default=None, description="The provider's own value behind activityType, unmapped."
    )
    subject: str | None = strawberry.field(default=None, description="Subject line (e-mails) or title.")
    body: str | None = strawberry.field(default=None, description="The text of the note or e-mail.")
    from_: list[str] | None = strawberry.field(
        name="from", default_factory=list, description="Sender addresses (e-mails)."
    )
    to: list[str] | None = strawberry.field(
        default_factory=list, description="Recipient addresses (e-mails)."
    )
    cc: list[str] | None = strawberry.field(default_factory=list, description="Copied addresses (e-mails).")
    visibility: Visibility | None = strawberry.field(
        default=None,
        description="Who may see it. Unmapped provider values are OTHER, with the raw value in rawVisibility.",
    )
    raw_visibility: str | None = strawberry.field(
        default=None, description="The provider's own value behind visibility, unmapped."
    )
    created_at: datetime | None = strawberry.field(
        default=None, description="When the record was created at the provider (UTC)."
    )
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record was last changed at the provider (UTC)."
    )

    @strawberry.field(description="The candidate the activity is about.")
    def candidate(self, info: Info[Context, Any]) -> CandidateRef | None:
        return CANDIDATE.resolve(self, info._raw_info)

    @strawberry.field(description="The user who wrote or sent it.")
    def actor(self, info: Info[Context, Any]) -> UserRef | None:
        return ACTOR.resolve(self, info._raw_info)
