"""Round trip: adapter(simulator(sandbox record)) equals the sandbox record, for every resource
and every field the adapter declares, over all records of a small dataset (ids translated).

Where Greenhouse's wire format cannot carry a value, the expectation says so explicitly
(``lossy``): nothing else may differ.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from enum import Enum
from typing import Any, Final

import pytest

from providers.greenhouse import GreenhouseAdapter
from providers.greenhouse.mapping import (
    ATTACHMENT_TYPE,
    FORM_FIELD_TYPE,
    INTERVIEW_STATUS,
    JOB_STATUS,
    OFFER_STATUS,
    OVERALL_RECOMMENDATION,
    VISIBILITY,
)
from providers.greenhouse.simulator import encode_id
from providers.query import ListQuery
from providers.records import (
    ActivityRecord,
    ActivityType,
    EmailAddress,
    FormFieldType,
    InterviewStatus,
    JobStatus,
    OfferStatus,
    OverallRecommendation,
    PhoneNumber,
    Record,
    Resource,
    Source,
    Visibility,
)

from .sim import adapter, adapter_ids, app, client, small_dataset

R = Resource
DATA = small_dataset()
IDS: Final = {r: adapter_ids(DATA, r) for r in Resource}

RELATION_TARGET: Final[dict[str, Resource]] = {
    "candidate": R.CANDIDATE,
    "job": R.JOB,
    "application": R.APPLICATION,
    "actor": R.USER,
    "credited_to": R.USER,
    "current_stage": R.JOB_INTERVIEW_STAGE,
    "reject_reason": R.REJECT_REASON,
    "organizer": R.USER,
    "interviewers": R.USER,
    "interviewer": R.USER,
    "departments": R.DEPARTMENT,
    "offices": R.OFFICE,
    "hiring_managers": R.USER,
    "recruiters": R.USER,
    "tags": R.TAG,
    "applications": R.APPLICATION,
    "attachments": R.ATTACHMENT,
}
ENUM_TABLES: Final[dict[type[Enum], Mapping[str, Enum]]] = {
    JobStatus: JOB_STATUS,
    InterviewStatus: INTERVIEW_STATUS,
    OfferStatus: OFFER_STATUS,
    OverallRecommendation: OVERALL_RECOMMENDATION,
    FormFieldType: FORM_FIELD_TYPE,
    Visibility: VISIBILITY,
    **{type(v): ATTACHMENT_TYPE for v in ATTACHMENT_TYPE.values()},
}


def attribute(record_type: type[Record], name: str) -> str:
    """The record attribute behind a spec field name (``job`` -> ``job_id``, ``tags`` -> ``tag_ids``)."""
    fields = record_type.model_fields
    for candidate in (name, f"{name}_id", f"{name[:-1]}_ids", f"{name}_"):
        if candidate in fields and not (
            candidate == name and name in RELATION_TARGET and f"{name}_id" in fields
        ):
            return candidate
    raise KeyError(name)


def translate(field: str, value: Any, resource: Resource) -> Any:
    target = resource if field == "parent" else RELATION_TARGET.get(field)
    if target is None or value is None:
        return value
    if isinstance(value, tuple):
        return tuple(IDS[target][v] for v in value)
    return IDS[target][value]


def expected(resource: Resource, field: str, record: Record) -> Any:
    """The sandbox value as Greenhouse can carry it."""
    value = translate(field, getattr(record, attribute(type(record), field)), resource)
    table = ENUM_TABLES.get(type(value)) if isinstance(value, Enum) else None
    if isinstance(value, Enum) and table is not None and value not in table.values():
        value = type(value)("other")  # lossy: Greenhouse has no word for it (e.g. a cancelled interview)
    if (
        resource is R.ACTIVITY
        and field == "visibility"
        and isinstance(record, ActivityRecord)
        and record.activity_type is not ActivityType.NOTE
    ):
        value = None  # lossy: only notes have a visibility in the activity feed
    if resource is R.CANDIDATE and field == "emails":
        value = tuple(EmailAddress(email=e.email, type=e.type) for e in value)  # lossy: no primary flag
    if resource is R.CANDIDATE and field == "phones":
        value = tuple(PhoneNumber(number=p.number, type=p.type) for p in value)  # lossy: no extension
    if resource is R.USER and field == "emails":
        value = tuple(EmailAddress(email=e.email, is_primary=e.is_primary) for e in value)  # lossy: no type
    if resource is R.OFFER and field == "sent_at" and value is not None:
        day = value.astimezone(UTC).date()  # lossy: Greenhouse sends the day only
        value = datetime(day.year, day.month, day.day, tzinfo=UTC)
    if resource is R.APPLICATION and field == "source" and value is not None:
        value = Source(id=str(encode_id(value.id)), name=value.name)
    if field == "tags":
        value = tuple(sorted(value or ()))
    return value


async def _read_everything() -> tuple[dict[Resource, dict[str, Record]], dict[str, tuple[str, ...]]]:
    async with client(app(DATA)) as http:
        gh = adapter(http)
        out: dict[Resource, dict[str, Record]] = {}
        for resource in Resource:
            if not gh.can_list(resource):
                continue
            rows: dict[str, Record] = {}
            cursor = None
            while True:
                page = await gh.list(resource, ListQuery(page_size=50, cursor=cursor))
                rows.update((r.id, r) for r in page.records)
                if (cursor := page.next_cursor) is None:
                    break
            out[resource] = rows
        candidates = list(out[R.CANDIDATE])
        embedded = await gh.list_attachments_by_candidate_ids(candidates)
        out[R.ATTACHMENT] = {a.id: a for rows in embedded.values() for a in rows}
        feeds = await gh.list_activities_by_candidate_ids(candidates)
        out[R.ACTIVITY] = {a.id: a for rows in feeds.values() for a in rows}
        tags = await gh.list_tags_by_candidate_ids(candidates)
        return out, {c: tuple(sorted(t.id for t in rows)) for c, rows in tags.items()}


@pytest.fixture(scope="module")
def upstream() -> tuple[dict[Resource, dict[str, Record]], dict[str, tuple[str, ...]]]:
    return asyncio.run(_read_everything())


def cases() -> list[Any]:
    out = []
    for resource in Resource:
        if not GreenhouseAdapter.serves(resource) and resource not in (R.ATTACHMENT, R.ACTIVITY):
            continue
        for record in DATA.records(resource):
            if record.id in IDS[resource]:
                out.append(pytest.param(resource, record.id, id=f"{resource.value}-{record.id}"))
    return out


@pytest.mark.parametrize(("resource", "sandbox_id"), cases())
def test_round_trip(
    upstream: tuple[dict[Resource, dict[str, Record]], dict[str, tuple[str, ...]]],
    resource: Resource,
    sandbox_id: str,
) -> None:
    records, tags = upstream
    source = DATA.get(resource, sandbox_id)
    assert source is not None
    got = records[resource].get(IDS[resource][sandbox_id])
    assert got is not None, f"the adapter did not return {resource.value} {sandbox_id}"
    diffs = {}
    for field in sorted(GreenhouseAdapter.fields[resource]):
        want = expected(resource, field, source)
        if resource is R.CANDIDATE and field == "tags":
            have: Any = tags.get(got.id, ())  # tags load by parent (the candidate has names only)
        else:
            have = getattr(got, attribute(type(got), field))
        if isinstance(have, Sequence) and not isinstance(have, str) and field == "tags":
            have = tuple(sorted(have))
        if have != want:
            diffs[field] = (have, want)
    assert diffs == {}


def test_every_served_resource_is_covered() -> None:
    covered = {c.values[0] for c in cases()}
    assert covered >= {r for r in Resource if GreenhouseAdapter.serves(r)} | {R.ATTACHMENT, R.ACTIVITY}
