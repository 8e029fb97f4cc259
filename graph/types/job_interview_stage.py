"""The GraphQL type of a job interview stage."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, cast

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import JobInterviewStageRecord, Resource

from .common import load_one, node_type
from .entity import Entity

if TYPE_CHECKING:
    from .job import Job

JobRef = Annotated["Job", strawberry.lazy("graph.types.job")]


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

    def _rec(self) -> JobInterviewStageRecord:
        return cast(JobInterviewStageRecord, self.record)

    @strawberry.field(description="The job the stage belongs to; null where stages are account-wide.")
    def job(self, info: Info[Context, Any]) -> JobRef | None:
        rec = self._rec()
        return load_one(info, self.resource, "job", Resource.JOB, rec.job_id)
