"""Grouping a selection's fields the way execution does (CollectFields in the spec).

Fields by response key, following fragments whose type condition applies to the runtime
type and deciding ``@skip``/``@include`` from literals and variables. The cost estimate
walks an operation with it before anything runs, and the lookahead walks the selection
below a root field that has read its records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graphql import (
    BooleanValueNode,
    EnumValueNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLAbstractType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    ObjectValueNode,
    SelectionNode,
    SelectionSetNode,
    StringValueNode,
    ValueNode,
    VariableNode,
)


class FieldCollector:
    """Collects fields of one operation's selections, given its fragments and variables."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def collect(
        self, runtime: GraphQLObjectType, selections: Iterable[SelectionSetNode]
    ) -> dict[str, list[FieldNode]]:
        """Fields by response key, as execution groups them on ``runtime``."""
        grouped: dict[str, list[FieldNode]] = {}
        visited: set[str] = set()
        pending = list(selections)
        while pending:
            for selection in pending.pop(0).selections:
                if not self.included(selection):
                    continue
                if isinstance(selection, FieldNode):
                    key = selection.alias.value if selection.alias else selection.name.value
                    grouped.setdefault(key, []).append(selection)
                elif isinstance(selection, InlineFragmentNode):
                    condition = selection.type_condition
                    if condition is None or self._applies(condition.name.value, runtime):
                        pending.append(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    fragment = self.fragments.get(name)
                    if name in visited or fragment is None:
                        continue
                    visited.add(name)
                    if self._applies(fragment.type_condition.name.value, runtime):
                        pending.append(fragment.selection_set)
        return grouped

    def subfields(self, runtime: GraphQLObjectType, nodes: Iterable[FieldNode]) -> dict[str, list[FieldNode]]:
        """The fields selected under ``nodes`` (one response key's field nodes) on ``runtime``."""
        return self.collect(runtime, [n.selection_set for n in nodes if n.selection_set is not None])

    def value(self, value: ValueNode) -> Any:
        """A literal's or a variable's value (None for what an argument here cannot be)."""
        if isinstance(value, VariableNode):
            return self.variables.get(value.name.value)
        if isinstance(value, IntValueNode):
            return int(value.value)
        if isinstance(value, BooleanValueNode):
            return value.value
        if isinstance(value, ListValueNode):
            return [self.value(v) for v in value.values]
        if isinstance(value, ObjectValueNode):
            return {f.name.value: self.value(f.value) for f in value.fields}
        if isinstance(value, StringValueNode | EnumValueNode):
            return value.value
        return None

    def included(self, selection: SelectionNode) -> bool:
        for directive in selection.directives or ():
            name = directive.name.value
            if name not in ("skip", "include"):
                continue
            condition = next((a.value for a in directive.arguments or () if a.name.value == "if"), None)
            value = self.value(condition) if condition is not None else None
            if name == "skip" and value is True:
                return False
            if name == "include" and value is False:
                return False
        return True

    def _applies(self, condition: str, runtime: GraphQLObjectType) -> bool:
        if condition == runtime.name:
            return True
        target = self.schema.get_type(condition)
        return isinstance(target, GraphQLAbstractType) and self.schema.is_sub_type(target, runtime)
