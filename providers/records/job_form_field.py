from __future__ import annotations

from .base import Record
from .enums import FormFieldType
from .values import FormFieldOption


class JobFormFieldRecord(Record):
    name: str | None = None
    job_id: str | None = None
    label: str | None = None
    index: int | None = None
    is_required: bool | None = None
    answer_visibility: str | None = None
    description: str | None = None
    type: FormFieldType | None = None
    raw_type: str | None = None
    options: tuple[FormFieldOption, ...] = ()
    group_id: str | None = None
    group_name: str | None = None
