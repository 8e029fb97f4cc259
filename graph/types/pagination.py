"""Relay cursor connections and the shared sort input."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry

from providers.query import SortField

T = TypeVar("T")


@strawberry.type(description="Where a page stands in the whole list (Relay).")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether a following page exists.")
    has_previous_page: bool = strawberry.field(
        description="Always false: lists are read forward only, with first/after."
    )
    start_cursor: str | None = strawberry.field(description="Cursor of the first edge.")
    end_cursor: str | None = strawberry.field(
        description="Pass as `after` to read on. When the gateway stops a filter scan early "
        "this points past the records it read, even if no edge carries it."
    )


def _cursor(root: Any) -> str:
    # encoded only when selected: most queries (an export) never ask for it
    return root.position()


@strawberry.type(description="One record of a page and the cursor after it.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(
        resolver=_cursor, description="Opaque position after this record; pass as `after`."
    )
    node: T = strawberry.field(description="The record.")
    position: strawberry.Private[Callable[[], str]]


@strawberry.type(description="A page of records (Relay cursor connection).")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The records of this page, in order.")
    page_info: PageInfo = strawberry.field(description="How to read on.")


strawberry.enum(SortField, description="What a list can be ordered by.")


@strawberry.enum(description="Sort direction.")
class SortDirection(Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.input(description="Order of a list. Refused when the provider cannot sort that way itself.")
class OrderBy:
    field: SortField = strawberry.field(description="The timestamp to order by.")
    direction: SortDirection = strawberry.field(
        default=SortDirection.ASC, description="Ascending or descending."
    )
