"""Ashby's wire format, continued: jobs, job postings, departments, locations.

See ``payloads.py`` for the envelope and the conventions (camelCase aliases, raw JSON kept).
"""

from __future__ import annotations

from pydantic import Field

from ..kit.times import UtcTimestamp
from .payloads import AshbyInterviewStage, AshbyModel, AshbyUser


class AshbyHiringTeamMember(AshbyModel):
    """``{userId, firstName, lastName, email, role}``; ``role`` is a free label
    such as ``Hiring Manager`` or ``Recruiter``."""

    user_id: str
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    role: str | None = None


class AshbyPostalAddress(AshbyModel):
    address_country: str | None = None
    address_region: str | None = None
    address_locality: str | None = None


class AshbyAddress(AshbyModel):
    postal_address: AshbyPostalAddress | None = None


class AshbyLocation(AshbyModel):
    """``location.list`` / ``location.info`` result; also ``job.location`` with ``expand: ["location"]``.
    No recorded example: shape from the OpenAPI spec.
    https://developers.ashbyhq.com/reference/locationlist"""

    id: str
    name: str | None = None
    is_archived: bool | None = None
    address: AshbyAddress | None = None
    is_remote: bool | None = None
    workplace_type: str | None = None
    parent_location_id: str | None = None
    type: str | None = None


class AshbyJob(AshbyModel):
    """``job.list`` / ``job.info`` result. https://developers.ashbyhq.com/reference/joblist"""

    id: str
    title: str | None = None
    confidential: bool | None = None
    status: str | None = None
    employment_type: str | None = None
    location_id: str | None = None
    department_id: str | None = None
    default_interview_plan_id: str | None = None
    job_posting_ids: list[str] = Field(default_factory=list)
    custom_requisition_id: str | None = None
    hiring_team: list[AshbyHiringTeamMember] = Field(default_factory=list)
    author: AshbyUser | None = None
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None
    opened_at: UtcTimestamp | None = None
    closed_at: UtcTimestamp | None = None
    location: AshbyLocation | None = None


class AshbyJobPostingSummary(AshbyModel):
    """``jobPosting.list`` result. https://developers.ashbyhq.com/reference/jobpostinglist"""

    id: str
    title: str | None = None
    job_id: str
    is_listed: bool | None = None
    external_link: str | None = None
    apply_link: str | None = None
    updated_at: UtcTimestamp | None = None


class AshbySelectableValue(AshbyModel):
    label: str
    value: str | None = None


class AshbyFormFieldDefinition(AshbyModel):
    id: str
    type: str | None = None
    path: str | None = None
    human_readable_path: str | None = None
    title: str | None = None
    is_nullable: bool | None = None
    selectable_values: list[AshbySelectableValue] = Field(default_factory=list)


class AshbyFormField(AshbyModel):
    """One entry of a form section: ``{isRequired, field{}, descriptionPlain, descriptionHtml}``."""

    is_required: bool | None = None
    field: AshbyFormFieldDefinition
    description_plain: str | None = None


class AshbyFormSection(AshbyModel):
    title: str | None = None
    fields: list[AshbyFormField] = Field(default_factory=list)


class AshbyFormDefinition(AshbyModel):
    sections: list[AshbyFormSection] = Field(default_factory=list)


class AshbyJobPosting(AshbyModel):
    """``jobPosting.info`` result (carries ``applicationFormDefinition``).
    https://developers.ashbyhq.com/reference/jobpostinginfo"""

    id: str
    title: str | None = None
    job_id: str
    application_form_definition: AshbyFormDefinition | None = None


class AshbyDepartment(AshbyModel):
    """``department.list`` / ``department.info`` result.
    https://developers.ashbyhq.com/reference/departmentlist"""

    id: str
    name: str | None = None
    is_archived: bool | None = None
    parent_id: str | None = None
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None


class AshbyJobInterviewPlan(AshbyModel):
    """``jobInterviewPlan.info`` result: a job's plan and its ordered stages.
    No recorded example: shape from the OpenAPI spec.
    https://developers.ashbyhq.com/reference/jobinterviewplaninfo"""

    job_id: str
    interview_plan_id: str | None = None
    stages: list[AshbyInterviewStage] = Field(default_factory=list)
