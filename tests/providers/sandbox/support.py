"""Test helpers: the small adapter, and slow, obviously-correct versions of what the dataset
indexes and the adapter compute."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from providers.base import Connection
from providers.query import Filter, FilterName
from providers.records import Record, Resource
from providers.sandbox import Dataset, SandboxAdapter

R = Resource
F = FilterName

SMALL: dict[str, Any] = {"seed": 7, "size": 50}


def make_adapter(**options: Any) -> SandboxAdapter:
    """A sandbox adapter on the small dataset (``options`` override seed 7, size 50)."""
    return SandboxAdapter(Connection(name="sandbox", provider="sandbox", options={**SMALL, **options}))


# Every relationship field of every record, and the resource it points at.
REFERENCES: dict[str, Resource | None] = {
    "actor_id": R.USER,
    "application_id": R.APPLICATION,
    "application_ids": R.APPLICATION,
    "attachment_ids": R.ATTACHMENT,
    "candidate_id": R.CANDIDATE,
    "creator_id": R.USER,
    "credited_to_id": R.USER,
    "current_stage_id": R.JOB_INTERVIEW_STAGE,
    "department_ids": R.DEPARTMENT,
    "hiring_manager_ids": R.USER,
    "interview_id": R.INTERVIEW,
    "interviewer_id": R.USER,
    "interviewer_ids": R.USER,
    "job_id": R.JOB,
    "job_interview_stage_id": R.JOB_INTERVIEW_STAGE,
    "office_ids": R.OFFICE,
    "organizer_id": R.USER,
    "parent_id": None,  # the record's own resource
    "recruiter_ids": R.USER,
    "reject_reason_id": R.REJECT_REASON,
    "tag_ids": R.TAG,
}
NOT_REFERENCES = frozenset({"id", "remote_id", "requisition_id", "group_id"})


def parent_ids(data: Dataset, resource: Resource, parent: str, record: Record) -> set[str]:
    """The ids of ``record``'s parents of kind ``parent`` (CHILD_RELATIONS semantics)."""
    if (resource, parent) == (R.INTERVIEW, "job"):
        application = data.get(R.APPLICATION, record.application_id)  # type: ignore[attr-defined]
        return {application.job_id}  # type: ignore[union-attr]
    if resource is R.JOB:
        return set(getattr(record, f"{parent}_ids"))
    value = getattr(record, f"{parent}_id")
    return set() if value is None else {value}


def children(data: Dataset, resource: Resource, parent: str) -> dict[str, list[str]]:
    """Child ids per parent id, by a full scan."""
    out: dict[str, list[str]] = {}
    if (resource, parent) == (R.TAG, "candidate"):
        tag_order = [t.id for t in data.records(R.TAG)]
        for candidate in data.records(R.CANDIDATE):
            tags = set(candidate.tag_ids or ())  # type: ignore[attr-defined]
            if tags:
                out[candidate.id] = [t for t in tag_order if t in tags]
        return out
    for record in data.records(resource):
        for key in parent_ids(data, resource, parent, record):
            out.setdefault(key, []).append(record.id)
    return out


def _contains(haystack: str | None, needle: str) -> bool:
    return haystack is not None and needle.casefold() in haystack.casefold()


def filtered(data: Dataset, resource: Resource, flt: Filter) -> list[Record]:
    """The records passing ``flt``, in id order, by the definitions in ``providers.query.Filter``."""
    tag_names = {t.id: t.name.casefold() for t in data.records(R.TAG)}  # type: ignore[attr-defined]
    jobs_of: dict[str, set[str]] = {}
    for application in data.records(R.APPLICATION):
        jobs_of.setdefault(application.candidate_id, set()).add(application.job_id)  # type: ignore[attr-defined]

    def ok(record: Any, name: FilterName, value: Any) -> bool:
        if name in (F.CREATED_AFTER, F.CREATED_BEFORE, F.UPDATED_AFTER, F.UPDATED_BEFORE):
            stamp: datetime = record.created_at if name.value.startswith("created") else record.updated_at
            return bool(stamp > value if name.value.endswith("after") else stamp < value)
        if resource is R.CANDIDATE and name is F.JOB_ID:
            return value in jobs_of.get(record.id, set())
        if name is F.TAGS:
            carried = {tag_names[t] for t in record.tag_ids}
            return all(v.casefold() in carried for v in value)
        if name is F.STAGE_ID:
            attribute = "current_stage_id" if resource is R.APPLICATION else "job_interview_stage_id"
            return bool(getattr(record, attribute) == value)
        if name in (F.JOB_ID, F.CANDIDATE_ID, F.APPLICATION_ID):
            return bool(getattr(record, name.value) == value)
        if name is F.EMAIL:
            return any(e.email.casefold() == value.casefold() for e in record.emails)
        return _contains(getattr(record, name.value), value)

    names = flt.active()
    return [r for r in data.records(resource) if all(ok(r, n, getattr(flt, n.value)) for n in names)]


def ids(records: Iterable[Record | None]) -> list[str | None]:
    return [None if r is None else r.id for r in records]
