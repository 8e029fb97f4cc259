"""Sandbox records rendered as Lever v1 JSON: what hangs off an opportunity or a posting
(interviews, feedback, notes, offers, files, resumes), EEO responses and application forms.
See ``simulator_render`` for the rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Final

from providers.records import (
    ActivityRecord,
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    EeocRecord,
    FormFieldType,
    InterviewRecord,
    InterviewStatus,
    JobFormFieldRecord,
    JobRecord,
    OfferRecord,
    OfferStatus,
    OverallRecommendation,
    ScorecardRecord,
    UserRecord,
    Visibility,
)

from ..kit.times import epoch_ms
from .simulator_render import Json, form_group

OFFER_STATE: Final[Mapping[OfferStatus, str]] = {
    OfferStatus.DRAFT: "draft",
    OfferStatus.APPROVAL_SENT: "approval-sent",
    OfferStatus.APPROVED: "approved",
    OfferStatus.SENT: "sent",
    OfferStatus.OPENED: "opened",
    OfferStatus.DECLINED: "denied",
    OfferStatus.ACCEPTED: "signed",
}
SCORE: Final[Mapping[OverallRecommendation, str]] = {
    OverallRecommendation.STRONG_YES: "4 - Strong Hire",
    OverallRecommendation.YES: "3 - Hire",
    OverallRecommendation.NO: "2 - No Hire",
    OverallRecommendation.DEFINITELY_NO: "1 - Strong No Hire",
}
FIELD_TYPE: Final[Mapping[FormFieldType, str]] = {
    FormFieldType.SHORT_TEXT: "text",
    FormFieldType.LONG_TEXT: "textarea",
    FormFieldType.SINGLE_SELECT: "dropdown",
    FormFieldType.MULTI_SELECT: "multiple-select",
    FormFieldType.FILE: "file-upload",
    FormFieldType.BOOLEAN: "yes-no",
    FormFieldType.DATE: "date",
    FormFieldType.NUMBER: "currency",
    FormFieldType.EMAIL: "text",
    FormFieldType.PHONE: "text",
    FormFieldType.URL: "text",
}


def interview(
    i: InterviewRecord, job_id: str | None, feedback_ids: Sequence[str], users: Mapping[str, UserRecord]
) -> Json:
    duration = (i.end_at - i.start_at).total_seconds() / 60 if i.start_at and i.end_at else None
    return {
        "id": i.id,
        "panel": f"{i.id}-panel",
        "subject": None,
        "note": None,
        "interviewers": [
            {
                "id": uid,
                "name": users[uid].name if uid in users else None,
                "email": users[uid].emails[0].email if uid in users and users[uid].emails else None,
                "feedbackTemplate": None,
            }
            for uid in i.interviewer_ids
        ],
        "timezone": "UTC",
        "createdAt": epoch_ms(i.created_at),
        "date": epoch_ms(i.start_at),
        "duration": int(duration) if duration is not None and duration.is_integer() else duration,
        "location": i.location,
        "feedbackTemplate": None,
        "feedbackForms": list(feedback_ids),
        "feedbackReminder": "none",
        "user": i.organizer_id,
        "stage": i.job_interview_stage_id,
        "canceledAt": epoch_ms(i.updated_at or i.created_at)
        if i.status is InterviewStatus.CANCELLED
        else None,
        "postings": [job_id] if job_id else [],
    }


def feedback(s: ScorecardRecord) -> Json:
    fields: list[Json] = []
    score = SCORE.get(s.overall_recommendation) if s.overall_recommendation else None
    if score:
        fields.append(
            {
                "id": f"{s.id}-overall",
                "type": "score-system",
                "text": "Overall rating",
                "description": "",
                "required": True,
                "prompt": "Select one",
                "options": [{"text": t} for t in SCORE.values()],
                "value": score,
            }
        )
    for n, value in enumerate(s.form_values):
        fields.append(
            {
                "id": f"{s.id}-{n}",
                "type": "textarea",
                "text": value.question,
                "description": "",
                "required": False,
                "value": value.answer,
            }
        )
    return {
        "id": s.id,
        "type": "interview",
        "text": "Interview feedback",
        "instructions": "",
        "fields": fields,
        "baseTemplateId": None,
        "interview": s.interview_id,
        "panel": None,
        "user": s.interviewer_id,
        "createdAt": epoch_ms(s.created_at),
        "updatedAt": epoch_ms(s.updated_at),
        "completedAt": epoch_ms(s.submitted_at),
        "deletedAt": None,
    }


def note(a: ActivityRecord) -> Json:
    return {
        "id": a.id,
        "text": "Note",
        "fields": [
            {
                "type": "note",
                "text": "Comment",
                "value": a.body,
                "createdAt": epoch_ms(a.created_at),
                "user": a.actor_id,
                "score": None,
                "stage": None,
            }
        ],
        "user": a.actor_id,
        "secret": a.visibility in (Visibility.PRIVATE, Visibility.ADMIN_ONLY),
        "completedAt": epoch_ms(a.created_at),
        "createdAt": epoch_ms(a.created_at),
        "deletedAt": None,
    }


def offer(o: OfferRecord) -> Json:
    start = (
        epoch_ms(datetime(o.start_date.year, o.start_date.month, o.start_date.day, tzinfo=UTC))
        if o.start_date
        else None
    )
    fields: list[Json] = [{"text": "Job posting", "identifier": "job_posting", "value": o.job_id}]
    if start is not None:
        fields.append(
            {"text": "Anticipated start date", "identifier": "anticipated_start_date", "value": start}
        )
    status = o.status
    return {
        "id": o.id,
        "createdAt": epoch_ms(o.created_at),
        "status": (OFFER_STATE.get(status) if status else None)
        or o.raw_status
        or (status.value if status else None),
        "creator": o.creator_id,
        "fields": fields,
        "sentDocument": None,
        "signedDocument": None,
        "approvedAt": None,
        "sentAt": epoch_ms(o.sent_at),
    }


def _ext(name: str | None) -> str | None:
    return f".{name.rsplit('.', 1)[1]}" if name and "." in name else None


def file(a: AttachmentRecord) -> Json:
    return {
        "id": a.id,
        "downloadUrl": a.file_url,
        "ext": _ext(a.file_name),
        "name": a.file_name,
        "uploadedAt": epoch_ms(a.created_at),
        "status": "processed",
        "size": "1000",  # a string in the docs example
    }


def resume(a: AttachmentRecord) -> Json:
    return {
        "id": a.id,
        "createdAt": epoch_ms(a.created_at),
        "file": {
            "name": a.file_name,
            "ext": _ext(a.file_name),
            "downloadUrl": a.file_url,
            "uploadedAt": epoch_ms(a.created_at),
            "status": "processed",
            "size": 1000,
        },
        "parsedData": {"positions": [], "schools": []},
    }


def is_resume(a: AttachmentRecord) -> bool:
    return a.attachment_type is AttachmentType.RESUME


def eeo_response(e: EeocRecord, app: ApplicationRecord | None) -> Json:
    return {
        "id": e.id,
        "applicationArchivedAt": epoch_ms(app.rejected_at) if app else None,
        "applicationArchivedBy": None,
        "applicationArchiveReason": app.reject_reason_id if app else None,
        "applicationId": f"{app.id}-a" if app else None,
        "applicationTitle": None,
        "appliedAt": epoch_ms(app.applied_at) if app else None,
        "currentStage": app.current_stage_id if app else None,
        "contact": e.candidate_id,
        "eeoResponseSource": "api",
        "eeoSurveyRespondedAt": epoch_ms(e.submitted_at),
        "hiredDate": None,
        "hiringManager": None,
        "opportunityId": app.id if app else None,
        "opportunityOwner": None,
        "origin": "applied",
        "posting": app.job_id if app else None,
        "sources": [app.source.name] if app and app.source and app.source.name else [],
        "gender": e.gender,
        "race": e.race,
        "veteran": e.veteran_status,
        "disability": e.disability_status,
    }


def _question(f: JobFormFieldRecord) -> Json:
    kind = (FIELD_TYPE.get(f.type) if f.type else None) or f.raw_type or "text"
    question: Json = {
        "id": f.name,
        "type": kind,
        "text": f.label,
        "description": f.description,
        "required": f.is_required,
    }
    if f.options:
        question["options"] = [{"text": o.label, "optionId": o.value} for o in f.options]
    return question


def apply_form(job: JobRecord, fields: Sequence[JobFormFieldRecord]) -> Json:
    forms: dict[str, Json] = {}
    for f in sorted(fields, key=lambda f: (form_group(f), f.index or 0, f.id)):
        group = form_group(f)
        form = forms.setdefault(group, {"id": group, "text": f.group_name or "Questions", "fields": []})
        form["fields"].append(_question(f))
    return {
        "id": job.id,
        "text": job.name,
        "customQuestions": list(forms.values()),
        "eeoQuestions": None,
        "personalInformation": [],
        "urls": [],
        "consentDisclosures": None,
    }
