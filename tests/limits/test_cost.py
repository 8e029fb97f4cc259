"""The static cost estimate: pages times what each item selects, fragments merged as execution does."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from graphql import get_operation_ast, parse

from graph.cost import DEFAULT_FANOUT, FANOUT, estimate_cost
from graph.schema import schema

from .test_limits import README_QUERY


def cost(query: str, variables: dict[str, Any] | None = None, *, default_first: int = 50) -> int:
    document = parse(query)
    operation = get_operation_ast(document)
    assert operation is not None
    return estimate_cost(
        schema._schema, document, operation, variables or {}, default_first=default_first, max_first=100
    )


def test_the_readme_query() -> None:
    # Per candidate: itself, 3 tags, and 2 applications each worth 1 + job 3 + stage 1 +
    # user 1 + 3 interviews * (1 + 2 interviewers + 2 scorecards * 2) + 1 offer = 28.
    assert cost(README_QUERY) == 50 * (1 + 3 + 2 * 28)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("{ jobs(first: 7) { edges { node { id name } } pageInfo { hasNextPage } } }", 7),
        ("{ jobs { edges { node { id } } } }", 50),
        ("{ jobs(first: 0) { edges { node { id } } } }", 0),
        ("{ jobs(first: 101) { edges { node { id } } } }", 0),
        ("{ jobs(first: -1) { edges { node { id } } } }", 0),
        ("{ jobs(first: 3) { pageInfo { hasNextPage } } }", 0),
        ('{ job(id: "1") { name } }', 1),
        ('{ job(id: "1") { applications { id } } }', 1 + FANOUT["Job", "applications"]),
        ('{ department(id: "1") { jobs { id } } }', 1 + DEFAULT_FANOUT),
        ('{ candidate(id: "1") { emails { email } phones { number } name } }', 1),
        ('{ application(id: "1") { job { name } candidate { name } } }', 3),
        ("{ providers { name resources { name } } connectionProvider { name } __typename }", 0),
        # Introspection costs 1 per object returned (tests/limits/test_introspection.py).
        ('{ __type(name: "Job") { name } }', 1),
    ],
)
def test_connections_records_and_values(query: str, expected: int) -> None:
    assert cost(query) == expected


def test_first_and_directives_follow_variables() -> None:
    query = """query($n: Int, $skip: Boolean!) {
        jobs(first: $n) { edges { node { id } } }
        candidates(first: 2) @skip(if: $skip) { edges { node { id } } }
    }"""
    assert cost(query, {"n": 5, "skip": True}) == 5
    assert cost(query, {"n": 5, "skip": False}) == 7
    assert cost(query, {"skip": False}, default_first=20) == 22
    include = '{ job(id: "1") { offices @include(if: false) { id } } }'
    assert cost(include) == 1


def test_repeated_selections_merge_and_aliases_add_up() -> None:
    once = '{ job(id: "1") { offices { id } } }'
    merged = """{ job(id: "1") { offices { id } ...J ... on Job { offices { name } } } }
        fragment J on Job { offices { id } }"""
    assert cost(merged) == cost(once) == 2
    aliased = '{ a: job(id: "1") { offices { id } } b: job(id: "1") { offices { id } } }'
    assert cost(aliased) == 4


def test_federation_entities_cost_what_the_representations_ask_for() -> None:
    query = """query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Candidate { applications { id } } ... on Job { id } } }"""
    representations = [{"__typename": "Candidate", "id": str(i)} for i in range(4)]
    per_entity = 1 + FANOUT["Candidate", "applications"]
    assert cost(query, {"r": representations}) == 4 * per_entity
    assert cost("{ _entities(representations: []) { ... on Job { id } } }") == 0


def test_a_shared_fragment_is_costed_once_per_place_without_walking_it_again() -> None:
    # Every level doubles the places the next fragment appears in: walking each place would
    # take 2^40 steps, while the estimate reuses what it found for the fragment.
    levels = 40
    fragments = "".join(
        f" fragment C{i} on Candidate {{ applications {{ candidate {{ ...C{i + 1} }} }} "
        f"offers {{ candidate {{ ...C{i + 1} }} }} }}"
        for i in range(levels)
    )
    query = '{ candidate(id: "1") { ...C0 } }' + fragments + f" fragment C{levels} on Candidate {{ id }}"
    per_item = FANOUT["Candidate", "applications"] + FANOUT["Candidate", "offers"]
    below = 0
    for _ in range(levels):
        below = per_item * (2 + below)  # each list item, its candidate, and what is below that
    assert cost(query) == 1 + below


def test_docs_list_every_fanout() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "limits.md").read_text()
    documented: dict[tuple[str, str], int] = {}
    for names, count in re.findall(r"\| ((?:`\w+\.\w+`(?:, )?)+) \| (\d+) ", docs):
        for name in re.findall(r"`(\w+)\.(\w+)`", names):
            documented[name] = int(count)
    assert documented == dict(FANOUT)
    assert f"any other list of records | {DEFAULT_FANOUT} |" in docs
