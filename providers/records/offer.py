from __future__ import annotations

from datetime import date, datetime

from .base import TimestampedRecord
from .enums import OfferStatus


class OfferRecord(TimestampedRecord):
    application_id: str | None = None
    candidate_id: str | None = None
    job_id: str | None = None
    creator_id: str | None = None
    closed_at: datetime | None = None
    sent_at: datetime | None = None
    start_date: date | None = None
    status: OfferStatus | None = None
    raw_status: str | None = None
