"""A simulator's reads served from the sandbox dataset, generically: each declared
:class:`~providers.kit.resources.Endpoints` list, record and per-parent path answered from the
dataset's records and indexes, so that a simulator writes handlers only for its quirks.

A handler takes the request's query parameters and the wire id in its path (``""`` where the
path has none) and answers a :class:`Listing` (the records of a list, paged by the simulator
with the adapter's own ``Paginator``), a JSON value, or None (404). Wire ids become records
through the simulator's ``find``; the filters a list declares are read back from their
parameters (``Param.parse``): time bounds against the records' stamps (after: at or after,
before: strictly before), a parent filter (``job_id``...) through the dataset's index of that
parent's children, ``email`` through its index of case-folded addresses.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from ..query import FilterName
from ..records import Record, Resource
from ..relations import PARENT_FILTERS
from .resources import Endpoints
from .simserver import read_filter

Render = Callable[[Any], Any]
Find = Callable[[Resource, str], "Record | None"]
"""A wire id of a resource to its sandbox record (None: it names none)."""


@dataclass
class Listing:
    """A paginated list: the sandbox records that match, and how to render one."""

    records: Sequence[Any]
    render: Render


Result = Listing | Mapping[str, Any] | list[Any] | None
DataHandler = Callable[[Mapping[str, str], str], Result]
"""``(query parameters, wire id in the path) -> what to answer``."""

_BY_PARENT = {f: key for key, f in PARENT_FILTERS.items()}
C = TypeVar("C", bound=Callable[..., Any])


def kept(method: C) -> C:
    """A render method whose payload is made once per record (and keywords) and kept in its
    object's ``kept`` dict, which the simulator clears when a write changes the dataset: a
    render costs far more than a look-up (the bench's rate-limited rows run in process)."""

    @functools.wraps(method)
    def render(self: Any, record: Any, *args: Any, **keywords: Any) -> Any:
        key = (method.__name__, record.id, *keywords.items())
        found = self.kept.get(key)
        if found is None:
            found = self.kept[key] = method(self, record, *args, **keywords)
        return found

    return cast("C", render)


def renders_of(renderer: Any) -> dict[Resource, Render]:
    """Each resource's render: ``renderer``'s method named for it (``job_interview_stage``),
    for the resources it has one for."""
    found = {r: getattr(renderer, r.value, None) for r in Resource}
    return {r: render for r, render in found.items() if callable(render)}


@dataclass
class DataServer:
    """Serves declared endpoints from ``data`` (a sandbox ``Dataset``): ``renders`` gives each
    served resource's payload, ``find`` decodes a wire id. ``created``: per resource, the
    record attribute the ``created_*`` bounds compare (default ``created_at``). ``paged``:
    whether a per-parent path pages (else its children are one bare list)."""

    data: Any
    find: Find
    renders: Mapping[Resource, Render]
    created: Mapping[Resource, str] = field(default_factory=dict)
    paged: Callable[[str], bool] = lambda _path: True

    def children(self, resource: Resource, parent: str, wire_id: str) -> list[Any]:
        """The records of ``resource`` under the ``parent`` the wire id names (none if none)."""
        found = self.find(Resource(parent), wire_id)
        return list(self.data.children(resource, parent).get(found.id, ())) if found else []

    def filtered(self, e: Endpoints, records: Sequence[Any], params: Mapping[str, str]) -> list[Any]:
        """``records`` that match the filters ``params`` sends as ``e`` declares them."""
        rows = list(records)
        for name, param in e.filters.items():
            text = params.get(param.name)
            if text:
                rows = self._matching(e.resource, name, read_filter(param, text), rows)
        return rows

    def _matching(self, resource: Resource, name: FilterName, value: Any, rows: list[Any]) -> list[Any]:
        if name.value.endswith(("_after", "_before")):
            kind, _, side = name.value.partition("_")
            stamp = self.created.get(resource, "created_at") if kind == "created" else f"{kind}_at"

            def within(r: Any) -> bool:
                at = getattr(r, stamp, None)
                return at is not None and (at >= value if side == "after" else at < value)

            return [r for r in rows if within(r)]
        if name in _BY_PARENT:
            parent = _BY_PARENT[name]
            keep = {r.id for r in self.children(resource, parent, str(value))}
        elif name is FilterName.EMAIL:
            keep = {r.id for r in self.data.children(resource, "email").get(str(value).casefold(), ())}
        else:
            raise NotImplementedError(f"no generic server side for the {name.value} filter")
        return [r for r in rows if r.id in keep]

    def handlers(self, resources: Iterable[Endpoints]) -> dict[str, DataHandler]:
        """A handler per list, record and per-parent path of ``resources`` whose resource has a
        render (a ``Child.one`` path, one payload of many records, is left to the simulator)."""
        out: dict[str, DataHandler] = {}
        for e in resources:
            render = self.renders.get(e.resource)
            if render is None:
                continue
            if e.list is not None:
                out[e.list] = self._list(e, render)
            if e.get is not None:
                out[e.get] = self._one(e.resource, render)
            for parent, child in e.children.items():
                if child.path is not None and not child.one:
                    out[child.path] = self._under(e, parent, render, self.paged(child.path))
        return out

    def _list(self, e: Endpoints, render: Render) -> DataHandler:
        return lambda p, _: Listing(self.filtered(e, self.data.records(e.resource), p), render)

    def _one(self, resource: Resource, render: Render) -> DataHandler:
        return lambda _, i: render(r) if (r := self.find(resource, i)) is not None else None

    def _under(self, e: Endpoints, parent: str, render: Render, paged: bool) -> DataHandler:
        def handle(p: Mapping[str, str], i: str) -> Result:
            rows = self.filtered(e, self.children(e.resource, parent, i), p)
            return Listing(rows, render) if paged else [render(r) for r in rows]

        return handle
