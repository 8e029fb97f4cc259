"""Read methods that one generic method of an adapter serves for several resources (a
provider reading several child resources the same way, under the same parents): installed
by name, so that the gateway finds ``get_<plural>`` and ``list_<plural>_by_<parent>_ids``
as on any adapter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..records import Resource


def delegate_reads(cls: type, resource: Resource, *, get: str | None = None, by: Mapping[str, str]) -> None:
    """Install on ``cls`` ``get_<plural>(ids)`` calling ``self.<get>(resource, ids)``, and per
    parent ``list_<plural>_by_<parent>_ids(ids)`` calling ``self.<by[parent]>(resource, ids)``."""

    def calling(impl: str, name: str) -> Any:
        async def method(self: Any, ids: Sequence[str]) -> Any:
            return await getattr(self, impl)(resource, ids)

        method.__name__ = method.__qualname__ = name
        return method

    names = {f"list_{resource.plural}_by_{parent}_ids": impl for parent, impl in by.items()}
    if get is not None:
        names[f"get_{resource.plural}"] = get
    for name, impl in names.items():
        setattr(cls, name, calling(impl, name))
