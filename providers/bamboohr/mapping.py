"""BambooHR payloads to unified records, as data (``kit/mapping.py``).

Identity: ids are BambooHR's numbers as strings (a status's is a string on the wire already).
There is no candidate resource: a candidate is the ``applicant`` its applications embed, one
per applicant id, its applications those that embed it (``candidates`` groups them). A stage
is an account-wide status (``applicant_tracking/statuses``): no stage belongs to a job, and a
rejection is a move to a rejecting status, so ``rejectedAt`` is that status's ``dateChanged``,
which only an application's detail carries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, TypeVar

from ..kit.mapping import At, Ctx, Fn, Json, RecordMap, Table, Wire, fn
from ..kit.numeric_ids import NumberRef, number_text
from ..kit.people import email_at, name_of, source_at, url_at
from ..kit.times import iso_seconds
from ..records import (
    ApplicationRecord,
    CandidateRecord,
    DepartmentRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    OfficeRecord,
    Record,
    Resource,
    UserRecord,
)
from . import payloads as p

R = Resource
T = TypeVar("T", bound=Record)

REJECTING: Final = frozenset({"10", "11", "12", "13", "14"})
"""BambooHR's built-in rejecting statuses (``NOFIT``, ``DECLINED``, ``NOQUAL``, ``OVERQUAL``,
``POACHED``; ``manageable: false``), whose ids are the same in the 2019 and the 2026 accounts
the fixtures were recorded from."""

JOB_STATUS: Final[Mapping[str, JobStatus]] = {
    "Open": JobStatus.OPEN,
    "Draft": JobStatus.DRAFT,
    "On Hold": JobStatus.PENDING,
    "Canceled": JobStatus.CLOSED,
    "Filled": JobStatus.CLOSED,  # after "Canceled": what a closed job is rendered as
    "Deleted": JobStatus.ARCHIVED,
}
"""A job's ``status.label``: the job ``statusGroups`` of the bamboozled client
(``lib/bamboozled/api/applicant_tracking.rb``)."""


ts = iso_seconds  # BambooHR writes seconds and an offset


def _labelled(path: str, resource: Resource, field: str) -> Fn:
    """A job's one department or location, embedded as ``{id, label}``."""

    def back(j: Any, w: Wire) -> Json:
        ids = getattr(j, field)
        if not ids:
            return {path: None}
        return {path: {"id": int(w.encode(resource, ids[0])), "label": w.ctx["name"](resource, ids[0])}}

    return fn(lambda o: tuple(str(x.id) for x in [getattr(o, path)] if x and x.id is not None), back)


APPLICANT: Final = RecordMap(
    CandidateRecord,
    {
        "id": NumberRef("id", R.CANDIDATE),
        "first_name": At("firstName"),
        "last_name": At("lastName"),
        "name": name_of("firstName", "lastName"),
        "emails": email_at("email"),
        # the applicant's applications: those of the listing that embed it (``candidates``)
        "application_ids": Fn(lambda o, ctx: tuple(ctx.get("applications", {}).get(str(o.id), ()))),
    },
    template={"avatar": None},
)
"""A candidate, read from the ``applicant`` of an application list item (the detail's extra
phone, address and links are not on the list, so a candidate never has them)."""


def _status_back(a: Any, w: Wire) -> Json:
    return {"status": w.ctx["status"](a)}


APPLICATION: Final = RecordMap(
    ApplicationRecord,
    {
        "id": NumberRef("id", R.APPLICATION),
        "candidate_id": NumberRef("applicant.id", R.CANDIDATE),
        "job_id": NumberRef("job.id", R.JOB),
        "applied_at": At("appliedDate", ts),
        "created_at": fn(lambda o: o.appliedDate),
        "current_stage_id": fn(lambda o: number_text(o.status.id) if o.status else None, _status_back),
        "rejected_at": fn(
            lambda o: o.status.dateChanged if o.status and str(o.status.id) in REJECTING else None
        ),
        "source": source_at("applicant.source"),
    },
    template={"rating": None},
)

COUNTS: Final = ("newApplicantsCount", "activeApplicantsCount", "totalApplicantsCount")
"""A job summary's applicant counts (not read)."""

JOB: Final = RecordMap(
    JobRecord,
    {
        "id": NumberRef("id", R.JOB),
        "name": At("title.label"),
        "status": Table("status.label", JOB_STATUS, JobStatus.OTHER, raw="raw_status"),
        "opened_at": At("postedDate", ts),
        "department_ids": _labelled("department", R.DEPARTMENT, "department_ids"),
        "office_ids": _labelled("location", R.OFFICE, "office_ids"),
        "locations": fn(lambda o: (o.location.label,) if o.location and o.location.label else ()),
        "job_posting_urls": url_at("postingUrl", "job_board", "job_posting_urls", any_type=True),
    },
    template={"title": {"id": None}, **dict.fromkeys(COUNTS, 0)},
)

STAGE: Final = RecordMap(
    JobInterviewStageRecord,
    {
        "id": Fn(lambda o, _c: o.id, lambda s, w: {"id": w.encode(R.JOB_INTERVIEW_STAGE, s.id)}),
        "name": At("name"),
    },
    template={"code": None, "description": None, "enabled": True, "manageable": True},
)
"""A status: account-wide (no job), in the account's order (no position of its own)."""

USER: Final = RecordMap(
    UserRecord,
    {
        "id": NumberRef("id", R.USER),
        "first_name": At("firstName"),
        "last_name": At("lastName"),
        "name": name_of("firstName", "lastName"),
        "emails": email_at("email"),
        "disabled": fn(
            lambda o: None if o.status is None else o.status != "enabled",
            lambda u, _w: {"status": "disabled" if u.disabled else "enabled"},
        ),
    },
    template={"employeeId": None, "lastLogin": None},
)


def _option(record: type[T], resource: Resource) -> RecordMap[T]:
    """An option of a ``meta/lists`` list: ``{id, name, archived...}``."""
    return RecordMap(
        record, {"id": NumberRef("id", resource), "name": At("name")}, template={"archived": "no"}
    )


DEPARTMENT: Final = _option(DepartmentRecord, R.DEPARTMENT)
OFFICE: Final = _option(OfficeRecord, R.OFFICE)
LISTS: Final = {R.DEPARTMENT: (4, "department", "Department"), R.OFFICE: (18, "location", "Location")}
"""The ``meta/lists`` field whose options are a resource's records: ``(fieldId, alias, name)``."""


def options_of(resource: Resource) -> Any:
    """The records of the ``meta/lists`` list ``LISTS`` names for ``resource`` (none from the
    account's other lists: employment status, job title...)."""
    field_id, alias, _ = LISTS[resource]
    map = DEPARTMENT if resource is R.DEPARTMENT else OFFICE

    def read(lst: p.MetaList, ctx: Ctx) -> Sequence[Record]:
        if lst.fieldId != field_id and lst.alias != alias:
            return []
        return [map.read(o, ctx) for o in lst.options]

    return read


def candidates(applications: Sequence[p.Application]) -> list[CandidateRecord]:
    """One candidate per applicant, in the order of their first application, each with the
    ids of every application that embeds it and those applications read whole (embedded)."""
    firsts: dict[int, p.Application] = {}
    owned: dict[str, list[ApplicationRecord]] = {}
    for a in applications:
        firsts.setdefault(a.applicant.id, a)
        owned.setdefault(str(a.applicant.id), []).append(APPLICATION.read(a))
    ids = {k: [r.id for r in v] for k, v in owned.items()}
    return [
        APPLICANT.read(a.applicant, {"applications": ids}).model_copy(
            update={"embedded": tuple(owned[str(i)])}
        )
        for i, a in firsts.items()
    ]
