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
from typing import Any, Final

from ..kit.mapping import NO_CTX, At, Ctx, Fn, RecordMap, Table, fn
from ..records import (
    ActivityRecord,
    ActivityType,
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    CandidateRecord,
    DepartmentRecord,
    EeocRecord,
    EmailAddress,
    FormFieldOption,
    FormFieldType,
    FormValue,
    InterviewRecord,
    InterviewStatus,
    JobFormFieldRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    OfferRecord,
    OfferStatus,
    OfficeRecord,
    OverallRecommendation,
    PhoneNumber,
    Record,
    RejectReasonRecord,
    ScorecardRecord,
    Source,
    TagRecord,
    Url,
    UserRecord,
    Visibility,
)
from .payloads import (
    GreenhouseActivityFeed,
    GreenhouseApplication,
    GreenhouseAttachment,
    GreenhouseCandidate,
    GreenhouseJobPost,
)

ATTACHMENT_TYPE: Final = {
    "resume": AttachmentType.RESUME,
    "cover_letter": AttachmentType.COVER_LETTER,
    "offer_letter": AttachmentType.OFFER_LETTER,
}
"""Greenhouse also has ``offer_packet``, ``admin_only``, ``take_home_test``, ``other``...: OTHER + raw."""
VISIBILITY: Final = {
    "admin_only": Visibility.ADMIN_ONLY,
    "public": Visibility.PUBLIC,
    "private": Visibility.PRIVATE,
}
ACTIVITY_TYPE: Final = {"note": ActivityType.NOTE, "email": ActivityType.EMAIL}
"""Keys are the feed's three lists in the singular; ``activity`` (system events) is OTHER."""
JOB_STATUS: Final = {"open": JobStatus.OPEN, "closed": JobStatus.CLOSED, "draft": JobStatus.DRAFT}
INTERVIEW_STATUS: Final = {
    "scheduled": InterviewStatus.SCHEDULED,
    "awaiting_feedback": InterviewStatus.AWAITING_FEEDBACK,
    "complete": InterviewStatus.COMPLETED,
}
OVERALL_RECOMMENDATION: Final = {
    "definitely_not": OverallRecommendation.DEFINITELY_NO,
    "no": OverallRecommendation.NO,
    "yes": OverallRecommendation.YES,
    "strong_yes": OverallRecommendation.STRONG_YES,
    "no_decision": OverallRecommendation.NO_DECISION,
}
OFFER_STATUS: Final = {
    "accepted": OfferStatus.ACCEPTED,
    "rejected": OfferStatus.DECLINED,
    "deprecated": OfferStatus.DEPRECATED,
}
"""``unresolved`` (drafted, awaiting approval or sent: Greenhouse does not say which) is OTHER."""
FORM_FIELD_TYPE: Final = {
    "short_text": FormFieldType.SHORT_TEXT,
    "input_text": FormFieldType.SHORT_TEXT,
    "long_text": FormFieldType.LONG_TEXT,
    "textarea": FormFieldType.LONG_TEXT,
    "boolean": FormFieldType.BOOLEAN,
    "yes_no": FormFieldType.BOOLEAN,
    "attachment": FormFieldType.FILE,
    "input_file": FormFieldType.FILE,
    "single_select": FormFieldType.SINGLE_SELECT,
    "multi_value_single_select": FormFieldType.SINGLE_SELECT,
    "multi_select": FormFieldType.MULTI_SELECT,
    "multi_value_multi_select": FormFieldType.MULTI_SELECT,
}
STAMPS: Final = {n: At(n) for n in ("created_at", "updated_at")}


def _ids(items: Sequence[Any]) -> tuple[str, ...]:
    return tuple(i.id for i in items)


def _addresses(value: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (value or "").split(",") if p.strip())


def _with_primary(primary: str | None, emails: Sequence[str]) -> list[str]:
    return [primary, *emails] if primary and primary not in emails else list(emails)


def _ctx(key: str) -> Fn:
    return Fn(lambda _p, ctx: ctx.get(key))


def _unremote(record: Any, remote_id: str | None = None) -> Any:
    """A record whose id is ours, not Greenhouse's: its ``remote_id`` is the provider's or none."""
    return record.model_copy(update={"remote_id": remote_id})


TAG = RecordMap(TagRecord, {"id": At("id"), "name": At("name")})
REJECT_REASON = RecordMap(RejectReasonRecord, {"id": At("id"), "name": At("name")})
DEPARTMENT = RecordMap(DepartmentRecord, {"id": At("id"), "name": At("name"), "parent_id": At("parent_id")})
OFFICE = RecordMap(
    OfficeRecord,
    {"id": At("id"), "name": At("name"), "parent_id": At("parent_id"), "location": At("location.name")},
)
STAGE = RecordMap(
    JobInterviewStageRecord,
    {"id": At("id"), "name": At("name"), "job_id": At("job_id"), "position": At("priority"), **STAMPS},
)
USER = RecordMap(
    UserRecord,
    {
        "id": At("id"),
        "first_name": At("first_name"),
        "last_name": At("last_name"),
        "name": At("name"),
        "emails": fn(
            lambda p: tuple(
                EmailAddress(email=e, is_primary=e == p.primary_email_address)
                for e in _with_primary(p.primary_email_address, p.emails)
            )
        ),
        "disabled": At("disabled"),
        **STAMPS,
    },
)
JOB = RecordMap(
    JobRecord,
    {
        "id": At("id"),
        "name": At("name"),
        "requisition_id": At("requisition_id"),
        "status": Table("status", JOB_STATUS, JobStatus.OTHER, raw="raw_status"),
        "locations": fn(
            lambda p: tuple(
                dict.fromkeys(o.location.name for o in p.offices if o.location and o.location.name)
            )
        ),
        "confidential": At("confidential"),
        "department_ids": fn(lambda p: _ids(p.departments)),
        "office_ids": fn(lambda p: _ids(p.offices)),
        "hiring_manager_ids": fn(lambda p: _ids(p.hiring_team.hiring_managers) if p.hiring_team else ()),
        "recruiter_ids": fn(lambda p: _ids(p.hiring_team.recruiters) if p.hiring_team else ()),
        "opened_at": At("opened_at"),
        "closed_at": At("closed_at"),
        **STAMPS,
    },
)
INTERVIEW = RecordMap(
    InterviewRecord,
    {
        "id": At("id"),
        "application_id": At("application_id"),
        "organizer_id": At("organizer.id"),
        "interviewer_ids": fn(lambda p: _ids(p.interviewers)),
        "location": At("location"),
        "start_at": At("start.moment"),
        "end_at": At("end.moment"),
        "status": Table("status", INTERVIEW_STATUS, InterviewStatus.OTHER, raw="raw_status"),
        **STAMPS,
    },
)
SCORECARD = RecordMap(
    ScorecardRecord,
    {
        "id": At("id"),
        "application_id": At("application_id"),
        "candidate_id": At("candidate_id"),
        "interviewer_id": At("interviewer.id"),
        "submitted_at": At("submitted_at"),
        "overall_recommendation": Table(
            "overall_recommendation",
            OVERALL_RECOMMENDATION,
            OverallRecommendation.OTHER,
            raw="raw_overall_recommendation",
        ),
        "form_values": fn(
            lambda p: tuple(FormValue(question=q.question, answer=q.answer) for q in p.questions)
        ),
        **STAMPS,
    },
)
OFFER = RecordMap(
    OfferRecord,
    {
        "id": At("id"),
        "application_id": At("application_id"),
        "candidate_id": At("candidate_id"),
        "job_id": At("job_id"),
        "closed_at": At("resolved_at"),
        "sent_at": At("sent_at"),
        "start_date": At("starts_at"),
        "status": Table("status", OFFER_STATUS, OfferStatus.OTHER, raw="raw_status"),
        **STAMPS,
    },
)
EEOC = RecordMap(
    EeocRecord,
    {
        "id": At("application_id"),
        "candidate_id": At("candidate_id"),
        "submitted_at": At("submitted_at"),
        **{k: At(f"{k}.text") for k in ("race", "gender", "veteran_status", "disability_status")},
    },
)
ATTACHMENT = RecordMap(
    AttachmentRecord,
    {
        "id": _ctx("id"),
        "file_name": At("filename"),
        "file_url": At("url"),
        "candidate_id": _ctx("candidate_id"),
        "application_id": _ctx("application_id"),
        "job_id": _ctx("job_id"),
        "attachment_type": Table("type", ATTACHMENT_TYPE, AttachmentType.OTHER, raw="raw_attachment_type"),
        "created_at": At("created_at"),
    },
)
"""Read with the context of its owner (``attachments_of``)."""
ACTIVITY = RecordMap(
    ActivityRecord,
    {
        "id": Fn(lambda p, ctx: f"{ctx['kind']}-{p.id}"),
        "candidate_id": _ctx("parent"),
        "actor_id": At("user.id"),
        "activity_type": Fn(lambda _p, ctx: ACTIVITY_TYPE.get(ctx["kind"], ActivityType.OTHER)),
        "raw_activity_type": _ctx("kind"),
        "subject": At("subject"),
        "body": At("body"),
        "from_": fn(lambda p: _addresses(p.from_)),
        "to": fn(lambda p: _addresses(p.to)),
        "cc": fn(lambda p: _addresses(p.cc)),
        "visibility": Table("visibility", VISIBILITY, Visibility.OTHER, raw="raw_visibility"),
        "created_at": At("created_at"),
    },
)
"""One item of a candidate's feed (``to_activities``); ``kind`` is the list it is in."""
FORM_FIELD = RecordMap(
    JobFormFieldRecord,
    {
        "id": Fn(lambda q, ctx: f"{ctx['post']}:{q.name}"),
        "name": At("name"),
        "job_id": _ctx("job_id"),
        "label": At("label"),
        "index": _ctx("index"),
        "is_required": At("required"),
        "answer_visibility": fn(
            lambda q: None if q.private is None else ("private" if q.private else "public")
        ),
        "description": At("description"),
        "type": Table("type", FORM_FIELD_TYPE, FormFieldType.OTHER, raw="raw_type"),
        "options": fn(
            lambda q: tuple(
                FormFieldOption(label=v.label, value=None if v.value is None else str(v.value))
                for v in q.values
            )
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
    owners: Mapping[str, ApplicationRecord | None],
    candidate_id: str | None,
) -> list[AttachmentRecord]:
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
    ApplicationRecord,
    {
        "id": At("id"),
        "candidate_id": At("candidate_id"),
        "job_id": fn(single_job_id),
        "applied_at": At("applied_at"),
        "rejected_at": At("rejected_at"),
        "source": fn(lambda p: Source(id=p.source.id, name=p.source.public_name) if p.source else None),
        "credited_to_id": At("credited_to.id"),
        "current_stage_id": At("current_stage.id"),
        "reject_reason_id": At("rejection_reason.id"),
        "attachment_ids": fn(_app_attachment_ids),
    },
)


def to_application(p: GreenhouseApplication, _ctx: Ctx = NO_CTX) -> ApplicationRecord:
    """An application, its attachments and its whole rejection reason embedded."""
    record = APPLICATION.read(p)
    ids = record.attachment_ids or ()
    owners = dict.fromkeys(ids, record)
    embedded: list[Record] = [*attachments_of(p.attachments, ids, owners, record.candidate_id)]
    if p.rejection_reason is not None:  # the whole object /v1/rejection_reasons returns
        embedded.append(REJECT_REASON.read(p.rejection_reason))
    return record.model_copy(update={"embedded": tuple(embedded)})


def _application_ids(p: GreenhouseCandidate) -> tuple[str, ...] | None:
    if p.applications is not None:
        return _ids(p.applications)
    return tuple(p.application_ids) if p.application_ids is not None else None


CANDIDATE = RecordMap(
    CandidateRecord,
    {
        "id": At("id"),
        "first_name": At("first_name"),
        "last_name": At("last_name"),
        "name": fn(lambda p: " ".join(n for n in (p.first_name, p.last_name) if n) or None),
        "company": At("company"),
        "title": At("title"),
        "last_interaction_at": At("last_activity"),
        "is_private": At("is_private"),
        "can_email": At("can_email"),
        "locations": fn(lambda p: tuple(a.value for a in p.addresses)),
        "phones": fn(lambda p: tuple(PhoneNumber(number=n.value, type=n.type) for n in p.phone_numbers)),
        "emails": fn(lambda p: tuple(EmailAddress(email=e.value, type=e.type) for e in p.email_addresses)),
        "urls": fn(
            lambda p: tuple(
                Url(url=u.value, type=u.type) for u in (*p.website_addresses, *p.social_media_addresses)
            )
        ),
        # ``tags`` holds names only; the ids come from /v1/candidates/{id}/tags (by parent).
        "tag_ids": fn(lambda _p: None),
        "application_ids": fn(_application_ids),
        "attachment_ids": fn(lambda p: tuple(attachment_ids(p.id, p.attachments))),
        **STAMPS,
    },
)


def to_candidate(p: GreenhouseCandidate, _ctx: Ctx = NO_CTX) -> CandidateRecord:
    """A candidate, its applications (v1) and attachments embedded; an attachment also listed
    on an application gets that application and its job."""
    record = CANDIDATE.read(p)
    applications = [to_application(a) for a in p.applications or ()]
    owners: dict[str, ApplicationRecord | None] = {}
    for app in applications:
        for i in app.attachment_ids or ():
            owners.setdefault(i, app)
    attachments = attachments_of(p.attachments, record.attachment_ids or (), owners, record.id)
    return record.model_copy(update={"embedded": (*applications, *attachments)})


def to_activities(feed: GreenhouseActivityFeed, ctx: Ctx) -> list[ActivityRecord]:
    """A candidate's feed (``ctx["parent"]``) as activities: notes, e-mails, then the rest."""
    lists = (("note", feed.notes), ("email", feed.emails), ("activity", feed.activities))
    return [
        _unremote(ACTIVITY.read(item, {**ctx, "kind": kind}), item.id)
        for kind, items in lists
        for item in items
    ]


def to_job_form_fields(p: GreenhouseJobPost, _ctx: Ctx = NO_CTX) -> list[JobFormFieldRecord]:
    """A job post's questions, in order."""
    ctx = {"post": p.id, "job_id": p.job_id}
    return [_unremote(FORM_FIELD.read(q, {**ctx, "index": n})) for n, q in enumerate(p.questions)]
