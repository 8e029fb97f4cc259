"""Which event a polled record makes, from its previous snapshot: pure functions and tables.

A record's content hash covers its unified fields (not the raw payload, whose volatile parts
would make events of nothing): an unchanged hash makes no event. A changed one makes the
most specific event its watched fields allow (``application.stage_changed`` when
``current_stage_id`` moved, ``application.rejected`` when ``rejected_at`` was set), else the
resource's generic one. A record the poller has no snapshot of is new when it was created
after polling began (``baseline``), else an update of something polling never saw before.
Deletions are invisible to polling (the record is simply no longer listed).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Final

from providers.records import Record, Resource, TimestampedRecord
from providers.records.enums import InterviewStatus, JobStatus

from .poll_state import Snapshot
from .types import EventType

E = EventType
R = Resource

_NOT_CONTENT: Final = frozenset({"remote_data", "embedded"})

WATCHED: Final[Mapping[Resource, tuple[str, ...]]] = {
    R.CANDIDATE: (),
    R.APPLICATION: ("current_stage_id", "rejected_at"),
    R.INTERVIEW: ("status",),
    R.SCORECARD: ("submitted_at",),
    R.OFFER: ("status",),
    R.JOB: ("status",),
}
"""The resources polling derives events for, and the fields their specific events watch."""

CREATED: Final[Mapping[Resource, EventType]] = {
    R.CANDIDATE: E.CANDIDATE_CREATED,
    R.APPLICATION: E.APPLICATION_CREATED,
    R.INTERVIEW: E.INTERVIEW_SCHEDULED,
    R.SCORECARD: E.SCORECARD_SUBMITTED,
    R.OFFER: E.OFFER_CREATED,
    R.JOB: E.JOB_CREATED,
}
UPDATED: Final[Mapping[Resource, EventType | None]] = {
    R.CANDIDATE: E.CANDIDATE_UPDATED,
    R.APPLICATION: E.APPLICATION_UPDATED,
    R.INTERVIEW: E.INTERVIEW_UPDATED,
    R.SCORECARD: None,  # there is no scorecard.updated: an edited scorecard makes no event
    R.OFFER: E.OFFER_UPDATED,
    R.JOB: E.JOB_UPDATED,
}


def _json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def snapshot(resource: Resource, record: Record) -> Snapshot:
    content = record.model_dump(mode="json", exclude=set(_NOT_CONTENT))
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
    watched = {name: _json(getattr(record, name, None)) for name in WATCHED[resource]}
    return Snapshot(digest, watched)


def _stage_changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    return before.get("current_stage_id") != after.get("current_stage_id")


def _became(name: str, value: str) -> Callable[[Mapping[str, Any], Mapping[str, Any]], bool]:
    return lambda before, after: after.get(name) == value and before.get(name) != value


def _set(name: str) -> Callable[[Mapping[str, Any], Mapping[str, Any]], bool]:
    return lambda before, after: after.get(name) is not None and before.get(name) is None


SPECIFIC: Final[Mapping[Resource, tuple[tuple[Callable[..., bool], EventType], ...]]] = {
    # Rejection first: a rejected application often moves stage in the same change.
    R.APPLICATION: (
        (_set("rejected_at"), E.APPLICATION_REJECTED),
        (_stage_changed, E.APPLICATION_STAGE_CHANGED),
    ),
    R.INTERVIEW: ((_became("status", InterviewStatus.CANCELLED.value), E.INTERVIEW_CANCELLED),),
    R.SCORECARD: ((_set("submitted_at"), E.SCORECARD_SUBMITTED),),
    R.JOB: ((_became("status", JobStatus.CLOSED.value), E.JOB_CLOSED),),
}
"""Changes that make a specific event, checked in order (the first that holds wins)."""


SINCE: Final[Mapping[Resource, tuple[tuple[str, EventType], ...]]] = {
    R.APPLICATION: (("rejected_at", E.APPLICATION_REJECTED),),
    R.SCORECARD: (("submitted_at", E.SCORECARD_SUBMITTED),),
}
"""For a record polling sees for the first time: a timestamp after the baseline that dates
a specific event."""


def created_after(record: Record, baseline: float) -> bool:
    created = record.created_at if isinstance(record, TimestampedRecord) else None
    return created is not None and created.timestamp() > baseline


def derive(
    resource: Resource, record: Record, before: Snapshot | None, after: Snapshot, baseline: float
) -> tuple[EventType | None, dict[str, Any]]:
    """The event ``record`` makes now (None: none) and its details."""
    if before is not None and before.hash == after.hash:
        return None, {}
    if before is None and created_after(record, baseline):
        return CREATED[resource], {}
    if before is None:
        # Never seen: what changed is unknown, except a moment the record itself dates.
        for name, event in SINCE.get(resource, ()):
            moment = getattr(record, name, None)
            if isinstance(moment, datetime) and moment.timestamp() > baseline:
                return event, {}
    else:
        for changed, event in SPECIFIC.get(resource, ()):
            if changed(before.watched, after.watched):
                return event, {"previous": dict(before.watched)}
    updated = UPDATED[resource]
    return (updated, {}) if updated is not None else (None, {})


WRITTEN: Final[Mapping[str, EventType]] = {
    "createCandidate": E.CANDIDATE_CREATED,
    "updateCandidate": E.CANDIDATE_UPDATED,
    "addCandidateTags": E.CANDIDATE_UPDATED,
    "removeCandidateTags": E.CANDIDATE_UPDATED,
    "addNote": E.CANDIDATE_UPDATED,
    "uploadAttachment": E.CANDIDATE_UPDATED,
    "createApplication": E.APPLICATION_CREATED,
    "moveApplicationStage": E.APPLICATION_STAGE_CHANGED,
    "rejectApplication": E.APPLICATION_REJECTED,
    "unrejectApplication": E.APPLICATION_UPDATED,
    "hireApplication": E.APPLICATION_HIRED,
}
"""The event each of hiregraph's own writes makes (``resolvers/writes``). A note or a file
is news about its candidate: there is no event type of its own for either."""
