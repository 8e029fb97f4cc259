"""The GraphQL type of a job form field."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from providers.records import FormFieldType, Resource

from .common import FormFieldOption, node_type
from .entity import Entity
from .relations import ToOne

if TYPE_CHECKING:
    from .job import Job

JobRef = Annotated["Job", strawberry.lazy("graph.types.job")]


JOB = ToOne(Resource.JOB_FORM_FIELD, "job", Resource.JOB, "job_id")


@node_type(Resource.JOB_FORM_FIELD)
@strawberry.federation.type(keys=["id"], description="A field of a job's application form.")
class JobFormField(Entity):
    name: str | None = strawberry.field(
        default=None, description="The field's key: use it when submitting an application."
    )
    label: str | None = strawberry.field(default=None, description="The question as the candidate sees it.")
    index: int | None = strawberry.field(
        default=None, description="Position in the form; relative to its group when groupId is set."
    )
    is_required: bool | None = strawberry.field(default=None, description="Whether an answer is required.")
    answer_visibility: str | None = strawberry.field(
        default=None, description="Who may see the answer, as the provider states it."
    )
    description: str | None = strawberry.field(default=None, description="Help text shown with the field.")
    type: FormFieldType | None = strawberry.field(
        default=None,
        description="The input type. Unmapped provider values are OTHER, with the raw value in rawType.",
    )
    raw_type: str | None = strawberry.field(
        default=None, description="The provider's own value behind type, unmapped."
    )
    options: list[FormFieldOption] | None = strawberry.field(
        default_factory=list, description="Choices, for select, radio and checkbox fields."
    )
    group_id: str | None = strawberry.field(default=None, description="The group (section) the field is in.")
    group_name: str | None = strawberry.field(default=None, description="The group's name.")

    @strawberry.field(description="The job whose form this is.")
    def job(self, info: Info[Context, Any]) -> JobRef | None:
        return JOB.resolve(self, info._raw_info)
