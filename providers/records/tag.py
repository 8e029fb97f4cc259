from __future__ import annotations

from .base import TimestampedRecord


class TagRecord(TimestampedRecord):
    name: str | None = None
