"""Greenhouse payloads onto unified records, declared as data (``kit/mapping.py``): paths, enum
tables (an unknown value is ``OTHER`` plus the raw one) and small functions.

Ids Greenhouse does not give, and how they are made (stable across calls):

* attachment: ``"<candidate_id>-<sha1(file name|type|created_at)[:12]>"``, not the URL (a
  signed S3 URL that changes on every read); a repeat within one list gets ``-2``, ``-3``...
  The same attachment therefore has the same id in the candidate and in its application.
* activity: ``"note-<id>"``, ``"email-<id>"``, ``"activity-<id>"`` (three id spaces in one feed).
* EEOC: the application id (Greenhouse keeps one EEOC answer set per application).
* job form field: ``"<job_post_id>:<question name>"`` (a question's ``name`` is unique in its post).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC
from typing import Any, Final

from .. import records as rec
from ..kit.fieldspecs import Listed
from ..kit.items import keyed_items
from ..kit.mapping import NO_CTX, At, Ctx, Fn, RecordMap, Ref, Table, fn
from ..kit.nested import Nested
from ..kit.people import name_of, primary_email
from ..kit.times import iso_z_millis
from .payloads import (
    GreenhouseActivityFeed,
    GreenhouseApplication,
    GreenhouseAttachment,
    GreenhouseCandidate,
    GreenhouseJobPost,
)

R = rec.Resource
ATTACHMENT_TYPE: Final = {
    "resume": rec.AttachmentType.RESUME,
    "cover_letter": rec.AttachmentType.COVER_LETTER,
    "offer_letter": rec.AttachmentType.OFFER_LETTER,
}
"""Greenhouse also has ``offer_packet``, ``admin_only``, ``take_home_test``, ``other``...: OTHER + raw."""
VISIBILITY: Final = {
    "admin_only": rec.Visibility.ADMIN_ONLY,
    "public": rec.Visibility.PUBLIC,
    "private": rec.Visibility.PRIVATE,
}
ACTIVITY_TYPE: Final = {"note": rec.ActivityType.NOTE, "email": rec.ActivityType.EMAIL}
"""Keys are the feed's three lists in the singular; ``activity`` (system events) is OTHER."""
JOB_STATUS: Final = {"open": rec.JobStatus.OPEN, "closed": rec.JobStatus.CLOSED, "draft": rec.JobStatus.DRAFT}
INTERVIEW_STATUS: Final = {
    "scheduled": rec.InterviewStatus.SCHEDULED,
    "awaiting_feedback": rec.InterviewStatus.AWAITING_FEEDBACK,
    "complete": rec.InterviewStatus.COMPLETED,
}
OVERALL_RECOMMENDATION: Final = {
    "definitely_not": rec.OverallRecommendation.DEFINITELY_NO,
    "no": rec.OverallRecommendation.NO,
    "yes": rec.OverallRecommendation.YES,
    "strong_yes": rec.OverallRecommendation.STRONG_YES,
    "no_decision": rec.OverallRecommendation.NO_DECISION,
}
OFFER_STATUS: Final = {
    "accepted": rec.OfferStatus.ACCEPTED,
    "rejected": rec.OfferStatus.DECLINED,
    "deprecated": rec.OfferStatus.DEPRECATED,
}
OFFER_WORD: Final = {v: k for k, v in OFFER_STATUS.items()}
EEOC_ANSWERS: Final = ("race", "gender", "veteran_status", "disability_status")
FORM_FIELD_TYPE: Final = {
    "input_text": rec.FormFieldType.SHORT_TEXT,
    "short_text": rec.FormFieldType.SHORT_TEXT,
    "textarea": rec.FormFieldType.LONG_TEXT,
    "long_text": rec.FormFieldType.LONG_TEXT,
    "yes_no": rec.FormFieldType.BOOLEAN,
    "boolean": rec.FormFieldType.BOOLEAN,
    "input_file": rec.FormFieldType.FILE,
    "attachment": rec.FormFieldType.FILE,
    "multi_value_single_select": rec.FormFieldType.SINGLE_SELECT,
    "single_select": rec.FormFieldType.SINGLE_SELECT,
    "multi_value_multi_select": rec.FormFieldType.MULTI_SELECT,
    "multi_select": rec.FormFieldType.MULTI_SELECT,
}
"""Job posts' words last: a table renders back to the last word of a value (the simulator)."""


ts: Final = iso_z_millis
"""Harvest's timestamps: UTC, milliseconds, ``Z`` (how the simulator renders them)."""


def _at(path: str) -> At:
    return At(path, out=ts)


STAMPS: Final = {n: _at(n) for n in ("created_at", "updated_at")}


def _id(resource: rec.Resource, path: str = "id") -> Ref:
    return Ref(path, resource=resource)


def _ids(items: Sequence[Any]) -> tuple[str, ...]:
    return tuple(i.id for i in items)


def _joined(name: str, wire: str) -> Fn:
    """A feed e-mail's ``to``/``from``/``cc``: one string of addresses on the wire."""
    return Fn(
        lambda p, _c: tuple(a.strip() for a in (getattr(p, name) or "").split(",") if a.strip()),
        lambda r, _w: {wire: ", ".join(getattr(r, name)) or None},
    )


def _with_primary(primary: str | None, emails: Sequence[str]) -> list[str]:
    return [primary, *emails] if primary and primary not in emails else list(emails)


def _ctx(key: str) -> Fn:
    return Fn(lambda _p, ctx: ctx.get(key))


def _unremote(record: Any, remote_id: str | None = None) -> Any:
    """A record whose id is ours, not Greenhouse's: its ``remote_id`` is the provider's or none."""
    return record.model_copy(update={"remote_id": remote_id})


TAG = RecordMap(rec.TagRecord, {"id": _id(R.TAG), "name": At("name")})
REJECT_REASON = RecordMap(rec.RejectReasonRecord, {"id": _id(R.REJECT_REASON), "name": At("name")})
DEPARTMENT = RecordMap(
    rec.DepartmentRecord,
    {"id": _id(R.DEPARTMENT), "name": At("name"), "parent_id": _id(R.DEPARTMENT, "parent_id")},
)
OFFICE = RecordMap(
    rec.OfficeRecord,
    {
        "id": _id(R.OFFICE),
        "name": At("name"),
        "parent_id": _id(R.OFFICE, "parent_id"),
        "location": At("location.name"),
    },
    template={"location": None},
)
STAGE = RecordMap(
    rec.JobInterviewStageRecord,
    {
        "id": _id(R.JOB_INTERVIEW_STAGE),
        "name": At("name"),
        "job_id": _id(R.JOB, "job_id"),
        "position": At("priority"),
        **STAMPS,
    },
)
USER = RecordMap(
    rec.UserRecord,
    {
        "id": _id(R.USER),
        "first_name": At("first_name"),
        "last_name": At("last_name"),
        "name": At("name"),
        "emails": Fn(
            lambda p, _c: tuple(
                rec.EmailAddress(email=e, is_primary=e == p.primary_email_address)
                for e in _with_primary(p.primary_email_address, p.emails)
            ),
            lambda u, _w: {
                "primary_email_address": primary_email(u.emails),
                "emails": [e.email for e in u.emails],
            },
        ),
        "disabled": At("disabled"),
        **STAMPS,
    },
)
JOB = RecordMap(
    rec.JobRecord,
    {
        "id": _id(R.JOB),
        "name": At("name"),
        "requisition_id": At("requisition_id"),
        "status": Table("status", JOB_STATUS, rec.JobStatus.OTHER, raw="raw_status"),
        # the offices' locations: rendered with the offices
        "locations": fn(
            lambda p: tuple(
                dict.fromkeys(o.location.name for o in p.offices if o.location and o.location.name)
            )
        ),
        "confidential": At("confidential"),
        "department_ids": Nested("departments", "department", many=True),
        "office_ids": Nested("offices", "office", many=True),
        "hiring_manager_ids": Nested("hiring_team.hiring_managers", "user", many=True),
        "recruiter_ids": Nested("hiring_team.recruiters", "user", many=True),  # render.py adds "responsible"
        "opened_at": _at("opened_at"),
        "closed_at": _at("closed_at"),
        **STAMPS,
    },
)


def _moment(end: str) -> Fn:
    """An interview's ``start``/``end``: ``{date_time}``, or ``{date}`` for an all-day one."""
    return Fn(
        lambda p, _c: getattr(getattr(p, end), "moment", None),
        lambda i, _w: {end: {"date_time": (v := getattr(i, f"{end}_at")) and ts(v)}},
    )


INTERVIEW = RecordMap(
    rec.InterviewRecord,
    {
        "id": _id(R.INTERVIEW),
        "application_id": _id(R.APPLICATION, "application_id"),
        "organizer_id": Nested("organizer", "user"),
        "interviewer_ids": fn(lambda p: _ids(p.interviewers)),  # the simulator renders them whole
        "location": At("location"),
        "start_at": _moment("start"),
        "end_at": _moment("end"),
        "status": Table("status", INTERVIEW_STATUS, rec.InterviewStatus.OTHER, raw="raw_status"),
        **STAMPS,
    },
)
SCORECARD = RecordMap(
    rec.ScorecardRecord,
    {
        "id": _id(R.SCORECARD),
        "application_id": _id(R.APPLICATION, "application_id"),
        "candidate_id": _id(R.CANDIDATE, "candidate_id"),
        "interviewer_id": Nested("interviewer", "user", also={"submitted_by": "user"}),
        "submitted_at": _at("submitted_at"),
        "overall_recommendation": Table(
            "overall_recommendation",
            OVERALL_RECOMMENDATION,
            rec.OverallRecommendation.OTHER,
            raw="raw_overall_recommendation",
        ),
        "form_values": keyed_items(
            "questions", rec.FormValue, {"question": "question", "answer": "answer"}, template={"id": None}
        ),
        **STAMPS,
    },
)
OFFER = RecordMap(
    rec.OfferRecord,
    {
        "id": _id(R.OFFER),
        "application_id": _id(R.APPLICATION, "application_id"),
        "candidate_id": _id(R.CANDIDATE, "candidate_id"),
        "job_id": _id(R.JOB, "job_id"),
        "closed_at": _at("resolved_at"),
        "sent_at": At("sent_at", out=lambda v: v.astimezone(UTC).date().isoformat()),  # a day upstream
        "start_date": At("starts_at", out=lambda v: v.isoformat()),
        # ``unresolved``: drafted, awaiting approval or sent (Greenhouse does not say which)
        "status": Fn(
            lambda p, _c: OFFER_STATUS.get(p.status, rec.OfferStatus.OTHER) if p.status else None,
            lambda o, _w: {"status": o.status and OFFER_WORD.get(o.status, "unresolved")},
        ),
        "raw_status": fn(lambda p: p.status),
        **STAMPS,
    },
)
EEOC = RecordMap(
    rec.EeocRecord,
    {
        "id": At("application_id"),  # rendered by the simulator: the application it is filed under
        "candidate_id": _id(R.CANDIDATE, "candidate_id"),
        "submitted_at": _at("submitted_at"),
        **{k: At(f"{k}.text") for k in EEOC_ANSWERS},  # the simulator renders the answers
    },
)
ATTACHMENT = RecordMap(
    rec.AttachmentRecord,
    {
        "id": _ctx("id"),
        "file_name": At("filename"),
        "file_url": At("url"),
        "candidate_id": _ctx("candidate_id"),
        "application_id": _ctx("application_id"),
        "job_id": _ctx("job_id"),
        "attachment_type": Table(
            "type", ATTACHMENT_TYPE, rec.AttachmentType.OTHER, raw="raw_attachment_type"
        ),
        "created_at": _at("created_at"),
    },
)
"""Read with the context of its owner (``attachments_of``)."""
ACTIVITY = RecordMap(
    rec.ActivityRecord,
    {
        "id": Fn(lambda p, ctx: f"{ctx['kind']}-{p.id}"),
        "candidate_id": _ctx("parent"),
        "actor_id": Nested("user", "user"),
        "activity_type": Fn(lambda _p, ctx: ACTIVITY_TYPE.get(ctx["kind"], rec.ActivityType.OTHER)),
        "raw_activity_type": _ctx("kind"),
        "subject": At("subject"),
        "body": At("body"),
        "from_": _joined("from_", "from"),
        "to": _joined("to", "to"),
        "cc": _joined("cc", "cc"),
        "visibility": Table("visibility", VISIBILITY, rec.Visibility.OTHER, raw="raw_visibility"),
        "created_at": _at("created_at"),
    },
)
"""One item of a candidate's feed (``to_activities``); ``kind`` is the list it is in."""
FORM_FIELD = RecordMap(
    rec.JobFormFieldRecord,
    {
        "id": Fn(lambda q, ctx: f"{ctx['post']}:{q.name}"),
        "name": At("name"),
        "job_id": _ctx("job_id"),
        "label": At("label"),
        "index": _ctx("index"),
        "is_required": At("required"),
        "answer_visibility": Fn(
            lambda q, _c: None if q.private is None else ("private" if q.private else "public"),
            lambda f, _w: {"private": f.answer_visibility not in (None, "public")},
        ),
        "description": At("description"),
        "type": Table("type", FORM_FIELD_TYPE, rec.FormFieldType.OTHER, raw="raw_type"),
        "options": Fn(
            lambda q, _c: tuple(
                rec.FormFieldOption(label=v.label, value=None if v.value is None else str(v.value))
                for v in q.values
            ),
            lambda f, _w: {"values": [{"value": o.value, "label": o.label} for o in f.options]},
        ),
    },
)
"""One question of a job post (``to_job_form_fields``)."""


def attachment_ids(candidate_id: str, attachments: Sequence[GreenhouseAttachment]) -> list[str]:
    """The deterministic ids of one candidate's list of attachments (see the module docstring)."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for a in attachments:
        stamp = a.created_at.isoformat() if a.created_at is not None else ""
        digest = hashlib.sha1(f"{a.filename or ''}|{a.type or ''}|{stamp}".encode(), usedforsecurity=False)
        base = f"{candidate_id}-{digest.hexdigest()[:12]}"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def attachments_of(
    items: Sequence[GreenhouseAttachment],
    ids: Sequence[str],
    owners: Mapping[str, rec.ApplicationRecord | None],
    candidate_id: str | None,
) -> list[rec.AttachmentRecord]:
    """Attachments with the ids ``ids``, each linked to its owning application (and its job)."""
    out = []
    for a, i in zip(items, ids, strict=True):
        owner = owners.get(i)
        ctx = {
            "id": i,
            "candidate_id": candidate_id,
            "application_id": owner and owner.id,
            "job_id": owner and owner.job_id,
        }
        out.append(_unremote(ATTACHMENT.read(a, ctx)))
    return out


def single_job_id(app: GreenhouseApplication) -> str | None:
    """A candidate application has exactly one job; a prospect may have none or several, and
    then no single job is the application's (we don't pick one)."""
    return app.jobs[0].id if len(app.jobs) == 1 else None


def _app_attachment_ids(p: GreenhouseApplication) -> tuple[str, ...]:
    return tuple(attachment_ids(p.candidate_id if p.candidate_id is not None else f"a{p.id}", p.attachments))


APPLICATION = RecordMap(
    rec.ApplicationRecord,
    {
        "id": _id(R.APPLICATION),
        "candidate_id": _id(R.CANDIDATE, "candidate_id"),
        "job_id": Fn(
            lambda p, _c: single_job_id(p),
            lambda a, w: {"jobs": [j] if (j := w.ctx["job"](a.job_id)) else [], "job_post_id": j and j["id"]},
        ),
        "applied_at": _at("applied_at"),
        "rejected_at": _at("rejected_at"),
        "source": Fn(
            lambda p, _c: rec.Source(id=p.source.id, name=p.source.public_name) if p.source else None,
            lambda a, w: {
                "source": a.source and {"id": w.ctx["number"](a.source.id), "public_name": a.source.name}
            },
        ),
        "credited_to_id": Nested("credited_to", "user"),
        "current_stage_id": Nested("current_stage", "stage"),
        "reject_reason_id": Nested("rejection_reason", "reason"),
        "attachment_ids": Nested("attachments", "attachment", many=True, read=_app_attachment_ids),
    },
)


def to_application(p: GreenhouseApplication, _ctx: Ctx = NO_CTX) -> rec.ApplicationRecord:
    """An application, its attachments and its whole rejection reason embedded."""
    record = APPLICATION.read(p)
    ids = record.attachment_ids or ()
    owners = dict.fromkeys(ids, record)
    embedded: list[rec.Record] = [*attachments_of(p.attachments, ids, owners, record.candidate_id)]
    if p.rejection_reason is not None:  # the whole object /v1/rejection_reasons returns
        embedded.append(REJECT_REASON.read(p.rejection_reason))
    return record.model_copy(update={"embedded": tuple(embedded)})


def _application_ids(p: GreenhouseCandidate) -> tuple[str, ...] | None:
    if p.applications is not None:
        return _ids(p.applications)
    return tuple(p.application_ids) if p.application_ids is not None else None


CONTACTS: Final = {
    "phone_numbers": "phones",
    "addresses": "locations",
    "email_addresses": "emails",
    "website_addresses": "urls",
}
"""A candidate's lists of ``{value, type}`` (and its write bodies'), each the record's field
(and the write input's) of that name."""
CANDIDATE = RecordMap(
    rec.CandidateRecord,
    {
        "id": _id(R.CANDIDATE),
        "first_name": At("first_name"),
        "last_name": At("last_name"),
        "name": name_of("first_name", "last_name"),
        "company": At("company"),
        "title": At("title"),
        "last_interaction_at": _at("last_activity"),
        "is_private": At("is_private"),
        "can_email": At("can_email"),
        "locations": Listed("addresses", lambda v, _i: v.value, lambda loc: {"value": loc, "type": "other"}),
        "phones": keyed_items("phone_numbers", rec.PhoneNumber, {"number": "value", "type": "type"}),
        "emails": keyed_items("email_addresses", rec.EmailAddress, {"email": "value", "type": "type"}),
        "urls": Fn(
            lambda p, _c: tuple(
                rec.Url(url=u.value, type=u.type) for u in (*p.website_addresses, *p.social_media_addresses)
            ),
            lambda c, _w: {"website_addresses": [{"value": u.url, "type": u.type} for u in c.urls]},
        ),
        # ``tags`` holds names only; the ids come from /v1/candidates/{id}/tags (by parent).
        "tag_ids": Nested("tags", "tag", many=True, read=lambda _p: None),
        "application_ids": Nested(
            "application_ids",
            "number",
            many=True,
            read=_application_ids,
            also={"applications": "application"},
        ),
        "attachment_ids": Nested(
            "attachments", "attachment", many=True, read=lambda p: tuple(attachment_ids(p.id, p.attachments))
        ),
        **STAMPS,
    },
)


def to_candidate(p: GreenhouseCandidate, _ctx: Ctx = NO_CTX) -> rec.CandidateRecord:
    """A candidate, its applications (v1) and attachments embedded; an attachment also listed
    on an application gets that application and its job."""
    record = CANDIDATE.read(p)
    applications = [to_application(a) for a in p.applications or ()]
    owners: dict[str, rec.ApplicationRecord | None] = {}
    for app in applications:
        for i in app.attachment_ids or ():
            owners.setdefault(i, app)
    attachments = attachments_of(p.attachments, record.attachment_ids or (), owners, record.id)
    return record.model_copy(update={"embedded": (*applications, *attachments)})


def to_activities(feed: GreenhouseActivityFeed, ctx: Ctx) -> list[rec.ActivityRecord]:
    """A candidate's feed (``ctx["parent"]``) as activities: notes, e-mails, then the rest."""
    lists = (("note", feed.notes), ("email", feed.emails), ("activity", feed.activities))
    return [
        _unremote(ACTIVITY.read(item, {**ctx, "kind": kind}), item.id)
        for kind, items in lists
        for item in items
    ]


def to_job_form_fields(p: GreenhouseJobPost, _ctx: Ctx = NO_CTX) -> list[rec.JobFormFieldRecord]:
    """A job post's questions, in order."""
    ctx = {"post": p.id, "job_id": p.job_id}
    return [_unremote(FORM_FIELD.read(q, {**ctx, "index": n})) for n, q in enumerate(p.questions)]
