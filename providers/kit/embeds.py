"""The related records a payload carries whole (``Endpoints.embeds``), declared: the object or
list at a path read through the related resource's own record map."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..records import Record
from .mapping import Ctx, RecordMap, get_path


def carried(
    how: RecordMap[Any],
    path: str,
    key: str | None = "id",
    *,
    under: str | None = None,
    index: str | None = None,
) -> Callable[[Any, Ctx], list[Record]]:
    """An ``embeds`` entry (or a ``Child.read``): the object, or each item of the list, at
    ``path`` read by ``how``; with ``key`` (a dotted path), only those that have it (an object
    without its id is no record). ``under``: the payload's key whose value each is read under,
    as the context's ``parent`` (a candidate's jobs, under its id); ``index``: the context key
    giving each its position among those read (a job's stages, in order)."""
    keys = tuple(path.split("."))
    has = tuple(key.split(".")) if key is not None else None

    def read(payload: Any, ctx: Ctx) -> list[Record]:
        found = get_path(payload, keys)
        items: Sequence[Any] = found if isinstance(found, list) else [] if found is None else [found]
        kept = [x for x in items if has is None or get_path(x, has)]
        if under is not None:
            ctx = {**ctx, "parent": get_path(payload, (under,))}
        if index is None:
            return [how.read(x, ctx) for x in kept]
        return [how.read(x, {**ctx, index: n}) for n, x in enumerate(kept)]

    return read
