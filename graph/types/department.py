"""The GraphQL type of a department."""

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

DepartmentRef = Annotated["Department", strawberry.lazy("graph.types.department")]
JobRef = Annotated["Job", strawberry.lazy("graph.types.job")]


PARENT = ToOne(Resource.DEPARTMENT, "parent", Resource.DEPARTMENT, "parent_id")
CHILDREN = Children(Resource.DEPARTMENT, "children", Resource.DEPARTMENT, "parent")
JOBS = Children(Resource.DEPARTMENT, "jobs", Resource.JOB, "department")


@node_type(Resource.DEPARTMENT)
@strawberry.federation.type(keys=["id"], description="A department of the organization; departments nest.")
class Department(Entity):
    name: str | None = strawberry.field(default=None, description="The department's name.")
    status: str | None = strawberry.field(
        default=None, description="The provider's status of the department, e.g. active or archived."
    )
    created_at: datetime | None = strawberry.field(
        default=None, description="When the record was created at the provider (UTC)."
    )
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record was last changed at the provider (UTC)."
    )

    @strawberry.field(description="The department this one belongs to.")
    def parent(self, info: Info[Context, Any]) -> DepartmentRef | None:
        return PARENT.resolve(self, info._raw_info)

    @strawberry.field(description="Departments directly under this one.")
    def children(self, info: Info[Context, Any]) -> list[DepartmentRef] | None:
        return CHILDREN.resolve(self, info._raw_info)

    @strawberry.field(description="Jobs in this department.")
    def jobs(self, info: Info[Context, Any]) -> list[JobRef] | None:
        return JOBS.resolve(self, info._raw_info)
