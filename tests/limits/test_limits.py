"""Static limits on the document: each refusal names its rule and limit, nothing is fetched."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from graphql import GraphQLError, get_introspection_query

from gateway.errors import GatewayError, QueryTooComplex, QueryTooCostly
from graph.limits import Admission, admit, check_document, parse_document
from graph.schema import schema
from graph.settings import Settings, default_settings

SETTINGS = default_settings()
README_QUERY = """{
  candidates(first: 50) {
    edges { node {
      name emails { email } tags { name }
      applications {
        job { name departments { name } offices { name } }
        currentStage { name } creditedTo { name }
        interviews { startAt interviewers { name } scorecards { overallRecommendation interviewer { name } } }
        offers { status }
      }
    } }
    pageInfo { hasNextPage endCursor }
  }
}"""


def check(
    query: str,
    settings: Settings = SETTINGS,
    variables: dict[str, Any] | None = None,
    operation_name: str | None = None,
) -> Admission:
    checked = check_document(schema._schema, query, settings)
    return admit(schema._schema, checked, operation_name, variables, settings)


def refusal(admission: Admission) -> GatewayError:
    [error] = admission.errors
    assert isinstance(error.original_error, GatewayError), error
    return error.original_error


def nested(levels: int) -> str:
    inner = "id"
    for _ in range(levels):
        inner = f"candidate {{ applications {{ {inner} }} }}"
    return f'{{ application(id: "a") {{ {inner} }} }}'


def test_the_readme_query_and_introspection_pass_the_default_limits() -> None:
    assert check(README_QUERY).errors == []
    assert check(README_QUERY.replace("first: 50", "first: 100")).errors == []
    introspection = check(get_introspection_query(descriptions=True))
    assert introspection.errors == []
    assert introspection.cost is not None
    assert 0 < introspection.cost <= SETTINGS.max_cost // 5


def test_depth_counts_fields_through_fragments() -> None:
    # application(1) + 2 per level + id: 7 levels is 16 deep, one over the limit.
    assert check(nested(6)).errors == []
    error = refusal(check(nested(7)))
    assert isinstance(error, QueryTooComplex)
    assert error.extensions == {"rule": "maxDepth", "limit": 15}
    hidden = """{ application(id: "a") { ...A } }
        fragment A on Application { candidate { applications { ...B } } }
        fragment B on Application { candidate { applications { ...C } } }
        fragment C on Application { candidate { applications { candidate { applications {
            candidate { applications { candidate { applications { candidate { applications {
            id } } } } } } } } } } }"""
    assert refusal(check(hidden)).extensions["rule"] == "maxDepth"


def test_a_long_chain_of_fragments_is_refused_not_crashed() -> None:
    chain = "".join(f" fragment F{i} on Query {{ ...F{i + 1} }}" for i in range(300))
    settings = replace(SETTINGS, max_tokens=10_000)
    admission = check("{ ...F0 }" + chain + " fragment F300 on Query { __typename }", settings)
    assert isinstance(refusal(admission), QueryTooComplex)


def test_aliases_are_counted_over_the_document() -> None:
    fields = " ".join(f"a{i}: jobs(first: 1) {{ edges {{ node {{ id }} }} }}" for i in range(31))
    assert check("{ " + fields.replace("a30: ", "") + " }").errors == []
    error = refusal(check("{ " + fields + " }"))
    assert error.code.value == "QUERY_TOO_COMPLEX"
    assert error.extensions == {"rule": "maxAliases", "limit": 30}


def test_one_field_repeated_hundreds_of_times_is_refused_before_validation() -> None:
    # Validation compares every pair of same-named fields: this is the cheap way to burn CPU.
    repeated = "{ jobs { edges { node { " + "id " * 500 + "} } } }"
    assert refusal(check(repeated)).extensions == {"rule": "maxRepeats", "limit": 30}
    spread = "{ jobs { edges { node { ...A ...B } } } } fragment A on Job { " + "id " * 20 + "}"
    spread += " fragment B on Job { " + "id " * 20 + "}"
    assert refusal(check(spread)).extensions["rule"] == "maxRepeats"
    assert check("{ jobs { edges { node { id id ... on Job { id } } } } }").errors == []


@pytest.mark.parametrize(
    ("query", "rule"),
    [
        ("{ " + "__typename " * 2_100 + "}", "maxTokens"),
        ("# comment\n" * 2_100 + "{ __typename }", "maxTokens"),
        ("{ __typename }" + " " * 30_001, "maxDocumentBytes"),
        ("{ __typename }  # " + "é" * 15_000, "maxDocumentBytes"),
        (
            "{ candidates(filter: {tags: " + "[" * 500 + '"x"' + "]" * 500 + "}) { edges { node { id } } } }",
            "maxDepth",
        ),
    ],
)
def test_size_tokens_and_nesting_are_refused_while_parsing(query: str, rule: str) -> None:
    with pytest.raises(QueryTooComplex) as refused:
        parse_document(query, SETTINGS)
    assert refused.value.extensions["rule"] == rule


def test_a_syntax_error_is_not_a_limit() -> None:
    with pytest.raises(GraphQLError, match="Syntax Error"):
        parse_document("{ jobs(first: 5 { edges", SETTINGS)


def test_operations_per_document() -> None:
    document = " ".join(f"query Q{i} {{ __typename }}" for i in range(11))
    assert refusal(check(document)).extensions == {"rule": "maxOperations", "limit": 10}
    ten = " ".join(f"query Q{i} {{ __typename }}" for i in range(10))
    assert check(ten, operation_name="Q3").errors == []


def test_limits_come_from_settings() -> None:
    strict = replace(SETTINGS, max_depth=3, max_aliases=0, max_cost=10)
    assert check("{ jobs(first: 2) { pageInfo { hasNextPage } } }", strict).errors == []
    too_deep = check("{ jobs(first: 2) { edges { node { id } } } }", strict)
    assert refusal(too_deep).extensions == {"rule": "maxDepth", "limit": 3}
    assert refusal(check("{ a: __typename }", strict)).extensions["rule"] == "maxAliases"
    costly = refusal(check('{ job(id: "1") { applications { id } } }', strict))
    assert isinstance(costly, QueryTooCostly)
    assert costly.extensions == {"cost": 51, "limit": 10}


def test_the_cost_limit_reports_the_estimate() -> None:
    deep = """{ candidates(first: 100) { edges { node { applications { interviews { scorecards {
        interviewer { interviews { scorecards { interviewer { name } } } } } } } } } } }"""
    admission = check(deep)
    error = refusal(admission)
    assert error.code.value == "QUERY_TOO_COSTLY"
    assert error.extensions == {"cost": admission.cost, "limit": 25_000}
    assert admission.cost is not None
    assert admission.cost > 25_000
    assert "first" in error.message


def test_invalid_documents_variables_and_operation_names_are_reported() -> None:
    assert check("{ nope }").errors[0].message.startswith("Cannot query field")
    bad_variable = check("query($n: Int) { jobs(first: $n) { edges { node { id } } } }", variables={"n": "x"})
    assert bad_variable.errors[0].message.startswith("Variable '$n'")
    two = "query A { __typename } query B { __typename }"
    for name in (None, "C"):
        [error] = check(two, operation_name=name).errors
        assert error.original_error is not None
        assert error.original_error.code.value == "GRAPHQL_VALIDATION_FAILED"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "representations",
    [
        [1],
        ["Job"],
        [{"id": "1"}],
        [{"__typename": "Nope", "id": "1"}],
        [{"__typename": "Job", "id": "1", "extra": 2}],
        [{"__typename": "Job", "id": True}],
        # Ids that could not be a URL path segment, as for `id` arguments (providers/paths.py).
        [{"__typename": "Job", "id": "../../v1/users"}],
        [{"__typename": "Candidate", "id": "cand\u0000"}],
        [{"__typename": "Job", "id": ""}],
        [{"__typename": "Job", "id": "x" * 300}],
    ],
)
def test_entity_representations_the_resolvers_cannot_take_are_bad_input(representations: list[Any]) -> None:
    query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Job { id } } }"
    error = refusal(check(query, variables={"r": representations}))
    assert error.code.value == "BAD_USER_INPUT"
    assert error.extensions == {"argument": "representations"}


def test_well_formed_representations_pass_as_variables_or_literals() -> None:
    query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Job { id } } }"
    assert check(query, variables={"r": [{"__typename": "Job", "id": "1"}]}).errors == []
    assert check('{ _entities(representations: [{__typename: "Job", id: 1}]) { __typename } }').errors == []
    literal = refusal(check('{ _entities(representations: [{__typename: "Job"}]) { __typename } }'))
    assert literal.code.value == "BAD_USER_INPUT"


def test_a_document_is_checked_once_per_text_and_limits() -> None:
    query = "{ jobs(first: 2) { edges { node { id } } } }"
    first = check_document(schema._schema, query, SETTINGS)
    assert check_document(schema._schema, query, SETTINGS) is first
    assert first.errors == ()
    stricter = check_document(schema._schema, query, replace(SETTINGS, max_depth=2))
    assert stricter.errors[0].message == "the operation nests fields more than 2 deep"
