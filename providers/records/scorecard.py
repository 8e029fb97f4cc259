from __future__ import annotations

from datetime import datetime

from .base import TimestampedRecord
from .enums import OverallRecommendation
from .values import FormValue


class ScorecardRecord(TimestampedRecord):
    application_id: str | None = None
    candidate_id: str | None = None
    interview_id: str | None = None
    interviewer_id: str | None = None
    submitted_at: datetime | None = None
    overall_recommendation: OverallRecommendation | None = None
    raw_overall_recommendation: str | None = None
    form_values: tuple[FormValue, ...] = ()
