"""Small parts most provider simulators repeat: a sandbox id's number, a request's JSON
object body, a handler answering a rendered table, and write routes beside the read routes
``SimServer.app`` makes (which serves ``GET`` only)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .simserver import Handler, SimServer


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


def add_writes(
    server: SimServer, app: Starlette, root: str, routes: Iterable[tuple[str, str, Handler]]
) -> None:
    """``(method, path, handler)`` routes under ``root``, behind the same guard as the reads."""
    for method, path, handler in routes:
        app.router.routes.append(Route(f"{root}{path}", server.guarded(handler), methods=[method]))
