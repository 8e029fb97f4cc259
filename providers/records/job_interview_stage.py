from __future__ import annotations

from .base import TimestampedRecord


class JobInterviewStageRecord(TimestampedRecord):
    name: str | None = None
    status: str | None = None
    job_id: str | None = None
    position: int | None = None
