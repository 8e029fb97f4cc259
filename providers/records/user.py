from __future__ import annotations

from .base import TimestampedRecord
from .values import EmailAddress


class UserRecord(TimestampedRecord):
    first_name: str | None = None
    last_name: str | None = None
    name: str | None = None
    emails: tuple[EmailAddress, ...] = ()
    disabled: bool | None = None
    access_role: str | None = None
