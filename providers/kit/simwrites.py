"""Write routes of a provider simulator: a handler given the request's JSON object, its
refusals answered in the provider's error format, and the routes added beside the reads that
``SimServer.app`` serves, behind the same guard (auth, faults, rate-limit headers)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import WriteRefused
from .simserver import Handler, SimServer
from .simulator import Refused

BodyHandler = Callable[[Request, dict[str, Any]], Awaitable[Response]]
WriteRoute = tuple[str, str, Handler]
"""``(method, path, handler)``."""


def _error(_status: int, message: str) -> Any:
    return {"error": message}


def json_write(
    handler: BodyHandler, error: Callable[[int, str], Any] = _error, refused_status: int = 422
) -> Handler:
    """``handler(request, body)`` given the request's JSON object (an empty body reads as
    ``null``): a body that is not JSON answers 400 and one that is no object 422; a
    :class:`Refused` answers its status, and a sandbox writer's ``WriteRefused``
    ``refused_status``, each rendered by ``error(status, message)``."""

    async def endpoint(request: Request) -> Response:
        try:
            body = json.loads(await request.body() or b"null")
            if not isinstance(body, dict):
                raise Refused(422, "the body must be a JSON object")
            return await handler(request, body)
        except json.JSONDecodeError:
            return JSONResponse(error(400, "the body is not JSON"), status_code=400)
        except Refused as exc:
            return JSONResponse(error(exc.status, exc.message), status_code=exc.status)
        except WriteRefused as exc:
            return JSONResponse(error(refused_status, exc.message), status_code=refused_status)

    return endpoint


def add_routes(app: Starlette, server: SimServer, root: str, routes: Iterable[WriteRoute]) -> None:
    """``routes`` added to ``app`` under ``root``, each behind ``server.guarded`` (``SimServer.app``
    routes reads, ``GET``, only; a route of another method on a read's path is tried after it)."""
    for method, path, handler in routes:
        app.router.routes.append(Route(f"{root}{path}", server.guarded(handler), methods=[method]))
