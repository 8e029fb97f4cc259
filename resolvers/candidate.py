"""Root fields for candidates: a cursor connection with filters, and a by-id field."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from graph.types.candidate import Candidate
from graph.types.pagination import Connection, OrderBy
from providers.records import Resource

from .filtering import TimeRangeFilter
from .listing import get_by_id, list_connection, to_filter, to_sort


@strawberry.input(
    description="Filters for candidates; all given filters must hold. Filters the connected provider cannot apply itself are applied by the gateway on the records it reads (at most a bounded number of pages per request); jobId, tags cannot be decided from the records alone and are refused where the provider lacks it."
)
class CandidateFilter(TimeRangeFilter):
    job_id: strawberry.ID | None = strawberry.field(default=None, description="Only records of this job.")
    email: str | None = strawberry.field(default=None, description="Exact e-mail address, case-insensitive.")
    name: str | None = strawberry.field(
        default=None, description="Name contains this text, case-insensitive."
    )
    title: str | None = strawberry.field(
        default=None, description="Title contains this text, case-insensitive."
    )
    company: str | None = strawberry.field(
        default=None, description="Company contains this text, case-insensitive."
    )
    tags: list[str] | None = strawberry.field(
        default=None, description="Only records carrying every one of these tag names, case-insensitive."
    )


@strawberry.type
class CandidateQuery:
    @strawberry.field(description="Candidate records, a page at a time (Relay cursor connection).")
    async def candidates(
        self,
        info: Info[Context, Any],
        first: Annotated[
            int | None, strawberry.argument(description="Page size; default 50, at most 100.")
        ] = None,
        after: Annotated[str | None, strawberry.argument(description="Read after this cursor.")] = None,
        filter: Annotated[CandidateFilter | None, strawberry.argument(description="Which records.")] = None,
        order_by: Annotated[
            OrderBy | None, strawberry.argument(description="Order; default is the provider's.")
        ] = None,
    ) -> Connection[Candidate] | None:
        return await list_connection(
            info, Resource.CANDIDATE, first, after, to_filter(filter), to_sort(order_by)
        )

    @strawberry.field(description="One candidate by id; null when the provider has none.")
    async def candidate(self, info: Info[Context, Any], id: strawberry.ID) -> Candidate | None:
        return await get_by_id(info, Resource.CANDIDATE, str(id))
