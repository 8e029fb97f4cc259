"""Event root fields: ``events`` (catch-up, a query) and the ``events`` and
``applicationEvents`` subscriptions (replay from a cursor, then live).

All three serve the connection the request is bound to (the ``X-Hiregraph-Connection``
header, or a WebSocket's ``connection_init``); ``connection`` may name it again, and naming
another is refused rather than silently answered from the wrong log. Nodes are read through
the request's loaders; a subscription resolves each event as one request (fresh loaders, its own
upstream budget and deadline).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Collection
from typing import Any

import strawberry
from strawberry.types import Info

from gateway.errors import BadUserInput, EventCursorExpired, Forbidden
from graph.context import Context
from graph.types.event import ApplicationEvent, ApplicationEventType, Event, EventPage
from tenancy.events.log import CursorExpired
from tenancy.events.service import EventAccess
from tenancy.events.types import BadCursor, EventType, decode_cursor

MAX_FIRST = 500
DEFAULT_FIRST = 50


def _access(info: Info[Context, Any], connection: str | None) -> EventAccess:
    ctx = info.context
    if ctx.events is None:
        raise Forbidden("this server keeps no events")
    if not ctx.connection_name:
        raise BadUserInput("name a connection (X-Hiregraph-Connection, or `connection` in connection_init)")
    if connection is not None and connection != ctx.connection_name:
        raise BadUserInput(
            f"this request is bound to connection '{ctx.connection_name}', not '{connection}': "
            "name it with X-Hiregraph-Connection (or in connection_init)",
            argument="connection",
        )
    return ctx.events


def _after(access: EventAccess, after: str | None) -> int:
    if after is None:
        return 0
    try:
        return decode_cursor(after, access.scope.connection)
    except BadCursor as exc:
        raise BadUserInput(str(exc), argument="after") from None


async def _stream(
    info: Info[Context, Any], connection: str | None, after: str | None, types: Collection[EventType] | None
) -> AsyncGenerator[Any, None]:
    access = _access(info, connection)
    start = _after(access, after)
    events = access.hub.subscribe(access.scope, start, types)
    try:
        async for event in events:
            info.context.next_event()
            yield event
    except CursorExpired as exc:
        raise EventCursorExpired(str(exc), oldest=exc.oldest) from None
    finally:
        await events.aclose()


@strawberry.type(description="Event root fields.")
class EventQuery:
    @strawberry.field(
        description="The connection's events after a cursor, oldest first: catch up, then subscribe from `endCursor`."
    )
    async def events(
        self,
        info: Info[Context, Any],
        connection: str | None = None,
        after: str | None = None,
        types: list[EventType] | None = None,
        first: int = DEFAULT_FIRST,
    ) -> EventPage:
        access = _access(info, connection)
        if not 0 < first <= MAX_FIRST:
            raise BadUserInput(f"`first` must be between 1 and {MAX_FIRST}; got {first}", argument="first")
        start = _after(access, after)
        try:
            await access.hub.log.check_resume(access.scope, start)
        except CursorExpired as exc:
            raise EventCursorExpired(str(exc), oldest=exc.oldest) from None
        found = await access.hub.log.read(access.scope, start, types=types, limit=first + 1)
        page = found[:first]
        end = page[-1].cursor if page else after
        return EventPage(events=[Event.of(e) for e in page], end_cursor=end, has_more=len(found) > first)


@strawberry.type(name="Subscription", description="Live events: replayed from a cursor, then as they happen.")
class EventSubscription:
    @strawberry.subscription(
        description="Every event of the connection (of `types`, if given) after `after`."
    )
    async def events(
        self,
        info: Info[Context, Any],
        connection: str | None = None,
        after: str | None = None,
        types: list[EventType] | None = None,
    ) -> AsyncGenerator[Event, None]:
        async for event in _stream(info, connection, after, types):
            yield Event.of(event)

    @strawberry.subscription(
        description="The connection's application events (of `types`, if given) after `after`."
    )
    async def application_events(
        self,
        info: Info[Context, Any],
        connection: str | None = None,
        types: list[ApplicationEventType] | None = None,
        after: str | None = None,
    ) -> AsyncGenerator[ApplicationEvent, None]:
        wanted = [t.event_type for t in types] if types else [t.event_type for t in ApplicationEventType]
        async for event in _stream(info, connection, after, wanted):
            yield ApplicationEvent.of(event)
