"""The GraphQL type of an user."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import Resource

from .common import EmailAddress, node_type
from .entity import Entity
from .relations import Children

if TYPE_CHECKING:
    from .interview import Interview
    from .job import Job

InterviewRef = Annotated["Interview", strawberry.lazy("graph.types.interview")]
JobRef = Annotated["Job", strawberry.lazy("graph.types.job")]


INTERVIEWS = Children(Resource.USER, "interviews", Resource.INTERVIEW, "organizer")
HIRING_MANAGER_JOBS = Children(Resource.USER, "hiring_manager_jobs", Resource.JOB, "hiring_manager")
RECRUITER_JOBS = Children(Resource.USER, "recruiter_jobs", Resource.JOB, "recruiter")


@node_type(Resource.USER)
@strawberry.federation.type(
    keys=["id"],
    description="A person with an account at the provider: recruiter, interviewer, hiring manager.",
)
class User(Entity):
    first_name: str | None = strawberry.field(default=None, description="Given name.")
    last_name: str | None = strawberry.field(default=None, description="Family name.")
    name: str | None = strawberry.field(default=None, description="Full name.")
    emails: list[EmailAddress] | None = strawberry.field(
        default_factory=list, description="E-mail addresses."
    )
    disabled: bool | None = strawberry.field(default=None, description="Whether the account is deactivated.")
    access_role: str | None = strawberry.field(
        default=None, description="The user's role or permission level, as the provider names it."
    )
    created_at: datetime | None = strawberry.field(
        default=None, description="When the record was created at the provider (UTC)."
    )
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record was last changed at the provider (UTC)."
    )

    @strawberry.field(description="Interviews the user organised.")
    def interviews(self, info: Info[Context, Any]) -> list[InterviewRef] | None:
        return INTERVIEWS.resolve(self, info._raw_info)

    @strawberry.field(description="Jobs the user is a hiring manager of.")
    def hiring_manager_jobs(self, info: Info[Context, Any]) -> list[JobRef] | None:
        return HIRING_MANAGER_JOBS.resolve(self, info._raw_info)

    @strawberry.field(description="Jobs the user recruits for.")
    def recruiter_jobs(self, info: Info[Context, Any]) -> list[JobRef] | None:
        return RECRUITER_JOBS.resolve(self, info._raw_info)
