"""Ids that are numbers on the wire and strings in the unified records (``kit/mapping.py``
specs): read as the number's text, rendered back as the number the simulator encodes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..records import Record, Resource
from .mapping import Ctx, Json, Wire, get_path, put_path


def number_text(value: Any) -> str | None:
    """A wire id as the record holds it (None stays None)."""
    return None if value is None else str(value)


@dataclass(frozen=True)
class NumberRef:
    """An id of ``resource`` at ``path``: a number on the wire (``{"id": 7}``), a string in the
    record; not rendered when the record has none (``null``: rendered as null, as a JSON:API
    attribute is)."""

    path: str
    resource: Resource
    null: bool = False

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.path.split("."))

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        values[name] = number_text(get_path(payload, self.keys))

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        value = getattr(record, name)
        if value is not None or self.null:
            put_path(out, self.keys, None if value is None else int(wire.encode(self.resource, value)))
