from __future__ import annotations

from datetime import datetime

from .base import TimestampedRecord
from .enums import JobStatus, JobType
from .values import Compensation, Team, Url


class JobRecord(TimestampedRecord):
    name: str | None = None
    description: str | None = None
    code: str | None = None
    requisition_id: str | None = None
    status: JobStatus | None = None
    raw_status: str | None = None
    locations: tuple[str, ...] = ()
    job_posting_urls: tuple[Url, ...] = ()
    confidential: bool | None = None
    department_ids: tuple[str, ...] = ()
    teams: tuple[Team, ...] = ()
    office_ids: tuple[str, ...] = ()
    hiring_manager_ids: tuple[str, ...] = ()
    recruiter_ids: tuple[str, ...] = ()
    tag_ids: tuple[str, ...] = ()
    is_remote: bool | None = None
    job_type: JobType | None = None
    raw_job_type: str | None = None
    job_position_level: str | None = None
    compensation: Compensation | None = None
    closed_at: datetime | None = None
    opened_at: datetime | None = None
