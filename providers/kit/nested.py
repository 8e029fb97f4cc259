"""The id of an object a payload nests whole (a stage ``{id, name}``, a user stub), or the ids
of a list of them (a job's departments): the record keeps the id, and the simulator, which
knows the whole record, renders the object through a renderer its
:class:`~providers.kit.mapping.Wire` context names."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..records import Record
from .mapping import Ctx, Json, Wire, get_path, merge_into
from .people import at_path

_ID = ("id",)


@dataclass(frozen=True)
class Nested:
    """The ``id`` of the object at ``path`` (``many``: the ids of those listed there; ``read``:
    the value read another way), rendered whole by ``wire.ctx[render]`` at ``path``, then by
    the renderer of each key of ``also`` at that key (keys that repeat it: ``submitted_by``)."""

    path: str
    render: str
    many: bool = False
    read: Callable[[Any], Any] | None = None
    also: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.path.split("."))

    def read_into(self, name: str, payload: Any, ctx: Ctx, values: Json) -> None:
        if self.read is not None:
            values[name] = self.read(payload)
            return
        found = get_path(payload, self.keys)
        values[name] = tuple(get_path(i, _ID) for i in found or ()) if self.many else get_path(found, _ID)

    def write_into(self, name: str, record: Record, wire: Wire, out: Json) -> None:
        value = getattr(record, name)
        for path, renderer in ((self.path, self.render), *self.also.items()):
            render = wire.ctx[renderer]
            merge_into(out, at_path(path, [render(i) for i in value or ()] if self.many else render(value)))
