"""The fields every resource type has, and federation's reference resolver."""

from __future__ import annotations

from typing import Any, ClassVar

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graph.context import Context
from providers.records import Record, Resource

from .common import build, remote_data


@strawberry.type
class Entity:
    resource: ClassVar[Resource]

    id: strawberry.ID = strawberry.field(description="Unique id of the record at its provider.")
    remote_id: str | None = strawberry.field(
        default=None, description="The provider's own id, where the provider has one (equal to id)."
    )
    record: strawberry.Private[Record]

    @strawberry.field(
        description="The provider's raw payload for this record, as received. Only fetched when selected."
    )
    def remote_data(self, info: Info[Context, Any]) -> JSON | None:
        return remote_data(info, self.record)

    @classmethod
    async def resolve_reference(cls, info: Info[Context, Any], id: strawberry.ID) -> Any:
        found = await info.context.loaders.load(cls.resource, str(id))
        return None if found is None else build(cls.resource, found, info.context)
