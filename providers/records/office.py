from __future__ import annotations

from .base import TimestampedRecord


class OfficeRecord(TimestampedRecord):
    name: str | None = None
    parent_id: str | None = None
    location: str | None = None
    is_remote: bool | None = None
