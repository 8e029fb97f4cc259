"""Relationship fields, declared once: which records a field points at and how they load.

Each relationship field of a resource type is a module-level ``ToOne``, ``ToMany`` or
``Children`` whose ``resolve`` is the field's whole resolver. The same declaration tells the
lookahead (``resolvers/lookahead.py``) which loads a selection will need, so the two cannot
disagree about what a field costs upstream.

``resolve`` returns the value itself when the loaders already hold it (primed, embedded,
loaded at an earlier level or by the lookahead, no id at all) and an awaitable only while a
load is pending: graphql-core completes an object, and often its whole subtree, without a
coroutine, a task and a future per object when none of its fields is pending.
"""

from __future__ import annotations

from collections.abc import Awaitable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from graphql import GraphQLField, GraphQLObjectType, GraphQLResolveInfo

from loaders.batching import LevelDataLoader
from providers.records import Record, Resource

from .common import build, build_many, references, require_field, selects_only_ids

if TYPE_CHECKING:
    from graph.context import Context

Loader = LevelDataLoader[str, Any]

RELATIONS: dict[tuple[Resource, str], Relation] = {}
"""Every declared relationship, by owner resource and field name."""

_STRAWBERRY_DEFINITION = "strawberry-definition"
"""The key under which Strawberry leaves its definition in graphql-core's ``extensions``."""


def strawberry_definition(item: GraphQLObjectType | GraphQLField) -> Any:
    """Strawberry's definition behind a type or field of the built schema (None if none)."""
    return item.extensions.get(_STRAWBERRY_DEFINITION) if item.extensions else None


def relation_of(parent: GraphQLObjectType, field: str) -> Relation | None:
    """The declared relationship behind ``field`` of ``parent`` in the built schema, if any."""
    field_def = parent.fields.get(field)
    if field_def is None:
        return None
    owner = getattr(strawberry_definition(parent), "origin", None)
    resource = getattr(owner, "resource", None)
    python_name = getattr(strawberry_definition(field_def), "python_name", None)
    if resource is None or python_name is None:
        return None
    return RELATIONS.get((resource, python_name))


class Relation:
    """One relationship field of ``owner``, pointing at ``target`` records."""

    def __init__(self, owner: Resource, field: str, target: Resource, *, checked: bool = True) -> None:
        if checked and field not in owner.field_names():
            raise ValueError(f"{owner.value} has no field {field!r} to check support of")
        self.owner = owner
        self.field = field
        self.target = target
        self.checked = checked
        """Whether the field answers NOT_SUPPORTED_BY_PROVIDER itself when the provider lacks
        it (otherwise the adapter's missing listing says so when the load runs)."""
        RELATIONS[(owner, field)] = self

    def _attribute(self, name: str) -> str:
        if name not in self.owner.record_type.model_fields:
            raise ValueError(f"{self.owner.record_type.__name__} has no attribute {name!r}")
        return name

    def resolve(self, owner: Any, info: GraphQLResolveInfo[Context]) -> Any:
        """The field's value for the GraphQL object ``owner``, or an awaitable of it.

        Shaped as a graphql-core resolver, so the schema can call it without Strawberry's
        per-call wrapper (``graph/direct_fields.py``); the Strawberry method that declares
        the field calls the same."""
        raise NotImplementedError

    def request(self, ctx: Context, record: Record) -> Loader | None:
        """Start the loads ``resolve`` will need under a selection that asks more than ids;
        returns the loader they went to (None: nothing to load)."""
        raise NotImplementedError

    def reached(self, ctx: Context, record: Record) -> Iterable[Record]:
        """The records ``request`` found, as far as their loads have finished."""
        raise NotImplementedError

    def answers_ids_from_record(self, record: Record) -> bool:
        """Whether an ids-only selection is answered from ``record`` without a load."""
        return True

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.owner.value}.{self.field} -> {self.target.value})"


class ToOne(Relation):
    """A to-one relationship stored as the target's id on the owner's record."""

    def __init__(self, owner: Resource, field: str, target: Resource, id_attribute: str) -> None:
        super().__init__(owner, field, target)
        self.id_attribute = self._attribute(id_attribute)

    def resolve(self, owner: Any, info: GraphQLResolveInfo[Context]) -> Any:
        require_field(info.context, self.owner, self.field)
        record_id = getattr(owner.record, self.id_attribute)
        if record_id is None:
            return None
        if selects_only_ids(info.field_nodes):
            return references(self.target, [record_id])[0]
        ctx = info.context
        done = ctx.loaders.settled(self.target, record_id)
        if done is None:
            return _build_one(ctx.loaders.load(self.target, record_id), self.target, ctx)
        found = done.result()
        return None if found is None else build(self.target, found, ctx)

    def request(self, ctx: Context, record: Record) -> Loader | None:
        record_id = getattr(record, self.id_attribute)
        if record_id is None:
            return None
        loader = ctx.loaders.by_id(self.target)
        loader.load(record_id)
        return loader

    def reached(self, ctx: Context, record: Record) -> Iterable[Record]:
        record_id = getattr(record, self.id_attribute)
        done = None if record_id is None else ctx.loaders.settled(self.target, record_id)
        found = None if done is None else done.result()
        return () if found is None else (found,)


class ToMany(Relation):
    """A to-many relationship stored as the targets' ids on the owner's record."""

    def __init__(self, owner: Resource, field: str, target: Resource, ids_attribute: str) -> None:
        super().__init__(owner, field, target)
        self.ids_attribute = self._attribute(ids_attribute)

    def resolve(self, owner: Any, info: GraphQLResolveInfo[Context]) -> Any:
        require_field(info.context, self.owner, self.field)
        ids = getattr(owner.record, self.ids_attribute)
        if selects_only_ids(info.field_nodes):
            return references(self.target, ids)
        return _load_by_ids(info.context, self.target, ids)

    def request(self, ctx: Context, record: Record) -> Loader | None:
        return _request_ids(ctx, self.target, getattr(record, self.ids_attribute))

    def reached(self, ctx: Context, record: Record) -> Iterable[Record]:
        return _settled_ids(ctx, self.target, getattr(record, self.ids_attribute))


class Children(Relation):
    """A reverse relationship: the ``target`` records whose ``parent`` is the owner.

    When the owner's record already lists the children's ids (``known_ids_attribute``, None on
    providers that don't ship them), they load by id, which is free when the provider embedded
    them; otherwise one batched by-parent call.
    """

    def __init__(
        self,
        owner: Resource,
        field: str,
        target: Resource,
        parent: str,
        known_ids_attribute: str | None = None,
    ) -> None:
        super().__init__(owner, field, target, checked=known_ids_attribute is not None)
        self.parent = parent
        self.known_ids_attribute = (
            None if known_ids_attribute is None else self._attribute(known_ids_attribute)
        )

    def _known(self, record: Record) -> Sequence[str] | None:
        attribute = self.known_ids_attribute
        return None if attribute is None else getattr(record, attribute)

    def resolve(self, owner: Any, info: GraphQLResolveInfo[Context]) -> Any:
        ctx = info.context
        if self.checked:
            require_field(ctx, self.owner, self.field)
        known = self._known(owner.record)
        if known is not None:
            if selects_only_ids(info.field_nodes):
                return references(self.target, known)
            return _load_by_ids(ctx, self.target, known)
        loaders = ctx.loaders
        done = loaders.settled_children(self.target, self.parent, owner.id)
        if done is None:
            pending = loaders.children(self.target, self.parent).load(owner.id)
            return _build_many(pending, self.target, ctx)
        return build_many(self.target, done.result(), ctx)

    def answers_ids_from_record(self, record: Record) -> bool:
        return self._known(record) is not None

    def request(self, ctx: Context, record: Record) -> Loader | None:
        known = self._known(record)
        if known is not None:
            return _request_ids(ctx, self.target, known)
        loader = ctx.loaders.children(self.target, self.parent)
        loader.load(record.id)
        return loader

    def reached(self, ctx: Context, record: Record) -> Iterable[Record]:
        known = self._known(record)
        if known is not None:
            return _settled_ids(ctx, self.target, known)
        done = ctx.loaders.settled_children(self.target, self.parent, record.id)
        return () if done is None else done.result()


async def _build_one(pending: Awaitable[Record | None], target: Resource, ctx: Context) -> Any:
    found = await pending
    return None if found is None else build(target, found, ctx)


async def _build_many(
    pending: Awaitable[Sequence[Record | None]], target: Resource, ctx: Context
) -> list[Any]:
    return build_many(target, await pending, ctx)


def _load_by_ids(ctx: Context, target: Resource, ids: Sequence[str]) -> Any:
    loaders = ctx.loaders
    found: list[Record | None] = []
    for i in ids:
        done = loaders.settled(target, i)
        if done is None:
            return _build_many(loaders.load_many(target, ids), target, ctx)
        found.append(done.result())
    return build_many(target, found, ctx)


def _request_ids(ctx: Context, target: Resource, ids: Sequence[str]) -> Loader | None:
    if not ids:
        return None
    loader = ctx.loaders.by_id(target)
    for i in ids:
        loader.load(i)
    return loader


def _settled_ids(ctx: Context, target: Resource, ids: Sequence[str]) -> Iterable[Record]:
    loaders = ctx.loaders
    for i in ids:
        done = loaders.settled(target, i)
        found = None if done is None else done.result()
        if found is not None:
            yield found
