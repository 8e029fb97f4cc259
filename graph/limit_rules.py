"""The static limits that are validation rules: depth, aliases, repeated fields, operations.

They run before graphql-core's specified rules (graph/limits.py), because those grow
quadratically with repeated fields and aliases; each one is cheap and cycle-safe even on
a document that the specified rules would reject.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Final

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)

from gateway.errors import QueryTooComplex

MAX_REPEATS: Final = 30
"""How often one response key may be selected side by side in one selection set."""


def limit_rules(max_depth: int, max_aliases: int, max_operations: int) -> list[type[ValidationRule]]:
    """Validation rules for the given depth, alias and operation limits."""

    class DepthRule(_DepthRule):
        pass

    class AliasRule(_AliasRule):
        pass

    class OperationCountRule(_OperationCountRule):
        pass

    DepthRule.max_depth = max_depth
    AliasRule.max_aliases = max_aliases
    OperationCountRule.max_operations = max_operations
    return [OperationCountRule, AliasRule, _RepeatedFieldRule, DepthRule]


def _refusal(message: str, node: Any, **extensions: Any) -> GraphQLError:
    return GraphQLError(message, node, original_error=QueryTooComplex(message, **extensions))


class _OperationCountRule(ValidationRule):
    max_operations: int

    def enter_document(self, node: DocumentNode, *_: Any) -> Any:
        count = sum(isinstance(d, OperationDefinitionNode) for d in node.definitions)
        if count > self.max_operations:
            self.report_error(
                _refusal(
                    f"the document defines {count} operations; the limit is {self.max_operations}",
                    None,
                    rule="maxOperations",
                    limit=self.max_operations,
                )
            )
            return self.BREAK
        return None


class _AliasRule(ValidationRule):
    """Counts every alias in the document, fragments included once."""

    max_aliases: int

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.count = 0

    def enter_field(self, node: FieldNode, *_: Any) -> Any:
        if node.alias is None:
            return None
        self.count += 1
        if self.count > self.max_aliases:
            self.report_error(
                _refusal(
                    f"the document uses more than {self.max_aliases} aliases",
                    node,
                    rule="maxAliases",
                    limit=self.max_aliases,
                )
            )
            return self.BREAK
        return None


class _RepeatedFieldRule(ValidationRule):
    """Bounds how often one response key is selected side by side, fragments included.

    Validation compares every pair of fields that share a response key (OverlappingFields-
    CanBeMerged), so a few hundred copies of one field cost seconds; real queries repeat a
    field a handful of times at most.
    """

    max_repeats = MAX_REPEATS

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.fragment_keys: dict[str, Counter[str]] = {}
        self.fragments = _fragments(context.document)

    def enter_selection_set(self, node: SelectionSetNode, *_: Any) -> Any:
        try:
            counts = self._keys(node, set())
        except RecursionError:
            counts = Counter({"…": self.max_repeats + 1})
        key, repeats = max(counts.items(), key=lambda item: item[1], default=("", 0))
        if repeats > self.max_repeats:
            self.report_error(
                _refusal(
                    f"`{key}` is selected {repeats} times in one selection set; "
                    f"the limit is {self.max_repeats}",
                    node,
                    rule="maxRepeats",
                    limit=self.max_repeats,
                )
            )
            return self.BREAK
        return None

    def _keys(self, node: SelectionSetNode, spreading: set[str]) -> Counter[str]:
        counts: Counter[str] = Counter()
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                counts[(selection.alias or selection.name).value] += 1
            elif isinstance(selection, InlineFragmentNode):
                counts.update(self._keys(selection.selection_set, spreading))
            elif isinstance(selection, FragmentSpreadNode):
                counts.update(self._spread_keys(selection.name.value, spreading))
        return counts

    def _spread_keys(self, name: str, spreading: set[str]) -> Counter[str]:
        known = self.fragment_keys.get(name)
        if known is not None:
            return known
        fragment = self.fragments.get(name)
        if fragment is None or name in spreading:
            return Counter()
        spreading.add(name)
        counts = self._keys(fragment.selection_set, spreading)
        spreading.discard(name)
        self.fragment_keys[name] = counts
        return counts


class _DepthRule(ValidationRule):
    """Field nesting of each operation, following fragment spreads (each fragment measured once)."""

    max_depth: int

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.fragment_depth: dict[str, int] = {}
        self.fragments = _fragments(context.document)

    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> Any:
        try:
            too_deep = self._depth(node.selection_set, set()) > self.max_depth
        except RecursionError:
            # Only a chain of hundreds of fragments gets here; it is refused like a deep one.
            too_deep = True
        if too_deep:
            name = f"operation '{node.name.value}'" if node.name else "the operation"
            self.report_error(
                _refusal(
                    f"{name} nests fields more than {self.max_depth} deep",
                    node,
                    rule="maxDepth",
                    limit=self.max_depth,
                )
            )
            return self.BREAK
        return self.SKIP

    def _depth(self, selection_set: SelectionSetNode | None, spreading: set[str]) -> int:
        if selection_set is None:
            return 0
        deepest = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                depth = 1 + self._depth(selection.selection_set, spreading)
            elif isinstance(selection, InlineFragmentNode):
                depth = self._depth(selection.selection_set, spreading)
            elif isinstance(selection, FragmentSpreadNode):
                depth = self._spread_depth(selection.name.value, spreading)
            else:
                depth = 0
            deepest = max(deepest, depth)
            if deepest > self.max_depth:
                # Deep enough to refuse: stop before a hostile document costs more.
                break
        return deepest

    def _spread_depth(self, name: str, spreading: set[str]) -> int:
        known = self.fragment_depth.get(name)
        if known is not None:
            return known
        fragment = self.fragments.get(name)
        if fragment is None or name in spreading:
            # Unknown fragments and cycles are reported by the specified rules.
            return 0
        spreading.add(name)
        depth = self._depth(fragment.selection_set, spreading)
        spreading.discard(name)
        self.fragment_depth[name] = depth
        return depth


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
