"""JSON:API documents beyond reading (``kit/jsonapi.py`` reads them): attribute names a
provider dasherizes on the wire (``first-name``), and the documents a write sends
(https://jsonapi.org/format/#crud): a resource object with its attributes and to-one
relationships, and JSON:API's form of a to-one linkage (``{"data": {type, id}}`` or
``{"data": null}``, https://jsonapi.org/format/#crud-updating-to-one-relationships); and the
mapping fields of a resource object's attributes that are not plain values (an id held as a
number, a list of ids, a yes/no word) and of its own ``links``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ConfigDict

from ..records import Record, Resource, Url
from .jsonapi import Attributes
from .mapping import At, Ctx, Fn, Json, Refs, Wire, fn, put_path
from .numeric_ids import NumberRef


def dashed(name: str) -> str:
    """A snake-case name as a dasherizing provider writes it (``first_name`` -> ``first-name``)."""
    return name.replace("_", "-")


class DashedAttributes(Attributes):
    """A resource object's attributes read by their dasherized names (fields in snake case)."""

    model_config = ConfigDict(extra="allow", frozen=True, alias_generator=dashed, populate_by_name=True)


def dasherize(out: Json) -> Json:
    """A rendered object (``RecordMap.render``) with its attribute names dasherized."""
    attributes = out.get("attributes")
    if isinstance(attributes, dict):
        out["attributes"] = {dashed(k): v for k, v in attributes.items()}
    return out


def to_one(kind: str, ident: str | None) -> Json:
    """A to-one relationship's linkage (None: the relationship is cleared)."""
    return {"data": None if ident is None else {"id": ident, "type": kind}}


def to_many(kind: str, idents: Sequence[str]) -> Json:
    """A to-many relationship's linkage (resource identifiers of ``kind``, in order)."""
    return {"data": [{"type": kind, "id": i} for i in idents]}


def resource_doc(
    kind: str,
    ident: str | None = None,
    attributes: Json | None = None,
    relationships: Json | None = None,
    **members: Any,
) -> Json:
    """``{"data": {...}}``: a resource object of ``kind`` (``ident``: one that exists), with the
    attributes and relationships given (None: left out) and any other members."""
    data: Json = {"type": kind} if ident is None else {"id": ident, "type": kind}
    if attributes is not None:
        data["attributes"] = attributes
    if relationships is not None:
        data["relationships"] = relationships
    return {"data": {**data, **members}}


def attr(name: str, out: Callable[[Any], Any] | None = None) -> At:
    """A mapping field at the resource object's attribute ``name`` (``out``: rendered back by it)."""
    return At(f"attributes.{name}", out)


def stamps(out: Callable[[Any], Any]) -> dict[str, At]:
    """``created_at`` and ``updated_at`` from the attributes of those names, rendered by ``out``."""
    return {"created_at": attr("created_at", out), "updated_at": attr("updated_at", out)}


def attr_id(name: str, resource: Resource) -> NumberRef:
    """A mapping field at the attribute ``name``, an id of ``resource`` it holds as a JSON
    number, not as a relationship: read as its text (as every JSON:API id is), rendered as the
    number the simulator's encoded id is (none: null)."""
    return NumberRef(f"attributes.{name}", resource, null=True)


@dataclass(frozen=True)
class IdList(Refs):
    """Ids of ``resource`` that an attribute holds as a list of strings (names as tags): read as
    a tuple (absent: ``missing``), rendered as a list of the simulator's ids (none: empty)."""

    missing: Any = None

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        super().read_into(name, payload, ctx, values)
        found = values[name]
        values[name] = self.missing if found is None else tuple(found)

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        put_path(out, self.keys, self.wire_value(getattr(record, name) or (), wire))


def attr_ids(name: str, resource: Resource, missing: Any = None) -> IdList:
    """A mapping field at the attribute ``name``, a list of ids of ``resource`` (absent: ``missing``)."""
    return IdList(f"attributes.{name}", resource=resource, missing=missing)


@dataclass(frozen=True)
class Flag(At):
    """A yes/no field from the word at ``path``: true when it is ``yes``, false for any other
    (absent: None); rendered as ``yes`` or ``no`` (None as ``no``)."""

    yes: str = "true"
    no: str = "false"

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        super().read_into(name, payload, ctx, values)
        if values[name] is not None:
            values[name] = values[name] == self.yes

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        put_path(out, self.keys, self.yes if getattr(record, name) else self.no)


def attr_flag(name: str, yes: str, no: str) -> Flag:
    """A mapping field at the attribute ``name``: true when it is ``yes``, rendered as ``yes``/``no``."""
    return Flag(f"attributes.{name}", yes=yes, no=no)


def own_link_urls(name: str, type: str, field: str = "job_posting_urls") -> Fn:
    """The record's ``field`` from the URL at ``name`` of the resource object's own ``links``
    (https://jsonapi.org/format/#document-resource-object-links), of ``type``; rendered back
    as that link from the first URL (none: no link)."""

    def read(o: Any) -> tuple[Url, ...]:
        raw = getattr(o, "raw", None)
        links = raw.get("links") if isinstance(raw, dict) else None
        url = links.get(name) if isinstance(links, dict) else None
        return (Url(url=url, type=type),) if url and isinstance(url, str) else ()

    def back(r: Any, _w: Wire) -> Json:
        urls = getattr(r, field)
        return {"links": {name: urls[0].url}} if urls else {}

    return fn(read, back)
