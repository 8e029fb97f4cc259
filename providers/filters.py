"""Which filters each resource offers, and how a filter matches a record.

``matches`` is the one definition of each filter's meaning (see ``query.Filter``). The
gateway uses it on what it read when a provider cannot filter natively; a filter that
cannot be decided from the record alone (a candidate's ``jobId`` or ``tags``) is
``GATEWAY_UNDECIDABLE`` and is refused where the provider does not apply it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Final

from .query import Filter, FilterName
from .records import (
    CandidateRecord,
    EmailAddress,
    Record,
    Resource,
    TimestampedRecord,
    UserRecord,
)

F = FilterName
_TIME: Final = frozenset({F.CREATED_AFTER, F.CREATED_BEFORE, F.UPDATED_AFTER, F.UPDATED_BEFORE})

RESOURCE_FILTERS: Final[dict[Resource, frozenset[FilterName]]] = {
    Resource.ACTIVITY: _TIME | {F.CANDIDATE_ID},
    Resource.APPLICATION: _TIME | {F.JOB_ID, F.CANDIDATE_ID, F.STAGE_ID},
    Resource.ATTACHMENT: _TIME | {F.CANDIDATE_ID, F.APPLICATION_ID, F.JOB_ID},
    Resource.CANDIDATE: _TIME | {F.EMAIL, F.NAME, F.TITLE, F.COMPANY, F.TAGS, F.JOB_ID},
    Resource.DEPARTMENT: _TIME | {F.NAME},
    Resource.EEOC: _TIME | {F.CANDIDATE_ID},
    Resource.INTERVIEW: _TIME | {F.CANDIDATE_ID, F.APPLICATION_ID, F.STAGE_ID},
    Resource.JOB: _TIME | {F.NAME},
    Resource.JOB_FORM_FIELD: frozenset({F.JOB_ID}),
    Resource.JOB_INTERVIEW_STAGE: _TIME | {F.JOB_ID},
    Resource.OFFER: _TIME | {F.CANDIDATE_ID, F.APPLICATION_ID, F.JOB_ID},
    Resource.OFFICE: _TIME | {F.NAME},
    Resource.ORGANIZATION: _TIME | {F.NAME},
    Resource.REJECT_REASON: _TIME | {F.NAME},
    Resource.SCORECARD: _TIME | {F.CANDIDATE_ID, F.APPLICATION_ID},
    Resource.TAG: _TIME | {F.NAME},
    Resource.USER: _TIME | {F.EMAIL, F.NAME},
}

GATEWAY_UNDECIDABLE: Final[dict[Resource, frozenset[FilterName]]] = {
    Resource.CANDIDATE: frozenset({F.JOB_ID, F.TAGS}),
}

# Filters on an id whose record attribute has another name.
_ID_ATTRIBUTES: Final[dict[tuple[Resource, FilterName], str]] = {
    (Resource.APPLICATION, F.STAGE_ID): "current_stage_id",
    (Resource.INTERVIEW, F.STAGE_ID): "job_interview_stage_id",
}


def gateway_can_apply(
    resource: Resource, name: FilterName, lacks: Mapping[Resource, frozenset[FilterName]] | None = None
) -> bool:
    """Whether the gateway can decide ``name`` on listed records: not a filter no record shows,
    nor one the provider's listing leaves out (``ProviderAdapter.listing_lacks``)."""
    undecidable = GATEWAY_UNDECIDABLE.get(resource, frozenset()) | (lacks or {}).get(resource, frozenset())
    return name not in undecidable


def _contains(haystack: str | None, needle: str) -> bool:
    return haystack is not None and needle.casefold() in haystack.casefold()


def _full_name(record: Record) -> str | None:
    name = getattr(record, "name", None)
    if name is None and isinstance(record, CandidateRecord | UserRecord):
        parts = [p for p in (record.first_name, record.last_name) if p]
        return " ".join(parts) or None
    return name if isinstance(name, str) else None


def _has_email(emails: Iterable[EmailAddress], wanted: str) -> bool:
    wanted = wanted.casefold()
    return any(e.email.casefold() == wanted for e in emails)


def _after(value: datetime | None, bound: datetime) -> bool:
    return value is not None and value > bound


def _before(value: datetime | None, bound: datetime) -> bool:
    return value is not None and value < bound


def matches(resource: Resource, record: Record, flt: Filter, names: Iterable[FilterName]) -> bool:
    """Whether ``record`` passes the filters ``names`` of ``flt`` (record-local filters only)."""
    for name in names:
        value = getattr(flt, name.value)
        if value is None:
            continue
        if not _matches_one(resource, record, name, value):
            return False
    return True


def _matches_one(resource: Resource, record: Record, name: FilterName, value: object) -> bool:
    if name in _TIME:
        assert isinstance(value, datetime)
        stamped = record if isinstance(record, TimestampedRecord) else None
        created = stamped.created_at if stamped else None
        updated = stamped.updated_at if stamped else None
        return {
            F.CREATED_AFTER: lambda: _after(created, value),
            F.CREATED_BEFORE: lambda: _before(created, value),
            F.UPDATED_AFTER: lambda: _after(updated, value),
            F.UPDATED_BEFORE: lambda: _before(updated, value),
        }[name]()
    if name in (F.JOB_ID, F.CANDIDATE_ID, F.APPLICATION_ID, F.STAGE_ID):
        attribute = _ID_ATTRIBUTES.get((resource, name), name.value)
        return getattr(record, attribute, None) == value
    assert isinstance(value, str)
    if name is F.EMAIL:
        return _has_email(getattr(record, "emails", ()), value)
    if name is F.NAME:
        return _contains(_full_name(record), value)
    if name in (F.TITLE, F.COMPANY):
        return _contains(getattr(record, name.value, None), value)
    raise ValueError(f"filter {name} cannot be decided from a {resource} record alone")
