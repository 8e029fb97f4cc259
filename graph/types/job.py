"""The GraphQL type of a job."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import JobStatus, JobType, Resource

from .common import Compensation, Team, Url, node_type
from .entity import Entity
from .relations import Children, ToMany

if TYPE_CHECKING:
    from .application import Application
    from .department import Department
    from .interview import Interview
    from .job_form_field import JobFormField
    from .job_interview_stage import JobInterviewStage
    from .offer import Offer
    from .office import Office
    from .tag import Tag
    from .user import User

ApplicationRef = Annotated["Application", strawberry.lazy("graph.types.application")]
DepartmentRef = Annotated["Department", strawberry.lazy("graph.types.department")]
InterviewRef = Annotated["Interview", strawberry.lazy("graph.types.interview")]
JobFormFieldRef = Annotated["JobFormField", strawberry.lazy("graph.types.job_form_field")]
JobInterviewStageRef = Annotated["JobInterviewStage", strawberry.lazy("graph.types.job_interview_stage")]
OfferRef = Annotated["Offer", strawberry.lazy("graph.types.offer")]
OfficeRef = Annotated["Office", strawberry.lazy("graph.types.office")]
TagRef = Annotated["Tag", strawberry.lazy("graph.types.tag")]
UserRef = Annotated["User", strawberry.lazy("graph.types.user")]


DEPARTMENTS = ToMany(Resource.JOB, "departments", Resource.DEPARTMENT, "department_ids")
OFFICES = ToMany(Resource.JOB, "offices", Resource.OFFICE, "office_ids")
HIRING_MANAGERS = ToMany(Resource.JOB, "hiring_managers", Resource.USER, "hiring_manager_ids")
RECRUITERS = ToMany(Resource.JOB, "recruiters", Resource.USER, "recruiter_ids")
TAGS = ToMany(Resource.JOB, "tags", Resource.TAG, "tag_ids")
APPLICATIONS = Children(Resource.JOB, "applications", Resource.APPLICATION, "job")
STAGES = Children(Resource.JOB, "stages", Resource.JOB_INTERVIEW_STAGE, "job")
FORM_FIELDS = Children(Resource.JOB, "form_fields", Resource.JOB_FORM_FIELD, "job")
INTERVIEWS = Children(Resource.JOB, "interviews", Resource.INTERVIEW, "job")
OFFERS = Children(Resource.JOB, "offers", Resource.OFFER, "job")


@node_type(Resource.JOB)
@strawberry.federation.type(keys=["id"], description="An open or past position that candidates apply to.")
class Job(Entity):
    name: str | None = strawberry.field(default=None, description="The job's title.")
    description: str | None = strawberry.field(default=None, description="The job description (may be HTML).")
    code: str | None = strawberry.field(
        default=None, description="The job's code or shortcode at the provider."
    )
    requisition_id: str | None = strawberry.field(default=None, description="The requisition id.")
    status: JobStatus | None = strawberry.field(
        default=None,
        description="Lifecycle status. Unmapped provider values are OTHER, with the raw value in rawStatus.",
    )
    raw_status: str | None = strawberry.field(
        default=None, description="The provider's own value behind status, unmapped."
    )
    locations: list[str] | None = strawberry.field(
        default_factory=list, description="Where the job is, as free text."
    )
    job_posting_urls: list[Url] | None = strawberry.field(
        default_factory=list, description="Where the job is advertised."
    )
    confidential: bool | None = strawberry.field(default=None, description="Whether the job is confidential.")
    teams: list[Team] | None = strawberry.field(default_factory=list, description="Teams the job belongs to.")
    is_remote: bool | None = strawberry.field(default=None, description="Whether the job is remote.")
    job_type: JobType | None = strawberry.field(
        default=None,
        description="Employment type. Unmapped provider values are OTHER, with the raw value in rawJobType.",
    )
    raw_job_type: str | None = strawberry.field(
        default=None, description="The provider's own value behind jobType, unmapped."
    )
    job_position_level: str | None = strawberry.field(
        default=None, description="Seniority level, as the provider states it."
    )
    compensation: Compensation | None = strawberry.field(default=None, description="Pay range.")
    created_at: datetime | None = strawberry.field(
        default=None, description="When the record was created at the provider (UTC)."
    )
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record was last changed at the provider (UTC)."
    )
    closed_at: datetime | None = strawberry.field(default=None, description="When the job closed (UTC).")
    opened_at: datetime | None = strawberry.field(default=None, description="When the job opened (UTC).")

    @strawberry.field(description="Departments the job is in.")
    def departments(self, info: Info[Context, Any]) -> list[DepartmentRef] | None:
        return DEPARTMENTS.resolve(self, info._raw_info)

    @strawberry.field(description="Offices the job is in.")
    def offices(self, info: Info[Context, Any]) -> list[OfficeRef] | None:
        return OFFICES.resolve(self, info._raw_info)

    @strawberry.field(description="The job's hiring managers.")
    def hiring_managers(self, info: Info[Context, Any]) -> list[UserRef] | None:
        return HIRING_MANAGERS.resolve(self, info._raw_info)

    @strawberry.field(description="The job's recruiters.")
    def recruiters(self, info: Info[Context, Any]) -> list[UserRef] | None:
        return RECRUITERS.resolve(self, info._raw_info)

    @strawberry.field(description="Tags on the job.")
    def tags(self, info: Info[Context, Any]) -> list[TagRef] | None:
        return TAGS.resolve(self, info._raw_info)

    @strawberry.field(description="Applications to the job.")
    def applications(self, info: Info[Context, Any]) -> list[ApplicationRef] | None:
        return APPLICATIONS.resolve(self, info._raw_info)

    @strawberry.field(description="The job's interview stages, in pipeline order.")
    def stages(self, info: Info[Context, Any]) -> list[JobInterviewStageRef] | None:
        return STAGES.resolve(self, info._raw_info)

    @strawberry.field(description="The job's application form.")
    def form_fields(self, info: Info[Context, Any]) -> list[JobFormFieldRef] | None:
        return FORM_FIELDS.resolve(self, info._raw_info)

    @strawberry.field(description="Interviews for the job.")
    def interviews(self, info: Info[Context, Any]) -> list[InterviewRef] | None:
        return INTERVIEWS.resolve(self, info._raw_info)

    @strawberry.field(description="Offers for the job.")
    def offers(self, info: Info[Context, Any]) -> list[OfferRef] | None:
        return OFFERS.resolve(self, info._raw_info)
