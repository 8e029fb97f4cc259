"""The schema: one Query merged from the per-resource root fields, as a Federation v2 subgraph."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from resolvers.activity import ActivityQuery
from resolvers.activity_write import ActivityMutation
from resolvers.admin import AdminMutation, AdminQuery
from resolvers.application import ApplicationQuery
from resolvers.application_write import ApplicationMutation
from resolvers.attachment import AttachmentQuery
from resolvers.candidate import CandidateQuery
from resolvers.candidate_write import CandidateMutation
from resolvers.department import DepartmentQuery
from resolvers.eeoc import EeocQuery
from resolvers.event import EventQuery, EventSubscription
from resolvers.interview import InterviewQuery
from resolvers.job import JobQuery
from resolvers.job_form_field import JobFormFieldQuery
from resolvers.job_interview_stage import JobInterviewStageQuery
from resolvers.offer import OfferQuery
from resolvers.office import OfficeQuery
from resolvers.organization import OrganizationQuery
from resolvers.provider import ProviderQuery
from resolvers.reject_reason import RejectReasonQuery
from resolvers.scorecard import ScorecardQuery
from resolvers.tag import TagQuery
from resolvers.user import UserQuery
from resolvers.webhook import WebhookMutation, WebhookQuery

from .direct_fields import resolve_fields_directly
from .execution import HiregraphExecutionContext
from .introspection import CachedIntrospection, IntrospectionCache
from .types import NODE_TYPES

Query = merge_types(
    "Query",
    (
        ActivityQuery,
        ApplicationQuery,
        AttachmentQuery,
        CandidateQuery,
        DepartmentQuery,
        EeocQuery,
        EventQuery,
        InterviewQuery,
        JobQuery,
        JobFormFieldQuery,
        JobInterviewStageQuery,
        OfferQuery,
        OfficeQuery,
        OrganizationQuery,
        ProviderQuery,
        RejectReasonQuery,
        ScorecardQuery,
        TagQuery,
        UserQuery,
        AdminQuery,
        WebhookQuery,
    ),
)
Mutation = merge_types(
    "Mutation", (CandidateMutation, ApplicationMutation, ActivityMutation, AdminMutation, WebhookMutation)
)
Mutation.__strawberry_definition__.description = (  # type: ignore[attr-defined]
    "Writes to the connected ATS (docs/querying.md), and admin operations on the caller's tenant "
    "(admin keys only): connections, keys, webhooks."
)


class HiregraphSchema(strawberry.federation.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Errors are classified, masked and logged once, in graph/errors.py.
        return None


def build_schema(*, direct_resolvers: bool = True, **kwargs: Any) -> HiregraphSchema:
    # graph/limits.py has already parsed and validated the document before execution;
    # the caches spare strawberry doing the same work again for every repeated query, and
    # an introspection answer is computed once per document (graph/introspection.py).
    introspection = IntrospectionCache()
    kwargs.setdefault(
        "extensions",
        [
            lambda: ParserCache(maxsize=512),
            lambda: ValidationCache(maxsize=512),
            lambda: CachedIntrospection(introspection),
        ],
    )
    kwargs.setdefault("execution_context_class", HiregraphExecutionContext)
    built = HiregraphSchema(
        query=Query,
        mutation=Mutation,
        subscription=EventSubscription,
        types=list(NODE_TYPES.values()),
        federation_version="2.7",
        **kwargs,
    )
    if direct_resolvers and not kwargs.get("exception_handlers"):
        # exception handlers run inside Strawberry's wrapper, which direct resolvers skip
        resolve_fields_directly(built._schema)
    return built


schema = build_schema()
