"""Root fields for job interview stages: a cursor connection with filters, and a by-id field."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from graph.types.job_interview_stage import JobInterviewStage
from graph.types.pagination import Connection, OrderBy
from providers.records import Resource

from .filtering import TimeRangeFilter
from .listing import get_by_id, list_connection, to_filter, to_sort


@strawberry.input(
    description="Filters for job interview stages; all given filters must hold. Filters the connected provider cannot apply itself are applied by the gateway on the records it reads (at most a bounded number of pages per request)."
)
class JobInterviewStageFilter(TimeRangeFilter):
    job_id: strawberry.ID | None = strawberry.field(default=None, description="Only records of this job.")


@strawberry.type
class JobInterviewStageQuery:
    @strawberry.field(description="JobInterviewStage records, a page at a time (Relay cursor connection).")
    async def job_interview_stages(
        self,
        info: Info[Context, Any],
        first: Annotated[
            int | None, strawberry.argument(description="Page size; default 50, at most 100.")
        ] = None,
        after: Annotated[str | None, strawberry.argument(description="Read after this cursor.")] = None,
        filter: Annotated[
            JobInterviewStageFilter | None, strawberry.argument(description="Which records.")
        ] = None,
        order_by: Annotated[
            OrderBy | None, strawberry.argument(description="Order; default is the provider's.")
        ] = None,
    ) -> Connection[JobInterviewStage] | None:
        return await list_connection(
            info, Resource.JOB_INTERVIEW_STAGE, first, after, to_filter(filter), to_sort(order_by)
        )

    @strawberry.field(description="One job interview stage by id; null when the provider has none.")
    async def job_interview_stage(
        self, info: Info[Context, Any], id: strawberry.ID
    ) -> JobInterviewStage | None:
        return await get_by_id(info, Resource.JOB_INTERVIEW_STAGE, str(id))
