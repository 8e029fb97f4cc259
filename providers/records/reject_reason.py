from __future__ import annotations

from .base import TimestampedRecord


class RejectReasonRecord(TimestampedRecord):
    name: str | None = None
