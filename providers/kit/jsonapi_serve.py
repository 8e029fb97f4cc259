"""JSON:API as a simulator serves it (https://jsonapi.org/format/): sandbox records as resource
objects (the adapter's mappings inverted), compound documents for ``include=`` (each object
once, linkage only for the relationships an include path names, as servers that send linkage
only for included relationships do), the request documents a write sends, and errors whose
``source.pointer`` names the member refused.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..errors import WriteRefused
from ..records import Record, Resource
from .jsonapi import Key, errors_body
from .jsonapi_docs import dasherize
from .mapping import Json, RecordMap, Wire
from .simulator import Refused

if TYPE_CHECKING:
    from ..sandbox import Dataset

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
    """Sandbox records as JSON:API documents. A provider's renderer declares :attr:`kinds` (each
    JSON:API type and the resource its objects are; of two types of one resource the last is
    what its records render as) and :attr:`maps` (each type's mapping, rendered inverted), and
    overrides :meth:`encode` where an id is not the sandbox id's number."""

    kinds: ClassVar[Mapping[str, Resource]]
    maps: ClassVar[Mapping[str, RecordMap[Any]]]
    dashed: ClassVar[bool] = False
    """Attribute names are dasherized on the wire (``kit.jsonapi_docs.dasherize``)."""

    def __init__(self, dataset: Dataset, root_url: str | None = None) -> None:
        self.data = dataset
        self.root = root_url
        """With a root, each object carries its ``self`` link and each relationship its links."""
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
        return sandbox_number(sandbox_id)

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

    def document(self, records: Iterable[Record], include: str | None, one: bool = False) -> Json:
        """``records`` and what ``include`` reaches from them, each object once, with linkage for
        every relationship some include path names on it (an object reached by two paths keeps
        the linkage of both); ``one``: the first record is the primary data."""
        objects: dict[Key, Json] = {}
        named: dict[Key, set[str]] = {}

        def visit(record: Record, node: Mapping[str, Any], kind: str | None = None) -> Key:
            resource = resource_of(record)
            key = (kind or self.kind_of[resource], self.encode(resource, record.id))
            obj = objects.get(key) or objects.setdefault(key, self.object(record, key[0]))
            named.setdefault(key, set()).update(node)
            for name, sub in node.items():
                linkage = obj.get("relationships", {}).get(name, {}).get("data")
                for link in linkage if isinstance(linkage, list) else [linkage] if linkage else []:
                    target = self.record(self.kinds[link["type"]], link["id"])
                    if target is not None:
                        visit(target, sub, link["type"])
            return key

        primary = [visit(r, include_tree(include)) for r in records]
        for key, obj in objects.items():
            for name, rel in obj.get("relationships", {}).items():
                if name not in named[key]:
                    rel.pop("data", None)
        out: Json = {"data": objects[primary[0]] if one else [objects[k] for k in primary]}
        if include:
            first = set(primary)
            out["included"] = [o for k, o in objects.items() if k not in first]
        return out


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


def linked_id(data: Mapping[str, Any], name: str) -> str | None:
    """The id a request's to-one relationship links (None: it links none)."""
    rel = (data.get("relationships") or {}).get(name)
    linkage = rel.get("data") if isinstance(rel, dict) else None
    found = linkage.get("id") if isinstance(linkage, dict) else None
    return None if found is None else str(found)


def write_endpoint(
    handler: Callable[[Request, Json], Awaitable[Json] | Json],
    status: int = 200,
    pointers: Mapping[str, str] | None = None,
) -> Callable[[Request], Awaitable[Response]]:
    """A write route: ``handler`` takes the request and its primary data and answers the
    document; :class:`Refused` is answered as a JSON:API error, and the sandbox's own
    ``WriteRefused`` as a 422 pointing where ``pointers`` says its input field came from."""

    async def endpoint(request: Request) -> Response:
        try:
            answer = handler(request, request_data(await request.body()))
            if isinstance(answer, Awaitable):
                answer = await answer
        except Refused as exc:
            return error_response(exc)
        except WriteRefused as exc:
            return error_response(Refused(422, exc.message, (pointers or {}).get(exc.field or "")))
        return JSONResponse(answer, status_code=status)

    return endpoint
