"""JSON:API (https://jsonapi.org/format/) in the kit's shapes, for any provider that speaks it
(Teamtailor, Pinpoint).

- A list answer is ``{"data": [objects], "included": [objects], "links": {...}, "meta": {...}}``;
  :func:`split` makes it one :class:`Doc` per item (the item and an index of what was included),
  so that the kit's per-item reads see what ``include=`` brought along.
- :class:`Attributes` reads attribute names as sent; a provider that dasherizes them
  (``first-name``) subclasses it with an alias generator.
- :class:`Rel` is a mapping field holding a relationship's linkage (``data: {type, id}``), which
  providers send only for the relationships a request includes.
- Sparse fieldsets (``fields[type]=...``): hiregraph asks for whole objects, so that what the
  mapping does not read stays in ``remoteData``; an answer that leaves attributes out (as a
  sparse-fieldset answer does) is read with them absent (None), and a relationship sent
  without linkage is "not included", never "empty" (:meth:`Object.linked`).
- :func:`primary_endpoints` declares a resource whose answers are documents read as their
  primary object through one mapping (a listing and get, or an account table).
- :class:`PageNumbers` pages by ``page[number]``/``page[size]`` and follows ``links.next`` (a
  provider that sends no next link pages with ``kit.paging.PageNumberPaging`` under the same
  parameter names).
- :class:`JsonApiWire` is what a JSON:API adapter declares of the wire: the media type it asks
  for and writes, and list answers read through :func:`split`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Final, Generic, Self, TypeVar
from urllib.parse import urlencode

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from ..http import CallContext
from ..payload import WireModel
from ..records import Record, Resource
from .mapping import Ctx, Json, RecordMap, Wire
from .paging import NextUrlPaging, asked_size
from .resources import Endpoints
from .tables import account_table

if TYPE_CHECKING:
    from .adapter import HttpAdapter

    _Base = HttpAdapter
else:
    _Base = object

Key = tuple[str, str]
"""An object's identity in a document: (type, id)."""


def _id_str(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


IdStr = Annotated[str, BeforeValidator(_id_str)]
"""JSON:API ids are strings; some documentation examples print numbers."""


class Attributes(BaseModel):
    """A resource object's attributes (unknown ones kept)."""

    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)


class Linkage(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    type: str
    id: IdStr


class Relationship(BaseModel):
    """A relationship: links always, ``data`` (linkage) only when the request included it."""

    model_config = ConfigDict(extra="allow", frozen=True)
    data: Linkage | list[Linkage] | None = None

    def ids(self) -> tuple[str, ...]:
        found = self.data if isinstance(self.data, list) else [self.data] if self.data else []
        return tuple(d.id for d in found)


A = TypeVar("A", bound=Attributes)


class Object(WireModel, Generic[A]):
    """A resource object (``attributes`` typed per resource)."""

    id: IdStr
    type: str
    attributes: A = Field(default_factory=dict, validate_default=True)
    relationships: dict[str, Relationship] = Field(default_factory=dict)

    def linked(self, name: str) -> tuple[str, ...] | None:
        """The ids a relationship links to; None when the answer carries no linkage for it."""
        rel = self.relationships.get(name)
        return None if rel is None or "data" not in rel.model_fields_set else rel.ids()

    def linkages(self) -> Iterator[Key]:
        for rel in self.relationships.values():
            found = rel.data if isinstance(rel.data, list) else [rel.data] if rel.data else []
            yield from ((d.type, d.id) for d in found)


def index(included: Any) -> dict[Key, Any]:
    """``included`` as a lookup by (type, id); an index already made is kept. An ``included``
    that is no array is a malformed document; an object without a string type and a string or
    number id is left out, as one the primary does not link."""
    if isinstance(included, dict):
        return included
    if not isinstance(included, list | None):
        raise ValueError("included is not an array")
    return {
        (o["type"], str(o["id"])): o
        for o in included or ()
        if isinstance(o, dict) and isinstance(o.get("type"), str) and isinstance(o.get("id"), str | int)
    }


T = TypeVar("T", bound=Object[Any])


class Doc(WireModel, Generic[T]):
    """One primary object and what its answer included (by (type, id))."""

    data: T
    included: Annotated[Any, BeforeValidator(index)] = Field(default_factory=dict)

    reads_included: ClassVar[Mapping[str, tuple[str, type[BaseModel]]]] = {}
    """The relationships whose included objects a mapping reads, each with the objects' type
    and model: every such object the primary links must parse, so that a malformed one makes
    the answer invalid (``http.parse``) rather than failing the mapping that reads it."""

    @model_validator(mode="after")
    def _linked_included_parse(self) -> Self:
        for name, (kind, model) in self.reads_included.items():
            for raw in linked_included(self, name, kind):
                model.model_validate(raw)
        return self


def linked_included(doc: Any, name: str, kind: str) -> list[Any]:
    """The included ``kind`` objects (as sent) that the primary's relationship ``name`` links,
    in its order; those not included are left out."""
    found = (doc.included.get((kind, i)) for i in doc.data.linked(name) or ())
    return [o for o in found if o is not None]


def primary(map: RecordMap[Any]) -> Callable[[Any, Ctx], Record]:
    """A document's primary object read through ``map`` (an ``Endpoints`` read)."""

    def read(doc: Any, ctx: Ctx) -> Record:
        record: Record = map.read(doc.data, ctx)
        return record

    return read


def primary_endpoints(
    resource: Resource,
    model: Any,
    map: RecordMap[Any],
    *,
    table: str | None = None,
    paged: bool = True,
    **more: Any,
) -> Endpoints:
    """The :class:`Endpoints` of a resource whose answers are documents of ``model``, each read
    as its primary object through ``map`` (:func:`primary`, and ``map`` declared for
    ``fields``). ``table``: the path of an account table (``kit.tables.account_table``);
    ``more``: the rest (``list``, ``get``, ``children``...)."""
    if table is not None:
        return account_table(resource, model, primary(map), table, maps=(map,), paged=paged, **more)
    return Endpoints(resource, model, primary(map), maps=(map,), paged=paged, **more)


def split(body: Any) -> Any:
    """A list answer's items, each as a document with the answer's included index (made once)."""
    if not isinstance(body, Mapping) or not isinstance(body.get("data"), list):
        return None  # the kit reports a malformed answer
    if not isinstance(body.get("included"), list | None):
        return None
    included = index(body.get("included"))
    return [{"data": item, "included": included} for item in body["data"]]


MEDIA_TYPE: Final = "application/vnd.api+json"
"""JSON:API's media type (https://jsonapi.org/format/#content-negotiation)."""


class JsonApiWire(_Base):
    """Mixed into a JSON:API adapter (first among its bases): every request asks for JSON:API's
    media type, a write's body is sent as it (``WriteHelpers.write_content_type``), and a list
    answer's items are its documents (:func:`split`)."""

    default_headers: ClassVar[Mapping[str, str]] = {"Accept": MEDIA_TYPE}
    write_content_type: ClassVar[str | None] = MEDIA_TYPE

    def items_of(self, body: Any, ctx: CallContext, field: str | None) -> Any:
        return split(body)


@dataclass(frozen=True)
class Rel:
    """A field holding the id(s) a relationship links (``many``: a tuple); rendered as linkage
    of ``kind`` objects, the ids through the simulator's encoding of ``resource``."""

    name: str
    resource: Resource
    kind: str
    many: bool = False
    as_tuple: bool = False
    """A to-one relationship read into a tuple field (a job's one department)."""
    unknown: Any = None
    """The value without linkage (``()`` for a field that cannot be None)."""

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        ids = payload.linked(self.name)
        parent = ctx.get("included_by")
        if ids is None and not self.many and parent is not None and parent.type == self.kind:
            ids = (parent.id,)  # included under its one parent, whose linkage is not repeated
        if ids is None and (self.many or self.as_tuple):
            values[name] = self.unknown
        elif self.many:
            values[name] = ids
        else:
            values[name] = (ids or ())[:1] if self.as_tuple else (ids[0] if ids else None)

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        value = getattr(record, name)
        ids = value[:1] if self.as_tuple else value if self.many else [value] if value is not None else []
        data = [{"type": self.kind, "id": wire.encode(self.resource, i)} for i in ids or ()]
        rels = out.setdefault("relationships", {})
        rels[self.name] = {"data": data if self.many else (data[0] if data else None)}


@dataclass(frozen=True)
class Kind:
    """How objects of one JSON:API type become records: the wire model and the mapping."""

    model: type[Object[Any]]
    map: RecordMap[Any]


def embedded(doc: Doc[Any], kinds: Mapping[str, Kind], ctx: Ctx) -> tuple[Record, ...]:
    """The records of every included object the primary reaches through linkage, each once:
    the loaders prime them, so an ``include=`` costs no further call. An object that does not
    parse is left out (the relationship then loads by id)."""
    seen: set[Key] = {(doc.data.type, doc.data.id)}
    todo: list[tuple[Key, Any]] = [(k, doc.data) for k in doc.data.linkages()]
    out: list[Record] = []
    while todo:
        key, parent = todo.pop()
        raw = doc.included.get(key)
        kind = kinds.get(key[0])
        if key in seen or raw is None or kind is None:
            continue
        seen.add(key)
        try:
            obj = kind.model.model_validate(raw)
        except ValidationError:
            continue
        out.append(kind.map.read(obj, {**ctx, "included_by": parent}))
        todo.extend((k, obj) for k in obj.linkages())
    return tuple(out)


def errors_body(status: int, message: str) -> Json:
    """An error as a JSON:API ``errors`` array."""
    return {"errors": [{"status": str(status), "title": message, "detail": message}]}


@dataclass(frozen=True)
class PageNumbers(NextUrlPaging):
    """``page[size]`` on the first request, then ``links.next`` (a full URL, kept as a path
    under ``api_root``); :meth:`serve_numbers` is the server side."""

    page_param: str = "page[number]"

    def serve_numbers(
        self,
        url: str,
        params: Mapping[str, str],
        items: Sequence[Any],
        default_size: int,
        meta: Callable[[int, int], Json] = lambda _count, _pages: {},
    ) -> tuple[Sequence[Any], Json]:
        """The page ``page[number]`` names, its ``links``, and the ``meta`` the provider writes
        (``meta(record count, page count)``)."""
        size = asked_size(params, self.size_param, default_size, self.max_size)
        number = max(1, int(params.get(self.page_param) or 1))
        last = max(1, -(-len(items) // size))
        rest = {k: v for k, v in params.items() if k not in (self.page_param, self.size_param)}

        def link(n: int) -> str:
            return f"{url}?{urlencode({self.page_param: n, self.size_param: size, **rest})}"

        links = {"first": link(1), "last": link(last)}
        if number > 1:
            links["prev"] = link(number - 1)
        if number < last:
            links["next"] = link(number + 1)
        page = items[(number - 1) * size : number * size]
        return page, {"links": links, "meta": meta(len(items), last)}
