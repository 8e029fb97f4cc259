from __future__ import annotations

from .base import TimestampedRecord
from .enums import AttachmentType


class AttachmentRecord(TimestampedRecord):
    file_name: str | None = None
    file_url: str | None = None
    candidate_id: str | None = None
    application_id: str | None = None
    job_id: str | None = None
    attachment_type: AttachmentType | None = None
    raw_attachment_type: str | None = None
