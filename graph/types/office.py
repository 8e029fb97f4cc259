"""The GraphQL type of an office."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import Resource

from .common import node_type
from .entity import Entity
from .relations import Children, ToOne

if TYPE_CHECKING:
    from .job import Job

JobRef = Annotated["Job", strawberry.lazy("graph.types.job")]
OfficeRef = Annotated["Office", strawberry.lazy("graph.types.office")]


PARENT = ToOne(Resource.OFFICE, "parent", Resource.OFFICE, "parent_id")
CHILDREN = Children(Resource.OFFICE, "children", Resource.OFFICE, "parent")
JOBS = Children(Resource.OFFICE, "jobs", Resource.JOB, "office")


@node_type(Resource.OFFICE)
@strawberry.federation.type(
    keys=["id"], description="An office or location of the organization; offices nest."
)
class Office(Entity):
    name: str | None = strawberry.field(default=None, description="The office's name.")
    location: str | None = strawberry.field(default=None, description="Where it is, as free text.")
    is_remote: bool | None = strawberry.field(default=None, description="Whether it stands for remote work.")
    created_at: datetime | None = strawberry.field(
        default=None, description="When the record was created at the provider (UTC)."
    )
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record was last changed at the provider (UTC)."
    )

    @strawberry.field(description="The office this one belongs to.")
    def parent(self, info: Info[Context, Any]) -> OfficeRef | None:
        return PARENT.resolve(self, info._raw_info)

    @strawberry.field(description="Offices directly under this one.")
    def children(self, info: Info[Context, Any]) -> list[OfficeRef] | None:
        return CHILDREN.resolve(self, info._raw_info)

    @strawberry.field(description="Jobs in this office.")
    def jobs(self, info: Info[Context, Any]) -> list[JobRef] | None:
        return JOBS.resolve(self, info._raw_info)
