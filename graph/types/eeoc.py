"""The GraphQL type of an eeoc."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, cast

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import EeocRecord, Resource

from .common import load_one, node_type
from .entity import Entity

if TYPE_CHECKING:
    from .candidate import Candidate

CandidateRef = Annotated["Candidate", strawberry.lazy("graph.types.candidate")]


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

    def _rec(self) -> EeocRecord:
        return cast(EeocRecord, self.record)

    @strawberry.field(description="The candidate who answered.")
    def candidate(self, info: Info[Context, Any]) -> CandidateRef | None:
        rec = self._rec()
        return load_one(info, self.resource, "candidate", Resource.CANDIDATE, rec.candidate_id)
