"""Ashby's wire format, continued: the hiring process around an application (scheduled
interviews, offers, feedback, candidate notes).

None of these has a recorded example: every shape here is the OpenAPI spec's
(``shared/fixtures/providers/ashby/_reference/ashby-openapi.json``), per model below.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ..kit.times import UtcTimestamp
from .payloads import AshbyFileHandle, AshbyModel, AshbyUser
from .payloads_org import AshbyFormDefinition


class AshbyInterviewEvent(AshbyModel):
    """One scheduled meeting of an interview schedule (``interviewSchedule.list`` →
    ``interviewEvents[]``). https://developers.ashbyhq.com/reference/interviewschedulelist"""

    id: str
    interview_id: str | None = None
    interview_schedule_id: str | None = None
    interviewer_user_ids: list[str] = Field(default_factory=list)
    created_at: UtcTimestamp | None = None
    start_time: UtcTimestamp | None = None
    end_time: UtcTimestamp | None = None
    location: str | None = None
    meeting_link: str | None = None


class AshbyInterviewSchedule(AshbyModel):
    """``interviewSchedule.list`` result: the schedule of one stage of one application."""

    id: str
    status: str | None = None
    application_id: str | None = None
    interview_stage_id: str | None = None
    interview_events: list[AshbyInterviewEvent] = Field(default_factory=list)


class AshbyOfferVersion(AshbyModel):
    """``latestVersion`` / ``versions[]`` of an offer."""

    id: str
    start_date: str | None = None
    created_at: UtcTimestamp | None = None
    author: AshbyUser | None = None
    file_handles: list[AshbyFileHandle] = Field(default_factory=list)


class AshbyOffer(AshbyModel):
    """``offer.list`` / ``offer.info`` result. https://developers.ashbyhq.com/reference/offerlist"""

    id: str
    decided_at: UtcTimestamp | None = None
    application_id: str | None = None
    acceptance_status: str | None = None
    offer_status: str | None = None
    latest_version: AshbyOfferVersion | None = None
    versions: list[AshbyOfferVersion] = Field(default_factory=list)


class AshbyFeedback(AshbyModel):
    """``applicationFeedback.list`` result: one submitted feedback form.
    https://developers.ashbyhq.com/reference/applicationfeedbacklist"""

    id: str
    form_definition: AshbyFormDefinition | None = None
    submitted_values: dict[str, Any] = Field(default_factory=dict)
    submitted_by_user: AshbyUser | None = None
    interview_id: str | None = None
    application_id: str | None = None
    submitted_at: UtcTimestamp | None = None


class AshbyNoteAuthor(AshbyModel):
    """``{id, firstName, lastName, email}``: not a complete user (no role, no state)."""

    id: str


class AshbyNote(AshbyModel):
    """``candidate.listNotes`` result. https://developers.ashbyhq.com/reference/candidatelistnotes"""

    id: str
    created_at: UtcTimestamp | None = None
    content: str | None = None
    author: AshbyNoteAuthor | None = None
