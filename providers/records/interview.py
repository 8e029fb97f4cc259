from __future__ import annotations

from datetime import datetime

from .base import TimestampedRecord
from .enums import InterviewStatus


class InterviewRecord(TimestampedRecord):
    application_id: str | None = None
    candidate_id: str | None = None
    job_interview_stage_id: str | None = None
    organizer_id: str | None = None
    interviewer_ids: tuple[str, ...] = ()
    location: str | None = None
    start_at: datetime | None = None
    end_at: datetime | None = None
    status: InterviewStatus | None = None
    raw_status: str | None = None
