"""The GraphQL type of a job interview stage."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import Resource

from .common import node_type
from .entity import Entity
from .relations import ToOne

if TYPE_CHECKING:
    from .job import Job

JobRef = Annotated["Job", strawberry.lazy("graph.types.job")]


JOB = ToOne(Resource.JOB_INTERVIEW_STAGE, "job", Resource.JOB, "job_id")


@node_type(Resource.JOB_INTERVIEW_STAGE)
@strawberry.federation.type(keys=["id"], description="A stage of a job's hiring pipeline.")
class JobInterviewStage(Entity):
    name: str | None = strawberry.field(default=None, description="The stage's name.")
    status: str | None = strawberry.field(
        default=None, description="The provider's status or kind of the stage."
    )
    position: int | None = strawberry.field(default=None, description="Order in the pipeline, from 0.")
    created_at: datetime | None = strawberry.field(
        default=None, description="When the record was created at the provider (UTC)."
    )
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record was last changed at the provider (UTC)."
    )

    @strawberry.field(description="The job the stage belongs to; null where stages are account-wide.")
    def job(self, info: Info[Context, Any]) -> JobRef | None:
        return JOB.resolve(self, info._raw_info)
