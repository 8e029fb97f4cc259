"""A simulator's records as wire tables, derived from its adapter's declarations: which
:class:`~providers.kit.mapping.RecordMap` renders each resource, every record of a resource
rendered once per dataset version (in order and by wire id), lists served as declared, and
record paths answered from the tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..records import Record, Resource
from .mapping import Json, RecordMap
from .resources import Endpoints

if TYPE_CHECKING:
    from ..sandbox import Dataset
    from .paging import Paginator
    from .simserver import Handler, SimServer


def record_maps(resources: Iterable[Endpoints]) -> dict[Resource, RecordMap[Any]]:
    """Per declared resource, the map its records are rendered with: its ``read`` where that is
    a map, else the first of its ``maps``."""
    out: dict[Resource, RecordMap[Any]] = {}
    for e in resources:
        found = e.read if isinstance(e.read, RecordMap) else next(iter(e.maps), None)
        if found is not None:
            out[e.resource] = found
    return out


class WireTables:
    """Every record of a resource rendered by ``render``, in the dataset's order and by the
    rendered ``key`` (the wire id), rendered again only when the dataset changes."""

    def __init__(self, dataset: Dataset, render: Callable[[Resource, Record], Json], key: str = "id") -> None:
        self.data, self.render, self.key = dataset, render, key
        self._rendered: dict[tuple[Resource, int], tuple[list[Json], dict[str, Json]]] = {}

    def _table(self, resource: Resource) -> tuple[list[Json], dict[str, Json]]:
        at = (resource, self.data.version)
        found = self._rendered.get(at)
        if found is None:
            rows = [self.render(resource, r) for r in self.data.records(resource)]
            found = self._rendered[at] = (rows, {str(row.get(self.key)): row for row in rows})
        return found

    def rows(self, resource: Resource) -> list[Json]:
        return self._table(resource)[0]

    def get(self, resource: Resource, wire_id: str) -> Json | None:
        return self._table(resource)[1].get(wire_id)

    def getters(self, server: SimServer, resources: Iterable[Endpoints]) -> dict[str, Handler]:
        """Each declared record path (``get``) answered from its resource's table by ``{id}``."""
        return {e.get: getter_of(server, partial(self.get, e.resource)) for e in resources if e.get}


def serve_list(
    server: SimServer,
    request: Request,
    e: Endpoints,
    paging: Paginator,
    rows: Sequence[Json],
    default_size: int,
) -> Response:
    """A list as ``e`` declares it: paged by ``paging`` in the envelope ``e.items`` when
    ``e.paged`` (page parameters that are not numbers: ``SimServer.page``'s 400), else the whole
    list in one answer (the malformed-pages fault applied)."""
    if e.paged:
        return server.page(request, paging, e.items, [("", r) for r in rows], default_size)
    body: Any = "malformed" if server.faults.malformed_pages else list(rows)
    return JSONResponse(body if e.items is None else {e.items: body})


def served(
    server: SimServer,
    root: str,
    resources: Sequence[Endpoints],
    api: Any,
    routes: Mapping[str, Handler],
    extra: Mapping[str, Handler] | None = None,
) -> Starlette:
    """``server.app`` (see there), with the simulator's ``api`` and the faults on its state,
    where tests reach them."""
    app = server.app(root, resources, routes, extra)
    app.state.api = api
    app.state.faults = server.faults
    return app


def getter_of(server: SimServer, find: Callable[[str], Mapping[str, Any] | None]) -> Handler:
    """A handler answering the payload ``find`` gives for the path's ``{id}`` (404: none)."""

    async def handler(request: Request) -> Response:
        found = find(request.path_params["id"])
        return JSONResponse(found) if found is not None else server.fail(404)

    return handler
