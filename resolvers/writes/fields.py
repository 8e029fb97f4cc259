"""What every mutation field shares: its two optional arguments and the call into the write path."""

from __future__ import annotations

from typing import Annotated, Any, TypeAlias

import strawberry
from strawberry.types import Info

from graph.context import Context

from . import validation
from .given import given_fields
from .path import Written, perform

ActorId: TypeAlias = Annotated[
    strawberry.ID | None,
    strawberry.argument(
        description="The ATS user to write as (default: the connection's actor_id option); required where the provider needs one."
    ),
]
IdempotencyKey: TypeAlias = Annotated[
    str | None,
    strawberry.argument(
        description="Makes retrying safe: the same key with the same input answers the first result without writing again (or use the Idempotency-Key header)."
    ),
]


async def run(
    info: Info[Context, Any], mutation: str, input: Any, actor_id: Any, idempotency_key: str | None
) -> Written:
    actor = None if actor_id is None else str(actor_id)

    def build() -> Any:
        # Called by ``perform`` once the key may write: malformed ids and texts are refused
        # there, like a variable of the wrong type, before what the provider offers is asked.
        validation.check_values(input)
        validation.check_actor(actor)
        return input.to_input()

    return await perform(
        info, mutation, build, given_fields(input), actor_id=actor, idempotency_key=idempotency_key
    )
