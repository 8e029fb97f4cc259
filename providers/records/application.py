from __future__ import annotations

from datetime import datetime

from .base import TimestampedRecord
from .values import Source


class ApplicationRecord(TimestampedRecord):
    candidate_id: str | None = None
    job_id: str | None = None
    applied_at: datetime | None = None
    rejected_at: datetime | None = None
    source: Source | None = None
    credited_to_id: str | None = None
    current_stage_id: str | None = None
    reject_reason_id: str | None = None
    attachment_ids: tuple[str, ...] | None = None
    """None when the provider does not list them on the application (then they load by parent)."""
