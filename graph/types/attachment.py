"""The GraphQL type of an attachment."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import AttachmentType, Resource

from .common import node_type
from .entity import Entity
from .relations import ToOne

if TYPE_CHECKING:
    from .application import Application
    from .candidate import Candidate
    from .job import Job

ApplicationRef = Annotated["Application", strawberry.lazy("graph.types.application")]
CandidateRef = Annotated["Candidate", strawberry.lazy("graph.types.candidate")]
JobRef = Annotated["Job", strawberry.lazy("graph.types.job")]


CANDIDATE = ToOne(Resource.ATTACHMENT, "candidate", Resource.CANDIDATE, "candidate_id")
APPLICATION = ToOne(Resource.ATTACHMENT, "application", Resource.APPLICATION, "application_id")
JOB = ToOne(Resource.ATTACHMENT, "job", Resource.JOB, "job_id")


@node_type(Resource.ATTACHMENT)
@strawberry.federation.type(
    keys=["id"], description="A file on a candidate's record: a resume, cover letter, offer letter or other."
)
class Attachment(Entity):
    file_name: str | None = strawberry.field(default=None, description="The file's name.")
    file_url: str | None = strawberry.field(
        default=None, description="Where to download it; provider links may be signed and short-lived."
    )
    attachment_type: AttachmentType | None = strawberry.field(
        default=None,
        description="What the file is. Unmapped provider values are OTHER, with the raw value in rawAttachmentType.",
    )
    raw_attachment_type: str | None = strawberry.field(
        default=None, description="The provider's own value behind attachmentType, unmapped."
    )
    created_at: datetime | None = strawberry.field(
        default=None, description="When the record was created at the provider (UTC)."
    )
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record was last changed at the provider (UTC)."
    )

    @strawberry.field(description="The candidate the file belongs to.")
    def candidate(self, info: Info[Context, Any]) -> CandidateRef | None:
        return CANDIDATE.resolve(self, info._raw_info)

    @strawberry.field(description="The application the file was submitted with, if any.")
    def application(self, info: Info[Context, Any]) -> ApplicationRef | None:
        return APPLICATION.resolve(self, info._raw_info)

    @strawberry.field(description="The job the file relates to, if any.")
    def job(self, info: Info[Context, Any]) -> JobRef | None:
        return JOB.resolve(self, info._raw_info)
