"""SmartRecruiters payloads to unified records, as data (``kit/mapping.py``).

Identity: SmartRecruiters ids are UUIDs, kept as sent. An application has no id of its own: it
is a candidate's assignment to a job, so its id is ``<candidateId>:<jobId>`` (UUIDs hold no
``:``, so splitting at the first one is unambiguous; each half goes into a path as its own
segment). A stage is an application's fixed ``status`` and, where the account defines one, its
``subStatus``: its id is ``STATUS`` or ``STATUS:subStatus`` and carries everything the stage is,
so stages need no call. A tag is its name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Final

from ..kit.fieldspecs import AtWith, Joined, Negated, NumberTable, Urls, pair_id, split_pair
from ..kit.mapping import NO_CTX, At, Ctx, Fn, Json, RecordMap, Ref, Table, Wire, fn
from ..kit.people import Single, email_at, name_of, phone_at, source_at
from ..kit.tags import tag_names_at
from ..kit.times import iso_z
from ..records import (
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    CandidateRecord,
    DepartmentRecord,
    InterviewRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    OfferRecord,
    OfferStatus,
    OverallRecommendation,
    RejectReasonRecord,
    Resource,
    ScorecardRecord,
    TagRecord,
    UserRecord,
)
from . import payloads as p

R = Resource
SEP: Final = ":"


def query_time(value: datetime) -> str:
    """A time as the ``updatedAfter`` parameter is documented (``yyyy-MM-ddTHH:mm:ss.SSSZZ``)."""
    return value.astimezone(UTC).isoformat(timespec="milliseconds")


def application_id(candidate_id: str | None, job_id: str | None) -> str | None:
    return pair_id(candidate_id, job_id) if candidate_id and job_id else None


split_application = split_pair
"""``(candidateId, jobId)`` of an application id (None: not one)."""


def application_parts(value: str) -> dict[str, str] | None:
    """An application id as the ``candidateId`` and ``jobId`` its children are read by."""
    parts = split_application(value)
    return {"candidateId": parts[0], "jobId": parts[1]} if parts else None


def stage_id(status: str | None, sub_status: str | None) -> str | None:
    return None if status is None else f"{status}{SEP}{sub_status}" if sub_status else status


JOB_STATUS: Final[Mapping[str, JobStatus]] = {
    "INTERVIEW": JobStatus.OPEN,
    "OFFER": JobStatus.OPEN,
    "SOURCING": JobStatus.OPEN,  # last of its kind: what an open job is rendered as
    "CREATED": JobStatus.DRAFT,
    "PENDING_APPROVAL": JobStatus.PENDING,
    "APPROVED": JobStatus.PENDING,
    "ON_HOLD": JobStatus.PENDING,
    "CANCELLED": JobStatus.CLOSED,
    "FILLED": JobStatus.CLOSED,
}
"""Job statuses (https://help.smartrecruiters.com/Post_and_manage_jobs/Manage_jobs/Job_statuses);
only ``CREATED`` is seen on the wire (fixtures), the other spellings follow it: unknown ones
are OTHER with the raw value."""

OFFER_STATUS: Final[Mapping[str, OfferStatus]] = {
    "CREATED": OfferStatus.DRAFT,
    "PENDING_APPROVAL": OfferStatus.APPROVAL_SENT,
    "APPROVED": OfferStatus.APPROVED,
    "SENT": OfferStatus.SENT,
    "ACCEPTED": OfferStatus.ACCEPTED,
    "REJECTED": OfferStatus.DECLINED,
    "CANCELED": OfferStatus.DEPRECATED,
}
"""Offer statuses: ``CREATED`` is on the wire (fixtures), the rest unverified spellings."""

RATING: Final[Mapping[Any, OverallRecommendation]] = {
    1: OverallRecommendation.DEFINITELY_NO,
    2: OverallRecommendation.NO,
    3: OverallRecommendation.NO_DECISION,
    4: OverallRecommendation.YES,
    5: OverallRecommendation.STRONG_YES,
}
"""A review's ``overallRating`` read as one to five stars (an assumption: the fixtures only
show 0, which is no rating: OTHER with the raw value)."""

ATTACHMENT_TYPE: Final[Mapping[str, AttachmentType]] = {
    "RESUME": AttachmentType.RESUME,
    "COVER_LETTER": AttachmentType.COVER_LETTER,
}


WEB: Final = ("linkedin", "website")
"""The kinds of URL a candidate's ``web`` profile keeps."""
_STAMPS = {"created_at": At("createdOn", iso_z), "updated_at": At("updatedOn", iso_z)}


def _place(none: Json) -> Joined:
    """``locations``: a place's parts joined as one location, rendered back as its city
    (``none``: the wire keys for no location)."""

    def back(r: CandidateRecord | JobRecord, _w: Wire) -> Json:
        return {"location": {"city": r.locations[0]}} if r.locations else none

    return Joined(("location.city", "location.region", "location.country"), many=True, back=back)


def assignments(c: p.Candidate) -> list[p.Assignment]:
    return [a for a in (c.primaryAssignment, *(c.secondaryAssignments or ())) if a is not None]


def _app_ids(c: p.Candidate) -> tuple[str, ...]:
    return tuple(i for a in assignments(c) if (i := application_id(c.id, a.job.id if a.job else None)))


CANDIDATE: Final = RecordMap(
    CandidateRecord,
    {
        "id": Ref("id", resource=R.CANDIDATE),
        "first_name": At("firstName"),
        "last_name": At("lastName"),
        "name": name_of(),
        "emails": email_at(),
        "phones": phone_at(),
        "urls": Urls({k: k for k in WEB}, at="web", omit=True),
        "locations": _place({"location": None}),
        "tag_ids": tag_names_at("tags"),
        "application_ids": fn(_app_ids),  # rendered from the sandbox's applications (simulator)
        **_STAMPS,
    },
    template={"internal": False},
)


def _app_key(a: p.Assignment, ctx: Ctx) -> str | None:
    return application_id(ctx.get("candidate"), a.job.id if a.job and a.job.id else ctx.get("job"))


APPLICATION: Final = RecordMap(
    ApplicationRecord,
    {
        "id": Fn(_app_key),
        "candidate_id": Fn(lambda _a, ctx: ctx.get("candidate")),
        "job_id": Fn(lambda a, ctx: a.job.id if a.job and a.job.id else ctx.get("job")),
        "current_stage_id": fn(lambda a: stage_id(a.status, a.subStatus)),
        "reject_reason_id": At("reasonOfRejection.id"),
        "source": source_at("source"),
        # no attachment ids on the assignment: its files are read under it
        # (``list_attachments_by_application_ids``); declared so the relationship is offered
        "attachment_ids": Fn(lambda _a, _ctx: None),
    },
)
"""An assignment, read knowing its candidate (``ctx["candidate"]``) and, for the detail
endpoint whose answer names no job, its job (``ctx["job"]``). Rendered by the simulator."""

STAGE: Final = RecordMap(
    JobInterviewStageRecord,
    {
        "id": Fn(lambda a, _c: stage_id(a.status, a.subStatus)),
        "name": fn(lambda a: a.subStatus or a.status),
        "status": At("status"),
    },
)
"""A stage, read from an assignment or a status change (``status`` + ``subStatus``)."""


def stage_from_id(value: str, _ctx: Ctx = NO_CTX) -> JobInterviewStageRecord:
    """The stage a stage id names (the id is all a stage is)."""
    status, _, sub = value.partition(SEP)
    return STAGE.read(p.StatusChange(status=status, subStatus=sub or None))


REJECT_REASON: Final = RecordMap(
    RejectReasonRecord, {"id": Ref("id", resource=R.REJECT_REASON), "name": At("label")}
)
DEPARTMENT: Final = RecordMap(DepartmentRecord, {"id": Ref("id", resource=R.DEPARTMENT), "name": At("label")})
TAG: Final = RecordMap(TagRecord, {"id": fn(str), "name": fn(str)})

JOB: Final = RecordMap(
    JobRecord,
    {
        "id": Ref("id", resource=R.JOB),
        "name": At("title"),
        "code": At("refNumber"),
        "description": At("jobAd.sections.jobDescription.text"),
        "status": Table("status", JOB_STATUS, JobStatus.OTHER, raw="raw_status"),
        "department_ids": Single("department.id", resource=R.DEPARTMENT, omit=True),
        "locations": _place({}),
        "is_remote": At("location.remote"),
        **_STAMPS,
    },
)


USER: Final = RecordMap(
    UserRecord,
    {
        "id": Ref("id", resource=R.USER),
        "first_name": At("firstName"),
        "last_name": At("lastName"),
        "name": name_of(),
        "emails": email_at(),
        "disabled": Negated("active"),
        "access_role": At("systemRole.name"),
        "updated_at": At("updatedOn", iso_z),
    },
)


def _parent(index: int) -> Fn:
    """A half of the application a record was read under (``ctx["parent"]``)."""
    return Fn(lambda _r, ctx: (split_application(str(ctx.get("parent") or "")) or (None, None))[index])


_UNDER_APPLICATION: Final = {
    "application_id": Fn(lambda _r, ctx: ctx.get("parent")),
    "candidate_id": _parent(0),
    "job_id": _parent(1),
}
"""The application an offer or a file was listed under, and its candidate and job."""


OFFER: Final = RecordMap(
    OfferRecord,
    {
        "id": Ref("id", resource=R.OFFER),
        **_UNDER_APPLICATION,
        "status": Table("status", OFFER_STATUS, OfferStatus.OTHER, raw="raw_status"),
        **_STAMPS,
    },
)
"""An offer; listed under its application it knows it (``/offers`` names neither candidate nor job)."""


def _job_of(record: Any, w: Wire) -> Json:
    """``jobId`` of a review or an interview: its application's job (the simulator's
    ``job_of``)."""
    return {"jobId": w.ctx["job_of"](record.application_id)}


SCORECARD: Final = RecordMap(
    ScorecardRecord,
    {
        "id": Ref("id", resource=R.SCORECARD),
        "application_id": fn(lambda r: application_id(r.candidateId, r.jobId), _job_of),
        "candidate_id": Ref("candidateId", resource=R.CANDIDATE),
        "interviewer_id": Ref("reviewerId", resource=R.USER),
        "submitted_at": At("createdOn"),
        "overall_recommendation": NumberTable(
            "overallRating", RATING, OverallRecommendation.OTHER, raw="raw_overall_recommendation", absent=0
        ),
        **_STAMPS,
    },
)


ATTACHMENT: Final = RecordMap(
    AttachmentRecord,
    {
        "id": Ref("id", resource=R.ATTACHMENT),
        "file_name": At("name"),
        "file_url": AtWith("actions.download.url", beside={"method": "GET"}),
        **_UNDER_APPLICATION,
        "attachment_type": Table("type", ATTACHMENT_TYPE, AttachmentType.OTHER, raw="raw_attachment_type"),
    },
)


def _slots(i: p.Interview) -> Sequence[Mapping[str, Any]]:
    return i.timeslots or ()


def _bound(i: p.Interview, key: str, pick: Any) -> Any:
    found = [s[key] for s in _slots(i) if s.get(key)]
    return pick(found) if found else None


def _slot(i: InterviewRecord, w: Wire) -> Json:
    """The one timeslot an interview is rendered as: its bounds and its interviewers."""
    when = {k: iso_z(v) for k, v in (("startsOn", i.start_at), ("endsOn", i.end_at)) if v}
    return {**when, "interviewers": [{"id": w.encode(R.USER, u)} for u in i.interviewer_ids]}


INTERVIEW: Final = RecordMap(
    InterviewRecord,
    {
        "id": Ref("id", resource=R.INTERVIEW),
        "candidate_id": Ref("candidate.id", resource=R.CANDIDATE),
        "application_id": fn(lambda i: application_id((i.candidate or {}).get("id"), i.jobId), _job_of),
        "organizer_id": Ref("organizerId", resource=R.USER),
        "location": At("location"),
        # an interview is one or more timeslots, each with its interviewers
        "interviewer_ids": fn(
            lambda i: tuple(
                dict.fromkeys(x["id"] for s in _slots(i) for x in s.get("interviewers") or () if x.get("id"))
            ),
            lambda i, w: {"timeslots": [_slot(i, w)]},
        ),
        "start_at": fn(lambda i: _bound(i, "startsOn", min)),
        "end_at": fn(lambda i: _bound(i, "endsOn", max)),
        "created_at": At("createdOn", iso_z),
    },
)
"""An interview (Interview API v201904): ``startsOn``/``endsOn`` are ISO text, read as such by
the record's validation."""
