"""Mutations that add to a candidate's file: notes and attachments."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from graph.types.write_inputs import AddNoteInput, UploadAttachmentInput
from graph.types.write_payloads import AttachmentPayload, NotePayload, node
from providers.records import Resource

from .writes.fields import ActorId, IdempotencyKey, run


@strawberry.type
class ActivityMutation:
    @strawberry.mutation(
        description="Add a note to a candidate (optionally about one of their applications)."
    )
    async def add_note(
        self,
        info: Info[Context, Any],
        input: AddNoteInput,
        actor_id: ActorId = None,
        idempotency_key: IdempotencyKey = None,
    ) -> NotePayload | None:
        written = await run(info, "addNote", input, actor_id, idempotency_key)
        return NotePayload(
            note=node(Resource.ACTIVITY, written.record, info.context), replayed=written.replayed
        )

    @strawberry.mutation(
        description="Attach a file to a candidate: upload it (multipart request) or give a URL to fetch it from."
    )
    async def upload_attachment(
        self,
        info: Info[Context, Any],
        input: UploadAttachmentInput,
        actor_id: ActorId = None,
        idempotency_key: IdempotencyKey = None,
    ) -> AttachmentPayload | None:
        written = await run(info, "uploadAttachment", input, actor_id, idempotency_key)
        return AttachmentPayload(
            attachment=node(Resource.ATTACHMENT, written.record, info.context), replayed=written.replayed
        )
