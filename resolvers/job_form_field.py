"""Root fields for job form fields: a cursor connection with filters, and a by-id field."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from graph.types.job_form_field import JobFormField
from graph.types.pagination import Connection
from providers.records import Resource

from .listing import get_by_id, list_connection, to_filter


@strawberry.input(
    description="Filters for job form fields; all given filters must hold. Filters the connected provider cannot apply itself are applied by the gateway on the records it reads (at most a bounded number of pages per request)."
)
class JobFormFieldFilter:
    job_id: strawberry.ID | None = strawberry.field(default=None, description="Only records of this job.")


@strawberry.type
class JobFormFieldQuery:
    @strawberry.field(description="JobFormField records, a page at a time (Relay cursor connection).")
    async def job_form_fields(
        self,
        info: Info[Context, Any],
        first: Annotated[
            int | None, strawberry.argument(description="Page size; default 50, at most 100.")
        ] = None,
        after: Annotated[str | None, strawberry.argument(description="Read after this cursor.")] = None,
        filter: Annotated[
            JobFormFieldFilter | None, strawberry.argument(description="Which records.")
        ] = None,
    ) -> Connection[JobFormField] | None:
        return await list_connection(info, Resource.JOB_FORM_FIELD, first, after, to_filter(filter), None)

    @strawberry.field(description="One job form field by id; null when the provider has none.")
    async def job_form_field(self, info: Info[Context, Any], id: strawberry.ID) -> JobFormField | None:
        return await get_by_id(info, Resource.JOB_FORM_FIELD, str(id))
