from __future__ import annotations

from datetime import datetime

from .base import TimestampedRecord
from .values import EmailAddress, PhoneNumber, Url


class CandidateRecord(TimestampedRecord):
    first_name: str | None = None
    last_name: str | None = None
    name: str | None = None
    company: str | None = None
    title: str | None = None
    last_interaction_at: datetime | None = None
    is_private: bool | None = None
    can_email: bool | None = None
    locations: tuple[str, ...] = ()
    phones: tuple[PhoneNumber, ...] = ()
    emails: tuple[EmailAddress, ...] = ()
    urls: tuple[Url, ...] = ()
    tag_ids: tuple[str, ...] | None = None
    application_ids: tuple[str, ...] | None = None
    attachment_ids: tuple[str, ...] | None = None
    """Each ``*_ids`` is None when the provider does not list them on the candidate."""
