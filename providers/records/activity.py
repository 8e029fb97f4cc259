from __future__ import annotations

from .base import TimestampedRecord
from .enums import ActivityType, Visibility


class ActivityRecord(TimestampedRecord):
    candidate_id: str | None = None
    actor_id: str | None = None
    activity_type: ActivityType | None = None
    raw_activity_type: str | None = None
    subject: str | None = None
    body: str | None = None
    from_: tuple[str, ...] = ()
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    visibility: Visibility | None = None
    raw_visibility: str | None = None
