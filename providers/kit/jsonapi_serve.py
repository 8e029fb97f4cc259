"""JSON:API as a simulator serves it (https://jsonapi.org/format/): sandbox records as resource
objects (the adapter's mappings inverted), compound documents for ``include=`` (each object
once, linkage only for the relationships an include path names, as servers that send linkage
only for included relationships do, or for every relationship), Graphiti's ``extra_fields``,
the request documents a write sends, and errors whose ``source.pointer`` names the member
refused.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Final

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..errors import WriteRefused
from ..records import ActivityType, Record, Resource
from ..sandbox.writes import SandboxWriter
from .jsonapi import Key, PageNumbers, errors_body
from .jsonapi_docs import dasherize
from .mapping import Json, RecordMap, Wire
from .paging import PageNumberPaging, asked_size
from .simquery import declared_handlers, filtered, sorted_as
from .simserver import Handler, SimServer
from .simulator import Refused

if TYPE_CHECKING:
    from ..sandbox import Dataset
    from .adapter import HttpAdapter

_BY_TYPE: Final = {r.record_type: r for r in Resource}


def resource_of(record: Record) -> Resource:
    return _BY_TYPE[type(record)]


def sandbox_number(sandbox_id: str) -> str:
    """A sandbox id as a provider's numeric id (``cand_000042`` -> ``42``)."""
    return str(int(sandbox_id.rsplit("_", 1)[-1]))


def include_tree(value: str | None) -> dict[str, Any]:
    """``include=a.b,c`` as ``{"a": {"b": {}}, "c": {}}``."""
    tree: dict[str, Any] = {}
    for path in (value or "").split(","):
        node = tree
        for name in filter(None, path.split(".")):
            node = node.setdefault(name, {})
    return tree


class Documents:
    """Sandbox records as JSON:API documents. A provider's renderer declares :attr:`maps` (each
    JSON:API type's mapping, rendered inverted; of two types of one resource the last is what
    its records render as), and overrides :meth:`encode` where an id is not the sandbox id's
    number."""

    maps: ClassVar[Mapping[str, RecordMap[Any]]]
    dashed: ClassVar[bool] = False
    """Attribute names are dasherized on the wire (``kit.jsonapi_docs.dasherize``)."""
    all_linkage: ClassVar[bool] = False
    """Every relationship carries its linkage, included or not (else only those an include
    path names)."""
    named: ClassVar[frozenset[Resource]] = frozenset()
    """Resources whose provider id is the record's name (a tag, a reason), not a number."""
    extra_fields: ClassVar[Mapping[str, frozenset[str]]] = {}
    """Attributes of a type sent only when the request's ``extra_fields[<type>]`` names them
    (Graphiti's extra fields)."""

    def __init__(self, dataset: Dataset, root_url: str | None = None) -> None:
        self.data = dataset
        self.root = root_url
        """With a root, each object carries its ``self`` link and each relationship its links."""
        self.kinds = {kind: _BY_TYPE[m.record] for kind, m in self.maps.items()}
        """Each JSON:API type and the resource its objects are."""
        self.kind_of = {r: kind for kind, r in self.kinds.items()}
        self.wire = Wire(encode=self.encode, ctx=self.wire_ctx())
        self._ids: dict[Resource, dict[str, str]] = {}

    def wire_ctx(self) -> dict[str, Any]:
        """What the mappings' inverses read beside the record (``Wire.ctx``)."""
        return {}

    def forget(self) -> None:
        """Drop what was looked up in the dataset (a write changed it, or forked it)."""
        self._ids.clear()

    def encode(self, resource: Resource, sandbox_id: str) -> str:
        if resource in self.named:
            return getattr(self.data.get(resource, sandbox_id), "name", None) or sandbox_id
        return sandbox_number(sandbox_id)

    def parts(self, record: Record) -> Sequence[Json]:
        """Objects made from ``record`` that no map renders (its parts), which its object's
        linkage names and ``include=`` reaches like any other; none by default."""
        return ()

    def notes(self) -> list[Record]:
        """The sandbox's notes (its e-mails and other activities are no provider's notes)."""
        return [
            a
            for a in self.data.records(Resource.ACTIVITY)
            if getattr(a, "activity_type", None) is ActivityType.NOTE
        ]

    def record(self, resource: Resource, provider_id: str) -> Record | None:
        """The sandbox record a provider's id names."""
        ids = self._ids.get(resource)
        if ids is None:
            ids = self._ids[resource] = {
                self.encode(resource, r.id): r.id for r in self.data.records(resource)
            }
        found = ids.get(provider_id)
        return self.data.get(resource, found) if found else None

    def object(self, record: Record, kind: str | None = None) -> Json:
        """One resource object (of ``kind``, else its resource's), with the linkage of every
        relationship (:meth:`document` keeps only what was included) and, under a root, links."""
        kind = kind or self.kind_of[resource_of(record)]
        out = self.maps[kind].render(record, self.wire)
        if self.dashed:
            out = dasherize(out)
        if self.root is not None:
            self_url = f"{self.root}/{kind}/{out['id']}"
            out["links"] = {**out.get("links", {}), "self": self_url}
            for name, rel in out.get("relationships", {}).items():
                rel["links"] = {"self": f"{self_url}/relationships/{name}", "related": f"{self_url}/{name}"}
        return out

    def document(
        self,
        records: Iterable[Record],
        include: str | None,
        one: bool = False,
        params: Mapping[str, str] | None = None,
    ) -> Json:
        """``records`` and what ``include`` reaches from them, each object once, with linkage for
        every relationship some include path names on it (an object reached by two paths keeps
        the linkage of both; :attr:`all_linkage`: for every relationship); ``one``: the first
        record is the primary data; ``params``: the request's, for :attr:`extra_fields`."""
        objects: dict[Key, Json] = {}
        named: dict[Key, set[str]] = {}

        def visit(
            record: Record | None, node: Mapping[str, Any], kind: str | None = None, made: Json | None = None
        ) -> Key:
            own: dict[Key, Json] = {}
            if made is not None:  # a part of a record
                key = (made["type"], made["id"])
                obj = objects.setdefault(key, made)
            else:
                assert record is not None
                resource = resource_of(record)
                key = (kind or self.kind_of[resource], self.encode(resource, record.id))
                obj = objects.get(key) or objects.setdefault(key, self.object(record, key[0]))
                own = {(o["type"], o["id"]): o for o in self.parts(record)}
            named.setdefault(key, set()).update(node)
            for name, sub in node.items():
                linkage = obj.get("relationships", {}).get(name, {}).get("data")
                for link in linkage if isinstance(linkage, list) else [linkage] if linkage else []:
                    part = own.get((link["type"], link["id"]))
                    linked = self.kinds.get(link["type"])
                    target = None if part or linked is None else self.record(linked, link["id"])
                    if part is not None or target is not None:
                        visit(target, sub, link["type"], part)
            return key

        primary = [visit(r, include_tree(include)) for r in records]
        for key, obj in objects.items():
            self._extra_fields(obj, params or {})
            for name, rel in obj.get("relationships", {}).items():
                if name not in named[key] and not self.all_linkage:
                    rel.pop("data", None)
        out: Json = {"data": objects[primary[0]] if one else [objects[k] for k in primary]}
        if include:
            first = set(primary)
            out["included"] = [o for k, o in objects.items() if k not in first]
        return out

    def _extra_fields(self, obj: Json, params: Mapping[str, str]) -> None:
        """Drop the object's extra fields its request did not ask for."""
        extra = self.extra_fields.get(obj["type"])
        if extra:
            asked = set(params.get(f"extra_fields[{obj['type']}]", "").split(","))
            for name in extra - asked:
                obj.get("attributes", {}).pop(name, None)


# -- writes ------------------------------------------------------------------------------------


def error_response(exc: Refused) -> JSONResponse:
    """A refusal as a JSON:API ``errors`` body, its ``source.pointer`` when it names one."""
    body = errors_body(exc.status, exc.message)
    if exc.pointer:
        body["errors"][0]["source"] = {"pointer": exc.pointer}
    return JSONResponse(body, status_code=exc.status)


def request_data(raw: bytes) -> Json:
    """A write's primary data (``data``: one resource object); a 400 otherwise."""
    try:
        body = json.loads(raw or b"null")
    except json.JSONDecodeError:
        raise Refused(400, "the body is not JSON") from None
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, dict):
        raise Refused(400, "the body must be a JSON:API document with `data`", "/data")
    return data


def of_type(data: Json, kind: str) -> Json:
    """A write's primary data when it is a resource object of ``kind``, else an empty one (whose
    missing members the handler then refuses)."""
    return data if data.get("type") == kind else {}


def members(data: Mapping[str, Any], name: str) -> dict[str, Any]:
    """A request's ``attributes`` or ``relationships`` (none: it sends none, or an empty value),
    a 422 pointing at them when they are no object (JSON:API says they are one)."""
    found = data.get(name) or {}
    if not isinstance(found, dict):
        raise Refused(422, f"{name} must be an object", f"/data/{name}")
    return found


def linked_id(data: Mapping[str, Any], name: str) -> str | None:
    """The id a request's to-one relationship links (None: it links none)."""
    rel = members(data, "relationships").get(name)
    linkage = rel.get("data") if isinstance(rel, dict) else None
    found = linkage.get("id") if isinstance(linkage, dict) else None
    return None if found is None else str(found)


def required_text(data: Mapping[str, Any], name: str, *, stripped: bool = False) -> str:
    """The text of a request's attribute ``name``, else a 422 ``<name> can't be blank`` pointing
    at it (Rails' presence error, which JSON:API servers on Rails answer); ``stripped``: text of
    spaces only is blank too."""
    value = members(data, "attributes").get(name)
    if not isinstance(value, str) or not (value.strip() if stripped else value):
        raise Refused(422, f"{name} can't be blank", f"/data/attributes/{name}")
    return value


def write_endpoint(
    handler: Callable[[Request, Json], Awaitable[Json] | Json],
    status: int = 200,
    pointers: Mapping[str, str] | None = None,
    pointer: str | None = None,
) -> Callable[[Request], Awaitable[Response]]:
    """A write route: ``handler`` takes the request and its primary data and answers the
    document; :class:`Refused` is answered as a JSON:API error, and the sandbox's own
    ``WriteRefused`` as a 422 pointing where ``pointers`` says its input field came from
    (``pointer`` for a field they do not name)."""

    async def endpoint(request: Request) -> Response:
        try:
            answer = handler(request, request_data(await request.body()))
            if isinstance(answer, Awaitable):
                answer = await answer
        except Refused as exc:
            return error_response(exc)
        except WriteRefused as exc:
            found = (pointers or {}).get(exc.field or "", pointer)
            return error_response(Refused(422, exc.message, found))
        return JSONResponse(answer, status_code=status)

    return endpoint


def _linked(record: Record, key: str) -> tuple[str, ...]:
    """The ids of ``key`` a record links (``<key>_ids`` or ``<key>_id``)."""
    many = getattr(record, f"{key}_ids", None)
    return tuple(many) if many is not None else tuple(filter(None, [getattr(record, f"{key}_id", None)]))


# -- reads -------------------------------------------------------------------------------------


class DocumentRoutes:
    """The read handlers of a JSON:API simulator: one for every path the adapter declares
    (``kit/simquery.declared_handlers``), each list filtered and sorted as the adapter asks
    (``kit/simquery``), paged by the adapter's :class:`~providers.kit.jsonapi.PageNumbers` with
    ``links`` and the provider's ``meta``, and rendered through ``render`` with the request's
    ``include=``. A provider's simulator subclasses it for its own paths."""

    not_found: ClassVar[str] = "Not found"
    inclusive: ClassVar[bool] = True
    """Whether the provider's time bounds include the bound (``kit/simquery.filtered``)."""

    def __init__(
        self,
        dataset: Dataset,
        server: SimServer,
        render: Documents,
        adapter: type[HttpAdapter],
        default_size: int,
        meta: Callable[[int, int], Json] = lambda _count, _pages: {},
    ) -> None:
        self.data = dataset
        self.server = server
        self.render = render
        self.adapter = adapter
        self.default_size = default_size
        self.meta = meta

    def missing(self) -> Response:
        return JSONResponse(errors_body(404, self.not_found), status_code=404)

    def rendered(self, request: Request, records: Sequence[Record], one: bool = False) -> Json:
        """``records`` as the request asks them (its ``include=`` and extra fields)."""
        q = request.query_params
        return self.render.document(records, q.get("include"), one, q)

    def page(self, request: Request, records: Sequence[Record]) -> Response:
        paging = self.adapter.paging
        url, q = str(request.url.replace(query="")), request.query_params
        try:
            if isinstance(paging, PageNumberPaging):  # no links: the page and ``meta``
                page = paging.serve(q, records, self.default_size)
                size = asked_size(q, paging.size_param, self.default_size, paging.max_size)
                fields: Json = {"meta": self.meta(len(records), max(1, -(-len(records) // size)))}
            else:
                assert isinstance(paging, PageNumbers)
                page, fields = paging.serve_numbers(url, q, records, self.default_size, self.meta)
        except ValueError:
            return JSONResponse(errors_body(400, "Invalid page parameters"), status_code=400)
        body = self.rendered(request, page)
        if self.server.faults.malformed_pages:
            body["data"] = "malformed"
        return JSONResponse({**body, **fields})

    def one(self, request: Request, record: Record | None) -> Response:
        if record is None:
            return self.missing()
        return JSONResponse(self.rendered(request, [record], one=True))

    def lister(
        self, resource: Resource, pick: Callable[[Request], Sequence[Record]] | None = None
    ) -> Handler:
        """``resource``'s records (``pick``: those the request picks), those of the parent a
        declared ``Child.param`` names, filtered and sorted."""

        async def handler(request: Request) -> Response:
            records = pick(request) if pick is not None else self.data.records(resource)
            e = self.adapter.endpoints(resource)
            for key, child in e.children.items():
                wanted = request.query_params.get(child.param) if child.param else None
                if wanted:  # a parent's children through the list's parameter
                    parent = self.render.record(Resource(key), wanted)
                    records = [r for r in records if parent is not None and parent.id in _linked(r, key)]
            asked = self.server.filters(e, request)
            found = filtered(resource, records, asked, inclusive=self.inclusive)
            return self.page(request, sorted_as(found, request.query_params.get("sort")))

        return handler

    def notes(self, _request: Request | None = None) -> Sequence[Record]:
        """The sandbox's notes (``Documents.notes``): what a notes list picks."""
        return self.render.notes()

    async def note(self, request: Request) -> Response:
        """One note by id (404: none, or an activity that is not a note)."""
        found = self.render.record(Resource.ACTIVITY, request.path_params["id"])
        return self.one(request, found if found in self.render.notes() else None)

    def getter(self, resource: Resource) -> Handler:
        async def handler(request: Request) -> Response:
            return self.one(request, self.render.record(resource, request.path_params["id"]))

        return handler

    def children(self, resource: Resource, parent: Resource, key: str) -> Handler:
        """A parent's children (404: no such parent), unfiltered."""

        async def handler(request: Request) -> Response:
            owner = self.render.record(parent, request.path_params["id"])
            if owner is None:
                return self.missing()
            return self.page(request, self.data.children(resource, key).get(owner.id, ()))

        return handler

    def routes(self) -> dict[str, Handler]:
        return declared_handlers(self.adapter.resources, self.lister, self.getter, self.children)

    # -- what the write routes share ------------------------------------------------------------
    def writer(self, provider: str | None = None) -> SandboxWriter:
        """The sandbox's own writer (as ``provider``, else the adapter's name); the first write
        forks the dataset (a shared one is never written) and points the renderer at the fork."""
        if not self.data.writable:
            self.data = self.render.data = self.data.fork()
        return SandboxWriter(self.data, provider or self.adapter.name, "simulator")

    def write_route(
        self,
        handler: Callable[[Request, Json, SandboxWriter], Record],
        status: int = 200,
        pointers: Mapping[str, str] | None = None,
        pointer: str | None = None,
    ) -> Handler:
        """A write route (``write_endpoint``) answering the record ``handler`` wrote through the
        sandbox's writer, rendered with the request's ``include=`` by a renderer that forgot
        what it looked up before the write."""

        def answer(request: Request, data: Json) -> Json:
            record = handler(request, data, self.writer())
            self.render.forget()
            return self.rendered(request, [record], one=True)

        return write_endpoint(answer, status, pointers, pointer)

    def at_path(self, request: Request, resource: Resource) -> Record:
        """The record the path's ``{id}`` names (a 404 otherwise)."""
        found = self.render.record(resource, request.path_params["id"])
        if found is None:
            raise Refused(404, self.not_found)
        return found

    def sandbox_id(
        self,
        resource: Resource,
        provider_id: str | None,
        field: str,
        pointer: str | None,
        message: str | None = None,
    ) -> str:
        """The sandbox id of the record a request names (a 422 pointing at ``pointer`` otherwise,
        saying ``message``, else that ``field`` names no record)."""
        found = None if provider_id is None else self.render.record(resource, provider_id)
        if found is None:
            raise Refused(422, message or f"{field} names no record", pointer)
        return found.id

    def linked_sandbox_id(
        self, data: Json, name: str, resource: Resource, field: str, message: str | None = None
    ) -> str:
        """The sandbox id of the record the request's to-one relationship ``name`` links (a 422
        pointing at that relationship otherwise, as :meth:`sandbox_id`)."""
        return self.sandbox_id(resource, linked_id(data, name), field, f"/data/relationships/{name}", message)

    def optional_sandbox_id(self, data: Json, name: str, resource: Resource, field: str) -> str | None:
        """As :meth:`linked_sandbox_id`, None when the relationship links no record."""
        return None if linked_id(data, name) is None else self.linked_sandbox_id(data, name, resource, field)
