"""Introspection has a cost, is computed once per document, and batches are bounded by their total cost."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
import strawberry.schema.schema as strawberry_schema
from graphql import ExecutionResult, get_introspection_query, parse

import graph.introspection
from gateway.errors import QueryTooCostly
from graph.cost import introspection_fanout
from graph.introspection import IntrospectionCache, cache_key
from graph.schema import build_schema, schema
from graph.settings import SettingsError, parse_settings

from .conftest import counting_client
from .test_limits import SETTINGS, check, refusal

FULL = get_introspection_query(descriptions=True)
# The shape of the reported flood: one operation asking for the whole schema ten times (1.8 MB).
TEN_TIMES = (
    "query { "
    + " ".join(f"s{i}: __schema {{ ...Everything }}" for i in range(10))
    + " } fragment Everything on __Schema { types { ...FullType } directives { name args { ...InputValue } } }"
    + FULL[FULL.index("fragment FullType") :]
)
MIXED = "{ __schema { queryType { name } } providers { name } }"


@pytest.fixture
def executions(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Counts graphql-core executions: of introspection (cached path) and of everything else."""
    counts: Counter[str] = Counter()
    threads: list[threading.Thread] = []
    # Read from the modules: the names are imported there, not exported.
    cached, regular = vars(graph.introspection)["execute"], vars(strawberry_schema)["execute"]

    def count_cached(*args: Any, **kwargs: Any) -> Any:
        counts["introspection"] += 1
        threads.append(threading.current_thread())
        return cached(*args, **kwargs)

    def count_regular(*args: Any, **kwargs: Any) -> Any:
        counts["regular"] += 1
        return regular(*args, **kwargs)

    monkeypatch.setattr(graph.introspection, "execute", count_cached)
    monkeypatch.setattr(strawberry_schema, "execute", count_regular)
    yield counts
    # Introspection is computed off the event loop's thread.
    assert all(t is not threading.main_thread() for t in threads)


def test_the_full_introspection_query_costs_what_it_returns_well_under_the_limit() -> None:
    admission = check(FULL)
    assert admission.errors == []
    assert admission.cost is not None
    # At least one per type, and comfortably under the limit: GraphiQL and codegen keep working.
    assert len(schema._schema.type_map) < admission.cost <= SETTINGS.max_cost // 5


def test_introspection_lists_cost_their_items() -> None:
    fanout = introspection_fanout(schema._schema)
    names = check("{ __schema { types { name fields { name } } } }")
    assert names.cost == 1 + fanout["__Schema", "types"] * (1 + fanout["__Type", "fields"])
    one = check('{ __type(name: "Job") { name } __typename }')
    assert one.cost == 1


def test_the_whole_schema_ten_times_in_one_operation_is_too_costly() -> None:
    too_costly = refusal(check(TEN_TIMES))
    assert isinstance(too_costly, QueryTooCostly)
    assert too_costly.extensions["cost"] > SETTINGS.max_cost


async def test_a_batch_over_the_batch_cost_is_refused_before_anything_runs(
    executions: Counter[str], calls: Counter[str]
) -> None:
    jobs = {"query": "{ jobs(first: 2) { edges { node { id } } } }"}
    batch = [jobs] + [{"query": FULL}] * 29
    async with counting_client(max_operations=30) as http:
        response = await http.post("/graphql", json=batch)
    assert response.status_code == 200
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["limit"] == 2 * SETTINGS.max_cost
    assert error["extensions"]["cost"] == 2 + 29 * check(FULL).cost  # type: ignore[operator]
    assert executions == Counter()
    assert sum(calls.values()) == 0


async def test_the_batch_cost_limit_is_configurable(calls: Counter[str]) -> None:
    page = {"query": "{ candidates(first: 20) { edges { node { id } } } }"}
    async with counting_client(max_cost=30, max_batch_cost=50) as http:
        two = await http.post("/graphql", json=[page, page])
        refused = await http.post("/graphql", json=[page, page, page])
    assert [len(r["data"]["candidates"]["edges"]) for r in two.json()] == [20, 20]
    assert refused.json()["errors"][0]["extensions"] == {"code": "QUERY_TOO_COSTLY", "cost": 60, "limit": 50}
    assert sum(calls.values()) == 2


def test_the_batch_cost_limit_defaults_to_twice_the_operation_limit() -> None:
    assert SETTINGS.batch_cost_limit == 2 * SETTINGS.max_cost
    assert replace(SETTINGS, max_cost=10).batch_cost_limit == 20
    assert replace(SETTINGS, max_batch_cost=7).batch_cost_limit == 7
    connections = {"s": {"provider": "sandbox"}}
    assert parse_settings({"connections": connections, "limits": {"max_batch_cost": 60_000}}).max_batch_cost
    with pytest.raises(SettingsError, match="max_batch_cost"):
        parse_settings({"connections": connections, "limits": {"max_batch_cost": 100}})


async def test_introspection_is_executed_once_and_answers_as_execution_does(executions: Counter[str]) -> None:
    cached = build_schema()
    first = await cached.execute(FULL)
    again = await cached.execute(FULL)
    reformatted = await cached.execute(
        "# GraphiQL's query, laid out differently\n" + FULL.replace("\n", "\n\n  ")
    )
    assert executions == Counter(introspection=1)
    uncached = await build_schema(extensions=[]).execute(FULL)
    assert executions == Counter(introspection=1, regular=1)
    assert first.errors is None
    assert uncached.errors is None
    assert first.data == again.data == reformatted.data == uncached.data


async def test_variables_and_operation_names_are_part_of_the_key(executions: Counter[str]) -> None:
    cached = build_schema()
    query = "query T($name: String!) { __type(name: $name) { name fields { name } } }"
    job = await cached.execute(query, {"name": "Job"})
    user = await cached.execute(query, {"name": "User"})
    await cached.execute(query, {"name": "Job"})
    named = await cached.execute(query + " query U { __typename }", {"name": "Job"}, operation_name="T")
    assert executions == Counter(introspection=3)
    assert job.data is not None
    assert user.data is not None
    assert named.data is not None
    assert (job.data["__type"]["name"], user.data["__type"]["name"]) == ("Job", "User")
    assert named.data == job.data


async def test_a_document_that_also_selects_data_is_not_cached(executions: Counter[str]) -> None:
    cached = build_schema()
    first = await cached.execute(MIXED)
    second = await cached.execute(MIXED)
    assert executions == Counter(regular=2)
    assert first.data == second.data
    assert first.data is not None
    assert first.data["providers"]


def test_only_pure_introspection_queries_have_a_key() -> None:
    def key(query: str, variables: dict[str, Any] | None = None) -> object:
        return cache_key(schema._schema, parse(query), None, variables)

    assert key(FULL) is not None
    assert key('{ __typename ... on Query { __type(name: "Job") { name } } }') is not None
    assert key(MIXED) is None
    assert (
        key("query($on: Boolean!) { __typename jobs @include(if: $on) { pageInfo { hasNextPage } } }") is None
    )
    assert key("fragment F on Query { providers { name } } { __typename ...F }") is None
    assert key("mutation { __typename }") is None
    assert key("{ __typename }", {"x": 1}) != key("{ __typename }", {"x": 2})


async def test_errors_are_not_cached(executions: Counter[str]) -> None:
    cached = build_schema()
    query = "query($name: String!) { __type(name: $name) { name } }"
    for _ in range(2):
        result = await cached.execute(query)
        assert result.errors
    assert executions == Counter(introspection=2)


async def test_the_cache_is_bounded() -> None:
    cache = IntrospectionCache(maxsize=2)
    for name in ("Job", "User", "Candidate"):
        document = parse(f'{{ __type(name: "{name}") {{ name }} }}')
        key = cache_key(schema._schema, document, None, None)
        assert key is not None
        result = await cache.result(key, document, None)
        assert isinstance(result, ExecutionResult)
        assert result.data == {"__type": {"name": name}}
    assert len(cache) == 2


async def test_a_batch_of_the_same_introspection_runs_it_once(executions: Counter[str]) -> None:
    query = FULL.replace("query IntrospectionQuery", "query BatchedIntrospection")
    async with counting_client() as http:
        response = await http.post("/graphql", json=[{"query": query}] * 5)
    answers = response.json()
    assert executions == Counter(introspection=1)
    assert len({str(a["data"]) for a in answers}) == 1
    assert all(a["extensions"]["cost"]["estimated"] == check(FULL).cost for a in answers)
