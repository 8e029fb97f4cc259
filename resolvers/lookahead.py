"""Load a response's relationships level by level before graphql-core completes it.

A root field that has read its records (a page, or one record by id) walks the query's
selection below them: every relationship field selected at a depth, for every record at that
depth, starts its loads at once, the loaders send them as one batch per resource, and once
they land the records they reached are the next depth. The loads and batches are exactly those
the relationship resolvers would make (both come from the same ``graph/types/relations``
declarations); what changes is when: by the time graphql-core asks a relationship, its
records are known, so it completes the whole response synchronously instead of through a
coroutine, a task and a future for every object that has a pending field (that async
completion was about half of the CPU of a deep query).

The lookahead only ever warms the request's loaders. Whatever it does not follow (abstract
types, fields it does not know), and any load that failed, the resolvers load lazily as
before, so a response never depends on it being complete.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphql import (
    FieldNode,
    GraphQLObjectType,
    GraphQLResolveInfo,
    get_named_type,
)
from strawberry.types import Info

from graph.selections import FieldCollector
from graph.types.common import selects_only_ids
from graph.types.relations import Loader, Relation, relation_of
from loaders import Loaders
from providers.records import Record

if TYPE_CHECKING:
    from graph.context import Context

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Branch:
    """Records of one depth and the selection (one response key's field nodes) under them."""

    type: GraphQLObjectType
    records: Sequence[Record]
    nodes: Sequence[FieldNode]


async def load_ahead(info: Info[Context, Any], records: Sequence[Record], via: Sequence[str] = ()) -> None:
    """Load every relationship the selection of this root field will ask below ``records``.

    ``via`` names the fields between the root field and the records (``edges``, ``node`` for
    a connection).
    """
    ctx = info.context
    if not records or not ctx.loaders.looks_ahead:
        return
    raw = info._raw_info
    try:
        walk = _Walk(raw, ctx)
        branches = walk.start(records, via)
        while branches:
            branches = await walk.level(branches)
    except Exception:
        # never the response's problem: the resolvers load whatever is still missing
        log.exception("lookahead stopped; the remaining relationships load as they are asked")


class _Walk:
    def __init__(self, raw: GraphQLResolveInfo[Any], ctx: Context) -> None:
        self.raw = raw
        self.ctx = ctx
        self.collector = FieldCollector(raw.schema, raw.fragments, _variables(raw))

    def start(self, records: Sequence[Record], via: Sequence[str]) -> list[_Branch]:
        raw = self.raw
        parent = get_named_type(raw.return_type)
        groups: Sequence[Sequence[FieldNode]] = [raw.field_nodes]
        for name in via:
            if not isinstance(parent, GraphQLObjectType) or name not in parent.fields:
                return []
            groups = [
                nodes
                for group in groups
                for nodes in self.fields(parent, group).values()
                if nodes[0].name.value == name
            ]
            parent = get_named_type(parent.fields[name].type)
        if not isinstance(parent, GraphQLObjectType):
            return []
        return [_Branch(parent, records, group) for group in groups]

    async def level(self, branches: Sequence[_Branch]) -> list[_Branch]:
        """Start one depth's loads, wait for them to land, return the next depth."""
        ctx = self.ctx
        started: list[tuple[Relation, _Branch, Sequence[FieldNode]]] = []
        touched: set[Loader] = set()
        for branch in branches:
            for nodes in self.fields(branch.type, branch.nodes).values():
                relation = _relation(branch.type, nodes[0].name.value)
                if relation is None or relation.field in ctx.unsupported[relation.owner]:
                    continue
                only_ids = selects_only_ids(nodes)
                for record in branch.records:
                    if only_ids and relation.answers_ids_from_record(record):
                        continue
                    loader = relation.request(ctx, record)
                    if loader is not None:
                        touched.add(loader)
                if not only_ids:
                    started.append((relation, branch, nodes))
        if not started:
            return []
        await Loaders.landed(touched)
        following: list[_Branch] = []
        for relation, branch, selected in started:
            target = self._target(branch.type, selected[0].name.value)
            if target is None:
                continue
            reached = _distinct(r for record in branch.records for r in relation.reached(ctx, record))
            if reached:
                following.append(_Branch(target, reached, selected))
        return following

    def _target(self, parent: GraphQLObjectType, field: str) -> GraphQLObjectType | None:
        named = get_named_type(parent.fields[field].type)
        return named if isinstance(named, GraphQLObjectType) else None

    def fields(self, parent: GraphQLObjectType, nodes: Sequence[FieldNode]) -> dict[str, list[FieldNode]]:
        return self.collector.subfields(parent, nodes)


def _variables(raw: GraphQLResolveInfo[Any]) -> Mapping[str, Any]:
    # Strawberry hands resolvers the coerced values as a plain dict; graphql-core's own
    # resolve info carries them in ``.coerced``
    values = raw.variable_values
    return values if isinstance(values, Mapping) else values.coerced


_RELATION_OF: dict[tuple[str, str], Relation | None] = {}


def _relation(parent: GraphQLObjectType, field: str) -> Relation | None:
    key = (parent.name, field)
    if key not in _RELATION_OF:
        _RELATION_OF[key] = relation_of(parent, field)
    return _RELATION_OF[key]


def _distinct(records: Iterable[Record]) -> list[Record]:
    seen: dict[str, Record] = {}
    for record in records:
        seen.setdefault(record.id, record)
    return list(seen.values())
