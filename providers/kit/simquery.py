"""The filters and sort a simulator applies to a listing, as its adapter asks them: the
filters read from the adapter's declared query parameters (``SimServer.filters``), then
applied here with the provider's bound semantics (many providers' ``from``/``to`` bounds are
inclusive, the unified filters' exclusive: the adapter re-checks), and a ``sort=`` parameter in
JSON:API's form (``-field`` descending, https://jsonapi.org/format/#fetching-sorting).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, Final

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..filters import matches
from ..query import Filter, FilterName
from ..records import Record, Resource
from .resources import Endpoints
from .simserver import Handler

F = FilterName
_BOUNDS: Final = {
    F.CREATED_AFTER: ("created_at", False),
    F.CREATED_BEFORE: ("created_at", True),
    F.UPDATED_AFTER: ("updated_at", False),
    F.UPDATED_BEFORE: ("updated_at", True),
}


def _in_bound(value: datetime | None, bound: datetime, upper: bool, inclusive: bool) -> bool:
    if value is None:
        return False
    if inclusive:
        return value <= bound if upper else value >= bound
    return value < bound if upper else value > bound


def filtered(
    resource: Resource, records: Iterable[Record], asked: Mapping[FilterName, Any], *, inclusive: bool = True
) -> list[Record]:
    """The records passing every filter asked: time bounds on ``created_at``/``updated_at``
    (``inclusive``: as the provider bounds them), the others as the unified filters mean them
    (one sent empty filters nothing)."""
    others = {name: v for name, v in asked.items() if name not in _BOUNDS and v not in (None, "")}
    flt = Filter(**{name.value: v for name, v in others.items()})

    def keep(r: Record) -> bool:
        for name, bound in asked.items():
            if name in _BOUNDS:
                attr, upper = _BOUNDS[name]
                if not _in_bound(getattr(r, attr, None), bound, upper, inclusive):
                    return False
        return matches(resource, r, flt, others)

    return [r for r in records if keep(r)]


def sorted_as(
    records: Iterable[Record],
    sort: str | None,
    attribute: Callable[[str], str] = lambda key: key.replace("-", "_"),
) -> list[Record]:
    """``records`` ordered by ``sort`` (``field`` or ``-field``; ``attribute``: the record
    attribute a wire field names), records without the value last (first descending), ties by
    id; no sort keeps the order."""
    out = list(records)
    if sort:
        key = attribute(sort.lstrip("-"))
        out.sort(key=lambda r: (getattr(r, key, None) is None, getattr(r, key, None) or 0, r.id))
        if sort.startswith("-"):
            out.reverse()
    return out


def declared_handlers(
    resources: Iterable[Endpoints],
    lister: Callable[[Resource], Handler],
    getter: Callable[[Resource], Handler],
    children: Callable[[Resource, Resource, str], Handler],
) -> dict[str, Handler]:
    """A handler for every path the adapter's declarations read (what ``SimServer.app`` wants):
    each list, each record by id, and each parent's children at their own path (``children(
    resource, parent, key)``, the parent the resource the child's key names). A simulator
    replaces the handlers of the paths it serves otherwise."""
    out: dict[str, Handler] = {}
    for e in resources:
        if e.list:
            out[e.list] = lister(e.resource)
        if e.get:
            out[e.get] = getter(e.resource)
        for key, child in e.children.items():
            if child.path:
                out[child.path] = children(e.resource, Resource(key), key)
    return out


def required_header(
    name: str, value: str, error: Callable[[int, str], Any], status: int, message: str
) -> Callable[[Handler], Handler]:
    """A wrapper of handlers answering ``status`` (``error``'s body of ``message``) to a request
    whose header ``name`` is not ``value`` (an API version a provider requires)."""

    def wrap(handler: Handler) -> Handler:
        async def endpoint(request: Request) -> Response:
            if request.headers.get(name) != value:
                return JSONResponse(error(status, message), status_code=status)
            return await handler(request)

        return endpoint

    return wrap
