"""Relationship resolvers answer settled loads synchronously and defer only pending ones.

graphql-core completes an object without a coroutine when none of its fields returns an
awaitable, so a relationship whose record is already known must come back as the value.
"""

from __future__ import annotations

import inspect
from types import SimpleNamespace
from typing import Any

from graphql import FieldNode, OperationDefinitionNode, parse

import graph.schema  # noqa: F401  (registers every type)
from bench.measure import Harness
from bench.naive import NaiveLoaders
from graph.context import Context
from graph.types import NODE_TYPES
from graph.types.application import INTERVIEWS, JOB
from graph.types.candidate import APPLICATIONS
from graph.types.interview import INTERVIEWERS
from providers.query import ListQuery
from providers.records import ApplicationRecord, CandidateRecord, InterviewRecord, Resource


def _info(ctx: Context, selection: str) -> Any:
    operation = parse(selection).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    node = operation.selection_set.selections[0]
    assert isinstance(node, FieldNode)
    return SimpleNamespace(context=ctx, field_nodes=[node])


def _owner(record: Any) -> Any:
    return SimpleNamespace(record=record, id=record.id)


def test_every_relationship_resolver_is_synchronous() -> None:
    for cls in NODE_TYPES.values():
        for field in cls.__strawberry_definition__.fields:
            if field.base_resolver is not None:
                assert not inspect.iscoroutinefunction(field.base_resolver.wrapped_func), (
                    f"{cls.__name__}.{field.python_name}"
                )


async def test_known_records_come_back_as_values_and_unknown_ones_as_awaitables() -> None:
    harness = Harness("sandbox", size=20, latency_ms=0)
    async with harness.pool() as (adapter, _):
        ctx = Context(adapter=adapter, settings=harness.settings, request_id="test")
        page = await ctx.loaders.page(Resource.APPLICATION, ListQuery(page_size=20))
        application = next(r for r in page.records if isinstance(r, ApplicationRecord) and r.job_id)
        info = _info(ctx, "{ job { id name } }")

        owner = _owner(application)

        pending = JOB.resolve(owner, info)
        assert inspect.isawaitable(pending)
        job = await pending
        assert job.id == application.job_id

        settled = JOB.resolve(owner, info)
        assert not inspect.isawaitable(settled)
        assert settled.id == job.id
        assert settled.name == job.name

        no_job = application.model_copy(update={"job_id": None})
        assert JOB.resolve(_owner(no_job), info) is None
        alone = InterviewRecord.model_construct(id="i", interviewer_ids=[])
        assert INTERVIEWERS.resolve(_owner(alone), info) == []

        nobody = CandidateRecord.model_construct(id="none", application_ids=[])
        assert APPLICATIONS.resolve(_owner(nobody), info) == []
        by_parent = INTERVIEWS.resolve(owner, info)
        assert inspect.isawaitable(by_parent)
        interviews = await by_parent
        expected = await adapter.list_children(Resource.INTERVIEW, "application", [application.id])
        assert [i.id for i in interviews] == [r.id for r in expected.get(application.id, ())]
        again = INTERVIEWS.resolve(owner, info)
        assert [i.id for i in again] == [i.id for i in interviews]


async def test_the_naive_baseline_still_reads_every_relationship_itself() -> None:
    # the benchmark's naive loaders override load/load_many/children; the fast path must not
    # slip cached, batched loaders under them
    harness = Harness("sandbox", size=20, latency_ms=0)
    async with harness.pool() as (adapter, _):
        ctx = Context(adapter=adapter, settings=harness.settings, request_id="test")
        ctx.loaders = NaiveLoaders(adapter)
        page = await ctx.loaders.page(Resource.APPLICATION, ListQuery(page_size=20))
        application = next(r for r in page.records if isinstance(r, ApplicationRecord) and r.job_id)
        info = _info(ctx, "{ job { id name } }")
        for _ in range(2):
            pending = JOB.resolve(_owner(application), info)
            assert inspect.isawaitable(pending)
            assert (await pending).id == application.job_id
            by_parent = INTERVIEWS.resolve(_owner(application), info)
            assert inspect.isawaitable(by_parent)
            await by_parent
