"""Static limits on a GraphQL document, checked before validation and before any upstream call.

A document is refused with QUERY_TOO_COMPLEX when it is larger than ``max_document_bytes``,
has more than ``max_tokens`` lexical tokens (or comments), nests fields deeper than
``max_depth`` (fragments included), uses more than ``max_aliases`` aliases, selects one
field more than ``MAX_REPEATS`` times side by side, or defines more than
``max_operations`` operations. Size and tokens are enforced while parsing, so a huge
document costs no more than the limit. The others are graphql-core validation rules run
before the specified rules, because those grow quadratically with repeated fields and
aliases. ``admit`` then runs the specified rules, coerces the variables and estimates
the cost (graph/cost.py): every refusal happens here, before execution.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    GraphQLUnionType,
    OperationDefinitionNode,
    OperationType,
    get_operation_ast,
    get_variable_values,
    parse,
    specified_rules,
    validate,
)
from graphql.validation.validate import ValidationAbortedError

from gateway.errors import BadUserInput, ErrorCode, GatewayError, QueryTooComplex, QueryTooCostly
from providers.paths import id_problem

from .cost import CostEstimator
from .limit_rules import limit_rules
from .settings import Settings

_PARSER_LIMIT: Final = "Parsing aborted."
_MAX_ERRORS: Final = 50


class OperationNotExecutable(GatewayError):
    """No operation to run: an unknown ``operationName``, or several operations and none named."""

    code = ErrorCode.GRAPHQL_VALIDATION_FAILED


@dataclass(frozen=True)
class Admission:
    """What is known about a request before execution; ``errors`` empty means it may run."""

    errors: list[GraphQLError]
    operation_type: OperationType | None = None
    cost: int | None = None


@dataclass(frozen=True)
class Checked:
    """A document after the checks that depend on its text alone, so are cached by it."""

    document: DocumentNode | None
    errors: tuple[GraphQLError, ...] = ()


def check_document(schema: GraphQLSchema, query: str, settings: Settings) -> Checked:
    """Parse within the size and token limits, then the limit rules, then the specified rules."""
    limits = (
        settings.max_document_bytes,
        settings.max_tokens,
        settings.max_depth,
        settings.max_aliases,
        settings.max_operations,
    )
    return _check(schema, query, limits)


@lru_cache(maxsize=128)
def _check(schema: GraphQLSchema, query: str, limits: tuple[int, int, int, int, int]) -> Checked:
    # Validating costs milliseconds, and clients send the same few documents again and again.
    max_bytes, max_tokens, max_depth, max_aliases, max_operations = limits
    try:
        document = _parse(query, max_bytes, max_tokens, max_depth)
    except QueryTooComplex as too_big:
        return Checked(None, (_as_graphql_error(too_big.with_traceback(None)),))
    except GraphQLError as error:
        return Checked(None, (error.with_traceback(None),))
    for rules in (limit_rules(max_depth, max_aliases, max_operations), specified_rules):
        errors = validate(schema, document, rules, max_errors=_MAX_ERRORS)
        if any(_gave_up(e) for e in errors):
            refused = QueryTooComplex("the document is too complex to validate", rule="validation")
            return Checked(document, (_as_graphql_error(refused),))
        if errors:
            return Checked(document, tuple(errors))
    return Checked(document)


def parse_document(query: str, settings: Settings) -> DocumentNode:
    """Parse within the size and token limits; a syntax error is raised as graphql-core's."""
    return _parse(query, settings.max_document_bytes, settings.max_tokens, settings.max_depth)


def _parse(query: str, max_bytes: int, max_tokens: int, max_depth: int) -> DocumentNode:
    size = len(query.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise QueryTooComplex(
            f"the document is {size} bytes; the limit is {max_bytes}",
            rule="maxDocumentBytes",
            limit=max_bytes,
        )
    try:
        return parse(
            query, max_lexical_tokens=max_tokens, max_comments=max_tokens, max_source_length=max_bytes
        )
    except GraphQLError as error:
        if not error.message.endswith(_PARSER_LIMIT):
            raise
        if "nested too deeply" in error.message:
            raise QueryTooComplex(
                f"the document nests more than {max_depth} deep", rule="maxDepth", limit=max_depth
            ) from None
        raise QueryTooComplex(
            f"the document has more than {max_tokens} tokens", rule="maxTokens", limit=max_tokens
        ) from None


def admit(
    schema: GraphQLSchema,
    checked: Checked,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    settings: Settings,
) -> Admission:
    """After the document checks: operation selection, variables, representations and cost."""
    document = checked.document
    if document is None or checked.errors:
        return Admission(list(checked.errors))
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        message = (
            f"no operation named '{operation_name}' in the document"
            if operation_name
            else "the document has several operations: name one with `operationName`"
        )
        return Admission([_as_graphql_error(OperationNotExecutable(message))])
    coerced = get_variable_values(
        schema, operation.variable_definitions or (), dict(variables or {}), max_errors=_MAX_ERRORS
    )
    if isinstance(coerced, list):
        return Admission(coerced, operation.operation)
    estimator = CostEstimator(
        schema,
        document,
        coerced.coerced,
        default_first=settings.default_first,
        max_first=settings.max_first,
    )
    malformed = _malformed_representations(schema, estimator, operation)
    if malformed:
        return Admission(malformed, operation.operation)
    cost = estimator.operation_cost(operation)
    if cost > settings.max_cost:
        costly = QueryTooCostly(
            f"the operation's estimated cost is {cost}; the limit is {settings.max_cost}. "
            "Ask for smaller pages (`first`) or fewer nested lists.",
            cost=cost,
            limit=settings.max_cost,
        )
        return Admission([_as_graphql_error(costly)], operation.operation, cost)
    return Admission([], operation.operation, cost)


def _malformed_representations(
    schema: GraphQLSchema, estimator: CostEstimator, operation: OperationDefinitionNode
) -> list[GraphQLError]:
    """Federation ``_entities`` representations the reference resolvers cannot take.

    ``_Any`` accepts any JSON, and the resolver indexes into each representation: anything
    but ``{__typename: <an entity type>, id: <id>}`` would fail there as a bug, not as input.
    """
    entity = schema.get_type("_Entity")
    if not isinstance(entity, GraphQLUnionType):
        return []
    names = {t.name for t in entity.types}
    errors = []
    for nodes in estimator.root_fields(operation).values():
        for node in nodes:
            value = estimator.argument(node, "representations") if node.name.value == "_entities" else []
            if isinstance(value, list) and all(_representation(r, names) for r in value):
                continue
            refused = BadUserInput(
                "each representation must be an object with an entity `__typename` and an `id`, "
                "and nothing else",
                argument="representations",
            )
            errors.append(GraphQLError(refused.message, node, original_error=refused))
    return errors


def _representation(value: Any, entity_types: set[str]) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == {"__typename", "id"}
        and value["__typename"] in entity_types
        and isinstance(value["id"], str | int)
        and not isinstance(value["id"], bool)
        and id_problem(str(value["id"])) is None
    )


def operation_type(document: DocumentNode | None, operation_name: str | None) -> OperationType | None:
    """The type of the operation that would run, if the document names one unambiguously."""
    if document is None:
        return None
    operation = get_operation_ast(document, operation_name)
    return None if operation is None else operation.operation


def _gave_up(error: GraphQLError) -> bool:
    """graphql-core stopped validating because of the document's size, not an error count."""
    return isinstance(error, ValidationAbortedError) and not error.message.startswith("Too many")


def _as_graphql_error(error: GatewayError) -> GraphQLError:
    return GraphQLError(error.message, original_error=error)
