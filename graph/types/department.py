"""The GraphQL type of a department."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, cast

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import DepartmentRecord, Resource

from .common import load_children, load_one, node_type
from .entity import Entity

if TYPE_CHECKING:
    from .job import Job

DepartmentRef = Annotated["Department", strawberry.lazy("graph.types.department")]
JobRef = Annotated["Job", strawberry.lazy("graph.types.job")]


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

    def _rec(self) -> DepartmentRecord:
        return cast(DepartmentRecord, self.record)

    @strawberry.field(description="The department this one belongs to.")
    def parent(self, info: Info[Context, Any]) -> DepartmentRef | None:
        rec = self._rec()
        return load_one(info, self.resource, "parent", Resource.DEPARTMENT, rec.parent_id)

    @strawberry.field(description="Departments directly under this one.")
    def children(self, info: Info[Context, Any]) -> list[DepartmentRef] | None:
        return load_children(info, Resource.DEPARTMENT, "parent", self.id)

    @strawberry.field(description="Jobs in this department.")
    def jobs(self, info: Info[Context, Any]) -> list[JobRef] | None:
        return load_children(info, Resource.JOB, "department", self.id)
