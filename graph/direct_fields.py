"""Resolvers graphql-core calls directly, without Strawberry's per-call wrapper.

Strawberry gives a field without a resolver a generic wrapper (``_get_basic_result`` ->
``StrawberryField.get_result`` -> the configured default resolver: four Python calls to
read one attribute), and a field with a resolver a chain that builds an ``Info``, converts
arguments and runs the field extensions before calling the method (about ten calls). For
the scalars and relationships that make up most of a response, that wrapper was a sixth to
a quarter of the CPU of the benchmark's scenarios.

Two kinds of field are swapped, each only when Strawberry itself would add nothing (no
arguments, no field extensions or permission classes, no exception handlers):
- a basic field (no resolver) reads the attribute named by its Python name, which is what
  Strawberry's default resolver does;
- a relationship field of a resource type calls its ``graph/types/relations`` declaration,
  which is exactly what the Strawberry method declaring the field returns.
The SDL, the Strawberry types and what every field answers stay as they are; tests run
the graph with and without the swap and compare the responses.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from graphql import GraphQLField, GraphQLObjectType, GraphQLSchema

from graph.types.relations import Relation, relation_of, strawberry_definition


def resolve_fields_directly(schema: GraphQLSchema) -> int:
    """Swap the resolvers that qualify; returns how many were swapped."""
    swapped = 0
    for named in schema.type_map.values():
        if not isinstance(named, GraphQLObjectType) or named.name.startswith("__"):
            continue
        for name, field in named.fields.items():
            direct = _direct(field, relation_of(named, name))
            if direct is not None:
                field.resolve = direct
                swapped += 1
    return swapped


def _direct(field: GraphQLField, relation: Relation | None) -> Callable[..., Any] | None:
    definition = strawberry_definition(field)
    if definition is None or field.resolve is None or field.args or definition.extensions:
        return None
    if definition.base_resolver is None:
        # Strawberry marks its default attribute-reading resolver; anything else it wrapped
        # (an exception handler) keeps its wrapper
        return _reader(definition.python_name) if getattr(field.resolve, "_is_default", False) else None
    return None if relation is None else relation.resolve


def _reader(name: str) -> Callable[..., Any]:
    read = attrgetter(name)

    def resolve(source: Any, _info: Any) -> Any:
        return read(source)

    return resolve
