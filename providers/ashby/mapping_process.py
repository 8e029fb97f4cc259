"""Pure functions from Ashby's hiring-process payloads (interview schedules, offers,
feedback, notes) to unified records, and their status tables. See ``mapping.py``."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Final

from providers.records import (
    ActivityRecord,
    ActivityType,
    FormValue,
    InterviewRecord,
    InterviewStatus,
    OfferRecord,
    OfferStatus,
    ScorecardRecord,
)

from .mapping import to_user
from .payloads_process import (
    AshbyFeedback,
    AshbyInterviewEvent,
    AshbyInterviewSchedule,
    AshbyNote,
    AshbyOffer,
)

INTERVIEW_STATUS: Final[dict[str, InterviewStatus]] = {
    "Scheduled": InterviewStatus.SCHEDULED,
    "WaitingOnFeedback": InterviewStatus.AWAITING_FEEDBACK,
    "Complete": InterviewStatus.COMPLETED,
    "Cancelled": InterviewStatus.CANCELLED,
}
"""``interviewSchedule.status``; the booking states (NeedsScheduling, WaitingOnCandidateBooking,
WaitingOnCandidateAvailability, CandidateAvailabilitySubmitted) are OTHER + ``raw_status``."""

OFFER_STATUS: Final[dict[str, OfferStatus]] = {
    "WaitingOnOfferApproval": OfferStatus.APPROVAL_SENT,
    "WaitingOnCandidateResponse": OfferStatus.SENT,
    "CandidateAccepted": OfferStatus.ACCEPTED,
    "CandidateRejected": OfferStatus.DECLINED,
}
"""``offer.offerStatus``; the others (WaitingOnApprovalStart, WaitingOnApprovalDefinition,
OfferCancelled) have no unified twin: OTHER + ``raw_status``."""

ACCEPTANCE_STATUS: Final[dict[str, OfferStatus]] = {
    "Accepted": OfferStatus.ACCEPTED,
    "Declined": OfferStatus.DECLINED,
}
"""``offer.acceptanceStatus``, read only when ``offerStatus`` is absent."""


def to_interview(schedule: AshbyInterviewSchedule, event: AshbyInterviewEvent) -> InterviewRecord:
    """One interview event; the schedule gives its application, stage and status."""
    raw = schedule.status
    status = INTERVIEW_STATUS.get(raw or "")
    return InterviewRecord(
        id=event.id,
        remote_id=event.id,
        remote_data=event.raw,
        application_id=schedule.application_id,
        job_interview_stage_id=schedule.interview_stage_id,
        interviewer_ids=tuple(event.interviewer_user_ids),
        location=event.location or event.meeting_link,
        start_at=event.start_time,
        end_at=event.end_time,
        status=status or (InterviewStatus.OTHER if raw else None),
        raw_status=raw,
        created_at=event.created_at,
    )


def to_interviews(schedule: AshbyInterviewSchedule) -> list[InterviewRecord]:
    return [to_interview(schedule, e) for e in schedule.interview_events]


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def to_offer(p: AshbyOffer) -> OfferRecord:
    latest = p.latest_version
    raw: str | None
    if p.offer_status:
        raw, status = p.offer_status, OFFER_STATUS.get(p.offer_status)
    else:
        raw, status = p.acceptance_status, ACCEPTANCE_STATUS.get(p.acceptance_status or "")
    created = [v.created_at for v in (p.versions or ([latest] if latest else [])) if v.created_at]
    author = latest.author if latest else None
    return OfferRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        application_id=p.application_id,
        creator_id=author.id if author else None,
        closed_at=p.decided_at,
        start_date=_date(latest.start_date) if latest else None,
        status=status or (OfferStatus.OTHER if raw else None),
        raw_status=raw,
        created_at=min(created) if created else None,
        updated_at=latest.created_at if latest else None,
        embedded=(to_user(author),) if author else (),
    )


def _answer(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return json.dumps(value, sort_keys=True)


def to_scorecard(p: AshbyFeedback) -> ScorecardRecord:
    """Answers follow the form's order, each under its field's title (unknown paths: the path)."""
    titles: dict[str, str] = {}
    sections = p.form_definition.sections if p.form_definition else []
    for entry in (e for s in sections for e in s.fields):
        if entry.field.path:
            titles[entry.field.path] = entry.field.title or entry.field.path
    order = [path for path in titles if path in p.submitted_values]
    order += [path for path in p.submitted_values if path not in titles]
    user = p.submitted_by_user
    return ScorecardRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        application_id=p.application_id,
        interviewer_id=user.id if user else None,
        submitted_at=p.submitted_at,
        form_values=tuple(
            FormValue(question=titles.get(path, path), answer=_answer(p.submitted_values[path]))
            for path in order
        ),
        embedded=(to_user(user),) if user else (),
    )


def to_activity(p: AshbyNote, candidate_id: str) -> ActivityRecord:
    """A candidate note (Ashby's only readable activity)."""
    return ActivityRecord(
        id=p.id,
        remote_id=p.id,
        remote_data=p.raw,
        candidate_id=candidate_id,
        actor_id=p.author.id if p.author else None,
        activity_type=ActivityType.NOTE,
        body=p.content,
        created_at=p.created_at,
    )
