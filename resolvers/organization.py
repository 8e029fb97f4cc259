"""Root fields for organizations: a cursor connection with filters, and a by-id field."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from graph.types.organization import Organization
from graph.types.pagination import Connection, OrderBy
from providers.records import Resource

from .filtering import TimeRangeFilter
from .listing import get_by_id, list_connection, to_filter, to_sort


@strawberry.input(
    description="Filters for organizations; all given filters must hold. Filters the connected provider cannot apply itself are applied by the gateway on the records it reads (at most a bounded number of pages per request)."
)
class OrganizationFilter(TimeRangeFilter):
    name: str | None = strawberry.field(
        default=None, description="Name contains this text, case-insensitive."
    )


@strawberry.type
class OrganizationQuery:
    @strawberry.field(description="Organization records, a page at a time (Relay cursor connection).")
    async def organizations(
        self,
        info: Info[Context, Any],
        first: Annotated[
            int | None, strawberry.argument(description="Page size; default 50, at most 100.")
        ] = None,
        after: Annotated[str | None, strawberry.argument(description="Read after this cursor.")] = None,
        filter: Annotated[
            OrganizationFilter | None, strawberry.argument(description="Which records.")
        ] = None,
        order_by: Annotated[
            OrderBy | None, strawberry.argument(description="Order; default is the provider's.")
        ] = None,
    ) -> Connection[Organization] | None:
        return await list_connection(
            info, Resource.ORGANIZATION, first, after, to_filter(filter), to_sort(order_by)
        )

    @strawberry.field(description="One organization by id; null when the provider has none.")
    async def organization(self, info: Info[Context, Any], id: strawberry.ID) -> Organization | None:
        return await get_by_id(info, Resource.ORGANIZATION, str(id))
