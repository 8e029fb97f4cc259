"""Mutations on applications: thin, from the input to the neutral write path."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from graph.types.write_inputs import (
    ApplicationActionInput,
    CreateApplicationInput,
    MoveApplicationStageInput,
    RejectApplicationInput,
)
from graph.types.write_payloads import ApplicationPayload, node
from providers.records import Resource

from .writes.fields import ActorId, IdempotencyKey, run


async def _application(
    info: Info[Context, Any], mutation: str, input: Any, actor_id: Any, key: str | None
) -> ApplicationPayload:
    written = await run(info, mutation, input, actor_id, key)
    return ApplicationPayload(
        application=node(Resource.APPLICATION, written.record, info.context), replayed=written.replayed
    )


@strawberry.type
class ApplicationMutation:
    @strawberry.mutation(
        description="Apply a candidate (existing, or new and inline) to a job; an inline candidate whose e-mail is known is handled per onDuplicateCandidate."
    )
    async def create_application(
        self,
        info: Info[Context, Any],
        input: CreateApplicationInput,
        actor_id: ActorId = None,
        idempotency_key: IdempotencyKey = None,
    ) -> ApplicationPayload | None:
        return await _application(info, "createApplication", input, actor_id, idempotency_key)

    @strawberry.mutation(description="Move an application to another of its job's stages.")
    async def move_application_stage(
        self,
        info: Info[Context, Any],
        input: MoveApplicationStageInput,
        actor_id: ActorId = None,
        idempotency_key: IdempotencyKey = None,
    ) -> ApplicationPayload | None:
        return await _application(info, "moveApplicationStage", input, actor_id, idempotency_key)

    @strawberry.mutation(description="Reject an application, with a reason and a note.")
    async def reject_application(
        self,
        info: Info[Context, Any],
        input: RejectApplicationInput,
        actor_id: ActorId = None,
        idempotency_key: IdempotencyKey = None,
    ) -> ApplicationPayload | None:
        return await _application(info, "rejectApplication", input, actor_id, idempotency_key)

    @strawberry.mutation(description="Undo an application's rejection.")
    async def unreject_application(
        self,
        info: Info[Context, Any],
        input: ApplicationActionInput,
        actor_id: ActorId = None,
        idempotency_key: IdempotencyKey = None,
    ) -> ApplicationPayload | None:
        return await _application(info, "unrejectApplication", input, actor_id, idempotency_key)

    @strawberry.mutation(description="Mark an application hired, where the provider has such an action.")
    async def hire_application(
        self,
        info: Info[Context, Any],
        input: ApplicationActionInput,
        actor_id: ActorId = None,
        idempotency_key: IdempotencyKey = None,
    ) -> ApplicationPayload | None:
        return await _application(info, "hireApplication", input, actor_id, idempotency_key)
