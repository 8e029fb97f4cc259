"""What a list call asks of an adapter, and what it gets back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from enum import StrEnum
from typing import Generic, TypeVar

from .records import Record

R = TypeVar("R", bound=Record)


class FilterName(StrEnum):
    CREATED_AFTER = "created_after"
    CREATED_BEFORE = "created_before"
    UPDATED_AFTER = "updated_after"
    UPDATED_BEFORE = "updated_before"
    JOB_ID = "job_id"
    CANDIDATE_ID = "candidate_id"
    APPLICATION_ID = "application_id"
    EMAIL = "email"
    NAME = "name"
    TITLE = "title"
    COMPANY = "company"
    STAGE_ID = "stage_id"
    TAGS = "tags"


@dataclass(frozen=True, slots=True)
class Filter:
    """The unified filters. Semantics, which every adapter and the gateway share:
    timestamps are exclusive bounds (``after`` means strictly later); ids are exact;
    ``email`` is an exact, case-insensitive match on any of the record's addresses;
    ``name``, ``title`` and ``company`` are case-insensitive substring matches;
    ``tags`` keeps records carrying every listed tag name (case-insensitive)."""

    created_after: datetime | None = None
    created_before: datetime | None = None
    updated_after: datetime | None = None
    updated_before: datetime | None = None
    job_id: str | None = None
    candidate_id: str | None = None
    application_id: str | None = None
    email: str | None = None
    name: str | None = None
    title: str | None = None
    company: str | None = None
    stage_id: str | None = None
    tags: tuple[str, ...] | None = None

    def active(self) -> frozenset[FilterName]:
        return frozenset(FilterName(f.name) for f in fields(self) if getattr(self, f.name) is not None)

    def only(self, names: frozenset[FilterName]) -> Filter:
        """This filter restricted to ``names`` (the rest set to None)."""
        return replace(self, **{n.value: None for n in self.active() - names})


class SortField(StrEnum):
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"


@dataclass(frozen=True, slots=True)
class Sort:
    field: SortField
    descending: bool = False


@dataclass(frozen=True, slots=True)
class ListQuery:
    """One upstream page: ``cursor`` is the adapter's own opaque cursor (None: first page)."""

    filter: Filter = Filter()
    sort: Sort | None = None
    page_size: int = 100
    cursor: str | None = None


@dataclass(frozen=True, slots=True)
class Page(Generic[R]):
    records: Sequence[R]
    next_cursor: str | None = None
    """The adapter's cursor for the following page; None on the last page."""
