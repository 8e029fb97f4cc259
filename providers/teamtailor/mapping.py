"""Teamtailor resource objects to unified records, as data (``kit/mapping.py``), and the types
an ``include=`` may bring along (:data:`KINDS`).

Identity: every Teamtailor id is kept as sent (string ids, unique per type); a tag is its name
(tags are a string array on candidates and jobs, not a resource); an activity is a note.
Relationships are read from their linkage (``kit.jsonapi.Rel``), which Teamtailor sends only for
what a request includes: every read includes what its records need (:data:`INCLUDE`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from ..kit.embeds import carried
from ..kit.fieldspecs import Joined
from ..kit.jsonapi import Kind, Rel, embedded, linked_included
from ..kit.jsonapi_docs import attr, attr_flag, attr_id, attr_ids, own_link_urls, stamps
from ..kit.mapping import Ctx, Fn, Json, RecordMap, Ref, Table, Wire, fn
from ..kit.people import at_path, email_at, name_of, phone_at, primary_email, source_at, url_at
from ..records import (
    ActivityRecord,
    ActivityType,
    ApplicationRecord,
    AttachmentRecord,
    CandidateRecord,
    DepartmentRecord,
    EmailAddress,
    FormFieldOption,
    FormFieldType,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    OfficeRecord,
    OrganizationRecord,
    Record,
    RejectReasonRecord,
    Resource,
    TagRecord,
    UserRecord,
)
from . import payloads as p

R = Resource

JOB_STATUS: Final[Mapping[str, JobStatus]] = {
    "unlisted": JobStatus.OPEN,
    "published": JobStatus.OPEN,  # after "unlisted": what an open job is rendered as
    "scheduled": JobStatus.PENDING,
    "draft": JobStatus.DRAFT,
    "archived": JobStatus.ARCHIVED,
}
"""``human-status`` (the values of the jobs ``filter[status]``, https://docs.teamtailor.com/#jobs):
an unlisted job takes applications through its link, a scheduled one opens later."""


_JOB_TREE: Final = "job.department,job.locations,job.user"
INCLUDE: Final[Mapping[str, str]] = {
    R.CANDIDATE.value: ",".join(
        f"job-applications.{x}" for x in (*_JOB_TREE.split(","), "stage.job", "reject-reason")
    ),
    R.APPLICATION.value: f"candidate,{_JOB_TREE},stage.job,reject-reason",
    R.JOB.value: "department,locations,user",
    R.JOB_INTERVIEW_STAGE.value: "job",
    R.ATTACHMENT.value: "candidate,job",
    R.JOB_FORM_FIELD.value: "question",
}
"""What each resource's reads (and writes) include: the relationships its mapping reads (whose linkage comes
only with them), and for candidates and applications what the pipeline reads next."""


def ts(value: datetime) -> str:
    """A timestamp as Teamtailor writes it (milliseconds and an offset)."""
    return value.isoformat(timespec="milliseconds")


_EMAIL: Final = email_at("attributes.email")
_STAMPS = stamps(ts)

CANDIDATE: Final = RecordMap(
    CandidateRecord,
    {
        "id": Ref("id", resource=R.CANDIDATE),
        "first_name": attr("first_name"),
        "last_name": attr("last_name"),
        "name": name_of("attributes.first_name", "attributes.last_name"),
        "emails": email_at("attributes.email"),
        "phones": phone_at("attributes.phone"),
        "urls": url_at("attributes.linkedin_url", "linkedin"),
        "tag_ids": attr_ids("tags", R.TAG),
        "application_ids": Rel("job-applications", R.APPLICATION, "job-applications", many=True),
        # a candidate names no uploads: they are read under it (``/candidates/{id}/uploads``);
        # declared so that ``candidate.attachments`` is offered
        "attachment_ids": Fn(lambda _o, _ctx: None),
        **_STAMPS,
    },
    template={"type": "candidates", "attributes": {"sourced": False, "unsubscribed": False}},
)

APPLICATION: Final = RecordMap(
    ApplicationRecord,
    {
        "id": Ref("id", resource=R.APPLICATION),
        "candidate_id": Rel("candidate", R.CANDIDATE, "candidates"),
        "job_id": Rel("job", R.JOB, "jobs"),
        "current_stage_id": Rel("stage", R.JOB_INTERVIEW_STAGE, "stages"),
        "reject_reason_id": Rel("reject-reason", R.REJECT_REASON, "reject-reasons"),
        # an application is created when the candidate applies (or is sourced) to the job
        "applied_at": attr("created_at"),
        "rejected_at": attr("rejected_at", ts),
        "source": source_at("attributes.referring_site"),
        **_STAMPS,
    },
    template={"type": "job-applications"},
)


JOB: Final = RecordMap(
    JobRecord,
    {
        "id": Ref("id", resource=R.JOB),
        "name": attr("title"),
        "description": attr("body"),
        "status": Table("attributes.human_status", JOB_STATUS, JobStatus.OTHER, raw="raw_status"),
        "tag_ids": attr_ids("tags", R.TAG, missing=()),
        # ``remote-status`` also has ``temporary`` and ``hybrid``: not fully remote
        "is_remote": attr_flag("remote_status", "fully", "none"),
        "job_posting_urls": own_link_urls("careersite-job-url", "careersite"),
        "department_ids": Rel("department", R.DEPARTMENT, "departments", as_tuple=True, unknown=()),
        "office_ids": Rel("locations", R.OFFICE, "locations", many=True, unknown=()),
        # a job's ``user`` is its recruiter (the job's owner in Teamtailor)
        "recruiter_ids": Rel("user", R.USER, "users", as_tuple=True, unknown=()),
        **_STAMPS,
    },
    template={"type": "jobs", "attributes": {"internal": False, "pinned": False}},
)

STAGE: Final = RecordMap(
    JobInterviewStageRecord,
    {
        "id": Ref("id", resource=R.JOB_INTERVIEW_STAGE),
        "name": attr("name"),
        "job_id": Rel("job", R.JOB, "jobs"),
        # ``row-order`` orders a job's stages (sparse integers, not an index)
        "position": attr("row_order"),
        **_STAMPS,
    },
    template={"type": "stages"},
)

REJECT_REASON: Final = RecordMap(
    RejectReasonRecord,
    {"id": Ref("id", resource=R.REJECT_REASON), "name": attr("reason")},
    template={"type": "reject-reasons", "attributes": {"rejected-by-company": True}},
)

USER: Final = RecordMap(
    UserRecord,
    {
        "id": Ref("id", resource=R.USER),
        "name": attr("name"),
        "emails": fn(
            lambda o: (
                _EMAIL.read(o, {}) or tuple(EmailAddress(email=e) for e in [o.attributes.login_email] if e)
            ),
            lambda u, _w: {
                "attributes": {"email": primary_email(u.emails), "login_email": primary_email(u.emails)}
            },
        ),
        "access_role": attr("role"),
    },
    template={"type": "users"},
)

DEPARTMENT: Final = RecordMap(
    DepartmentRecord,
    {"id": Ref("id", resource=R.DEPARTMENT), "name": attr("name")},
    template={"type": "departments"},
)

OFFICE: Final = RecordMap(
    OfficeRecord,
    {
        "id": Ref("id", resource=R.OFFICE),
        "name": attr("name"),
        "location": Joined(
            ("attributes.city", "attributes.country"),
            back=lambda f, _w: at_path("attributes.country", f.location),
        ),
    },
    template={"type": "locations", "attributes": {"headquarters": False}},
)

ORGANIZATION: Final = RecordMap(
    OrganizationRecord,
    {"id": Ref("id", resource=R.ORGANIZATION), "name": attr("name")},
    template={"type": "companies", "attributes": {"locale": "en"}},
)

ATTACHMENT: Final = RecordMap(
    AttachmentRecord,
    {
        "id": Ref("id", resource=R.ATTACHMENT),
        "file_name": attr("file_name"),
        "file_url": attr("url"),
        "candidate_id": Rel("candidate", R.CANDIDATE, "candidates"),
        "job_id": Rel("job", R.JOB, "jobs"),
    },
    template={"type": "uploads", "attributes": {"internal": False}},
)


ACTIVITY: Final = RecordMap(
    ActivityRecord,
    {
        "id": Ref("id", resource=R.ACTIVITY),
        # notes name their candidate and author by attribute (numbers), not by relationship
        "candidate_id": attr_id("candidate_id", R.CANDIDATE),
        "actor_id": attr_id("user_id", R.USER),
        "activity_type": Fn(lambda _o, _c: ActivityType.NOTE),
        "body": attr("note"),
        **_STAMPS,
    },
    template={"type": "notes", "attributes": {"private_note": False, "created_by_trigger": False}},
)


QUESTION_TYPE: Final[Mapping[tuple[str, bool | None, bool | None], FormFieldType]] = {
    ("Text", True, None): FormFieldType.SHORT_TEXT,  # what a text field of another kind is rendered as
    ("Text", False, None): FormFieldType.LONG_TEXT,
    ("Choice", None, False): FormFieldType.SINGLE_SELECT,
    ("Choice", None, True): FormFieldType.MULTI_SELECT,
    ("Boolean", None, None): FormFieldType.BOOLEAN,
    ("Number", None, None): FormFieldType.NUMBER,
    ("Date", None, None): FormFieldType.DATE,
    ("File", None, None): FormFieldType.FILE,
}
"""``(question-type, single-line, multiple)``: Text is one line or not, Choice multiple or not;
the rest (Range, Video) is OTHER with the raw type."""
_QUESTION_KEYS: Final = ("question_type", "single_line", "multiple")


def _field_type(o: Any) -> FormFieldType | None:
    a = o.attributes
    text, choice = a.question_type == "Text", a.question_type == "Choice"
    key = (a.question_type, bool(a.single_line) if text else None, bool(a.multiple) if choice else None)
    return None if a.question_type is None else QUESTION_TYPE.get(key, FormFieldType.OTHER)


def _field_type_back(f: Any, _w: Wire) -> Json:
    key = {v: k for k, v in QUESTION_TYPE.items()}.get(f.type, ("Text", True, None))
    return {"attributes": dict(zip(_QUESTION_KEYS, key, strict=True))}


QUESTION: Final = RecordMap(
    JobFormFieldRecord,
    {
        "id": Ref("id", resource=R.JOB_FORM_FIELD),
        "label": attr("title"),
        "type": Fn(lambda o, _c: _field_type(o), _field_type_back),
        "raw_type": attr("question_type"),
        "options": fn(
            lambda o: tuple(FormFieldOption(label=str(x)) for x in o.attributes.alternatives or ()),
            lambda f, _w: {"attributes": {"alternatives": [x.label for x in f.options] or None}},
        ),
    },
    template={"type": "questions"},
)
"""A question of the account's library (``GET /questions``), as a picked question includes it."""

PICKED: Final = RecordMap(
    JobFormFieldRecord,
    {
        "id": Ref("id", resource=R.JOB_FORM_FIELD),
        "job_id": Fn(lambda _o, ctx: ctx.get("parent")),  # read under its job (/jobs/{id}/picked-questions)
        # rendered with the linkage of its question, which the sandbox keeps under the same id
        "is_required": fn(
            lambda o: o.attributes.mandatory,
            lambda f, w: {
                "attributes": {"mandatory": f.is_required},
                "relationships": {
                    "question": {"data": {"type": "questions", "id": w.encode(R.JOB_FORM_FIELD, f.id)}}
                },
            },
        ),
    },
    template={"type": "picked-questions"},
)
"""A job's form field: a question picked for the job's form (the sandbox keeps both as one)."""


def form_field(doc: Any, ctx: Ctx) -> Record:
    """A picked question with what its included question says (label, type, choices)."""
    picked = PICKED.read(doc.data, ctx)
    raws = linked_included(doc, "question", "questions")
    if not raws:
        return picked
    asked = QUESTION.read(p.Question.model_validate(raws[0]), ctx)
    return picked.model_copy(update={k: getattr(asked, k) for k in ("label", "type", "raw_type", "options")})


TAG: Final = RecordMap(TagRecord, {"id": fn(str), "name": fn(str)})
"""A tag is a name in a candidate's or a job's ``tags``: the name is its id."""

KINDS: Final[dict[str, Kind]] = {
    "candidates": Kind(p.Candidate, CANDIDATE),
    "job-applications": Kind(p.Application, APPLICATION),
    "jobs": Kind(p.Job, JOB),
    "stages": Kind(p.Stage, STAGE),
    "reject-reasons": Kind(p.Reason, REJECT_REASON),
    "users": Kind(p.User, USER),
    "departments": Kind(p.Named, DEPARTMENT),
    "locations": Kind(p.Location, OFFICE),
}
"""What an ``include=`` can bring along, by JSON:API type (the loaders prime their records)."""


def included(doc: Any, ctx: Ctx) -> tuple[Record, ...]:
    """What the document's ``include=`` brought along (``Endpoints.embeds``)."""
    return embedded(doc, KINDS, ctx)


tags: Final = carried(TAG, "data.attributes.tags", key=None)
"""The tags a candidate names: each is its name, so it ships whole."""
