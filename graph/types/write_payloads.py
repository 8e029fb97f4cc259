"""What a mutation answers: the changed object, a full graph node (its relationships resolve
through the loaders, so a client may select to any depth), and whether it was a replay."""

from __future__ import annotations

from typing import Any

import strawberry

from graph.context import Context
from providers.records import Resource

from .activity import Activity
from .application import Application
from .attachment import Attachment
from .candidate import Candidate
from .common import build

_REPLAYED = (
    "True when this answer is the stored result of an earlier write with the same idempotency "
    "key (nothing was written this time; the object is read as it is now)."
)


@strawberry.type(description="The result of a candidate mutation.")
class CandidatePayload:
    candidate: Candidate | None = strawberry.field(description="The candidate as it is after the write.")
    replayed: bool = strawberry.field(description=_REPLAYED)


@strawberry.type(description="The result of an application mutation.")
class ApplicationPayload:
    application: Application | None = strawberry.field(description="The application after the write.")
    replayed: bool = strawberry.field(description=_REPLAYED)


@strawberry.type(description="The result of addNote.")
class NotePayload:
    note: Activity | None = strawberry.field(description="The note, an activity of type NOTE.")
    replayed: bool = strawberry.field(description=_REPLAYED)


@strawberry.type(description="The result of uploadAttachment.")
class AttachmentPayload:
    attachment: Attachment | None = strawberry.field(description="The stored attachment.")
    replayed: bool = strawberry.field(description=_REPLAYED)


def node(resource: Resource, record: Any, ctx: Context) -> Any:
    return None if record is None else build(resource, record, ctx)
