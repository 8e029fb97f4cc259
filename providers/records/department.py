from __future__ import annotations

from .base import TimestampedRecord


class DepartmentRecord(TimestampedRecord):
    name: str | None = None
    parent_id: str | None = None
    status: str | None = None
