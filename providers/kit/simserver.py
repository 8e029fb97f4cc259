"""The generic part of a provider simulator: its routes come from the adapter's endpoint
declarations (``kit/resources.py``), each guarded by the auth check, the switchable faults and
the rate-limit window of ``kit/simulator.py``, and its lists page through the adapter's own
``Paginator``. A provider's simulator keeps only its data layout and render-side quirks: one
handler per declared path, and how its errors look on the wire.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Match, Route

from ..query import FilterName
from .paging import (
    BodyCursorPaging,
    LinkHeaderPaging,
    NextUrlPaging,
    OffsetPaging,
    PageNumberPaging,
    Paginator,
    at_base_url,
)
from .resources import Endpoints, Param
from .simulator import RateWindow, SimulatorFaults

Handler = Callable[[Request], Awaitable[Response]]

STATUS_MESSAGES = {
    401: "Not authorized",
    404: "Not found",
    405: "Method not allowed",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


def allowed_methods(routes: Iterable[BaseRoute], request: Request) -> list[str]:
    """Every method some route of ``routes`` takes at ``request``'s path, sorted. Starlette's
    own 405 names only the first such route's: a read's path that also takes a write (``GET``
    and ``POST``) would answer ``Allow: POST`` to a ``DELETE``."""
    methods: set[str] = set()
    for route in routes:
        if isinstance(route, Route) and route.methods and route.matches(request.scope)[0] is not Match.NONE:
            methods |= route.methods
    return sorted(methods)


def declared_paths(resources: Iterable[Endpoints]) -> set[str]:
    """Every path the declarations read (list, one record, each parent's children)."""
    paths: set[str] = set()
    for e in resources:
        paths.update(p for p in (e.list, e.get) if p)
        paths.update(c.path for c in e.children.values() if c.path)
    return paths


class UnreadableParam(ValueError):
    """A query parameter the simulator cannot read (a time that is no time, a page size that is
    no number): the client's error, which :meth:`SimServer.guarded` answers with a 400 in the
    provider's error format rather than a crash."""


def read_filter(param: Param, raw: str) -> Any:
    """``raw`` through ``param``'s parser; an empty value filters nothing (None). Text the parser
    cannot read, whether it answers None or raises ``ValueError`` (``strptime``,
    ``fromisoformat``), is :class:`UnreadableParam`. A time without an offset is read as UTC,
    so that it compares with the records' times."""
    try:
        value = param.parse(raw)
    except ValueError:
        value = None
    if value is None and raw:
        raise UnreadableParam(f"{param.name}: cannot read {raw!r}")
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # ``2026-01-01`` names no offset: read as UTC
    return value


@dataclass
class SimServer:
    """Auth, faults and rate-limit headers around a simulator's handlers.

    ``authorized`` checks a request's credentials; ``error`` renders an error in the provider's
    format; ``rate_headers`` names the limit, remaining and reset headers (``""``: not sent)."""

    authorized: Callable[[Request], bool]
    rate_limit: int
    rate_headers: tuple[str, str, str]
    window_s: float = 10.0
    faults: SimulatorFaults = field(default_factory=SimulatorFaults)
    error: Callable[[int, str], Any] = lambda _status, message: {"error": message}
    reset_when_limited: bool = False
    """The reset header (the last of ``rate_headers``) only on a 429: an API announcing its limit
    and what remains, and when the window resets only once it refuses."""
    fault_retry_after: bool = False
    """An enforced limit's ``Retry-After`` is the faults' ``retry_after_s`` when one is set."""
    headers: Callable[[], Mapping[str, str]] = dict
    """Headers every answer carries besides the rate-limit ones (a fresh request id)."""

    def __post_init__(self) -> None:
        self.window = RateWindow(self.window_s)

    def fail(self, status: int, retry_after: float | None = None) -> Response:
        headers = (
            {"Retry-After": str(math.ceil(retry_after))} if status == 429 and retry_after is not None else {}
        )
        body = self.error(status, STATUS_MESSAGES.get(status, "Error"))
        return JSONResponse(body, status_code=status, headers=headers)

    def guarded(self, handler: Handler) -> Handler:
        """``handler`` behind the faults, the window count, the auth check and an enforced
        limit, in that order; every answer carries the rate-limit headers."""

        async def endpoint(request: Request) -> Response:
            f = self.faults
            await f.delay()
            self.window.take()
            limit = f.limit(self.rate_limit)
            values = (limit, self.window.remaining(limit), self.window.reset_at())
            response: Response
            if not self.authorized(request):
                response = self.fail(401)
            elif (status := f.take_failure()) is not None:
                response = self.fail(status, f.retry_after_s)
            elif f.enforcing and self.window.over(limit):
                wait = f.retry_after_s if self.fault_retry_after else None
                response = self.fail(429, self.window.seconds_to_reset() if wait is None else wait)
            else:
                try:
                    response = await handler(request)
                except UnreadableParam as bad:
                    response = JSONResponse(self.error(400, str(bad)), status_code=400)
            sent = zip(self.rate_headers, values, strict=True)
            if self.reset_when_limited and response.status_code != 429:
                sent = zip(self.rate_headers[:2], values[:2], strict=True)
            response.headers.update({name: str(v) for name, v in sent if name})
            response.headers.update(self.headers())
            return response

        return endpoint

    def routed(self, routes: Sequence[BaseRoute]) -> Starlette:
        """The app of ``routes`` whose routing refusals are the provider's: a path no route
        serves is a 404, and a method its routes do not take a 405 naming in ``Allow`` every
        method they do take, each in the provider's error format (Starlette's own are plain
        text, which no adapter reads as the provider's error)."""

        async def refused(request: Request, exc: Exception) -> Response:
            status = exc.status_code if isinstance(exc, HTTPException) else 500
            headers = dict(self.headers())
            if status == 405:
                headers["Allow"] = ", ".join(allowed_methods(request.app.router.routes, request))
            body = self.error(status, STATUS_MESSAGES.get(status, "Error"))
            return JSONResponse(body, status_code=status, headers=headers)

        return Starlette(routes=list(routes), exception_handlers={404: refused, 405: refused})

    def app(
        self,
        root: str,
        resources: Sequence[Endpoints],
        handlers: Mapping[str, Handler],
        extra: Mapping[str, Handler] | None = None,
    ) -> Starlette:
        """The app serving ``handlers`` under ``root``: one for every declared path, so that the
        simulator cannot lag behind what its adapter reads (``extra``: paths no declaration
        names, such as an endpoint a quirk reads)."""
        missing = declared_paths(resources) - set(handlers)
        if missing:
            raise ValueError(f"the simulator serves none of the declared paths {sorted(missing)}")
        routes = {**handlers, **(extra or {})}
        return self.routed(
            [Route(f"{root}{path}", self.guarded(h), methods=["GET"]) for path, h in routes.items()]
        )

    @staticmethod
    def filters(e: Endpoints, request: Request) -> dict[FilterName, Any]:
        """The filters a request asks, read from the query parameters ``e`` declares (so a
        simulator reads exactly what its adapter sends). A value its parser cannot read is the
        client's error (:class:`UnreadableParam`, a 400), not a filter matching nothing."""
        asked: dict[FilterName, Any] = {}
        for name, param in e.filters.items():
            raw = request.query_params.get(param.name)
            value = None if raw is None else read_filter(param, raw)
            if value is not None:
                asked[name] = value
        return asked

    def page(
        self,
        request: Request,
        paging: Paginator,
        key: str | None,
        keyed: Sequence[tuple[str, Any]],
        default_size: int,
        params: Mapping[str, str] | None = None,
    ) -> Response:
        """One page of ``keyed`` (``(key, payload)`` pairs, the key ordering keyset pages) as the
        adapter's ``paging`` requests it, in the envelope ``key`` (None: a bare array), the
        malformed-pages fault applied. ``params``: the request's, as the provider reads them; a
        page or size in them that is no number is :class:`UnreadableParam`."""
        query = dict(params if params is not None else request.query_params)
        url = str(request.url.replace(query=""))
        paging = at_base_url(paging, str(request.base_url).rstrip("/"))
        items = [payload for _, payload in keyed]
        headers: dict[str, str] = {}
        fields: dict[str, Any] = {}
        page: Sequence[Any]
        try:
            if isinstance(paging, NextUrlPaging):
                page, fields = paging.serve(url, query, keyed, default_size)
            elif isinstance(paging, BodyCursorPaging | OffsetPaging):
                page, fields = paging.serve(query, items, default_size)
            elif isinstance(paging, PageNumberPaging):
                page = paging.serve(query, items, default_size)
            elif isinstance(paging, LinkHeaderPaging):
                page, headers = paging.serve_numbered(url, query, items, default_size)
            else:
                raise TypeError(f"no server side for {type(paging).__name__}")
        except ValueError:  # ``int`` of a page or size that is no number (its message is Python's)
            raise UnreadableParam("Invalid page parameters") from None
        broken = self.faults.malformed_pages
        if key is None:
            return JSONResponse("malformed" if broken else list(page), headers=headers)
        return JSONResponse({key: "malformed" if broken else list(page), **fields}, headers=headers)
