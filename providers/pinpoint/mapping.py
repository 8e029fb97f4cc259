"""Pinpoint resource objects to unified records, as data (``kit/mapping.py``).

Identity: Pinpoint ids are kept as sent (strings, unique per type). The person lives on each
application (``first_name``, ``email``...; the talent pool's job seekers are not read): a
candidate is the people behind the applications, one per e-mail address, and its id is that
address case-folded (the schema requires an e-mail on every application). A reject reason is
the name of an application's ``rejection`` tag; an activity is a comment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from ..kit.fieldspecs import Joined
from ..kit.jsonapi import Rel
from ..kit.jsonapi_docs import attr, stamps
from ..kit.mapping import At, Fn, RecordMap, Ref, Table, Wire, fn
from ..kit.people import email_at, name_of, phone_at, source_at, url_at
from ..kit.times import iso_seconds
from ..records import (
    ActivityRecord,
    ActivityType,
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    CandidateRecord,
    DepartmentRecord,
    InterviewRecord,
    InterviewStatus,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    OfficeRecord,
    RejectReasonRecord,
    Resource,
    UserRecord,
    Visibility,
)

R = Resource
REJECTION: Final = "rejection"
"""The ``context`` of the tag that names why an application was rejected."""
JOB_STATUS: Final[Mapping[str, JobStatus]] = {"open": JobStatus.OPEN}
"""The one status the official examples show; any other is ``other`` with the raw word."""
INTERVIEW_STATUS: Final[Mapping[str, InterviewStatus]] = {
    "scheduled": InterviewStatus.SCHEDULED,
    "completed": InterviewStatus.COMPLETED,
    "in_progress": InterviewStatus.OTHER,
}
"""The ``interviews`` schema's ``status`` enum."""


ts = iso_seconds  # as Pinpoint writes it (``2019-01-01T00:00:00+00:00``)


def person(email: str | None) -> str | None:
    """A candidate's id: the address its applications give, case-folded."""
    return email.strip().casefold() if email else None


def by_person(docs: Sequence[Any]) -> dict[str, list[Any]]:
    """Application documents grouped by their candidate, in first-seen order (none without an e-mail)."""
    grouped: dict[str, list[Any]] = {}
    for d in docs:
        if (who := person(d.data.attributes.email)) is not None:
            grouped.setdefault(who, []).append(d)
    return grouped


CANDIDATE: Final = RecordMap(
    CandidateRecord,
    {
        "id": fn(lambda o: person(o.attributes.email)),
        "first_name": attr("first_name"),
        "last_name": attr("last_name"),
        "name": attr("full_name"),
        "emails": email_at("attributes.email"),
        "phones": phone_at("attributes.phone"),
        "urls": url_at("attributes.linkedin_url", "linkedin"),
        # the address fields, as one place: town and country
        "locations": fn(
            lambda o: tuple(
                x for x in [", ".join(filter(None, (o.attributes.town, o.attributes.country)))] if x
            ),
            lambda c, _w: {"attributes": {"town": c.locations[0] if c.locations else None, "country": None}},
        ),
        # every application that gives the address (``candidates.group``)
        "application_ids": Fn(lambda _o, ctx: tuple(ctx.get("applications", ()))),
        "attachment_ids": Fn(lambda _o, ctx: tuple(ctx.get("attachments", ()))),  # its applications'
    },
    template={"type": "applications"},
)
"""A candidate read from one of its applications (the person's fields are on each)."""


def _reason(o: Any) -> str | None:
    return next((t.name for t in o.attributes.tags or () if t.context == REJECTION and t.name), None)


def _reason_back(a: Any, w: Wire) -> Mapping[str, Any]:
    tags = [{"context": REJECTION, "name": w.encode(R.REJECT_REASON, a.reject_reason_id)}]
    return {"attributes": {"tags": tags if a.reject_reason_id else []}}


def _attachments(o: Any) -> tuple[str, ...]:
    return tuple(f"{o.id}-{n}" for n, _ in enumerate(o.attributes.attachments or ()))


APPLICATION: Final = RecordMap(
    ApplicationRecord,
    {
        "id": Ref("id", resource=R.APPLICATION),
        "candidate_id": fn(lambda o: person(o.attributes.email)),  # rendered by CANDIDATE
        "job_id": Ref("attributes.job_id", resource=R.JOB),
        "current_stage_id": Ref("attributes.stage_id", resource=R.JOB_INTERVIEW_STAGE),
        "applied_at": attr("created_at"),
        "rejected_at": attr("rejected_at", ts),
        "reject_reason_id": Fn(lambda o, _c: _reason(o), _reason_back),
        "source": source_at("attributes.channel_source"),
        "attachment_ids": fn(_attachments),  # ``{application id}-{index}`` (``ATTACHMENT``)
        **stamps(ts),
    },
    template={"type": "applications", "attributes": {"internal_candidate": False, "concealed": False}},
)

_CONTEXT: Final = {"cv": AttachmentType.RESUME, "cover_letter": AttachmentType.COVER_LETTER}

ATTACHMENT: Final = RecordMap(
    AttachmentRecord,
    {
        "id": Fn(lambda o, ctx: ctx["id"]),
        "application_id": Fn(lambda _o, ctx: ctx["application_id"]),
        "candidate_id": Fn(lambda _o, ctx: ctx["candidate_id"]),
        "job_id": Fn(lambda _o, ctx: ctx["job_id"]),
        "file_name": At("filename"),
        "file_url": At("url"),
        "attachment_type": Table("context", _CONTEXT, AttachmentType.OTHER, raw="raw_attachment_type"),
    },
)
"""One of an application's ``attachments`` (``extra_fields``): no id of its own upstream."""

JOB: Final = RecordMap(
    JobRecord,
    {
        "id": Ref("id", resource=R.JOB),
        "name": attr("title"),
        "description": attr("description"),
        "status": Table("attributes.status", JOB_STATUS, JobStatus.OTHER, raw="raw_status"),
        "requisition_id": attr("requisition_id"),
        "is_remote": attr("remote"),
        "job_posting_urls": url_at("attributes.url", "careersite", "job_posting_urls", any_type=True),
        "opened_at": attr("opened_at", ts),
        "department_ids": Rel("department", R.DEPARTMENT, "departments", as_tuple=True, unknown=()),
        "office_ids": Rel("location", R.OFFICE, "locations", as_tuple=True, unknown=()),
        "hiring_manager_ids": Rel("hiring_manager_user", R.USER, "users", as_tuple=True, unknown=()),
        "recruiter_ids": Rel("recruitment_manager_user", R.USER, "users", as_tuple=True, unknown=()),
        **stamps(ts),
    },
    template={"type": "jobs", "attributes": {"visibility": "external"}},
)

STAGE: Final = RecordMap(
    JobInterviewStageRecord,
    {
        "id": Ref("id", resource=R.JOB_INTERVIEW_STAGE),
        "name": attr("name"),
        "status": attr("basic_type"),  # applied, review, interview, hired or rejected
        "position": attr("position"),
        "job_id": Fn(lambda _o, ctx: ctx.get("parent")),  # included by its job (``include=stages``)
        **stamps(ts),
    },
    template={"type": "stages", "attributes": {"visible": True}},
)

DEPARTMENT: Final = RecordMap(
    DepartmentRecord,
    {"id": Ref("id", resource=R.DEPARTMENT), "name": attr("name"), **stamps(ts)},
    template={"type": "departments"},
)

OFFICE: Final = RecordMap(
    OfficeRecord,
    {
        "id": Ref("id", resource=R.OFFICE),
        "name": attr("name"),
        "location": Joined(
            ("attributes.city", "attributes.country_code"),
            back=lambda f, _w: {"attributes": {"city": f.location}},
        ),
        **stamps(ts),
    },
    template={"type": "locations"},
)

USER: Final = RecordMap(
    UserRecord,
    {
        "id": Ref("id", resource=R.USER),
        "first_name": attr("first_name"),
        "last_name": attr("last_name"),
        "name": name_of("attributes.first_name", "attributes.last_name"),
        "emails": email_at("attributes.email"),
        **stamps(ts),
    },
    template={"type": "users"},
)


def _application(o: Any, kind: str) -> str | None:
    """The application the polymorphic ``<kind>_type``/``<kind>_id`` pair names (None: it names
    a talent-pool job seeker)."""
    ident = getattr(o.attributes, f"{kind}_id")
    named = getattr(o.attributes, f"{kind}_type") == "Application"
    return str(ident) if named and ident is not None else None


ACTIVITY: Final = RecordMap(
    ActivityRecord,
    {
        "id": Ref("id", resource=R.ACTIVITY),
        # the candidate of the application it is about (``ctx``: every application's candidate)
        "candidate_id": Fn(lambda o, ctx: ctx.get("candidates", {}).get(_application(o, "commentable"))),
        "actor_id": Ref("attributes.user_id", resource=R.USER),
        "activity_type": Fn(lambda _o, _c: ActivityType.NOTE),
        "body": attr("body_text"),
        "visibility": fn(
            lambda o: (
                None
                if o.attributes.private_comment is None
                else (Visibility.PRIVATE if o.attributes.private_comment else Visibility.PUBLIC)
            ),
            lambda a, _w: {"attributes": {"private_comment": a.visibility is Visibility.PRIVATE}},
        ),
        **stamps(ts),
    },
    template={"type": "comments", "attributes": {"commentable_type": "Application"}},
)

INTERVIEW: Final = RecordMap(
    InterviewRecord,
    {
        "id": Ref("id", resource=R.INTERVIEW),
        "application_id": fn(lambda o: _application(o, "interviewable")),
        "job_interview_stage_id": Rel("stage", R.JOB_INTERVIEW_STAGE, "stages"),
        "interviewer_ids": Fn(lambda _o, ctx: tuple(ctx.get("interviewers", ()))),
        "start_at": attr("start_at", ts),
        "end_at": attr("end_at", ts),
        "status": Table("attributes.status", INTERVIEW_STATUS, InterviewStatus.OTHER, raw="raw_status"),
        **stamps(ts),
    },
    template={"type": "interviews", "attributes": {"interviewable_type": "Application"}},
)
"""An interview; its interviewers are the users of its ``interview_parts`` (``interviewers``).
It names its application, not the person: its candidate is the application's."""

REJECT_REASON: Final = RecordMap(RejectReasonRecord, {"id": fn(str), "name": fn(str)})
"""A reject reason is a ``rejection`` tag's name: the name is its id."""
