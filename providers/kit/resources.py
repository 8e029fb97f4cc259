"""Per resource, a declaration of the endpoints that serve it, from which ``HttpAdapter``
derives the read methods (``list_<plural>``, ``get_<plural>``, ``list_<plural>_by_<parent>_ids``)
and the ``native_filters``, ``native_sorts`` and ``fields`` tables, so that the tables and the
behaviour cannot disagree. A provider declares ``resources = (Endpoints(...), ...)`` on its
adapter; a method it writes itself (a real quirk) overrides the derived one.

- ``list``: the list path; a ``{filter}`` in it (``/candidates/{candidate_id}/activities``) is a
  filter the listing requires. Filters in ``filters`` and sorts in ``sorts`` become query
  parameters; two filters sent as one parameter with different values match nothing.
- ``get``: the path of one record (``/jobs/{id}``): a get-many fans out one call per id (the
  read's context has the ``id``; a payload read into no record is None).
  ``whole``: the list is an account table, read whole and picked from (``kept``: for the
  adapter's ``tables_ttl_s``). ``parent_of``: an id names its parent, whose children are read
  and picked from.
- ``children``: per parent key, a :class:`Child`: a path per parent, the list filtered by a
  parameter, or (``whole``) the table filtered by a record attribute.
- ``read`` and ``embeds``: how a payload becomes its record and the related records it carries
  whole (shipped in ``embedded``); ``prepare`` gives a batch of payloads its context (account
  lookups) first.
- ``named``: a record is nothing but its name, which is its id (a tag): got with no call.
- ``single``: the path of the account's one record of the resource (no id: the account's
  organization), listed as a page of it and got where an id is its id.
- ``table``: no endpoint of its own: the records are a table the adapter builds from other
  reads, listed a page at a time from it and got by id.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..calls import Cost, Key, Rule
from ..errors import ProviderNotFound
from ..filters import matches
from ..http import parse
from ..paths import segment
from ..query import FilterName, ListQuery, Page, Sort
from ..records import Record, Resource
from ..relations import PARENT_FILTERS
from .mapping import NO_CTX, Ctx, RecordMap

if TYPE_CHECKING:
    from .adapter import HttpAdapter

Read = Callable[[Any, Ctx], "Record | Sequence[Record]"]
Prepare = Callable[[Any, Sequence[Any]], Awaitable[Ctx]]
"""``(adapter, payloads) -> context`` of one batch of payloads (account lookups)."""
TableReader = Callable[[Any], Awaitable[Sequence[Record]]]
"""``adapter -> records``: every record of a resource, built whole by the adapter."""

_PATH_FILTER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Param:
    """A filter sent as the query parameter ``name``, its value through ``format``. ``recheck``:
    the upstream meaning is looser than the unified one (inclusive bounds, case), so the
    records are checked again."""

    name: str
    format: Callable[[Any], Any] = str
    recheck: bool = False
    parse: Callable[[str], Any] = str
    """The server side: the parameter's text back to the filter's value (simulators)."""
    required: bool = False
    """The listing needs this filter (the API lists nothing without it)."""


@dataclass(frozen=True)
class Child:
    """How the children of one parent are read: at ``path`` (``{id}``: the parent's id; ``one``:
    its answer is one payload read into many records), through the list filtered by ``param``,
    or from the whole table by the record ``attribute``. ``embedded``: the parent's own read
    carries them whole (its record's ``embedded``), so they are the parents' records' children
    of this resource's type, read by id (no call of their own); ``via``: see below."""

    path: str | None = None
    param: str | None = None
    attribute: str | None = None
    one: bool = False
    model: Any = None
    """``one``: the wire model of the answer, where it is not the resource's item model."""
    read: RecordMap[Any] | Read | None = None
    """``one``: how the answer becomes the parent's children, where the resource's ``read``
    does not (no ``prepare`` or ``embeds`` then). With ``param`` too, the parent's id is sent
    as that query parameter of ``path``."""
    embedded: bool = False
    parts: Callable[[str], Mapping[str, str] | None] | None = None
    """A parent id that names several things (``<candidateId>:<jobId>``): its parts by name, each
    filling the ``{name}`` of ``path`` as a segment or else sent as a query parameter (None: an
    id that names none, which has no children)."""
    via: Resource | None = None
    """The parent's record lists ids of the ``via`` resource (``<via>_ids``, a candidate's
    applications): the children are those records, or their own children of this resource."""
    lists: bool = False
    """A listing filtered by this parent reads its children (paged here), though the resource
    has a list of its own that names no parent (the account's stage names, a job's stages)."""
    fresh: bool = False
    """Read at every call, even where the resource's own table is ``kept``."""


@dataclass(frozen=True)
class Endpoints:
    """The endpoints that serve one resource, and how their payloads become records (see the
    module docstring for what each part derives)."""

    resource: Resource
    model: Any
    """The wire model of one item (of a list) or of the one answer (``Child.one``)."""
    read: RecordMap[Any] | Read
    """Payload (and context) to a record: a ``RecordMap``, or a function to a record or records."""
    list: str | None = None
    items: str | None = None
    """Where a list answer holds its items (None: the adapter's ``items_of`` default)."""
    paged: bool = True
    """False: one answer holds the whole list (listed without cursor or size)."""
    params: Mapping[str, Any] = field(default_factory=dict)
    filters: Mapping[FilterName, Param] = field(default_factory=dict)
    sorts: Mapping[Sort, Mapping[str, Any]] = field(default_factory=dict)
    get: str | None = None
    record: str | None = None
    """Where a single answer holds the record (None: it is the record)."""
    whole: bool = False
    kept: bool = False
    parent_of: Callable[[str], str | None] | None = None
    children: Mapping[str, Child] = field(default_factory=dict)
    prepare: Prepare | None = None
    embeds: Sequence[RecordMap[Any] | Read] = ()
    """Related records each payload carries whole, read with the same context and shipped in
    every record's ``embedded`` (the loaders then need not read them)."""
    maps: Sequence[RecordMap[Any]] = ()
    """The record maps ``read`` uses when it is a function (for ``fields``)."""
    extra_filters: frozenset[FilterName] = frozenset()
    """Filters a hand-written method applies upstream beyond the declared ones."""
    listed: bool = True
    """False: read only under a parent (``children``) or by id, never listed, not even with the
    parent as a filter (a listing that requires a filter would pass for a listing of them all)."""
    named: bool = False
    """A record is nothing but its name, which is its id (a tag): ``get_<plural>`` reads each
    id through ``read``, with no call."""
    single: str | Callable[[Any], str] | None = None
    """The path of the account's one record (a function of the adapter: a path or URL it
    builds from the connection), read once per listing or get-many."""
    table: TableReader | None = None
    """The records, where no endpoint lists them: a table the adapter builds whole from other
    reads (people told apart across several listings), kept as it sees fit; listed a page at a
    time from it (``local_page``), got by id and, by ``Child.attribute``, by parent from it."""

    @property
    def path_filters(self) -> frozenset[FilterName]:
        return frozenset(FilterName(n) for n in _PATH_FILTER.findall(self.list or "") if n != "id")

    def native_filters(self) -> frozenset[FilterName]:
        by_parent = {
            PARENT_FILTERS[p]
            for p, c in self.children.items()
            if c.path and p in PARENT_FILTERS and self.listed
        }
        derived = set(self.filters) | self.path_filters | self.extra_filters
        derived |= {PARENT_FILTERS[p] for p, c in self.children.items() if c.lists}
        return frozenset(derived | (by_parent if self.list is None else set()))

    def field_names(self) -> frozenset[str]:
        maps = (*self.maps, *([self.read] if isinstance(self.read, RecordMap) else []))
        return frozenset(n for m in maps for n in m.field_names)


def _read(how: RecordMap[Any] | Read, payload: Any, ctx: Ctx) -> list[Record]:
    found = how.read(payload, ctx) if isinstance(how, RecordMap) else how(payload, ctx)
    return [found] if isinstance(found, Record) else list(found)


def read_payload(e: Endpoints, payload: Any, ctx: Ctx = NO_CTX) -> list[Record]:
    """The records of one payload, each with the related records the payload carries embedded."""
    found = _read(e.read, payload, ctx)
    if not e.embeds:
        return found
    embedded = tuple(r for how in e.embeds for r in _read(how, payload, ctx))
    return [r.model_copy(update={"embedded": embedded}) for r in found]


async def read_records(
    a: HttpAdapter, e: Endpoints, payloads: Sequence[Any], ctx: Ctx = NO_CTX
) -> list[Record]:
    """The records of ``payloads``, with the context ``e.prepare`` gives the batch."""
    if e.prepare is not None:
        ctx = {**ctx, **await e.prepare(a, payloads)}
    return [r for p in payloads for r in read_payload(e, p, ctx)]


def query_params(e: Endpoints, query: ListQuery) -> dict[str, Any] | None:
    """The query parameters of a listing (None: filters that match nothing)."""
    params = dict(e.params)
    for name, param in e.filters.items():
        value = getattr(query.filter, name.value)
        if value is None:
            continue
        sent = param.format(value)
        if params.get(param.name, sent) != sent:
            return None
        params[param.name] = sent
    if query.sort is not None and query.sort in e.sorts:
        params.update(e.sorts[query.sort])
    return params


async def list_records(a: HttpAdapter, e: Endpoints, query: ListQuery) -> Page[Record]:
    """``list_<plural>``: the page the query asks, its filters and sort sent as declared."""
    for parent, child in e.children.items():
        value = getattr(query.filter, PARENT_FILTERS[parent].value) if child.lists else None
        if value is not None:
            return local_page((await children_of(a, e, parent, [value]))[value], query)
    if e.table is not None or (e.whole and not e.paged):
        return local_page(await whole_table(a, e), query)
    if e.list is None:  # the children of the one parent the filter names
        parent = next(p for p, c in e.children.items() if c.path and PARENT_FILTERS.get(p))
        value = getattr(query.filter, PARENT_FILTERS[parent].value)
        if value is None:
            raise unsupported_without(a, e.resource, PARENT_FILTERS[parent])
        return Page((await children_of(a, e, parent, [value]))[value])
    path, named = e.list, {}
    for name, param in e.filters.items():
        if param.required and getattr(query.filter, name.value) is None:
            raise unsupported_without(a, e.resource, name)
    for name in e.path_filters:
        value = named[name.value] = getattr(query.filter, name.value)
        if value is None:
            raise unsupported_without(a, e.resource, name)
        path = path.replace(f"{{{name.value}}}", segment(value, a.ctx(e.resource, "list")))
    params = query_params(e, query)
    if params is None:
        return Page([])
    ctx = a.ctx(e.resource, "list")
    try:
        payloads, after = await a.fetch_query_page(e.model, path, ctx, query, params=params, field=e.items)
    except ProviderNotFound:
        if not e.path_filters:
            raise
        return Page([])  # the parent the path names does not exist
    recheck = [n for n, p in e.filters.items() if p.recheck]
    records = await read_records(a, e, payloads, named)  # a read knows its path's filters
    return Page([r for r in records if matches(e.resource, r, query.filter, recheck)], after)


def local_page(records: Sequence[Record], query: ListQuery) -> Page[Record]:
    """The page ``query`` asks of records read whole (an unpaged answer): ``page_size`` of them
    from the offset its cursor holds, so that the page size holds whatever the API pages by."""
    start = int(query.cursor) if query.cursor and query.cursor.isdigit() else 0
    end = start + max(1, query.page_size)
    return Page(list(records[start:end]), str(end) if end < len(records) else None)


def unsupported_without(a: HttpAdapter, resource: Resource, name: FilterName) -> Exception:
    head, *rest = name.value.split("_")
    camel = head + "".join(p.title() for p in rest)
    return a._unsupported(resource, f"listing {resource.plural} without a {camel} filter")


def path_to(a: HttpAdapter, e: Endpoints, template: str, value: str) -> str:
    """``template`` with ``{id}`` replaced by ``value``, escaped as one path segment."""
    return template.replace("{id}", segment(value, a.ctx(e.resource, "get")))


async def fetch_record(
    a: HttpAdapter,
    e: Endpoints,
    path: str,
    ctx_op: str = "get",
    *,
    model: Any = None,
    params: Mapping[str, Any] | None = None,
) -> Any | None:
    """One payload at ``path`` (None: a 404 or an empty answer), unwrapped at ``e.record``
    (``model``: its wire model where it is not ``e.model``; ``params``: the query's)."""
    ctx = a.ctx(e.resource, ctx_op)
    try:
        body, _ = await a.call(path, ctx, params)
    except ProviderNotFound:
        return None
    if e.record is not None:
        body = body.get(e.record) if isinstance(body, Mapping) else None
    return None if body is None else parse(model or e.model, body, ctx)


async def get_records(a: HttpAdapter, e: Endpoints, ids: Sequence[str]) -> list[Record | None]:
    """``get_<plural>``: the records of ``ids`` in their order (None where there is none)."""
    if e.whole or e.table is not None:
        return _pick(await whole_table(a, e), ids)
    if e.parent_of is not None:  # the parent an id names is read under the first child relation
        parents = sorted({p for i in ids if (p := e.parent_of(i))})
        parent = next(iter(e.children))
        by = await children_of(a, e, parent, parents)
        return _pick([r for rs in by.values() for r in rs], ids)
    assert e.get is not None
    paths = [path_to(a, e, e.get, i) for i in ids]
    payloads = await a.fan_out(lambda p: fetch_record(a, e, p), paths)
    ctx = await e.prepare(a, [p for p in payloads if p is not None]) if e.prepare else NO_CTX
    # a read knows the id it was asked by (a record without an id of its own takes it)
    found = [
        read_payload(e, p, {**ctx, "id": i}) if p is not None else []
        for i, p in zip(ids, payloads, strict=True)
    ]
    return [records[0] if records else None for records in found]


async def children_of(
    a: HttpAdapter, e: Endpoints, parent: str, ids: Sequence[str]
) -> dict[str, list[Record]]:
    """``list_<plural>_by_<parent>_ids``: each parent's children, parents concurrently."""
    child = e.children[parent]
    if child.embedded:
        return await embedded_children(a, e.resource, Resource(parent), ids)
    if child.via is not None:
        return await children_via(a, e.resource, Resource(parent), child.via, ids)
    if child.attribute is not None:
        table = await whole_table(a, e)
        return {i: [r for r in table if getattr(r, child.attribute) == i] for i in ids}

    async def one(parent_id: str) -> list[Record]:
        if e.kept and not child.fresh:
            key = f"{e.resource.value}:{parent}:{parent_id}"
            kept: list[Record] = await a.tables.get(key, lambda: read_children(a, e, child, parent_id))
            return kept
        return await read_children(a, e, child, parent_id)

    return dict(zip(ids, await a.fan_out(one, ids), strict=True))


async def embedded_children(
    a: HttpAdapter, resource: Resource, parent: Resource, ids: Sequence[str]
) -> dict[str, list[Record]]:
    """Each parent's embedded records of ``resource`` (none for a parent that does not exist),
    from one get-many of the parents."""
    kind = resource.record_type
    found = await a.get_many(parent, ids)
    return {
        i: [r for r in p.embedded if isinstance(r, kind)] if p else []
        for i, p in zip(ids, found, strict=True)
    }


async def children_via(
    a: HttpAdapter, resource: Resource, parent: Resource, via: Resource, ids: Sequence[str]
) -> dict[str, list[Record]]:
    """Each parent's children through the ``<via>_ids`` its record lists: those records (when
    ``resource`` is ``via``), else their children of ``resource``; each level one batch."""
    parents = await a.get_many(parent, ids)
    listed = {p.id: getattr(p, f"{via.value}_ids", None) or () for p in parents if p}
    wanted = list(dict.fromkeys(i for found in listed.values() for i in found))
    by: Mapping[str, Sequence[Record]]
    if resource is via:
        by = {r.id: [r] for r in await a.get_many(via, wanted) if r}
    else:
        by = await a.list_children(resource, via.value, wanted) if wanted else {}
    return {
        i: [r for v in listed[p.id] for r in by.get(v, ())] if p else []
        for i, p in zip(ids, parents, strict=True)
    }


async def read_children(a: HttpAdapter, e: Endpoints, child: Child, parent_id: str) -> list[Record]:
    """One parent's children (none for a parent the API does not know), read as ``child`` says."""
    ctx = a.ctx(e.resource, "list")
    parent_ctx = {"parent": parent_id}
    if child.path is None:
        assert e.list is not None
        assert child.param is not None
        params = {**e.params, child.param: parent_id}
        payloads = await a.fetch_all(
            e.model, e.list, ctx, params=params, page_size=a.paginator.max_size, field=e.items
        )
        return await read_records(a, e, payloads, parent_ctx)
    at = child_request(child, parent_id, ctx)
    if at is None:
        return []
    path, params = at
    if child.one:
        sent = {**params, child.param: parent_id} if child.param else params or None
        payload = await fetch_record(a, e, path, "list", model=child.model, params=sent)
        if payload is None:
            return []
        if child.read is not None:
            return _read(child.read, payload, parent_ctx)
        return await read_records(a, e, [payload], parent_ctx)
    try:
        payloads = await a.fetch_all(e.model, path, ctx, params=params or None, field=e.items)
    except ProviderNotFound:
        return []
    return await read_records(a, e, payloads, parent_ctx)


def child_request(child: Child, parent_id: str, ctx: Any) -> tuple[str, dict[str, str]] | None:
    """The path and query parameters of one parent's children at ``child.path`` (None: a parent
    id whose ``parts`` name none)."""
    assert child.path is not None
    if child.parts is None:
        return child.path.replace("{id}", segment(parent_id, ctx)), {}
    named = child.parts(parent_id)
    if named is None:
        return None
    path, params = child.path, {}
    for name, value in named.items():
        if f"{{{name}}}" in path:
            path = path.replace(f"{{{name}}}", segment(value, ctx))
        else:
            params[name] = value
    return path, params


async def whole_table(a: HttpAdapter, e: Endpoints) -> list[Record]:
    """Every record of an account table (kept ``tables_ttl_s`` when ``e.kept``), or of the
    adapter's own ``e.table``."""
    if e.table is not None:
        return list(await e.table(a))

    async def fetch() -> list[Any]:
        assert e.list is not None
        ctx = a.ctx(e.resource, "list")
        size = a.paginator.max_size if e.paged else None
        return await a.fetch_all(e.model, e.list, ctx, params=e.params, page_size=size, field=e.items)

    async def read() -> list[Record]:
        if not e.kept:
            return await read_records(a, e, await fetch())
        # tables kept from one list (two resources in one answer) share its read, as their
        # call model says (``by_id_rule``: one ``ACCOUNT`` read per list)
        key = f"payloads:{e.list}:{sorted(e.params.items())}:{e.items}:{e.model!r}"
        payloads: list[Any] = await a.tables.get(key, fetch)
        return await read_records(a, e, payloads)

    if not e.kept:
        return await read()
    table: list[Record] = await a.tables.get(e.resource.value, read)
    return table


async def single_record(a: HttpAdapter, e: Endpoints) -> Record | None:
    """The account's one record at ``e.single`` (None: a 404, an empty answer, or no record)."""
    assert e.single is not None
    payload = await fetch_record(a, e, e.single if isinstance(e.single, str) else e.single(a))
    found = read_payload(e, payload) if payload is not None else []
    return found[0] if found else None


def _pick(records: Iterable[Record], ids: Sequence[str]) -> list[Record | None]:
    by_id = {r.id: r for r in records}
    return [by_id.get(i) for i in ids]


def _derived(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn.__dict__["derived"] = True
    return fn


def install(cls: type[HttpAdapter]) -> None:
    """Give ``cls`` the methods and tables its ``resources`` declare, where it has none of its own."""

    def free(name: str) -> bool:
        existing = getattr(cls, name, None)
        return existing is None or bool(getattr(existing, "derived", False))

    for e in cls.resources:
        plural = e.resource.plural
        by_parent = e.listed and any(c.path and p in PARENT_FILTERS for p, c in e.children.items())
        if e.list is not None or by_parent or (e.table is not None and e.listed):
            _set(cls, free, f"list_{plural}", _list_method(e))
        if e.get is not None or e.whole or e.parent_of is not None or e.table is not None:
            _set(cls, free, f"get_{plural}", _get_method(e))
        for parent in e.children:
            _set(cls, free, f"list_{plural}_by_{parent}_ids", _children_method(e, parent))
        if e.named:
            _set(cls, free, f"get_{plural}", _named_get_method(e))
        if e.single is not None:
            _set(cls, free, f"list_{plural}", _single_list_method(e))
            _set(cls, free, f"get_{plural}", _single_get_method(e))
    own = cls.__dict__
    if "native_filters" not in own:
        cls.native_filters = {e.resource: e.native_filters() for e in cls.resources if e.native_filters()}
    if "native_sorts" not in own:
        cls.native_sorts = {e.resource: frozenset(e.sorts) for e in cls.resources if e.sorts}
    if "fields" not in own:
        cls.fields = {e.resource: e.field_names() for e in cls.resources}
    if "call_model" in own and cls.call_model is not None:
        derived = {e.resource: r for e in cls.resources if (r := by_id_rule(e)) is not None}
        cls.call_model = dataclasses.replace(cls.call_model, by_id={**derived, **cls.call_model.by_id})


def by_id_rule(e: Endpoints) -> Rule | None:
    """What reading records of ``e`` by id costs, where it is not one call per id: an account
    table is read once (``ACCOUNT``), an id that names its parent is read with its parent's
    other children (one call per parent)."""
    if e.whole:
        return Rule(Cost.ACCOUNT, account=e.list or e.resource.value)
    if e.parent_of is not None:
        parent_of = e.parent_of
        return Rule(Cost.PER_KEY, key=Key.TARGET, group=lambda i: parent_of(i) or i)
    return None


def _set(cls: type, free: Callable[[str], bool], name: str, method: Callable[..., Any]) -> None:
    if free(name):
        setattr(cls, name, _derived(method))


def _list_method(e: Endpoints) -> Callable[..., Any]:
    async def method(self: HttpAdapter, query: ListQuery) -> Page[Record]:
        return await list_records(self, e, query)

    return method


def _get_method(e: Endpoints) -> Callable[..., Any]:
    async def method(self: HttpAdapter, ids: Sequence[str]) -> list[Record | None]:
        return await get_records(self, e, ids)

    return method


def _children_method(e: Endpoints, parent: str) -> Callable[..., Any]:
    async def method(self: HttpAdapter, ids: Sequence[str]) -> dict[str, list[Record]]:
        return await children_of(self, e, parent, ids)

    return method


def _single_list_method(e: Endpoints) -> Callable[..., Any]:
    async def method(self: HttpAdapter, query: ListQuery) -> Page[Record]:
        found = await single_record(self, e)
        return Page([found] if found else [])

    return method


def _single_get_method(e: Endpoints) -> Callable[..., Any]:
    async def method(self: HttpAdapter, ids: Sequence[str]) -> list[Record | None]:
        found = await single_record(self, e)
        return [found if found and found.id == i else None for i in ids]

    return method


def _named_get_method(e: Endpoints) -> Callable[..., Any]:
    async def method(self: HttpAdapter, ids: Sequence[str]) -> list[Record | None]:
        return [read_payload(e, i)[0] if i else None for i in ids]

    return method
