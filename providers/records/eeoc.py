from __future__ import annotations

from datetime import datetime

from .base import TimestampedRecord


class EeocRecord(TimestampedRecord):
    candidate_id: str | None = None
    submitted_at: datetime | None = None
    race: str | None = None
    gender: str | None = None
    veteran_status: str | None = None
    disability_status: str | None = None
