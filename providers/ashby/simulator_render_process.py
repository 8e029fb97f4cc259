"""Sandbox hiring-process records rendered as Ashby JSON: interview schedules, offers,
feedback and candidate notes (OpenAPI spec shapes; Ashby published no example).
See ``simulator_render.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, cast

from providers.records import (
    ActivityRecord,
    ActivityType,
    InterviewRecord,
    OfferRecord,
    OfferStatus,
    Resource,
    ScorecardRecord,
    UserRecord,
)

if TYPE_CHECKING:  # the sandbox is only needed to build a simulator, not to import one
    from providers.sandbox import Dataset

from .mapping_process import INTERVIEW_STATUS, OFFER_STATUS
from .simulator_render import encode_id, iso, render_user

R = Resource
Json = dict[str, Any]

ASHBY_INTERVIEW_STATUS: Final = {v: k for k, v in INTERVIEW_STATUS.items()}
ASHBY_OFFER_STATUS: Final = {v: k for k, v in OFFER_STATUS.items()} | {
    OfferStatus.OPENED: "WaitingOnCandidateResponse",  # Ashby does not track opening
    OfferStatus.DRAFT: "WaitingOnApprovalStart",
    OfferStatus.APPROVED: "WaitingOnApprovalStart",
    OfferStatus.DEPRECATED: "OfferCancelled",
}
ACCEPTANCE: Final = {OfferStatus.ACCEPTED: "Accepted", OfferStatus.DECLINED: "Declined"}


def schedule_id(interview_id: str) -> str:
    """The simulator gives each sandbox interview its own schedule (Ashby keeps status per schedule)."""
    return encode_id(f"s{interview_id}")


def render_schedule(i: InterviewRecord) -> Json:
    status = ASHBY_INTERVIEW_STATUS.get(i.status, i.raw_status) if i.status else i.raw_status
    return {
        "id": schedule_id(i.id),
        "status": status,
        "applicationId": encode_id(i.application_id) if i.application_id else None,
        "interviewStageId": encode_id(i.job_interview_stage_id) if i.job_interview_stage_id else None,
        "interviewEvents": [
            {
                "id": encode_id(i.id),
                "interviewId": encode_id(f"def_{i.job_interview_stage_id or ''}"[:16]),
                "interviewScheduleId": schedule_id(i.id),
                "interviewerUserIds": [encode_id(u) for u in i.interviewer_ids],
                "createdAt": iso(i.created_at),
                "startTime": iso(i.start_at),
                "endTime": iso(i.end_at),
                "feedbackLink": f"https://app.ashbyhq.com/interview-feedback/{encode_id(i.id)}",
                "location": i.location,
                "meetingLink": None,
                "hasSubmittedFeedback": i.status is not None and i.status.value == "completed",
            }
        ],
    }


def render_offer(data: Dataset, o: OfferRecord) -> Json:
    creator = cast("UserRecord | None", data.get(R.USER, o.creator_id or ""))

    def version(suffix: str, created: str | None) -> Json:
        return {
            "id": encode_id(f"{o.id}{suffix}"),
            "startDate": o.start_date.isoformat() if o.start_date else None,
            "salary": None,
            "createdAt": created,
            "customFields": [],
            "fileHandles": [],
            "author": render_user(creator) if creator else None,
        }

    latest = version("v", iso(o.updated_at))
    versions = [latest] if o.created_at == o.updated_at else [version("f", iso(o.created_at)), latest]
    return {
        "id": encode_id(o.id),
        "decidedAt": iso(o.closed_at),
        "applicationId": encode_id(o.application_id) if o.application_id else None,
        "acceptanceStatus": ACCEPTANCE.get(o.status, "Pending") if o.status else "Pending",
        "offerStatus": ASHBY_OFFER_STATUS.get(o.status, o.raw_status) if o.status else o.raw_status,
        "latestVersion": latest,
        "versions": versions,
    }


def render_feedback(data: Dataset, s: ScorecardRecord) -> Json:
    user = cast("UserRecord | None", data.get(R.USER, s.interviewer_id or ""))
    paths = [f"field_{n}" for n in range(len(s.form_values))]
    return {
        "id": encode_id(s.id),
        "formDefinition": {
            "sections": [
                {
                    "fields": [
                        {
                            "isRequired": False,
                            "field": {
                                "id": encode_id(f"q{s.id}")[:-2] + f"{n:02x}",
                                "type": "String",
                                "path": path,
                                "title": v.question,
                            },
                        }
                        for n, (path, v) in enumerate(zip(paths, s.form_values, strict=True))
                    ]
                }
            ]
        },
        "submittedValues": {path: v.answer for path, v in zip(paths, s.form_values, strict=True)},
        "submittedByUser": render_user(user) if user else None,
        "interviewId": None,
        "feedbackFormDefinitionId": None,
        "applicationHistoryId": None,
        "applicationId": encode_id(s.application_id) if s.application_id else None,
        "submittedAt": iso(s.submitted_at),
    }


def is_note(a: ActivityRecord) -> bool:
    """Notes are the only activities Ashby's API reads (``candidate.listNotes``)."""
    return a.activity_type is ActivityType.NOTE


def render_note(data: Dataset, a: ActivityRecord) -> Json:
    user = cast("UserRecord | None", data.get(R.USER, a.actor_id or ""))
    return {
        "id": encode_id(a.id),
        "createdAt": iso(a.created_at),
        "content": a.body,
        "author": (
            {
                "id": encode_id(user.id),
                "firstName": user.first_name,
                "lastName": user.last_name,
                "email": user.emails[0].email if user.emails else None,
            }
            if user
            else None
        ),
    }
