"""Pydantic models of Workable SPI v3 payloads, lenient to new fields (``extra="allow"``).

Every model keeps the exact JSON object it was validated from in ``raw`` (the unified
``remote_data``). Shapes follow the recorded responses in
``shared/fixtures/providers/workable/`` and the reference at https://workable.readme.io/reference.
"""

from __future__ import annotations

from decimal import Decimal

# An id Workable sends as a string or (``department_hierarchy``, stage ids) an integer.
from ..kit.jsonapi import IdStr

# Timestamps: "Timezone is always UTC" (https://workable.readme.io/reference/whats-new-in-v3).
from ..kit.times import AssumedUtcTimestamp
from ..payload import WireModel


class Paging(WireModel):
    """``paging`` of a collection; absent on the last page. ``next`` is a full URL."""

    next: str | None = None


class JobRef(WireModel):
    shortcode: str


class IdRef(WireModel):
    """An object named by its id alone: the candidate of an event, an activity or an offer, the
    member (or recruiter) of an event or an activity."""

    id: IdStr


class CandidateLocation(WireModel):
    location_str: str | None = None


class SocialProfile(WireModel):
    type: str | None = None
    url: str | None = None


class WorkableCandidate(WireModel):
    """A candidate: job-scoped, one per job. Collection items (``GET /candidates``) carry the
    basic keys; the detail (``GET /candidates/{id}``) adds ``tags``, ``location``,
    ``disqualified_at``, ``social_profiles``... (https://workable.readme.io/reference/job-candidates-index,
    https://workable.readme.io/reference/job-candidates-show)."""

    id: IdStr
    name: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    headline: str | None = None
    job: JobRef | None = None
    stage: str | None = None
    """The stage's display name in the recordings (the reference says its slug)."""
    disqualified: bool | None = None
    disqualified_at: AssumedUtcTimestamp | None = None
    disqualification_reason: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    common_source: str | None = None
    uploader_id: IdStr | None = None
    created_at: AssumedUtcTimestamp | None = None
    updated_at: AssumedUtcTimestamp | None = None
    tags: list[str] | None = None
    """Only on the detail; None means "not listed here", not "no tags"."""
    location: CandidateLocation | None = None
    social_profiles: list[SocialProfile] | None = None


class CandidateEnvelope(WireModel):
    candidate: WorkableCandidate


class JobLocation(WireModel):
    location_str: str | None = None
    country: str | None = None
    region: str | None = None
    city: str | None = None
    telecommuting: bool | None = None
    workplace_type: str | None = None


class JobLocationEntry(WireModel):
    country_name: str | None = None
    subregion: str | None = None
    city: str | None = None


class Salary(WireModel):
    salary_from: Decimal | None = None
    salary_to: Decimal | None = None
    salary_currency: str | None = None


class DepartmentRef(WireModel):
    id: IdStr
    name: str | None = None


class WorkableJob(WireModel):
    """A job, addressed by ``shortcode`` (https://workable.readme.io/reference/jobs,
    https://workable.readme.io/reference/jobsshortcode)."""

    id: IdStr
    shortcode: str
    title: str | None = None
    code: str | None = None
    state: str | None = None
    confidential: bool | None = None
    department: str | None = None
    department_hierarchy: list[DepartmentRef] = []
    url: str | None = None
    application_url: str | None = None
    shortlink: str | None = None
    workplace_type: str | None = None
    location: JobLocation | None = None
    locations: list[JobLocationEntry] = []
    salary: Salary | None = None
    full_description: str | None = None
    employment_type: str | None = None
    experience: str | None = None
    created_at: AssumedUtcTimestamp | None = None
    updated_at: AssumedUtcTimestamp | None = None


class WorkableStage(WireModel):
    """A pipeline stage (``GET /jobs/{shortcode}/stages``, ``GET /stages``); ``slug`` is
    what ``POST /candidates/{id}/move`` expects (https://workable.readme.io/reference/stages)."""

    slug: str
    name: str | None = None
    position: int | None = None


class WorkableDepartment(WireModel):
    """``GET /departments`` (a bare array; https://workable.readme.io/reference/departments)."""

    id: IdStr
    name: str | None = None
    parent_id: IdStr | None = None


class WorkableMember(WireModel):
    """``GET /members`` (https://workable.readme.io/reference/members)."""

    id: IdStr
    name: str | None = None
    email: str | None = None
    role: str | None = None
    active: bool | None = None


class WorkableDisqualificationReason(WireModel):
    """``GET /disqualification_reasons`` (a bare array)."""

    id: IdStr
    description: str | None = None


class WorkableAccount(WireModel):
    """``GET https://www.workable.com/spi/v3/accounts/{subdomain}``
    (https://workable.readme.io/reference/accounts)."""

    id: IdStr
    name: str | None = None


class Conference(WireModel):
    url: str | None = None


class WorkableEvent(WireModel):
    """A scheduled event: ``GET /events``, ``GET /events/{id}``
    (https://workable.readme.io/reference/events)."""

    id: IdStr
    starts_at: AssumedUtcTimestamp | None = None
    ends_at: AssumedUtcTimestamp | None = None
    cancelled: bool | None = None
    members: list[IdRef] = []
    candidate: IdRef | None = None
    conference: Conference | None = None


class WorkableActivity(WireModel):
    """``GET /candidates/{id}/activities`` (https://workable.readme.io/reference/candidate-activities)."""

    id: IdStr
    action: str | None = None
    member: IdRef | None = None
    candidate: IdRef | None = None
    body: str | None = None
    created_at: AssumedUtcTimestamp | None = None
    updated_at: AssumedUtcTimestamp | None = None


class WorkableOffer(WireModel):
    """``GET /candidates/{id}/offer``: the candidate's latest offer; it has no id of its own
    (https://workable.readme.io/reference/candidatesidoffer). A candidate without an offer
    answers with the ``candidate`` key alone (recorded in ``GET_candidates_id_offer.json``)."""

    candidate: IdRef | None = None
    created_at: AssumedUtcTimestamp | None = None
    state: str | None = None


class FormFieldChoice(WireModel):
    id: IdStr | None = None
    body: str


class WorkableFormField(WireModel):
    """An application-form field; ``complex`` fields group their ``fields``
    (https://workable.readme.io/reference/jobsshortcodeapplication_form)."""

    key: str
    label: str | None = None
    type: str | None = None
    required: bool | None = None
    fields: list[WorkableFormField] = []


class WorkableQuestion(WireModel):
    """A job question, in ``application_form.questions`` and ``GET /jobs/{shortcode}/questions``."""

    id: IdStr
    body: str | None = None
    type: str | None = None
    required: bool | None = None
    single_answer: bool | None = None
    choices: list[FormFieldChoice] = []


class WorkableApplicationForm(WireModel):
    form_fields: list[WorkableFormField] = []
    questions: list[WorkableQuestion] = []
