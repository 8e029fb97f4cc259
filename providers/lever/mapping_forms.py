"""Pure mapping of what hangs off an opportunity or a posting.

Interviews, feedback, notes, offers, files and resumes have ids that Lever only resolves under
their opportunity (``/opportunities/{opp}/interviews/{id}``), so their unified id is
``"{opportunity id}:{their id}"`` (see ``child_id``) and ``remote_id`` is Lever's own id.
Application form fields are ``"{posting id}:{group}:{name}"``. ``opportunity`` gives each
record its application (the opportunity) and its candidate (the opportunity's contact).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, Final

from providers.records import (
    ActivityRecord,
    ActivityType,
    AttachmentRecord,
    AttachmentType,
    EeocRecord,
    FormFieldOption,
    FormFieldType,
    FormValue,
    InterviewRecord,
    InterviewStatus,
    JobFormFieldRecord,
    OfferRecord,
    OfferStatus,
    OverallRecommendation,
    ScorecardRecord,
    Visibility,
)

from ..kit.times import from_epoch_ms
from .payloads import LeverOpportunity
from .payloads_forms import (
    ApplyField,
    LeverApplyForm,
    LeverEeoResponse,
    LeverFeedback,
    LeverFile,
    LeverInterview,
    LeverNote,
    LeverOffer,
    LeverResume,
)

SEPARATOR: Final = ":"

OFFER_STATUS: Final[Mapping[str, OfferStatus]] = {
    "draft": OfferStatus.DRAFT,
    "approval-sent": OfferStatus.APPROVAL_SENT,
    "approved": OfferStatus.APPROVED,
    "sent": OfferStatus.SENT,
    "sent-manually": OfferStatus.SENT,
    "opened": OfferStatus.OPENED,
    "denied": OfferStatus.DECLINED,
    "signed": OfferStatus.ACCEPTED,
}
"""The statuses documented under "Offers"; anything else is OTHER + raw."""

OVERALL_RECOMMENDATION: Final[Mapping[str, OverallRecommendation]] = {
    "4 - Strong Hire": OverallRecommendation.STRONG_YES,
    "3 - Hire": OverallRecommendation.YES,
    "2 - No Hire": OverallRecommendation.NO,
    "1 - Strong No Hire": OverallRecommendation.DEFINITELY_NO,
}
"""The value of a feedback form's ``score-system`` field (Lever's fixed 1-4 overall rating)."""

FORM_FIELD_TYPE: Final[Mapping[str, FormFieldType]] = {
    "text": FormFieldType.SHORT_TEXT,
    "textarea": FormFieldType.LONG_TEXT,
    "dropdown": FormFieldType.SINGLE_SELECT,
    "multiple-choice": FormFieldType.SINGLE_SELECT,
    "multiple-select": FormFieldType.MULTI_SELECT,
    "file-upload": FormFieldType.FILE,
    "yes-no": FormFieldType.BOOLEAN,
    "date": FormFieldType.DATE,
    "currency": FormFieldType.NUMBER,
}
"""Lever form field types (https://hire.lever.co/developer/documentation#form-fields)."""

_OPTION_TYPES: Final = frozenset({"dropdown", "multiple-choice", "multiple-select"})
_RECOMMENDATION_FIELD: Final = "score-system"


def child_id(parent_id: str, own_id: str) -> str:
    return f"{parent_id}{SEPARATOR}{own_id}"


def split_child_id(value: str) -> tuple[str, str] | None:
    """``"{parent}:{own}"`` -> (parent, own); None for an id this adapter did not make."""
    parent, sep, own = value.partition(SEPARATOR)
    return (parent, own) if sep and parent and own else None


def to_interview(p: LeverInterview, opportunity: LeverOpportunity) -> InterviewRecord:
    """Lever has no interview status; only a cancellation is recorded (``canceledAt``)."""
    start = from_epoch_ms(p.date)
    end = start + timedelta(minutes=p.duration) if start and p.duration is not None else None
    return InterviewRecord(
        id=child_id(opportunity.id, p.id),
        remote_id=p.id,
        remote_data=p.raw,
        application_id=opportunity.id,
        candidate_id=opportunity.contact,
        job_interview_stage_id=p.stage,
        organizer_id=p.user,
        interviewer_ids=tuple(i.id for i in p.interviewers),
        location=p.location,
        start_at=start,
        end_at=end,
        status=InterviewStatus.CANCELLED if p.canceled_at is not None else None,
        raw_status="canceled" if p.canceled_at is not None else None,
        created_at=from_epoch_ms(p.created_at),
    )


def _answer(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return json.dumps(value, sort_keys=True)


def to_scorecard(p: LeverFeedback, opportunity: LeverOpportunity) -> ScorecardRecord:
    overall = next((f.value for f in p.fields if f.type == _RECOMMENDATION_FIELD), None)
    raw_overall = _answer(overall)
    return ScorecardRecord(
        id=child_id(opportunity.id, p.id),
        remote_id=p.id,
        remote_data=p.raw,
        application_id=opportunity.id,
        candidate_id=opportunity.contact,
        interview_id=child_id(opportunity.id, p.interview) if p.interview else None,
        interviewer_id=p.user,
        submitted_at=from_epoch_ms(p.completed_at),
        overall_recommendation=(
            OVERALL_RECOMMENDATION.get(raw_overall, OverallRecommendation.OTHER) if raw_overall else None
        ),
        raw_overall_recommendation=raw_overall,
        form_values=tuple(
            FormValue(question=f.text or "", answer=_answer(f.value))
            for f in p.fields
            if f.type != _RECOMMENDATION_FIELD  # that one is overall_recommendation
        ),
        created_at=from_epoch_ms(p.created_at),
        updated_at=from_epoch_ms(p.updated_at),
    )


def to_offer(p: LeverOffer, opportunity: LeverOpportunity) -> OfferRecord:
    app = opportunity.application
    posting = p.field("job_posting")
    start = p.field("anticipated_start_date")
    start_ms = (
        int(start) if isinstance(start, int | float) or (isinstance(start, str) and start.isdigit()) else None
    )
    start_at = from_epoch_ms(start_ms)
    return OfferRecord(
        id=child_id(opportunity.id, p.id),
        remote_id=p.id,
        remote_data=p.raw,
        application_id=opportunity.id,
        candidate_id=opportunity.contact,
        job_id=posting if isinstance(posting, str) else (app.posting if app else None),
        creator_id=p.creator,
        sent_at=from_epoch_ms(p.sent_at),
        start_date=date(start_at.year, start_at.month, start_at.day) if start_at else None,
        status=OFFER_STATUS.get(p.status, OfferStatus.OTHER) if p.status else None,
        raw_status=p.status,
        created_at=from_epoch_ms(p.created_at),
    )


def to_activity(p: LeverNote, opportunity: LeverOpportunity) -> ActivityRecord:
    """A note thread; its comments are joined into ``body``. Secret notes are private.
    A note has no subject (its ``text`` is the form title, always "Note")."""
    return ActivityRecord(
        id=child_id(opportunity.id, p.id),
        remote_id=p.id,
        remote_data=p.raw,
        candidate_id=opportunity.contact,
        actor_id=p.user,
        activity_type=ActivityType.NOTE,
        raw_activity_type="note",
        body="\n\n".join(c.value for c in p.fields if c.value) or None,
        visibility=(Visibility.PRIVATE if p.secret else Visibility.PUBLIC) if p.secret is not None else None,
        raw_visibility=("secret" if p.secret else "not secret") if p.secret is not None else None,
        created_at=from_epoch_ms(p.created_at),
    )


def to_file_attachment(p: LeverFile, opportunity: LeverOpportunity) -> AttachmentRecord:
    app = opportunity.application
    return AttachmentRecord(
        id=child_id(opportunity.id, p.id),
        remote_id=p.id,
        remote_data=p.raw,
        file_name=p.name,
        file_url=p.download_url,
        candidate_id=opportunity.contact,
        application_id=opportunity.id,
        job_id=app.posting if app else None,
        attachment_type=AttachmentType.OTHER,
        raw_attachment_type="file",
        created_at=from_epoch_ms(p.uploaded_at),
    )


def to_resume_attachment(p: LeverResume, opportunity: LeverOpportunity) -> AttachmentRecord:
    app = opportunity.application
    return AttachmentRecord(
        id=child_id(opportunity.id, p.id),
        remote_id=p.id,
        remote_data=p.raw,
        file_name=p.file.name if p.file else None,
        file_url=p.file.download_url if p.file else None,
        candidate_id=opportunity.contact,
        application_id=opportunity.id,
        job_id=app.posting if app else None,
        attachment_type=AttachmentType.RESUME,
        raw_attachment_type="resume",
        created_at=from_epoch_ms(p.created_at),
    )


def to_eeoc(p: LeverEeoResponse) -> EeocRecord:
    return EeocRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        candidate_id=p.contact,
        submitted_at=from_epoch_ms(p.eeo_survey_responded_at),
        race=p.race,
        gender=p.gender,
        veteran_status=p.veteran,
        disability_status=p.disability,
    )


def _form_field(
    posting_id: str, group_id: str, group_name: str | None, index: int, name: str, f: ApplyField
) -> JobFormFieldRecord:
    kind = f.type
    return JobFormFieldRecord(
        id=child_id(posting_id, child_id(group_id, name)),
        remote_id=f.id or name,
        remote_data=f.raw,
        name=name,
        job_id=posting_id,
        label=f.text,
        index=index,
        is_required=f.required,
        description=f.description,
        type=FORM_FIELD_TYPE.get(kind, FormFieldType.OTHER) if kind else None,
        raw_type=kind,
        options=(
            tuple(FormFieldOption(label=o.text, value=o.option_id or o.text) for o in f.options)
            if kind in _OPTION_TYPES
            else ()
        ),
        group_id=group_id,
        group_name=group_name,
    )


def to_job_form_fields(p: LeverApplyForm) -> tuple[JobFormFieldRecord, ...]:
    """Every question of a posting's application form, grouped as Lever groups them.

    ``name`` is the key to submit: the field ``name`` for personal information and links,
    the question ``id`` for custom questions, the EEO question key for EEO questions.
    """
    out: list[JobFormFieldRecord] = []
    for i, f in enumerate(p.personal_information):
        out.append(_form_field(p.id, "personalInformation", "Personal information", i, f.name or "", f))
    for i, f in enumerate(p.urls):
        out.append(_form_field(p.id, "urls", "Links", i, f.name or "", f))
    for form in p.custom_questions:
        group = form.id or "customQuestions"
        for i, f in enumerate(form.fields):
            out.append(_form_field(p.id, group, form.text, i, f.id or f.text or str(i), f))
    for i, (key, f) in enumerate((p.eeo_questions or {}).items()):
        out.append(_form_field(p.id, "eeoQuestions", "EEO questions", i, key, f))
    return tuple(r for r in out if r.name)
