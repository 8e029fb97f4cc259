"""The GraphQL type of a reject reason."""

from __future__ import annotations

from datetime import datetime

import strawberry

from providers.records import Resource

from .common import node_type
from .entity import Entity


@node_type(Resource.REJECT_REASON)
@strawberry.federation.type(keys=["id"], description="A reason an application can be rejected for.")
class RejectReason(Entity):
    name: str | None = strawberry.field(default=None, description="The reason as users see it.")
    created_at: datetime | None = strawberry.field(
        default=None, description="When the record was created at the provider (UTC)."
    )
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record was last changed at the provider (UTC)."
    )
