"""Lever v1 wire models of what hangs off an opportunity or a posting.

Interviews, feedback forms, notes, offers, files and resumes are read per opportunity
(``/opportunities/{id}/...``); EEO responses account-wide; application questions per posting.
Reference: https://hire.lever.co/developer/documentation.
"""

from __future__ import annotations

from typing import Any

from ..kit.times import EpochMillis
from .payloads import LeverModel


class Interviewer(LeverModel):
    id: str
    name: str | None = None
    email: str | None = None


class LeverInterview(LeverModel):
    """https://hire.lever.co/developer/documentation#interviews (``date`` + ``duration`` minutes)."""

    id: str
    panel: str | None = None
    subject: str | None = None
    note: str | None = None
    interviewers: list[Interviewer] = []
    timezone: str | None = None
    created_at: EpochMillis = None
    date: EpochMillis = None
    duration: float | None = None
    location: str | None = None
    feedback_forms: list[str] = []
    user: str | None = None
    stage: str | None = None
    canceled_at: EpochMillis = None
    postings: list[str] = []


class FormFieldValue(LeverModel):
    """One answered field of a feedback form (``type``: score-system, score, text, ...)."""

    id: str | None = None
    type: str | None = None
    text: str | None = None
    value: Any = None


class LeverFeedback(LeverModel):
    """A feedback form (scorecard). https://hire.lever.co/developer/documentation#feedback"""

    id: str
    type: str | None = None
    text: str | None = None
    fields: list[FormFieldValue] = []
    user: str | None = None
    interview: str | None = None
    panel: str | None = None
    created_at: EpochMillis = None
    updated_at: EpochMillis = None
    completed_at: EpochMillis = None
    deleted_at: EpochMillis = None


class NoteComment(LeverModel):
    type: str | None = None
    text: str | None = None
    value: str | None = None
    user: str | None = None
    created_at: EpochMillis = None


class LeverNote(LeverModel):
    """A note thread. https://hire.lever.co/developer/documentation#notes"""

    id: str
    text: str | None = None
    fields: list[NoteComment] = []
    user: str | None = None
    secret: bool | None = None
    created_at: EpochMillis = None
    completed_at: EpochMillis = None
    deleted_at: EpochMillis = None


class OfferField(LeverModel):
    text: str | None = None
    identifier: str | None = None
    value: Any = None


class OfferDocument(LeverModel):
    file_name: str | None = None
    uploaded_at: EpochMillis = None
    download_url: str | None = None


class LeverOffer(LeverModel):
    """https://hire.lever.co/developer/documentation#offers (no single-offer read endpoint)."""

    id: str
    created_at: EpochMillis = None
    status: str | None = None
    creator: str | None = None
    fields: list[OfferField] = []
    sent_document: OfferDocument | None = None
    signed_document: OfferDocument | None = None
    approved_at: EpochMillis = None
    sent_at: EpochMillis = None

    def field(self, identifier: str) -> Any:
        for f in self.fields:
            if f.identifier == identifier:
                return f.value
        return None


class LeverFile(LeverModel):
    """A file on an opportunity. https://hire.lever.co/developer/documentation#files"""

    id: str
    download_url: str | None = None
    ext: str | None = None
    name: str | None = None
    uploaded_at: EpochMillis = None
    status: str | None = None


class ResumeFile(LeverModel):
    name: str | None = None
    ext: str | None = None
    download_url: str | None = None
    uploaded_at: EpochMillis = None


class LeverResume(LeverModel):
    """A resume (parsed by Lever). https://hire.lever.co/developer/documentation#resumes"""

    id: str
    created_at: EpochMillis = None
    file: ResumeFile | None = None


class LeverEeoResponse(LeverModel):
    """An EEO response with PII. https://hire.lever.co/developer/documentation#eeo"""

    id: str
    contact: str | None = None
    opportunity_id: str | None = None
    application_id: str | None = None
    posting: str | None = None
    eeo_survey_responded_at: EpochMillis = None
    gender: str | None = None
    race: str | None = None
    veteran: str | None = None
    disability: str | None = None


class ApplyOption(LeverModel):
    text: str
    option_id: str | None = None


class ApplyField(LeverModel):
    """One question of a posting's application form."""

    id: str | None = None
    name: str | None = None
    text: str | None = None
    type: str | None = None
    required: bool | None = None
    description: str | None = None
    options: list[ApplyOption] = []


class CustomQuestionForm(LeverModel):
    id: str | None = None
    text: str | None = None
    fields: list[ApplyField] = []


class LeverApplyForm(LeverModel):
    """``GET /postings/{id}/apply``. https://hire.lever.co/developer/documentation#retrieve-posting-application-questions"""

    id: str
    text: str | None = None
    personal_information: list[ApplyField] = []
    urls: list[ApplyField] = []
    custom_questions: list[CustomQuestionForm] = []
    eeo_questions: dict[str, ApplyField] | None = None
