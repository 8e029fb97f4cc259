"""Greenhouse Harvest wire models (https://developers.greenhouse.io/harvest.html), lenient to
new keys and keeping the JSON they were parsed from (``WireModel``). Integer ids are read as
strings (``Id``), as records carry them. Harvest v3 has no published payload examples: we
assume its records have these v1 shapes."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from ..kit.ids import IntegerId
from ..kit.times import DayOrTimestamp, UtcTimestamp
from ..payload import WireModel

Id = IntegerId
"""A Greenhouse integer id, as the string records carry (anything else is an invalid answer)."""
Stamp = UtcTimestamp | None


class IdName(WireModel):
    """An ``{id, name}`` reference (``current_stage``, ``jobs[]``) or a user stub."""

    id: Id
    name: str | None = None


class GreenhouseAttachment(WireModel):
    """Embedded in a candidate or an application; there is no attachments endpoint."""

    filename: str | None = None
    url: str | None = None
    type: str | None = None
    created_at: Stamp = None


class GreenhouseSource(WireModel):
    id: Id | None = None
    public_name: str | None = None


GreenhouseRejectionReason = IdName
"""#the-rejection-reason-object, embedded whole in ``application.rejection_reason``."""


class GreenhouseApplication(WireModel):
    """#the-application-object"""

    id: Id
    candidate_id: Id | None = None
    applied_at: Stamp = None
    rejected_at: Stamp = None
    source: GreenhouseSource | None = None
    credited_to: IdName | None = None
    rejection_reason: GreenhouseRejectionReason | None = None
    jobs: list[IdName] = Field(default_factory=list)
    current_stage: IdName | None = None
    attachments: list[GreenhouseAttachment] = Field(default_factory=list)


class ContactValue(WireModel):
    """``{value, type}`` entries of ``phone_numbers``, ``email_addresses``, ``addresses``..."""

    value: str
    type: str | None = None


class GreenhouseCandidate(WireModel):
    """#the-candidate-object (v1 embeds the complete ``applications[]``; v3 does not)."""

    id: Id
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    title: str | None = None
    created_at: Stamp = None
    updated_at: Stamp = None
    last_activity: Stamp = None
    is_private: bool | None = None
    can_email: bool | None = None
    attachments: list[GreenhouseAttachment] = Field(default_factory=list)
    application_ids: list[Id] | None = None
    phone_numbers: list[ContactValue] = Field(default_factory=list)
    addresses: list[ContactValue] = Field(default_factory=list)
    email_addresses: list[ContactValue] = Field(default_factory=list)
    website_addresses: list[ContactValue] = Field(default_factory=list)
    social_media_addresses: list[ContactValue] = Field(default_factory=list)
    applications: list[GreenhouseApplication] | None = None


class GreenhouseUser(WireModel):
    """#the-user-object"""

    id: Id
    name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    primary_email_address: str | None = None
    emails: list[str] = Field(default_factory=list)
    disabled: bool | None = None
    created_at: Stamp = None
    updated_at: Stamp = None


class GreenhouseCustomField(WireModel):
    """An entry of ``GET /v1/custom_fields/{field_type}``: what writes must give (``required``)."""

    name_key: str | None = None
    active: bool = True
    required: bool = False


GreenhouseTag = IdName
"""#the-candidate-tag-object"""


class FeedItem(WireModel):
    """A note, e-mail or system activity of #the-activity-feed-object (``to``/``from``/``cc``
    are single strings; only notes have a ``visibility``)."""

    id: Id
    created_at: Stamp = None
    subject: str | None = None
    body: str | None = None
    user: IdName | None = None
    visibility: str | None = None
    to: str | None = None
    from_: str | None = Field(default=None, alias="from")
    cc: str | None = None


class GreenhouseActivityFeed(WireModel):
    """``GET /v1/candidates/{id}/activity_feed``: one object with three lists."""

    notes: list[FeedItem] = Field(default_factory=list)
    emails: list[FeedItem] = Field(default_factory=list)
    activities: list[FeedItem] = Field(default_factory=list)


class EeocAnswer(WireModel):
    """The docs show ``description`` (``message`` for veteran status)."""

    description: str | None = None
    message: str | None = None

    @property
    def text(self) -> str | None:
        return self.description if self.description is not None else self.message


class GreenhouseEeoc(WireModel):
    """#the-eeoc-object (one per application, no id of its own)."""

    application_id: Id
    candidate_id: Id | None = None
    race: EeocAnswer | None = None
    gender: EeocAnswer | None = None
    veteran_status: EeocAnswer | None = None
    disability_status: EeocAnswer | None = None
    submitted_at: Stamp = None


class GreenhouseDepartment(WireModel):
    """#the-department-object (``render_as=list``)."""

    id: Id
    name: str | None = None
    parent_id: Id | None = None


class OfficeLocation(WireModel):
    name: str | None = None


class GreenhouseOffice(WireModel):
    """#the-office-object (``render_as=list``)."""

    id: Id
    name: str | None = None
    location: OfficeLocation | None = None
    parent_id: Id | None = None


class HiringTeam(WireModel):
    hiring_managers: list[IdName] = Field(default_factory=list)
    recruiters: list[IdName] = Field(default_factory=list)


class GreenhouseJob(WireModel):
    """#the-job-object (departments and offices embedded whole)."""

    id: Id
    name: str | None = None
    requisition_id: str | None = None
    confidential: bool | None = None
    status: str | None = None
    created_at: Stamp = None
    opened_at: Stamp = None
    closed_at: Stamp = None
    updated_at: Stamp = None
    departments: list[GreenhouseDepartment] = Field(default_factory=list)
    offices: list[GreenhouseOffice] = Field(default_factory=list)
    hiring_team: HiringTeam | None = None


class GreenhouseJobStage(WireModel):
    """#the-job-stage-object"""

    id: Id
    name: str | None = None
    created_at: Stamp = None
    updated_at: Stamp = None
    job_id: Id | None = None
    priority: int | None = None


class QuestionValue(WireModel):
    value: int | str | None = None
    label: str


class GreenhouseQuestion(WireModel):
    """One entry of a job post's ``questions[]`` (the application form)."""

    required: bool | None = None
    private: bool | None = None
    label: str | None = None
    name: str
    type: str | None = None
    values: list[QuestionValue] = Field(default_factory=list)
    description: str | None = None


class GreenhouseJobPost(WireModel):
    """#the-job-post-object"""

    id: Id
    job_id: Id | None = None
    questions: list[GreenhouseQuestion] = Field(default_factory=list)


class InterviewTime(WireModel):
    """``{date_time}`` for a timed interview or ``{date}`` for an all-day one."""

    date_time: Stamp = None
    date: DayOrTimestamp | None = None

    @property
    def moment(self) -> Any:
        return self.date_time if self.date_time is not None else self.date


class GreenhouseScheduledInterview(WireModel):
    """#the-scheduled-interview-object"""

    id: Id
    application_id: Id | None = None
    start: InterviewTime | None = None
    end: InterviewTime | None = None
    location: str | None = None
    status: str | None = None
    created_at: Stamp = None
    updated_at: Stamp = None
    organizer: IdName | None = None
    interviewers: list[IdName] = Field(default_factory=list)


class ScorecardQuestion(WireModel):
    question: str
    answer: str | None = None


class GreenhouseScorecard(WireModel):
    """#the-scorecard-object"""

    id: Id
    created_at: Stamp = None
    updated_at: Stamp = None
    candidate_id: Id | None = None
    application_id: Id | None = None
    interviewer: IdName | None = None
    submitted_at: Stamp = None
    overall_recommendation: str | None = None
    questions: list[ScorecardQuestion] = Field(default_factory=list)


class GreenhouseOffer(WireModel):
    """#the-offer-object (``sent_at`` is a day, ``starts_at`` a date, ``resolved_at`` a timestamp)."""

    id: Id
    application_id: Id | None = None
    job_id: Id | None = None
    candidate_id: Id | None = None
    created_at: Stamp = None
    updated_at: Stamp = None
    sent_at: DayOrTimestamp | None = None
    resolved_at: Stamp = None
    starts_at: date | None = None
    status: str | None = None
