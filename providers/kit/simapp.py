"""A simulator's app in one call on :class:`~providers.kit.simserver.SimServer`: its reads (the
declared paths and those only an adapter's quirks read, in one mapping), its writes (by method
and path, matched before a read of the same path) and handlers that may be plain functions.

:class:`UnmeteredSimServer` is the server of a provider that documents no rate-limit headers
(a 429 carries only ``Retry-After``)."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .resources import Endpoints
from .simserver import Handler, SimServer

AnyHandler = Callable[[Request], Response | Awaitable[Response]]
"""A route handler, ``async`` or not."""


def as_async(handler: AnyHandler) -> Handler:
    """``handler`` as the ``async`` handler the server takes (a plain function is called as is)."""

    async def endpoint(request: Request) -> Response:
        answer = handler(request)
        return await answer if inspect.isawaitable(answer) else answer

    return endpoint


def simulator_app(
    server: SimServer,
    root: str,
    resources: Sequence[Endpoints],
    reads: Mapping[str, AnyHandler],
    writes: Mapping[tuple[str, str], AnyHandler] | Iterable[tuple[str, str, AnyHandler]] = (),
    state: Mapping[str, Any] | None = None,
    wrap: Callable[[Handler], Handler] = lambda h: h,
) -> Starlette:
    """The app serving ``reads`` (``GET``; every declared path must be among them, see
    :meth:`SimServer.app`) and ``writes`` (``(method, path)``) under ``root``, all behind
    ``server``'s guard (``writes`` may also be ``(method, path, handler)`` triples) and, inside
    it, ``wrap`` (the provider's own check of every request, such as a required header). The
    app's ``state`` holds ``faults`` (the server's) and each of ``state``."""
    app = server.app(root, resources, {path: wrap(as_async(h)) for path, h in reads.items()})
    # the writes go first: a read route of the same path answers only GET
    routes = [(*k, h) for k, h in writes.items()] if isinstance(writes, Mapping) else list(writes)
    for method, path, handler in reversed(routes):
        route = Route(f"{root}{path}", server.guarded(wrap(as_async(handler))), methods=[method])
        app.router.routes.insert(0, route)
    app.state.faults = server.faults
    for name, value in (state or {}).items():
        setattr(app.state, name, value)
    return app


@dataclass
class UnmeteredSimServer(SimServer):
    """A :class:`SimServer` that sends no rate-limit headers, for a provider documenting none
    (its limits and faults still apply; a 429 still carries ``Retry-After``)."""

    rate_headers: tuple[str, str, str] = ("X-Sim-Limit", "X-Sim-Remaining", "X-Sim-Reset")

    def guarded(self, handler: Handler) -> Handler:
        inner = super().guarded(handler)

        async def endpoint(request: Request) -> Response:
            response = await inner(request)
            for name in self.rate_headers:
                del response.headers[name]
            return response

        return endpoint
