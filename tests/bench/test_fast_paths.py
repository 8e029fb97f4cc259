"""The gateway fast paths the benchmark led to, pinned by call counts and shapes (not time)."""

from __future__ import annotations

import graph.schema  # noqa: F401  (registers every type)
from bench.measure import Harness
from bench.scenarios import BIG_EXPORT
from graph.types.common import _VALUE_TYPES


def test_every_record_value_object_has_the_attributes_its_graphql_type_reads() -> None:
    # build() hands value objects to graphql-core as they are, which reads them by attribute
    for value_type, graphql_type in _VALUE_TYPES.items():
        read = {f.python_name for f in graphql_type.__strawberry_definition__.fields}
        assert read <= set(value_type.model_fields), value_type.__name__


async def test_ids_the_owner_lists_need_no_read_when_only_ids_are_asked() -> None:
    harness = Harness("sandbox", size=40, latency_ms=0)
    ids_only = await harness.execute(
        "{ candidates(first: 20) { edges { node { id applications { id __typename } } } } }"
    )
    with_names = await harness.execute(
        "{ candidates(first: 20) { edges { node { id applications { id appliedAt } } } } }"
    )
    assert ids_only.requests == 1
    assert with_names.requests == 2
    listed = [[a["id"] for a in e["node"]["applications"]] for e in with_names.data["candidates"]["edges"]]
    assert [
        [a["id"] for a in e["node"]["applications"]] for e in ids_only.data["candidates"]["edges"]
    ] == listed
    assert all(
        a["__typename"] == "Application"
        for e in ids_only.data["candidates"]["edges"]
        for a in e["node"]["applications"]
    )


async def test_value_objects_and_primed_lists_resolve_as_before() -> None:
    document = """{ candidates(first: 10) { edges { node { emails { email type isPrimary }
        phones { number } applications { interviews { interviewers { id name } } } } } } }"""
    harness = Harness("sandbox", size=40, latency_ms=0)
    exported = await harness.run(BIG_EXPORT, {})
    assert exported.errors == 0
    assert exported.rows == 40
    found = await harness.execute(document)
    assert found.errors == 0
    nodes = [e["node"] for e in found.data["candidates"]["edges"]]
    assert all(isinstance(m["email"], str) for n in nodes for m in n["emails"])
    names = [
        u["name"]
        for n in nodes
        for a in n["applications"]
        for i in a["interviews"]
        for u in i["interviewers"]
    ]
    assert names
    assert all(names)
