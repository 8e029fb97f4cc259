"""The GraphQL face of events: what happened, and the record it happened to, read now
through the request's loaders (so an event shows the record as it is, like any read)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import Resource
from tenancy.events.types import Event as StoredEvent
from tenancy.events.types import EventType

from .common import build

if TYPE_CHECKING:
    from .application import Application
    from .candidate import Candidate
    from .interview import Interview
    from .job import Job
    from .offer import Offer
    from .scorecard import Scorecard

ApplicationRef = Annotated["Application", strawberry.lazy("graph.types.application")]
CandidateRef = Annotated["Candidate", strawberry.lazy("graph.types.candidate")]
InterviewRef = Annotated["Interview", strawberry.lazy("graph.types.interview")]
JobRef = Annotated["Job", strawberry.lazy("graph.types.job")]
OfferRef = Annotated["Offer", strawberry.lazy("graph.types.offer")]
ScorecardRef = Annotated["Scorecard", strawberry.lazy("graph.types.scorecard")]

strawberry.enum(
    EventType,
    description="What happened: the resource and the change (APPLICATION_STAGE_CHANGED is "
    "application.stage_changed in webhook bodies).",
)


@strawberry.enum(description="What happened to an application (applicationEvents).")
class ApplicationEventType(Enum):
    CREATED = EventType.APPLICATION_CREATED.value
    UPDATED = EventType.APPLICATION_UPDATED.value
    STAGE_CHANGED = EventType.APPLICATION_STAGE_CHANGED.value
    REJECTED = EventType.APPLICATION_REJECTED.value
    HIRED = EventType.APPLICATION_HIRED.value

    @property
    def event_type(self) -> EventType:
        return EventType(self.value)


async def _node(info: Info[Context, Any], event: StoredEvent, resource: Resource) -> Any:
    if event.resource is not resource:
        return None
    record = await info.context.loaders.load(resource, event.record_id)
    return build(resource, record, info.context) if record is not None else None


def _moment(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


@strawberry.type(description="Something that happened to a record of the connection.")
class Event:
    cursor: str = strawberry.field(
        description="This event's place in the log: pass as `after` to resume after it."
    )
    type: EventType = strawberry.field(description="What happened.")
    record_id: strawberry.ID = strawberry.field(description="The id of the record it happened to.")
    occurred_at: datetime = strawberry.field(
        description="When it happened, as the provider dates it (else when hiregraph saw it)."
    )
    source: str = strawberry.field(
        description="How hiregraph learnt of it: poll, webhook (the provider's), write (its own) "
        "or sandbox (a sandbox connection's simulated live activity)."
    )
    stored: strawberry.Private[StoredEvent]

    @classmethod
    def of(cls, event: StoredEvent) -> Event:
        return cls(
            cursor=event.cursor,
            type=event.type,
            record_id=strawberry.ID(event.record_id),
            occurred_at=_moment(event.occurred_at),
            source=event.source.value,
            stored=event,
        )

    @strawberry.field(description="The candidate, for a candidate event (null if it no longer exists).")
    async def candidate(self, info: Info[Context, Any]) -> CandidateRef | None:
        return await _node(info, self.stored, Resource.CANDIDATE)

    @strawberry.field(description="The application, for an application event (null if it no longer exists).")
    async def application(self, info: Info[Context, Any]) -> ApplicationRef | None:
        return await _node(info, self.stored, Resource.APPLICATION)

    @strawberry.field(description="The interview, for an interview event (null if it no longer exists).")
    async def interview(self, info: Info[Context, Any]) -> InterviewRef | None:
        return await _node(info, self.stored, Resource.INTERVIEW)

    @strawberry.field(description="The scorecard, for a scorecard event (null if it no longer exists).")
    async def scorecard(self, info: Info[Context, Any]) -> ScorecardRef | None:
        return await _node(info, self.stored, Resource.SCORECARD)

    @strawberry.field(description="The offer, for an offer event (null if it no longer exists).")
    async def offer(self, info: Info[Context, Any]) -> OfferRef | None:
        return await _node(info, self.stored, Resource.OFFER)

    @strawberry.field(description="The job, for a job event (null if it no longer exists).")
    async def job(self, info: Info[Context, Any]) -> JobRef | None:
        return await _node(info, self.stored, Resource.JOB)


@strawberry.type(description="Something that happened to an application.")
class ApplicationEvent:
    cursor: str = strawberry.field(
        description="This event's place in the log: pass as `after` to resume after it."
    )
    type: ApplicationEventType = strawberry.field(description="What happened.")
    occurred_at: datetime = strawberry.field(
        description="When it happened, as the provider dates it (else when hiregraph saw it)."
    )
    stored: strawberry.Private[StoredEvent]

    @classmethod
    def of(cls, event: StoredEvent) -> ApplicationEvent:
        return cls(
            cursor=event.cursor,
            type=ApplicationEventType(event.type.value),
            occurred_at=_moment(event.occurred_at),
            stored=event,
        )

    @strawberry.field(description="The application as it is now (null if it no longer exists).")
    async def application(self, info: Info[Context, Any]) -> ApplicationRef | None:
        return await _node(info, self.stored, Resource.APPLICATION)


@strawberry.type(description="A page of the connection's event log, oldest first.")
class EventPage:
    events: list[Event] = strawberry.field(description="The events, oldest first.")
    end_cursor: str | None = strawberry.field(
        description="Pass as `after` to read on (or to subscribe from here); the given `after` when "
        "there is nothing new."
    )
    has_more: bool = strawberry.field(description="Whether more events follow already.")
