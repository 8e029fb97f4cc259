"""Round trip: adapter(simulator(sandbox record)) == the sandbox record, for every field the
adapter declares, over every record of a small dataset, ids translated with the simulator's codec.

Workable cannot carry all of the unified model; each ``expected`` below states what it can:
- a Workable candidate is job-scoped: it *is* a sandbox application (same id), its person data
  comes from the sandbox candidate and its timestamps from the application; the candidate of an
  application, interview or offer is therefore that application's own id;
- one e-mail (the primary), one phone, one address; a user's primary e-mail only;
- a job's posting URLs are Workable's fixed kinds (job page, application form, short link): URLs
  compare, their kinds do not; one department per job; salary has no period;
- an event is cancelled or not (else SCHEDULED); its location is a conference URL only;
- an application's source is a name; activities live on the person's first application;
- Workable keeps a candidate's latest offer only; states without a Workable name are OTHER;
- form fields: Workable numbers form fields then questions, so ``index`` compares within a group
  only; e-mail/phone/URL fields are plain strings (SHORT_TEXT); grouped fields are simple
  (no options); a question is submitted by its id, which is its ``name``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from providers.query import Filter, ListQuery
from providers.records import (
    ActivityRecord,
    ApplicationRecord,
    CandidateRecord,
    Compensation,
    DepartmentRecord,
    EmailAddress,
    FormFieldOption,
    FormFieldType,
    InterviewRecord,
    InterviewStatus,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    OfferRecord,
    OfferStatus,
    PhoneNumber,
    Record,
    Resource,
    Source,
    UserRecord,
)
from providers.workable import WorkableAdapter
from providers.workable.mapping import JOB_STATUS, OFFER_STATUS
from providers.workable.simulator.render import FIELD_TYPE, QUESTION_TYPES, hex_id, shortcode

from .simkit import DATA, IDS, adapter_for, client_for, simulator

# The statuses Workable names (the simulator renders them through the mapping's inverted tables).
JOB_STATE, OFFER_STATE = set(JOB_STATUS.values()), set(OFFER_STATUS.values())

R = Resource
Fields = dict[str, Any]


def sid(resource: Resource, adapter_id: str | None) -> str | None:
    return IDS.sandbox_id(resource, adapter_id) if adapter_id is not None else None


def get(resource: Resource, sandbox_id: str | None) -> Any:
    return DATA.get(resource, sandbox_id) if sandbox_id else None


def primary_email(emails: tuple[EmailAddress, ...]) -> tuple[EmailAddress, ...]:
    ordered = sorted(emails, key=lambda e: not e.is_primary)
    return (EmailAddress(email=ordered[0].email, is_primary=True),) if ordered else ()


def home_application(person_id: str | None) -> str | None:
    person = get(R.CANDIDATE, person_id)
    apps = sorted(person.application_ids or ()) if isinstance(person, CandidateRecord) else []
    return apps[0] if apps else None


def latest_offer(application_id: str) -> OfferRecord | None:
    offers = [
        o for o in DATA.children(R.OFFER, "application").get(application_id, ()) if isinstance(o, OfferRecord)
    ]
    return max(offers, key=lambda o: (o.created_at or DATA.reference, o.id), default=None)


# -- per resource: how to read one record back, and both sides of the comparison ------------


def expected_candidate(a: ApplicationRecord) -> Fields:
    c: CandidateRecord = get(R.CANDIDATE, a.candidate_id)
    return {
        "first_name": c.first_name,
        "last_name": c.last_name,
        "name": c.name,
        "title": c.title,
        "locations": c.locations[:1],
        "phones": (PhoneNumber(number=c.phones[0].number),) if c.phones else (),
        "emails": primary_email(c.emails),
        "urls": c.urls,
        "tags": tuple(c.tag_ids or ()),
        "applications": (a.id,),
        "created_at": a.created_at,
        "updated_at": a.updated_at,
    }


def actual_candidate(r: CandidateRecord) -> Fields:
    return {
        **{f: getattr(r, f) for f in ("first_name", "last_name", "name", "title", "locations", "phones")},
        **{f: getattr(r, f) for f in ("emails", "urls", "created_at", "updated_at")},
        "tags": tuple(sid(R.TAG, t) for t in r.tag_ids or ()),
        "applications": tuple(sid(R.APPLICATION, i) for i in r.application_ids or ()),
    }


def expected_application(a: ApplicationRecord) -> Fields:
    return {
        "candidate": a.id,
        "job": a.job_id,
        "applied_at": a.applied_at,
        "rejected_at": a.rejected_at,
        "source": Source(name=a.source.name) if a.source else None,
        "credited_to": a.credited_to_id,
        "current_stage": a.current_stage_id,
        "reject_reason": a.reject_reason_id,
        "created_at": a.created_at,
        "updated_at": a.updated_at,
    }


def actual_application(r: ApplicationRecord) -> Fields:
    return {
        "candidate": sid(R.APPLICATION, r.candidate_id),
        "job": sid(R.JOB, r.job_id),
        "applied_at": r.applied_at,
        "rejected_at": r.rejected_at,
        "source": r.source,
        "credited_to": sid(R.USER, r.credited_to_id),
        "current_stage": sid(R.JOB_INTERVIEW_STAGE, r.current_stage_id),
        "reject_reason": sid(R.REJECT_REASON, r.reject_reason_id),
        "created_at": r.created_at,
        "updated_at": r.updated_at,
    }


JOB_SAME = ("name", "description", "code", "locations", "confidential", "is_remote", "job_type")


def expected_job(j: JobRecord) -> Fields:
    comp = j.compensation
    return {
        **{f: getattr(j, f) for f in (*JOB_SAME, "job_position_level", "created_at", "updated_at")},
        "status": j.status if j.status in JOB_STATE else JobStatus.OTHER,
        "job_posting_urls": tuple(u.url for u in j.job_posting_urls[:3]),
        "departments": j.department_ids[:1],
        "compensation": Compensation(min=comp.min, max=comp.max, currency=comp.currency) if comp else None,
    }


def actual_job(r: JobRecord) -> Fields:
    return {
        **{f: getattr(r, f) for f in (*JOB_SAME, "job_position_level", "created_at", "updated_at")},
        "status": r.status,
        "job_posting_urls": tuple(u.url for u in r.job_posting_urls),
        "departments": tuple(sid(R.DEPARTMENT, d) for d in r.department_ids),
        "compensation": r.compensation,
    }


def expected_stage(s: JobInterviewStageRecord) -> Fields:
    return {"name": s.name, "job": s.job_id, "position": s.position}


def actual_stage(r: JobInterviewStageRecord) -> Fields:
    return {"name": r.name, "job": sid(R.JOB, r.job_id), "position": r.position}


FLAT_TYPE = {
    "short_text": FormFieldType.SHORT_TEXT,
    "email": FormFieldType.SHORT_TEXT,
    "phone": FormFieldType.SHORT_TEXT,
    "url": FormFieldType.SHORT_TEXT,
    "string": FormFieldType.SHORT_TEXT,
    "long_text": FormFieldType.LONG_TEXT,
    "free_text": FormFieldType.LONG_TEXT,
}


def expected_form_field(f: JobFormFieldRecord) -> Fields:
    raw = f.type.value if f.type else "other"
    question = not f.group_id and raw in QUESTION_TYPES
    kind = FIELD_TYPE.get(raw, "string") if f.group_id else raw
    selects = question and raw in ("single_select", "multi_select")
    return {
        "name": hex_id(f.id) if question else f.name,
        "job": f.job_id,
        "label": f.label,
        "index": f.index if f.group_id else None,
        "is_required": bool(f.is_required),
        "type": FLAT_TYPE.get(kind) or FormFieldType(kind),
        "options": tuple(FormFieldOption(label=o.label, value=o.value or o.label) for o in f.options)
        if selects
        else (),
        "group_id": f"{shortcode(f.job_id or '')}:{f.group_id}" if f.group_id else None,
        "group_name": f.group_name if f.group_id else None,
    }


def actual_form_field(r: JobFormFieldRecord) -> Fields:
    same = ("name", "label", "is_required", "type", "options", "group_id", "group_name")
    return {
        **{f: getattr(r, f) for f in same},
        "job": sid(R.JOB, r.job_id),
        "index": r.index if r.group_id else None,
    }


def expected_department(d: DepartmentRecord) -> Fields:
    return {"name": d.name, "parent": d.parent_id}


def actual_department(r: DepartmentRecord) -> Fields:
    return {"name": r.name, "parent": sid(R.DEPARTMENT, r.parent_id)}


def expected_user(u: UserRecord) -> Fields:
    emails = primary_email(u.emails)
    return {"name": u.name, "emails": emails, "disabled": bool(u.disabled), "access_role": u.access_role}


def actual_user(r: UserRecord) -> Fields:
    return {"name": r.name, "emails": r.emails, "disabled": r.disabled, "access_role": r.access_role}


def expected_interview(i: InterviewRecord) -> Fields:
    url = i.location if i.location and i.location.startswith(("http://", "https://")) else None
    cancelled = i.status is InterviewStatus.CANCELLED
    return {
        "application": i.application_id,
        "candidate": i.application_id,
        "interviewers": i.interviewer_ids,
        "location": url,
        "start_at": i.start_at,
        "end_at": i.end_at,
        "status": InterviewStatus.CANCELLED if cancelled else InterviewStatus.SCHEDULED,
    }


def actual_interview(r: InterviewRecord) -> Fields:
    return {
        "application": sid(R.APPLICATION, r.application_id),
        "candidate": sid(R.APPLICATION, r.candidate_id),
        "interviewers": tuple(sid(R.USER, u) for u in r.interviewer_ids),
        "location": r.location,
        "start_at": r.start_at,
        "end_at": r.end_at,
        "status": r.status,
    }


def expected_activity(a: ActivityRecord) -> Fields:
    return {
        "candidate": home_application(a.candidate_id),
        "actor": a.actor_id,
        "activity_type": a.activity_type,
        "body": a.body,
        "created_at": a.created_at,
        "updated_at": a.updated_at,
    }


def actual_activity(r: ActivityRecord) -> Fields:
    return {
        "candidate": sid(R.APPLICATION, r.candidate_id),
        "actor": sid(R.USER, r.actor_id),
        "activity_type": r.activity_type,
        "body": r.body,
        "created_at": r.created_at,
        "updated_at": r.updated_at,
    }


def expected_offer(o: OfferRecord) -> Fields:
    status = o.status if o.status in OFFER_STATE else OfferStatus.OTHER
    return {
        "application": o.application_id,
        "candidate": o.application_id,
        "status": status,
        "created_at": o.created_at,
    }


def actual_offer(r: OfferRecord) -> Fields:
    return {
        "application": sid(R.APPLICATION, r.application_id),
        "candidate": sid(R.APPLICATION, r.candidate_id),
        "status": r.status,
        "created_at": r.created_at,
    }


def expected_named(record: Any) -> Fields:
    return {"name": record.name}


# -- reading one sandbox record back through simulator and adapter -----------------------------

Reader = Callable[[WorkableAdapter, Record], Awaitable[Record | None]]


async def _first(records: Any) -> Record | None:
    (found,) = await records
    return found  # type: ignore[no-any-return]


async def read_activity(adapter: WorkableAdapter, a: Record) -> Record | None:
    home = home_application(getattr(a, "candidate_id", None))
    page = await adapter.list_activities(ListQuery(Filter(candidate_id=hex_id(home or ""))))
    return next((r for r in page.records if r.id == hex_id(a.id)), None)


async def read_tag(adapter: WorkableAdapter, t: Record) -> Record | None:
    carrier = next(
        a
        for a in DATA.records(R.APPLICATION)
        if t.id in (get(R.CANDIDATE, getattr(a, "candidate_id", None)).tag_ids or ())
    )
    tags = await adapter.list_tags_by_candidate_ids([hex_id(carrier.id)])
    return next((r for r in tags[hex_id(carrier.id)] if r.id == IDS.adapter_id(R.TAG, t.id)), None)


CASES: dict[Resource, tuple[Reader, Callable[[Any], Fields], Callable[[Any], Fields]]] = {
    R.CANDIDATE: (
        lambda ad, a: _first(ad.get_candidates([hex_id(a.id)])),
        expected_candidate,
        actual_candidate,
    ),
    R.APPLICATION: (
        lambda ad, a: _first(ad.get_applications([hex_id(a.id)])),
        expected_application,
        actual_application,
    ),
    R.JOB: (lambda ad, j: _first(ad.get_jobs([shortcode(j.id)])), expected_job, actual_job),
    R.JOB_INTERVIEW_STAGE: (
        lambda ad, s: _first(ad.get_job_interview_stages([IDS.adapter_id(R.JOB_INTERVIEW_STAGE, s.id)])),
        expected_stage,
        actual_stage,
    ),
    R.JOB_FORM_FIELD: (
        lambda ad, f: _first(ad.get_job_form_fields([IDS.adapter_id(R.JOB_FORM_FIELD, f.id)])),
        expected_form_field,
        actual_form_field,
    ),
    R.DEPARTMENT: (
        lambda ad, d: _first(ad.get_departments([hex_id(d.id)])),
        expected_department,
        actual_department,
    ),
    R.USER: (lambda ad, u: _first(ad.get_users([hex_id(u.id)])), expected_user, actual_user),
    R.INTERVIEW: (
        lambda ad, i: _first(ad.get_interviews([hex_id(i.id)])),
        expected_interview,
        actual_interview,
    ),
    R.ACTIVITY: (read_activity, expected_activity, actual_activity),
    R.OFFER: (
        lambda ad, o: _first(ad.get_offers([hex_id(getattr(o, "application_id", ""))])),
        expected_offer,
        actual_offer,
    ),
    R.REJECT_REASON: (
        lambda ad, r: _first(ad.get_reject_reasons([hex_id(r.id)])),
        expected_named,
        expected_named,
    ),
    R.ORGANIZATION: (
        lambda ad, o: _first(ad.get_organizations([hex_id(o.id)])),
        expected_named,
        expected_named,
    ),
    R.TAG: (read_tag, expected_named, expected_named),
}


def sandbox_records(resource: Resource) -> list[Record]:
    """The records of ``resource`` Workable can show (see the module docstring)."""
    if resource in (R.CANDIDATE, R.APPLICATION):  # one Workable candidate per application
        return list(DATA.records(R.APPLICATION))
    if resource is R.OFFER:  # the latest offer of each application
        return [o for a in DATA.records(R.APPLICATION) if (o := latest_offer(a.id)) is not None]
    if resource is R.ACTIVITY:
        return [a for a in DATA.records(R.ACTIVITY) if home_application(getattr(a, "candidate_id", None))]
    if resource is R.INTERVIEW:
        return [i for i in DATA.records(R.INTERVIEW) if getattr(i, "application_id", None)]
    if resource is R.TAG:  # Workable has no tag list: a tag is seen on the candidates carrying it
        carried = {t for c in DATA.records(R.CANDIDATE) for t in getattr(c, "tag_ids", None) or ()}
        return [
            t for t in DATA.records(R.TAG) if t.id in carried and DATA.children(R.CANDIDATE, "tag").get(t.id)
        ]
    return list(DATA.records(resource))


PARAMS = [(resource, record) for resource in CASES for record in sandbox_records(resource)]


def test_every_served_resource_and_declared_field_is_covered() -> None:
    served = {r for r in Resource if WorkableAdapter.serves(r)}
    assert served == set(CASES)
    for resource, (_, expected, _actual) in CASES.items():
        record = sandbox_records(resource)[0]
        assert set(expected(record)) == WorkableAdapter.fields[resource], resource


@pytest.fixture(scope="module")
def app() -> Any:
    return simulator()


@pytest.fixture
async def adapter(app: Any) -> AsyncIterator[WorkableAdapter]:
    with client_for(app) as client:
        async with client:
            yield adapter_for(client)


@pytest.mark.parametrize(("resource", "record"), PARAMS, ids=[f"{r.value}-{rec.id}" for r, rec in PARAMS])
async def test_round_trip(adapter: WorkableAdapter, resource: Resource, record: Record) -> None:
    read, expected, actual = CASES[resource]
    found = await read(adapter, record)
    assert found is not None, f"{resource.value} {record.id} did not come back"
    assert actual(found) == expected(record)
    assert found.remote_data is not None


async def test_listing_reads_the_same_records_as_getting(adapter: WorkableAdapter) -> None:
    listed = await adapter.list_candidates(ListQuery(page_size=100))
    gotten = await adapter.get_candidates([r.id for r in listed.records])
    for a, b in zip(listed.records, gotten, strict=True):
        assert b is not None
        same = {
            "first_name",
            "last_name",
            "name",
            "title",
            "locations",
            "phones",
            "emails",
            "created_at",
            "updated_at",
        }
        assert {f: getattr(a, f) for f in same} == {f: getattr(b, f) for f in same}
