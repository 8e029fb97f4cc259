"""Mutations on candidates: thin, from the input to the neutral write path."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from graph.types.write_inputs import CandidateInput, CandidateTagsInput, UpdateCandidateInput
from graph.types.write_payloads import CandidatePayload, node
from providers.records import Resource

from .writes.fields import ActorId, IdempotencyKey, run


async def _candidate(
    info: Info[Context, Any], mutation: str, input: Any, actor_id: Any, key: str | None
) -> CandidatePayload:
    written = await run(info, mutation, input, actor_id, key)
    return CandidatePayload(
        candidate=node(Resource.CANDIDATE, written.record, info.context), replayed=written.replayed
    )


@strawberry.type
class CandidateMutation:
    @strawberry.mutation(description="Create a candidate.")
    async def create_candidate(
        self,
        info: Info[Context, Any],
        input: CandidateInput,
        actor_id: ActorId = None,
        idempotency_key: IdempotencyKey = None,
    ) -> CandidatePayload | None:
        return await _candidate(info, "createCandidate", input, actor_id, idempotency_key)

    @strawberry.mutation(description="Change a candidate's own fields.")
    async def update_candidate(
        self,
        info: Info[Context, Any],
        input: UpdateCandidateInput,
        actor_id: ActorId = None,
        idempotency_key: IdempotencyKey = None,
    ) -> CandidatePayload | None:
        return await _candidate(info, "updateCandidate", input, actor_id, idempotency_key)

    @strawberry.mutation(
        description="Add tags to a candidate (by name; unknown names are created where the provider allows)."
    )
    async def add_candidate_tags(
        self,
        info: Info[Context, Any],
        input: CandidateTagsInput,
        actor_id: ActorId = None,
        idempotency_key: IdempotencyKey = None,
    ) -> CandidatePayload | None:
        return await _candidate(info, "addCandidateTags", input, actor_id, idempotency_key)

    @strawberry.mutation(
        description="Remove tags from a candidate (by name; a tag the candidate lacks is ignored)."
    )
    async def remove_candidate_tags(
        self,
        info: Info[Context, Any],
        input: CandidateTagsInput,
        actor_id: ActorId = None,
        idempotency_key: IdempotencyKey = None,
    ) -> CandidatePayload | None:
        return await _candidate(info, "removeCandidateTags", input, actor_id, idempotency_key)
