"""Small parts most provider simulators repeat: a sandbox id's number, a request's JSON
object body, a handler answering a rendered table, sandbox records by the ids a simulator gives
them (write routes: ``kit/simwrites.py``; the app in one call: ``kit/simapp.py``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..records import Record, Resource
from .simserver import Handler

if TYPE_CHECKING:
    from ..sandbox import Dataset


def sandbox_number(sandbox_id: str) -> int:
    """The number of a sandbox id (``cand_000042`` -> ``42``), which simulators use as the
    provider's own numeric id."""
    return int(sandbox_id.rsplit("_", 1)[-1])


async def json_object(request: Request) -> dict[str, Any] | None:
    """The request's JSON body when it is an object; None for anything else (no body,
    malformed JSON, an array...)."""
    try:
        body = json.loads(await request.body() or b"null")
    except json.JSONDecodeError:
        return None
    return body if isinstance(body, dict) else None


def answer(make: Callable[[], Any]) -> Handler:
    """A handler answering ``make()`` as JSON, whatever the request asks (an unpaged table)."""

    async def handler(_request: Request) -> Response:
        return JSONResponse(make())

    return handler


class EncodedIds:
    """The sandbox records of ``data`` by the ids a simulator gives them (``encode``, then
    ``key``: ``int`` to match ``7`` and ``007`` alike), indexed per resource on first use; a
    record is looked up in ``data`` afresh (a write may have replaced it since)."""

    def __init__(
        self, data: Dataset, encode: Callable[[Resource, str], Any], key: Callable[[str], Any] = str
    ) -> None:
        self.data, self.encode, self.key = data, encode, key
        self._by: dict[Resource, dict[Any, str]] = {}

    def record(self, resource: Resource, provider_id: str) -> Record | None:
        """The sandbox record ``provider_id`` names (None: none, or not an id ``key`` takes)."""
        by = self._by.get(resource)
        if by is None:
            by = self._by[resource] = {
                self.key(self.encode(resource, r.id)): r.id for r in self.data.records(resource)
            }
        try:
            found = by.get(self.key(provider_id))
        except ValueError:
            return None
        return self.data.get(resource, found) if found is not None else None


_BY_TYPE: dict[type, Resource] = {r.record_type: r for r in Resource}


def resource_of(record: Record) -> Resource:
    """The resource a sandbox record is of."""
    return _BY_TYPE[type(record)]
