"""Round trip: adapter(simulator(sandbox record)) == sandbox record, for every record of a
small dataset and every field the adapter declares, ids translated back with ``decode_id``.

Where Ashby's format cannot carry a sandbox value, the expected value is the sandbox value
as Ashby can hold it; each such projection is listed in ``LOSSY`` with its reason.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest

from providers.ashby import AshbyAdapter
from providers.ashby.simulator import decode_id
from providers.query import ListQuery, Page
from providers.records import (
    ActivityType,
    ApplicationRecord,
    AttachmentType,
    CandidateRecord,
    EmailAddress,
    JobStatus,
    OfferStatus,
    OfficeRecord,
    PhoneNumber,
    Record,
    Resource,
    Source,
)

from .simulated import connected, small_dataset

R = Resource
DATA = small_dataset()
COMPARED = (
    R.INTERVIEW,
    R.OFFER,
    R.SCORECARD,
    R.ACTIVITY,
    R.CANDIDATE,
    R.APPLICATION,
    R.JOB,
    R.DEPARTMENT,
    R.OFFICE,
    R.USER,
    R.TAG,
    R.REJECT_REASON,
    R.JOB_INTERVIEW_STAGE,
    R.JOB_FORM_FIELD,
    R.ATTACHMENT,
)


def _spec_name(attribute: str) -> str:
    if attribute.endswith("_ids"):
        return attribute[: -len("_ids")] + "s"
    if attribute.endswith("_id") and attribute not in {"requisition_id", "group_id"}:
        return attribute[: -len("_id")]
    return attribute


def attributes(resource: Resource) -> list[str]:
    """The record attributes behind the fields the adapter declares for ``resource``."""
    declared = AshbyAdapter.fields[resource]
    return [a for a in resource.record_type.model_fields if _spec_name(a) in declared]


def _office(office_id: str) -> OfficeRecord:
    office = DATA.get(R.OFFICE, office_id)
    assert isinstance(office, OfficeRecord)
    return office


def _first_resume(candidate_id: str | None) -> str | None:
    candidate = DATA.get(R.CANDIDATE, candidate_id or "")
    assert isinstance(candidate, CandidateRecord)
    for a in candidate.attachment_ids or ():
        if getattr(DATA.get(R.ATTACHMENT, a), "attachment_type", None) is AttachmentType.RESUME:
            return a
    return None


def _app_resume(app: Record) -> tuple[str, ...]:
    assert isinstance(app, ApplicationRecord)
    kinds = [
        (a, getattr(DATA.get(R.ATTACHMENT, a), "attachment_type", None)) for a in app.attachment_ids or ()
    ]
    return tuple(a for a, kind in kinds if kind is AttachmentType.RESUME)[:1]


def _offer_status(offer: Any) -> OfferStatus | None:
    status = offer.status
    if status is OfferStatus.OPENED:
        return OfferStatus.SENT
    if status in (OfferStatus.DRAFT, OfferStatus.APPROVED, OfferStatus.DEPRECATED):
        return OfferStatus.OTHER
    return status  # type: ignore[no-any-return]


def served(resource: Resource) -> list[Record]:
    """The sandbox records Ashby's API can serve: of the activities, only notes."""
    records = list(DATA.records(resource))
    if resource is R.ACTIVITY:
        return [r for r in records if getattr(r, "activity_type", None) is ActivityType.NOTE]
    return records


LOSSY: dict[tuple[Resource, str], Callable[[Any], Any]] = {
    # Ashby phones are {value, type, isPrimary}: no extension.
    (R.CANDIDATE, "phones"): lambda c: tuple(PhoneNumber(number=p.number, type=p.type) for p in c.phones),
    # An Ashby user has one e-mail (user.email), with no type.
    (R.USER, "emails"): lambda u: tuple(EmailAddress(email=e.email, is_primary=True) for e in u.emails[:1]),
    # Ashby jobs have no 'pending' status: the simulator shows it as a Draft.
    (R.JOB, "status"): lambda j: JobStatus.DRAFT if j.status is JobStatus.PENDING else j.status,
    # An Ashby job has one location (locationId) and one department (departmentId).
    (R.JOB, "office_ids"): lambda j: j.office_ids[:1],
    (R.JOB, "department_ids"): lambda j: j.department_ids[:1],
    (R.JOB, "locations"): lambda j: tuple(_office(o).location for o in j.office_ids[:1]),
    (R.JOB, "is_remote"): lambda j: _office(j.office_ids[0]).is_remote if j.office_ids else None,
    # A job posting has one job-board link (externalLink); other career pages are not Ashby's.
    (R.JOB, "job_posting_urls"): lambda j: tuple(u for u in j.job_posting_urls if u.type == "job_board"),
    # application.info ships only resumeFileHandle: the application's (first) resume.
    (R.APPLICATION, "attachment_ids"): _app_resume,
    # Ashby does not track whether an offer was opened; it has no draft/approved/deprecated.
    (R.OFFER, "status"): _offer_status,
    # A candidate's fileHandles say neither which application a file came with nor its kind;
    # only resumeFileHandle (the first resume) is marked.
    (R.ATTACHMENT, "application_id"): lambda a: None,
    (R.ATTACHMENT, "attachment_type"): lambda a: (
        AttachmentType.RESUME if a.id == _first_resume(a.candidate_id) else None
    ),
}


def translate(value: Any, attribute: str) -> Any:
    """An adapter value with its Ashby ids turned back into sandbox ids."""
    if value is None:
        return None
    if attribute.endswith("_ids"):
        return tuple(decode_id(v) for v in value)
    if attribute.endswith("_id") and attribute not in {"requisition_id", "group_id"}:
        return decode_id(value)
    if isinstance(value, Source):
        return Source(id=decode_id(value.id) if value.id else None, name=value.name)
    return value


def sandbox_id(resource: Resource, record: Record) -> str:
    if resource is R.JOB_FORM_FIELD:  # "<posting id>:<field id>"
        return decode_id(record.id.split(":")[1])
    return decode_id(record.id)


async def _all(list_page: Callable[[ListQuery], Any]) -> list[Record]:
    out: list[Record] = []
    cursor: str | None = None
    while True:
        page: Page[Record] = await list_page(ListQuery(page_size=7, cursor=cursor))
        out.extend(page.records)
        if page.next_cursor is None:
            return out
        cursor = page.next_cursor


def _flat(by_parent: Mapping[str, Sequence[Record]]) -> list[Record]:
    return [r for records in by_parent.values() for r in records]


async def _read_everything() -> dict[Resource, list[Record]]:
    async with connected(DATA) as (adapter, _):
        out: dict[Resource, list[Record]] = {
            R.CANDIDATE: await _all(adapter.list_candidates),
            R.JOB: await _all(adapter.list_jobs),
            R.DEPARTMENT: await _all(adapter.list_departments),
            R.OFFICE: await _all(adapter.list_offices),
            R.USER: await _all(adapter.list_users),
            R.TAG: await _all(adapter.list_tags),
            R.REJECT_REASON: await _all(adapter.list_reject_reasons),
        }
        out[R.INTERVIEW] = await _all(adapter.list_interviews)
        out[R.OFFER] = await _all(adapter.list_offers)
        out[R.SCORECARD] = await _all(adapter.list_scorecards)
        listed = await _all(adapter.list_applications)
        # application.info is the complete read (it adds resumeFileHandle)
        out[R.APPLICATION] = [a for a in await adapter.get_applications([a.id for a in listed]) if a]
        job_ids = [j.id for j in out[R.JOB]]
        out[R.JOB_INTERVIEW_STAGE] = _flat(await adapter.list_job_interview_stages_by_job_ids(job_ids))
        out[R.JOB_FORM_FIELD] = _flat(await adapter.list_job_form_fields_by_job_ids(job_ids))
        candidate_ids = [c.id for c in out[R.CANDIDATE]]
        out[R.ATTACHMENT] = _flat(await adapter.list_attachments_by_candidate_ids(candidate_ids))
        out[R.ACTIVITY] = _flat(await adapter.list_activities_by_candidate_ids(candidate_ids))
        return out


@functools.cache
def adapter_view() -> dict[Resource, dict[str, Record]]:
    read = asyncio.run(_read_everything())
    return {resource: {sandbox_id(resource, r): r for r in records} for resource, records in read.items()}


CASES = [(resource, record.id) for resource in COMPARED for record in served(resource)]


def test_every_sandbox_record_is_served_and_nothing_else() -> None:
    view = adapter_view()
    for resource in COMPARED:
        assert sorted(view[resource]) == sorted(r.id for r in served(resource)), resource


@pytest.mark.parametrize(("resource", "record_id"), CASES, ids=[f"{r.value}-{i}" for r, i in CASES])
def test_round_trip(resource: Resource, record_id: str) -> None:
    expected = DATA.get(resource, record_id)
    actual = adapter_view()[resource].get(record_id)
    assert expected is not None
    assert actual is not None
    for attribute in attributes(resource):
        project = LOSSY.get((resource, attribute))
        want = project(expected) if project else getattr(expected, attribute)
        got = translate(getattr(actual, attribute), attribute)
        assert got == want, f"{resource.value}.{attribute}"


def test_lossy_projections_name_declared_fields_only() -> None:
    for resource, attribute in LOSSY:
        assert attribute in attributes(resource), (resource, attribute)


def test_list_and_info_agree_on_applications() -> None:
    async def both() -> tuple[list[Record], list[Record | None]]:
        async with connected(DATA) as (adapter, _):
            listed = await _all(adapter.list_applications)
            return listed, list(await adapter.get_applications([a.id for a in listed]))

    listed, fetched = asyncio.run(both())
    for a, b in zip(listed, fetched, strict=True):
        assert b is not None
        assert a.model_dump(exclude={"remote_data", "embedded", "attachment_ids"}) == b.model_dump(
            exclude={"remote_data", "embedded", "attachment_ids"}
        )
