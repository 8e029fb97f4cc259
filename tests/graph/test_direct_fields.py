"""Direct resolvers answer exactly what Strawberry's wrapped resolvers answer.

``graph/direct_fields.py`` lets graphql-core call attribute reads and relationship
declarations without Strawberry's per-call wrapper; the same schema built without the swap
is the reference, on the sandbox and on a provider that lacks fields (per-field errors).
"""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLObjectType

import graph.schema
from bench.measure import Harness
from graph.context import Context
from graph.schema import HiregraphSchema, build_schema
from graph.types.relations import RELATIONS
from tests.graph.test_graph_walk import JOBS, PIPELINE
from tests.graph.test_lookahead import BY_ID, FRAGMENTS

WRAPPED = build_schema(direct_resolvers=False)

SCORECARDS = """
{ candidates(first: 10) { edges { cursor node {
  id name emails { email type } tags { id name }
  applications { appliedAt source { name } scorecards { id overallRecommendation interviewer { name } } }
} } pageInfo { hasNextPage endCursor } } }
"""


async def _execute(schema: HiregraphSchema, provider: str, query: str, variables: dict[str, Any]) -> Any:
    harness = Harness(provider, size=60, latency_ms=0)
    async with harness.pool() as (adapter, _):
        ctx = Context(adapter=adapter, settings=harness.settings, request_id="test")
        result = await schema.execute(query, variable_values=variables, context_value=ctx)
    errors = sorted((e.message, tuple(e.path or ())) for e in result.errors or ())
    return result.data, errors


@pytest.mark.parametrize("provider", ["sandbox", "workable", "greenhouse"])
@pytest.mark.parametrize("name", ["pipeline", "jobs", "fragments", "scorecards"])
async def test_direct_and_wrapped_resolvers_answer_alike(provider: str, name: str) -> None:
    query, variables = {
        "pipeline": (PIPELINE, {}),
        "jobs": (JOBS, {}),
        "fragments": (FRAGMENTS, {"yes": True}),
        "scorecards": (SCORECARDS, {}),
    }[name]
    direct = await _execute(graph.schema.schema, provider, query, variables)
    wrapped = await _execute(WRAPPED, provider, query, variables)
    assert direct == wrapped
    if provider == "workable" and name == "scorecards":
        assert direct[1], "Workable has no scorecards: the per-field errors must come through too"


async def test_by_id_alike() -> None:
    data, _ = await _execute(
        graph.schema.schema, "sandbox", "{ candidates(first: 1) { edges { node { id } } } }", {}
    )
    variables = {"id": data["candidates"]["edges"][0]["node"]["id"]}
    assert await _execute(graph.schema.schema, "sandbox", BY_ID, variables) == await _execute(
        WRAPPED, "sandbox", BY_ID, variables
    )


def test_every_relationship_is_resolved_directly() -> None:
    swapped = set()
    for named in graph.schema.schema._schema.type_map.values():
        if isinstance(named, GraphQLObjectType):
            for field in named.fields.values():
                bound = getattr(field.resolve, "__self__", None)
                if bound in RELATIONS.values():
                    swapped.add((bound.owner, bound.field))
    assert swapped == set(RELATIONS)
