from __future__ import annotations

from .base import TimestampedRecord


class OrganizationRecord(TimestampedRecord):
    name: str | None = None
