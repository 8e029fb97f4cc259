"""The GraphQL type of a candidate."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import Resource

from .common import EmailAddress, PhoneNumber, Url, node_type
from .entity import Entity
from .relations import Children

if TYPE_CHECKING:
    from .activity import Activity
    from .application import Application
    from .attachment import Attachment
    from .eeoc import Eeoc
    from .interview import Interview
    from .offer import Offer
    from .scorecard import Scorecard
    from .tag import Tag

ActivityRef = Annotated["Activity", strawberry.lazy("graph.types.activity")]
ApplicationRef = Annotated["Application", strawberry.lazy("graph.types.application")]
AttachmentRef = Annotated["Attachment", strawberry.lazy("graph.types.attachment")]
EeocRef = Annotated["Eeoc", strawberry.lazy("graph.types.eeoc")]
InterviewRef = Annotated["Interview", strawberry.lazy("graph.types.interview")]
OfferRef = Annotated["Offer", strawberry.lazy("graph.types.offer")]
ScorecardRef = Annotated["Scorecard", strawberry.lazy("graph.types.scorecard")]
TagRef = Annotated["Tag", strawberry.lazy("graph.types.tag")]


TAGS = Children(Resource.CANDIDATE, "tags", Resource.TAG, "candidate", "tag_ids")
APPLICATIONS = Children(
    Resource.CANDIDATE, "applications", Resource.APPLICATION, "candidate", "application_ids"
)
ATTACHMENTS = Children(Resource.CANDIDATE, "attachments", Resource.ATTACHMENT, "candidate", "attachment_ids")
ACTIVITIES = Children(Resource.CANDIDATE, "activities", Resource.ACTIVITY, "candidate")
INTERVIEWS = Children(Resource.CANDIDATE, "interviews", Resource.INTERVIEW, "candidate")
OFFERS = Children(Resource.CANDIDATE, "offers", Resource.OFFER, "candidate")
SCORECARDS = Children(Resource.CANDIDATE, "scorecards", Resource.SCORECARD, "candidate")
EEOCS = Children(Resource.CANDIDATE, "eeocs", Resource.EEOC, "candidate")


@node_type(Resource.CANDIDATE)
@strawberry.federation.type(
    keys=["id"], description="A person in the hiring pipeline, with their contact details and applications."
)
class Candidate(Entity):
    first_name: str | None = strawberry.field(default=None, description="Given name.")
    last_name: str | None = strawberry.field(default=None, description="Family name.")
    name: str | None = strawberry.field(default=None, description="Full name as the provider shows it.")
    company: str | None = strawberry.field(default=None, description="Current employer.")
    title: str | None = strawberry.field(default=None, description="Current job title.")
    last_interaction_at: datetime | None = strawberry.field(
        default=None, description="Last activity involving the candidate (UTC)."
    )
    is_private: bool | None = strawberry.field(
        default=None, description="Whether the record is restricted to some users."
    )
    can_email: bool | None = strawberry.field(
        default=None, description="Whether the candidate may be e-mailed."
    )
    locations: list[str] | None = strawberry.field(
        default_factory=list, description="Where the candidate is, as free text."
    )
    phones: list[PhoneNumber] | None = strawberry.field(default_factory=list, description="Phone numbers.")
    emails: list[EmailAddress] | None = strawberry.field(
        default_factory=list, description="E-mail addresses."
    )
    urls: list[Url] | None = strawberry.field(
        default_factory=list, description="Web links: profiles, portfolio, websites."
    )
    created_at: datetime | None = strawberry.field(
        default=None, description="When the record was created at the provider (UTC)."
    )
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record was last changed at the provider (UTC)."
    )

    @strawberry.field(description="Tags on the candidate.")
    def tags(self, info: Info[Context, Any]) -> list[TagRef] | None:
        return TAGS.resolve(self, info._raw_info)

    @strawberry.field(description="The candidate's applications, one per job.")
    def applications(self, info: Info[Context, Any]) -> list[ApplicationRef] | None:
        return APPLICATIONS.resolve(self, info._raw_info)

    @strawberry.field(description="Files on the candidate's record.")
    def attachments(self, info: Info[Context, Any]) -> list[AttachmentRef] | None:
        return ATTACHMENTS.resolve(self, info._raw_info)

    @strawberry.field(description="Notes, e-mails and other activity.")
    def activities(self, info: Info[Context, Any]) -> list[ActivityRef] | None:
        return ACTIVITIES.resolve(self, info._raw_info)

    @strawberry.field(description="Interviews across all of the candidate's applications.")
    def interviews(self, info: Info[Context, Any]) -> list[InterviewRef] | None:
        return INTERVIEWS.resolve(self, info._raw_info)

    @strawberry.field(description="Offers across all applications.")
    def offers(self, info: Info[Context, Any]) -> list[OfferRef] | None:
        return OFFERS.resolve(self, info._raw_info)

    @strawberry.field(description="Interview feedback across all applications.")
    def scorecards(self, info: Info[Context, Any]) -> list[ScorecardRef] | None:
        return SCORECARDS.resolve(self, info._raw_info)

    @strawberry.field(description="Equal-employment (EEOC) answers.")
    def eeocs(self, info: Info[Context, Any]) -> list[EeocRef] | None:
        return EEOCS.resolve(self, info._raw_info)
