"""Introspection answered once per schema and document, then from a bounded cache.

An introspection answer depends only on the schema, the document and its variables, yet
graphql-core rebuilds it on every request: the full IntrospectionQuery takes tens of
milliseconds of CPU, and a batch of them used to hold the event loop for seconds. So an
operation that selects nothing but ``__schema``, ``__type`` and ``__typename`` at its root
is executed once, in a worker thread (the event loop keeps serving other requests
meanwhile), and its result is kept, keyed by the schema, the normalized document
(``print_ast``: whitespace and comments do not matter), the operation name and the
variables. Anything that also selects data is executed as usual, never cached.

Cached results are shared between responses: nothing downstream may mutate them.
"""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Final

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    execute,
    get_operation_ast,
    print_ast,
)
from strawberry.extensions import SchemaExtension

ROOT_INTROSPECTION_FIELDS: Final = frozenset({"__schema", "__type", "__typename"})
"""The root fields whose answer depends on the schema alone."""

CACHE_SIZE: Final = 16
"""Distinct introspection answers kept per schema. An answer's size follows its estimated cost,
which ``max_cost`` caps (25,000 is about 1.8 MB of introspection): a few dozen MB at worst."""

CacheKey = tuple[GraphQLSchema, str, str | None, str]

# One worker: introspection misses take turns rather than take every core's share of the GIL.
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="introspection")


def is_pure_introspection(document: DocumentNode, operation: OperationDefinitionNode) -> bool:
    """Whether every root field of ``operation`` is introspection, whatever the directives say.

    ``@skip``/``@include`` are ignored on purpose: a data field that a variable may switch on
    makes the operation not pure, so its answer never depends on the cache.
    """
    if operation.operation != OperationType.QUERY:
        return False
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    return _only_introspection(operation.selection_set, fragments, set())


def _only_introspection(
    selection_set: SelectionSetNode, fragments: Mapping[str, FragmentDefinitionNode], seen: set[str]
) -> bool:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value not in ROOT_INTROSPECTION_FIELDS:
                return False
        elif isinstance(selection, InlineFragmentNode):
            if not _only_introspection(selection.selection_set, fragments, seen):
                return False
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is None:
                return False
            if name not in seen:
                seen.add(name)
                if not _only_introspection(fragment.selection_set, fragments, seen):
                    return False
    return True


def cache_key(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
) -> CacheKey | None:
    """The key of a pure-introspection query, or None when its answer must not be cached."""
    operation = get_operation_ast(document, operation_name)
    if operation is None or not is_pure_introspection(document, operation):
        return None
    try:
        variables_key = json.dumps(variables or {}, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError):
        return None
    return (schema, print_ast(document), operation_name, variables_key)


class IntrospectionCache:
    """Introspection results by :func:`cache_key`, least recently used evicted first."""

    def __init__(self, maxsize: int = CACHE_SIZE) -> None:
        self.maxsize = maxsize
        self._results: OrderedDict[CacheKey, ExecutionResult] = OrderedDict()
        # Identical misses in flight (a batch of the same query) share one execution.
        self._pending: dict[CacheKey, asyncio.Future[ExecutionResult]] = {}

    def __len__(self) -> int:
        return len(self._results)

    async def result(
        self, key: CacheKey, document: DocumentNode, variables: Mapping[str, Any] | None
    ) -> ExecutionResult:
        """The cached answer, else one execution shared by every identical request meanwhile."""
        found = self._results.get(key)
        if found is not None:
            self._results.move_to_end(key)
            return found
        loop = asyncio.get_running_loop()
        pending = self._pending.get(key)
        if pending is None or pending.get_loop() is not loop:
            schema, _, operation_name, _ = key
            pending = loop.run_in_executor(
                _WORKER, _execute, schema, document, operation_name, dict(variables or {})
            )
            self._pending[key] = pending
            pending.add_done_callback(lambda done: self._settle(key, done))
        # Shielded: a client that goes away does not cancel the others' answer.
        return await asyncio.shield(pending)

    def _settle(self, key: CacheKey, done: asyncio.Future[ExecutionResult]) -> None:
        if self._pending.get(key) is done:
            del self._pending[key]
        if done.cancelled() or done.exception() is not None:
            return
        result = done.result()
        if result.errors:
            return
        self._results[key] = result
        self._results.move_to_end(key)
        while len(self._results) > self.maxsize:
            self._results.popitem(last=False)


def _execute(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None, variables: dict[str, Any]
) -> ExecutionResult:
    result = execute(schema, document, variable_values=variables, operation_name=operation_name)
    if not isinstance(result, ExecutionResult):
        # Introspection resolvers are synchronous: graphql-core answers without an awaitable.
        raise TypeError("introspection execution returned an awaitable")
    return result


class CachedIntrospection(SchemaExtension):
    """Serves pure-introspection operations from ``cache``; Strawberry skips execution then."""

    def __init__(self, cache: IntrospectionCache) -> None:
        self.cache = cache

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        document = context.graphql_document
        schema = context.schema._schema
        if document is not None and context.result is None:
            key = cache_key(schema, document, context.operation_name, context.variables)
            if key is not None:
                context.result = await self.cache.result(key, document, context.variables)
        yield
