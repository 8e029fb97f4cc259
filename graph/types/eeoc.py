"""The GraphQL type of an eeoc."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import Resource

from .common import node_type
from .entity import Entity
from .relations import ToOne

if TYPE_CHECKING:
    from .candidate import Candidate

CandidateRef = Annotated["Candidate", strawberry.lazy("graph.types.candidate")]


CANDIDATE = ToOne(Resource.EEOC, "candidate", Resource.CANDIDATE, "candidate_id")


@node_type(Resource.EEOC)
@strawberry.federation.type(
    keys=["id"], description="A candidate's equal-employment-opportunity (EEOC) self-identification answers."
)
class Eeoc(Entity):
    submitted_at: datetime | None = strawberry.field(
        default=None, description="When the answers were submitted (UTC)."
    )
    race: str | None = strawberry.field(default=None, description="Race or ethnicity, as answered.")
    gender: str | None = strawberry.field(default=None, description="Gender, as answered.")
    veteran_status: str | None = strawberry.field(default=None, description="Veteran status, as answered.")
    disability_status: str | None = strawberry.field(
        default=None, description="Disability status, as answered."
    )
    created_at: datetime | None = strawberry.field(
        default=None, description="When the record was created at the provider (UTC)."
    )
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record was last changed at the provider (UTC)."
    )

    @strawberry.field(description="The candidate who answered.")
    def candidate(self, info: Info[Context, Any]) -> CandidateRef | None:
        return CANDIDATE.resolve(self, info._raw_info)
