"""The GraphQL type of a job."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, cast

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import JobRecord, JobStatus, JobType, Resource

from .common import Compensation, Team, Url, load_children, load_ids, node_type
from .entity import Entity

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

    def _rec(self) -> JobRecord:
        return cast(JobRecord, self.record)

    @strawberry.field(description="Departments the job is in.")
    def departments(self, info: Info[Context, Any]) -> list[DepartmentRef] | None:
        rec = self._rec()
        return load_ids(info, self.resource, "departments", Resource.DEPARTMENT, rec.department_ids)

    @strawberry.field(description="Offices the job is in.")
    def offices(self, info: Info[Context, Any]) -> list[OfficeRef] | None:
        rec = self._rec()
        return load_ids(info, self.resource, "offices", Resource.OFFICE, rec.office_ids)

    @strawberry.field(description="The job's hiring managers.")
    def hiring_managers(self, info: Info[Context, Any]) -> list[UserRef] | None:
        rec = self._rec()
        return load_ids(info, self.resource, "hiring_managers", Resource.USER, rec.hiring_manager_ids)

    @strawberry.field(description="The job's recruiters.")
    def recruiters(self, info: Info[Context, Any]) -> list[UserRef] | None:
        rec = self._rec()
        return load_ids(info, self.resource, "recruiters", Resource.USER, rec.recruiter_ids)

    @strawberry.field(description="Tags on the job.")
    def tags(self, info: Info[Context, Any]) -> list[TagRef] | None:
        rec = self._rec()
        return load_ids(info, self.resource, "tags", Resource.TAG, rec.tag_ids)

    @strawberry.field(description="Applications to the job.")
    def applications(self, info: Info[Context, Any]) -> list[ApplicationRef] | None:
        return load_children(info, Resource.APPLICATION, "job", self.id)

    @strawberry.field(description="The job's interview stages, in pipeline order.")
    def stages(self, info: Info[Context, Any]) -> list[JobInterviewStageRef] | None:
        return load_children(info, Resource.JOB_INTERVIEW_STAGE, "job", self.id)

    @strawberry.field(description="The job's application form.")
    def form_fields(self, info: Info[Context, Any]) -> list[JobFormFieldRef] | None:
        return load_children(info, Resource.JOB_FORM_FIELD, "job", self.id)

    @strawberry.field(description="Interviews for the job.")
    def interviews(self, info: Info[Context, Any]) -> list[InterviewRef] | None:
        return load_children(info, Resource.INTERVIEW, "job", self.id)

    @strawberry.field(description="Offers for the job.")
    def offers(self, info: Info[Context, Any]) -> list[OfferRef] | None:
        return load_children(info, Resource.OFFER, "job", self.id)
