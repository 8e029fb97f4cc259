"""The GraphQL type of a tag."""

from __future__ import annotations

from datetime import datetime

import strawberry

from providers.records import Resource

from .common import node_type
from .entity import Entity


@node_type(Resource.TAG)
@strawberry.federation.type(keys=["id"], description="A label on candidates or jobs.")
class Tag(Entity):
    name: str | None = strawberry.field(default=None, description="The tag.")
    created_at: datetime | None = strawberry.field(
        default=None, description="When the record was created at the provider (UTC)."
    )
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record was last changed at the provider (UTC)."
    )
