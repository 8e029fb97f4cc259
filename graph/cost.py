"""A static estimate of what an operation will fetch, computed before anything is fetched.

In the spirit of GitHub's node limit and IBM's GraphQL cost directives: the estimate
counts the records an operation can touch, which is what drives upstream work.

- a Connection (``candidates(first: 20) { edges { node { … } } }``) costs ``first``
  (or the default page size) times the cost of one node;
- a record (a type with an ``id``) costs 1 plus the cost of its selection;
- a list of records that is not paginated (``Candidate.applications``) costs its
  expected fan-out (``FANOUT``, else ``DEFAULT_FANOUT``) times the cost of one record;
- scalars, enums and embedded values (``emails``, ``pageInfo``) cost nothing themselves;
- introspection (``__schema``, ``__type``) costs 1 per object it returns (a type, field,
  argument, enum value, directive, type reference), its lists counted with the schema's own
  average fan-out (``introspection_fanout``): a full introspection costs about what its
  answer holds, and many of them in one request add up like any other work.

The walk follows fragments, ``@skip``/``@include`` and variables the way execution
does, so two selections of the same field merge instead of adding up. For an abstract
type it takes the costliest possible type. docs/limits.md documents the table.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, Final

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLAbstractType,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    OperationDefinitionNode,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    get_named_type,
    is_leaf_type,
)

from graph.selections import FieldCollector

DEFAULT_FANOUT: Final = 10
"""Expected items in a list of records that takes no ``first``, when FANOUT does not say."""

FANOUT: Final[Mapping[tuple[str, str], int]] = {
    ("Candidate", "applications"): 2,
    ("Candidate", "tags"): 3,
    ("Candidate", "attachments"): 3,
    ("Candidate", "interviews"): 5,
    ("Candidate", "offers"): 1,
    ("Candidate", "scorecards"): 5,
    ("Candidate", "eeocs"): 1,
    ("Application", "attachments"): 2,
    ("Application", "interviews"): 3,
    ("Application", "offers"): 1,
    ("Application", "scorecards"): 3,
    ("Interview", "interviewers"): 2,
    ("Interview", "scorecards"): 2,
    ("Job", "departments"): 1,
    ("Job", "offices"): 1,
    ("Job", "hiringManagers"): 2,
    ("Job", "recruiters"): 2,
    ("Job", "stages"): 8,
    ("Job", "tags"): 3,
    ("Job", "applications"): 50,
    ("Job", "interviews"): 50,
    ("User", "interviews"): 50,
}
"""Expected fan-out of relationship lists, per ``(type, field)``; keep docs/limits.md in step."""

INTROSPECTION_OBJECTS: Final = frozenset(
    {"__Schema", "__Type", "__Field", "__InputValue", "__EnumValue", "__Directive"}
)
"""Introspection's object types: each one returned costs 1, like a record."""

SIZE_ARGUMENTS: Final[Mapping[tuple[str, str], str]] = {("Query", "_entities"): "representations"}
"""List fields whose length is the length of one of their list arguments."""


class CostEstimator(FieldCollector):
    """Estimates one operation of a validated document with coerced variables."""

    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: Mapping[str, Any],
        *,
        default_first: int,
        max_first: int,
    ) -> None:
        fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        super().__init__(schema, fragments, variables)
        self.default_first = default_first
        self.max_first = max_first
        # Keyed by the merged field nodes, so a fragment reused many times is walked once.
        self._memo: dict[tuple[str, tuple[int, ...]], int] = {}
        self._introspection_fanout = introspection_fanout(schema)

    def operation_cost(self, operation: OperationDefinitionNode) -> int:
        root = self.schema.get_root_type(operation.operation)
        if root is None:
            return 0
        return self._selection_cost(root, [operation.selection_set])

    def root_fields(self, operation: OperationDefinitionNode) -> dict[str, list[FieldNode]]:
        """The operation's root fields by response key, as execution collects them."""
        root = self.schema.get_root_type(operation.operation)
        return {} if root is None else self.collect(root, [operation.selection_set])

    def argument(self, node: FieldNode, name: str) -> Any:
        """An argument's value: literals and variables, lists and objects (None if absent)."""
        for argument in node.arguments or ():
            if argument.name.value == name:
                return self.value(argument.value)
        return None

    def _selection_cost(self, parent: GraphQLObjectType, selections: Sequence[SelectionSetNode]) -> int:
        total = 0
        for nodes in self.collect(parent, selections).values():
            field = self._field(parent, nodes[0].name.value)
            if field is not None:
                total += self._field_cost(parent, nodes, field.type)
        return total

    def _field_cost(self, parent: GraphQLObjectType, nodes: list[FieldNode], type_: GraphQLOutputType) -> int:
        named = get_named_type(type_)
        if is_leaf_type(named):
            return 0
        children = self._children_cost(named, nodes)
        name = nodes[0].name.value
        if _is_connection(named):
            return self._page_size(nodes[0]) * children
        if named.name in INTROSPECTION_OBJECTS:
            return self._introspection_cost(parent.name, name, type_, children)
        if not _is_record(self.schema, named):
            return children
        if _is_list(type_):
            return self._list_size(parent.name, name, nodes[0]) * (1 + children)
        return 1 + children

    def _field(self, parent: GraphQLObjectType, name: str) -> GraphQLField | None:
        # `__schema` and `__type` are no field of the query type: execution adds them to its root.
        if parent is self.schema.query_type and name in _META_FIELDS:
            return _META_FIELDS[name]
        field: GraphQLField | None = parent.fields.get(name)
        return field

    def _introspection_cost(self, parent: str, name: str, type_: GraphQLOutputType, children: int) -> int:
        if name == "ofType":
            # A wrapper (`[Job!]!`) is part of the type reference already counted.
            return children
        if _is_list(type_):
            return self._introspection_fanout.get((parent, name), 0) * (1 + children)
        return 1 + children

    def _children_cost(self, named: GraphQLNamedType, nodes: list[FieldNode]) -> int:
        selections = [n.selection_set for n in nodes if n.selection_set is not None]
        key = (named.name, tuple(id(s) for s in selections))
        found = self._memo.get(key)
        if found is None:
            found = max(
                (self._selection_cost(t, selections) for t in self._runtime_types(named)),
                default=0,
            )
            self._memo[key] = found
        return found

    def _runtime_types(self, named: GraphQLNamedType) -> Sequence[GraphQLObjectType]:
        if isinstance(named, GraphQLObjectType):
            return [named]
        if isinstance(named, GraphQLAbstractType):
            return self.schema.get_possible_types(named)
        return []

    def _page_size(self, node: FieldNode) -> int:
        first = self.argument(node, "first")
        if first is None:
            return self.default_first
        if not isinstance(first, int) or not 0 <= first <= self.max_first:
            # The resolver refuses such a page before any upstream call.
            return 0
        return first

    def _list_size(self, parent: str, name: str, node: FieldNode) -> int:
        argument = SIZE_ARGUMENTS.get((parent, name))
        if argument is not None:
            value = self.argument(node, argument)
            return len(value) if isinstance(value, list) else 0
        return FANOUT.get((parent, name), DEFAULT_FANOUT)


def estimate_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any],
    *,
    default_first: int,
    max_first: int,
) -> int:
    """The estimated cost of ``operation``; the document must be valid and variables coerced."""
    estimator = CostEstimator(schema, document, variables, default_first=default_first, max_first=max_first)
    return estimator.operation_cost(operation)


_META_FIELDS: Final[Mapping[str, GraphQLField]] = {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef}


@lru_cache(maxsize=16)
def introspection_fanout(schema: GraphQLSchema) -> Mapping[tuple[str, str], int]:
    """Items in each introspection list, on average over this schema's parents (rounded up).

    An average, not a maximum: under ``__schema { types { … } }`` average times count is the
    exact total, so a full introspection is costed at about its real size. Computed once per
    schema (the schema is immutable once built).
    """
    named = list(schema.type_map.values())
    with_fields = [t for t in named if isinstance(t, GraphQLObjectType | GraphQLInterfaceType)]
    fields = [f for t in with_fields for f in t.fields.values()]
    abstract = [t for t in named if isinstance(t, GraphQLAbstractType)]
    directives = schema.directives

    def mean(total: int, parents: int) -> int:
        return math.ceil(total / parents) if parents else 0

    return {
        ("__Schema", "types"): len(named),
        ("__Schema", "directives"): len(directives),
        ("__Type", "fields"): mean(len(fields), len(named)),
        ("__Type", "interfaces"): mean(sum(len(t.interfaces) for t in with_fields), len(named)),
        ("__Type", "possibleTypes"): mean(
            sum(len(schema.get_possible_types(t)) for t in abstract), len(named)
        ),
        ("__Type", "enumValues"): mean(
            sum(len(t.values) for t in named if isinstance(t, GraphQLEnumType)), len(named)
        ),
        ("__Type", "inputFields"): mean(
            sum(len(t.fields) for t in named if isinstance(t, GraphQLInputObjectType)), len(named)
        ),
        ("__Field", "args"): mean(sum(len(f.args) for f in fields), len(fields)),
        ("__Directive", "args"): mean(sum(len(d.args) for d in directives), len(directives)),
    }


def _is_list(type_: GraphQLOutputType) -> bool:
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


def _is_connection(named: GraphQLNamedType) -> bool:
    """A Relay connection: its page size is ``first``, not a fan-out."""
    return isinstance(named, GraphQLObjectType) and {"edges", "pageInfo"} <= named.fields.keys()


def _is_record(schema: GraphQLSchema, named: GraphQLNamedType) -> bool:
    """A record has an ``id``; an abstract type is one when every possible type is."""
    if isinstance(named, GraphQLObjectType):
        return "id" in named.fields
    if isinstance(named, GraphQLAbstractType):
        possible = schema.get_possible_types(named)
        return bool(possible) and all("id" in t.fields for t in possible)
    return False
