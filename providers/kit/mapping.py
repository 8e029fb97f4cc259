"""A provider's mapping as data: each unified field of a record declared as a path on the wire
model, an enum table, or a small pure function, so that the same declaration reads a payload
into a record, renders a record back into the wire JSON (the simulator), and names the fields
the provider fills (``ProviderAdapter.fields``, the coverage matrix).

- :class:`At`: the value at a dotted path of the payload (``"job.shortcode"``); rendered back
  to that path, through ``out`` when the wire format differs (a timestamp's format).
- :class:`Ref`: an :class:`At` that holds another resource's id: rendered through the
  simulator's id encoding.
- :class:`Table`: a wire value looked up in an enum table (unknown values are ``other``, kept
  raw in the ``raw`` field); rendered through the inverted table, else the raw value.
- :class:`Fn`: a function of the payload (and the read's context); rendered by its explicit
  inverse ``back``, which returns wire keys, or not at all without one.

A :class:`RecordMap` puts them together with the wire keys a payload always carries but no
field reads (``template``: nulls and constants), which only the simulator needs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any, Generic, Protocol, TypeVar

from ..records import Record, Resource
from ..records.resource import spec_name

R = TypeVar("R", bound=Record)
Json = dict[str, Any]
Ctx = Mapping[str, Any]
"""What a read knows besides the payload (a parent's id, account lookups)."""

NO_CTX: Ctx = {}


@dataclass(frozen=True)
class Wire:
    """What rendering knows besides the record: the simulator's id encoding, and its own
    context (the dataset, the account) for the inverse functions."""

    encode: Callable[[Resource, str], str] = lambda _resource, value: value
    ctx: Ctx = field(default_factory=dict)


class Spec(Protocol):
    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None: ...

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None: ...


def get_path(obj: Any, keys: tuple[str, ...]) -> Any:
    """``obj.a.b`` for the keys ``("a", "b")`` (attributes or mapping keys); None past a None."""
    for key in keys:
        if obj is None:
            return None
        obj = obj.get(key) if is_mapping(obj) else getattr(obj, key, None)
    return obj


_MAPPING_TYPES: dict[type, bool] = {}


def is_mapping(obj: Any) -> bool:
    """``isinstance(obj, Mapping)``, remembered per type: the ABC check is the costliest step
    of reading a field, and every payload of one model answers it alike."""
    kind = type(obj)
    found = _MAPPING_TYPES.get(kind)
    if found is None:
        found = _MAPPING_TYPES[kind] = isinstance(obj, Mapping)
    return found


def put_path(out: Json, keys: tuple[str, ...], value: Any) -> None:
    """``out[a][b] = value`` for the keys ``("a", "b")``, creating (or replacing a null with)
    the objects on the way."""
    for key in keys[:-1]:
        inner = out.get(key)
        if not isinstance(inner, dict):
            inner = out[key] = {}
        out = inner
    out[keys[-1]] = value


def merge_into(out: Json, extra: Mapping[str, Any]) -> None:
    """``extra`` written over ``out``, objects merged key by key."""
    for key, value in extra.items():
        inner = out.get(key)
        if isinstance(value, Mapping) and isinstance(inner, dict):
            merge_into(inner, value)
        else:
            out[key] = value


def _fresh(value: Any) -> Any:
    """A copy of a JSON template value (its objects and arrays new, faster than deepcopy)."""
    if isinstance(value, dict):
        return {k: _fresh(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fresh(v) for v in value]
    return value


@dataclass(frozen=True)
class At:
    """The value at ``path``. ``out`` turns the unified value back into the wire's (None is
    rendered as null at the top level, and not at all inside an object the wire may omit)."""

    path: str
    out: Callable[[Any], Any] | None = None

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.path.split("."))

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        keys = self.keys
        # the common case, one attribute of a wire model, without the walk
        one = len(keys) == 1 and not is_mapping(payload)
        values[name] = getattr(payload, keys[0], None) if one else get_path(payload, keys)

    def wire_value(self, value: Any, wire: Wire) -> Any:
        return self.out(value) if self.out is not None and value is not None else value

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        value = getattr(record, name)
        keys = self.keys
        if value is None and len(keys) > 1:
            return
        put_path(out, keys, self.wire_value(value, wire))


@dataclass(frozen=True)
class Ref(At):
    """An :class:`At` holding an id of ``resource``: rendered as the simulator encodes it."""

    resource: Resource = Resource.CANDIDATE

    def wire_value(self, value: Any, wire: Wire) -> Any:
        return None if value is None else wire.encode(self.resource, str(value))


@dataclass(frozen=True)
class Refs(At):
    """A list of ids of ``resource`` at ``path``: each rendered as the simulator encodes it."""

    resource: Resource = Resource.CANDIDATE

    def wire_value(self, value: Any, wire: Wire) -> Any:
        return None if value is None else [wire.encode(self.resource, str(v)) for v in value]


E = TypeVar("E", bound=Enum)


@dataclass(frozen=True)
class Table(Generic[E]):
    """A wire value at ``path`` through ``table``: an absent value is None, an unknown one
    ``other``; ``raw`` names the field that keeps the wire value as sent (``raw_status``)."""

    path: str
    table: Mapping[str, E]
    other: E | None = None
    raw: str | None = None

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.path.split("."))

    @cached_property
    def inverse(self) -> dict[E, str]:
        return {v: k for k, v in self.table.items()}

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        value = get_path(payload, self.keys)
        values[name] = None if value is None else self.table.get(value, self.other)
        if self.raw is not None:
            values[self.raw] = value

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        value: E | None = getattr(record, name)
        raw = getattr(record, self.raw) if self.raw is not None else None
        found = self.inverse.get(value) if value is not None else None
        # an enum the table cannot name keeps the provider's own word, else the enum's
        put_path(out, self.keys, found or raw or (value.value if value is not None else None))


@dataclass(frozen=True)
class Fn:
    """A function of the payload and the read's context; ``back`` renders the field's wire keys
    from the record (None: the field is not rendered, another field's ``back`` covers it)."""

    read: Callable[[Any, Ctx], Any]
    back: Callable[[Any, Wire], Mapping[str, Any]] | None = None

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        values[name] = self.read(payload, ctx)

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        if self.back is not None:
            merge_into(out, self.back(record, wire))


def fn(read: Callable[[Any], Any], back: Callable[[Any, Wire], Mapping[str, Any]] | None = None) -> Fn:
    """An :class:`Fn` of the payload alone."""
    return Fn(lambda payload, _ctx: read(payload), back)


@dataclass(frozen=True)
class RecordMap(Generic[R]):
    """A record of ``record`` type declared field by field (the key ``id`` is required); its
    ``remote_id`` is its id and its ``remote_data`` the payload as received."""

    record: type[R]
    fields: Mapping[str, Spec]
    template: Mapping[str, Any] = field(default_factory=dict)
    """Wire keys every rendered payload carries that no field renders (nulls, constants)."""

    @cached_property
    def _readers(self) -> tuple[tuple[str, Spec, str | None, Callable[[Any, Ctx], Any] | None], ...]:
        """Each field with its spec and, when the spec is a plain :class:`At` of one key (most
        fields), that key: read straight off a wire model, without a call per field; when it
        is a plain :class:`Fn`, its function, called without its ``read_into``."""
        return tuple(
            (name, spec, _attribute_read(spec), spec.read if type(spec) is Fn else None)
            for name, spec in self.fields.items()
        )

    def read(self, payload: Any, ctx: Ctx = NO_CTX) -> R:
        values: Json = {}
        by_attribute = not is_mapping(payload)
        for name, spec, attribute, function in self._readers:
            if attribute is not None and by_attribute:
                values[name] = getattr(payload, attribute, None)  # what At.read_into does
            elif function is not None:
                values[name] = function(payload, ctx)  # what Fn.read_into does
            else:
                spec.read_into(name, payload, ctx, values)
        raw = getattr(payload, "raw", payload)
        return self.record(remote_id=values["id"], remote_data=raw, **values)

    def render(self, record: Record, wire: Wire = Wire()) -> Json:
        out: Json = _fresh(dict(self.template))
        for name, spec in self.fields.items():
            spec.write_into(name, record, wire, out)
        return out

    @property
    def field_names(self) -> frozenset[str]:
        """The unified fields it fills, by their spec names (``job``, not ``job_id``)."""
        names = {spec_name(n) for n in self.fields} | {
            spec_name(s.raw) for s in self.fields.values() if isinstance(s, Table) and s.raw
        }
        return frozenset(names - {"id", ""})


def _attribute_read(spec: Spec) -> str | None:
    """The one key ``spec`` reads when it reads as :class:`At` itself does, one key deep."""
    if isinstance(spec, At) and type(spec).read_into is At.read_into and len(spec.keys) == 1:
        return spec.keys[0]
    return None


def embedded_at(
    path: str, record_map: RecordMap[Any], *, many: bool = False
) -> Callable[[Any, Ctx], list[Record]]:
    """An ``Endpoints.embeds`` entry: the complete object a payload carries at the dotted
    ``path`` (an author, a stage), read on its own by ``record_map``; none where it is absent.
    ``many``: a list of such objects is there (a job's departments), each read."""
    keys = tuple(path.split("."))

    def embeds(payload: Any, _ctx: Ctx) -> list[Record]:
        found = get_path(payload, keys)
        if many:
            return [record_map.read(item) for item in found or ()]
        return [record_map.read(found)] if found is not None else []

    return embeds


V = TypeVar("V")


def looked_up(table: Mapping[str, V], raw: str | None, other: V) -> V | None:
    """``raw`` through ``table`` in a function's read (a :class:`Table` where no path serves):
    None stays None, a value the table lacks is ``other``."""
    return None if raw is None else table.get(raw, other)


def label_of(table: Mapping[str, str], raw: str | None) -> str | None:
    """``raw`` through a table of labels; a value the table lacks is kept as sent."""
    return None if raw is None else table.get(raw, raw)


def key_of(table: Mapping[str, str], label: str | None) -> str | None:
    """The wire value whose label (:func:`label_of`) is ``label``; a label it lacks is sent as is."""
    return next((k for k, v in table.items() if v == label), label)
