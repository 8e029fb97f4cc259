"""Root fields for users: a cursor connection with filters, and a by-id field."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from graph.types.pagination import Connection, OrderBy
from graph.types.user import User
from providers.records import Resource

from .filtering import TimeRangeFilter
from .listing import get_by_id, list_connection, to_filter, to_sort


@strawberry.input(
    description="Filters for users; all given filters must hold. Filters the connected provider cannot apply itself are applied by the gateway on the records it reads (at most a bounded number of pages per request)."
)
class UserFilter(TimeRangeFilter):
    email: str | None = strawberry.field(default=None, description="Exact e-mail address, case-insensitive.")
    name: str | None = strawberry.field(
        default=None, description="Name contains this text, case-insensitive."
    )


@strawberry.type
class UserQuery:
    @strawberry.field(description="User records, a page at a time (Relay cursor connection).")
    async def users(
        self,
        info: Info[Context, Any],
        first: Annotated[
            int | None, strawberry.argument(description="Page size; default 50, at most 100.")
        ] = None,
        after: Annotated[str | None, strawberry.argument(description="Read after this cursor.")] = None,
        filter: Annotated[UserFilter | None, strawberry.argument(description="Which records.")] = None,
        order_by: Annotated[
            OrderBy | None, strawberry.argument(description="Order; default is the provider's.")
        ] = None,
    ) -> Connection[User] | None:
        return await list_connection(info, Resource.USER, first, after, to_filter(filter), to_sort(order_by))

    @strawberry.field(description="One user by id; null when the provider has none.")
    async def user(self, info: Info[Context, Any], id: strawberry.ID) -> User | None:
        return await get_by_id(info, Resource.USER, str(id))
