"""The related records a payload carries whole (``Endpoints.embeds``), declared: the object or
list at a path read through the related resource's own record map."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..records import Record
from .mapping import Ctx, RecordMap, get_path


def carried(how: RecordMap[Any], path: str, key: str | None = "id") -> Callable[[Any, Ctx], list[Record]]:
    """An ``embeds`` entry: the object, or each item of the list, at ``path`` read by ``how``;
    with ``key``, only those that have it (an object without its id is no record)."""
    keys = tuple(path.split("."))

    def read(payload: Any, ctx: Ctx) -> list[Record]:
        found = get_path(payload, keys)
        items: Sequence[Any] = found if isinstance(found, list) else [] if found is None else [found]
        return [how.read(x, ctx) for x in items if key is None or get_path(x, (key,))]

    return read
