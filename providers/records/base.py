"""The base of every unified record: the contract in ``shared/spec/resources.md``.

Records are frozen pydantic models. Relationships are stored as ids (``job_id``,
``interviewer_ids``); a provider that ships a related object whole puts it in
``embedded`` so that the loaders can prime their caches and skip a call.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    remote_id: str | None = None
    remote_data: Any = None
    """The provider's raw payload for this record, exposed as ``remoteData`` on request only."""
    embedded: tuple[Record, ...] = ()
    """Complete related records the provider shipped with this one; loaders prime them."""


class TimestampedRecord(Record):
    created_at: datetime | None = None
    updated_at: datetime | None = None
