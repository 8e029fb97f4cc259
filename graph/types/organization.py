"""The GraphQL type of an organization."""

from __future__ import annotations

from datetime import datetime

import strawberry

from providers.records import Resource

from .common import node_type
from .entity import Entity


@node_type(Resource.ORGANIZATION)
@strawberry.federation.type(keys=["id"], description="The organization (company account) at the provider.")
class Organization(Entity):
    name: str | None = strawberry.field(default=None, description="The organization's name.")
    created_at: datetime | None = strawberry.field(
        default=None, description="When the record was created at the provider (UTC)."
    )
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record was last changed at the provider (UTC)."
    )
