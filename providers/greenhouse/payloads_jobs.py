"""Greenhouse Harvest wire models: jobs and the hiring process (jobs, departments, offices,
stages, job posts, scheduled interviews, scorecards, offers).

Reference: https://developers.greenhouse.io/harvest.html (see ``payloads`` for the conventions).
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from ..kit.times import DayOrTimestamp, UtcTimestamp
from .payloads import GreenhouseModel, IdName, UserStub


class GreenhouseDepartment(GreenhouseModel):
    """https://developers.greenhouse.io/harvest.html#the-department-object (``render_as=list``)."""

    id: int
    name: str | None = None
    parent_id: int | None = None
    child_ids: list[int] = Field(default_factory=list)


class OfficeLocation(GreenhouseModel):
    name: str | None = None


class GreenhouseOffice(GreenhouseModel):
    """https://developers.greenhouse.io/harvest.html#the-office-object (``render_as=list``)."""

    id: int
    name: str | None = None
    location: OfficeLocation | None = None
    parent_id: int | None = None
    child_ids: list[int] = Field(default_factory=list)


class HiringTeam(GreenhouseModel):
    hiring_managers: list[UserStub] = Field(default_factory=list)
    recruiters: list[UserStub] = Field(default_factory=list)


class GreenhouseJob(GreenhouseModel):
    """https://developers.greenhouse.io/harvest.html#the-job-object"""

    id: int
    name: str | None = None
    requisition_id: str | None = None
    confidential: bool | None = None
    status: str | None = None
    created_at: UtcTimestamp | None = None
    opened_at: UtcTimestamp | None = None
    closed_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None
    departments: list[GreenhouseDepartment] = Field(default_factory=list)
    offices: list[GreenhouseOffice] = Field(default_factory=list)
    hiring_team: HiringTeam | None = None


class GreenhouseJobStage(GreenhouseModel):
    """https://developers.greenhouse.io/harvest.html#the-job-stage-object"""

    id: int
    name: str | None = None
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None
    job_id: int | None = None
    priority: int | None = None


class QuestionValue(GreenhouseModel):
    value: int | str | None = None
    label: str


class GreenhouseQuestion(GreenhouseModel):
    """One entry of a job post's ``questions[]`` (the application form)."""

    required: bool | None = None
    private: bool | None = None
    label: str | None = None
    name: str
    type: str | None = None
    values: list[QuestionValue] = Field(default_factory=list)
    description: str | None = None


class GreenhouseJobPost(GreenhouseModel):
    """https://developers.greenhouse.io/harvest.html#the-job-post-object"""

    id: int
    job_id: int | None = None
    questions: list[GreenhouseQuestion] = Field(default_factory=list)


class InterviewTime(GreenhouseModel):
    """``{date_time}`` for a timed interview or ``{date}`` for an all-day one."""

    date_time: UtcTimestamp | None = None
    date: DayOrTimestamp | None = None


class Interviewer(GreenhouseModel):
    id: int
    name: str | None = None
    email: str | None = None
    scorecard_id: int | None = None


class GreenhouseScheduledInterview(GreenhouseModel):
    """https://developers.greenhouse.io/harvest.html#the-scheduled-interview-object"""

    id: int
    application_id: int | None = None
    start: InterviewTime | None = None
    end: InterviewTime | None = None
    location: str | None = None
    status: str | None = None
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None
    interview: IdName | None = None
    organizer: UserStub | None = None
    interviewers: list[Interviewer] = Field(default_factory=list)


class ScorecardQuestion(GreenhouseModel):
    id: int | None = None
    question: str
    answer: str | None = None


class GreenhouseScorecard(GreenhouseModel):
    """https://developers.greenhouse.io/harvest.html#the-scorecard-object"""

    id: int
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None
    candidate_id: int | None = None
    application_id: int | None = None
    interviewer: UserStub | None = None
    submitted_at: UtcTimestamp | None = None
    overall_recommendation: str | None = None
    questions: list[ScorecardQuestion] = Field(default_factory=list)


class GreenhouseOffer(GreenhouseModel):
    """https://developers.greenhouse.io/harvest.html#the-offer-object (``sent_at`` is a day,
    ``starts_at`` a date, ``resolved_at`` a timestamp)."""

    id: int
    application_id: int | None = None
    job_id: int | None = None
    candidate_id: int | None = None
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None
    sent_at: DayOrTimestamp | None = None
    resolved_at: UtcTimestamp | None = None
    starts_at: date | None = None
    status: str | None = None
