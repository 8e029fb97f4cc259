"""The unified event vocabulary: what happened to which record, provider-neutral.

An event names a record by resource and id only; whoever shows it (a subscription, the
``events`` query, an outgoing webhook) reads the record through the connection's adapter,
so an event never carries a stale copy of the data.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from providers.records import Resource


class EventType(StrEnum):
    CANDIDATE_CREATED = "candidate.created"
    CANDIDATE_UPDATED = "candidate.updated"
    CANDIDATE_DELETED = "candidate.deleted"
    APPLICATION_CREATED = "application.created"
    APPLICATION_UPDATED = "application.updated"
    APPLICATION_STAGE_CHANGED = "application.stage_changed"
    APPLICATION_REJECTED = "application.rejected"
    APPLICATION_HIRED = "application.hired"
    INTERVIEW_SCHEDULED = "interview.scheduled"
    INTERVIEW_UPDATED = "interview.updated"
    INTERVIEW_CANCELLED = "interview.cancelled"
    SCORECARD_SUBMITTED = "scorecard.submitted"
    OFFER_CREATED = "offer.created"
    OFFER_UPDATED = "offer.updated"
    JOB_CREATED = "job.created"
    JOB_UPDATED = "job.updated"
    JOB_CLOSED = "job.closed"

    @property
    def resource(self) -> Resource:
        return Resource(self.value.partition(".")[0])

    @property
    def action(self) -> str:
        """The part after the resource: ``stage_changed`` for ``application.stage_changed``."""
        return self.value.partition(".")[2]


EVENT_RESOURCES: Final = tuple(dict.fromkeys(t.resource for t in EventType))
"""The resources events are about, in declaration order."""


class EventSource(StrEnum):
    POLL = "poll"
    """Derived by polling the provider (``poller.py``)."""
    WEBHOOK = "webhook"
    """Received from the provider's own webhook."""
    WRITE = "write"
    """Emitted by one of hiregraph's own writes."""
    SANDBOX = "sandbox"
    """Made by a sandbox connection's simulated live activity (``activity.py``)."""


@dataclass(frozen=True)
class LogScope:
    """Whose log: a stored connection's tenant and name, or ``tenant=""`` for the operator's
    static connections (every key granted one reads the same log)."""

    tenant: str
    connection: str


@dataclass(frozen=True)
class NewEvent:
    """An event not yet in the log (no cursor yet)."""

    type: EventType
    record_id: str
    occurred_at: float
    source: EventSource
    dedupe: str
    """Identifies the change itself: appending the same change twice adds one event."""
    data: dict[str, Any] = field(default_factory=dict)
    """Small, neutral details (for a stage change, the previous stage's id)."""


@dataclass(frozen=True)
class Event:
    """An event as the log holds it."""

    scope: LogScope
    seq: int
    type: EventType
    record_id: str
    occurred_at: float
    created_at: float
    source: EventSource
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def resource(self) -> Resource:
        return self.type.resource

    @property
    def cursor(self) -> str:
        return encode_cursor(self.scope.connection, self.seq)


class BadCursor(ValueError):
    """A cursor that is not one of ours, or belongs to another connection."""


_CURSOR_PREFIX: Final = "evt1:"


def encode_cursor(connection: str, seq: int) -> str:
    raw = f"{_CURSOR_PREFIX}{seq}:{connection}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, connection: str) -> int:
    """The sequence number in ``cursor``, which must be a cursor of ``connection``'s log."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        text = base64.urlsafe_b64decode(padded.encode()).decode()
    except (binascii.Error, UnicodeError, ValueError):
        raise BadCursor("this is not an event cursor") from None
    if not text.startswith(_CURSOR_PREFIX):
        raise BadCursor("this is not an event cursor")
    seq_text, _, owner = text.removeprefix(_CURSOR_PREFIX).partition(":")
    if not seq_text.isdigit():
        raise BadCursor("this is not an event cursor")
    if owner != connection:
        raise BadCursor(f"this cursor belongs to another connection's events, not '{connection}'")
    return int(seq_text)
