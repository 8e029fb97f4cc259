"""RPC-style APIs: every call is ``POST /<object>.<method>`` with a JSON body (ids and filters
included, never in a path), answered in an envelope that can fail with HTTP 200 and error codes.

- :func:`get_by_body`: a get-many as one such call per id, the id at a key of the body;
- :func:`error_for_codes`: an envelope's error codes as the typed error a provider table names;
- :func:`rpc_handler`: the simulator side, the one ``/{method}`` route dispatching each call's
  body (JSON, or a ``multipart/form-data`` upload) to the method serving it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..errors import (
    ProviderAuthError,
    ProviderError,
    ProviderNotFound,
    ProviderRateLimited,
    ProviderResponseInvalid,
    ProviderUnavailable,
)
from ..records import Record, Resource
from .forms import form_parts, form_values
from .mapping import NO_CTX
from .resources import read_payload

if TYPE_CHECKING:
    from ..http import CallContext
    from .adapter import HttpAdapter
    from .simserver import Handler, SimServer

Json = dict[str, Any]
CodeTable = Sequence[tuple[Sequence[str], type[ProviderError]]]
"""Per typed error, substrings of the codes that mean it, checked in order."""


def get_by_body(
    resource: Resource, method: str, key: str, *, prepare_beside: bool = False, **body: Any
) -> Callable[..., Awaitable[list[Record | None]]]:
    """``get_<plural>``: one ``method`` call per id (the id at ``key`` of the body, beside
    ``body``), concurrently, read as ``resource``'s endpoints declare. ``prepare_beside``: the
    endpoints' ``prepare`` does not depend on the payloads (an account table), so it runs
    beside the calls, with none, rather than after them."""

    async def get(self: HttpAdapter, ids: Sequence[str]) -> list[Record | None]:
        e, ctx = self.endpoints(resource), self.ctx(resource, method)
        calls = self.fan_out(lambda i: self.fetch_one(e.model, method, ctx, {key: i, **body}), ids)
        if e.prepare is None:
            payloads, found = await calls, NO_CTX
        elif prepare_beside:
            payloads, found = await asyncio.gather(calls, e.prepare(self, ()))
        else:
            payloads = await calls
            found = await e.prepare(self, [p for p in payloads if p is not None])
        return [read_payload(e, p, found)[0] if p is not None else None for p in payloads]

    return get


def error_for_codes(codes: Iterable[str], table: CodeTable, ctx: CallContext) -> ProviderError:
    """The typed error of a failed envelope's ``codes``: the first kind of ``table`` one of
    them contains (case-insensitive), else an invalid request. The message names the codes
    only (never the request)."""
    codes = [c for c in codes if c] or ["unknown_error"]
    listed, lowered = ", ".join(codes), [c.casefold() for c in codes]
    kind: type[ProviderError] = next(
        (k for markers, k in table if any(m in c for c in lowered for m in markers)), ProviderResponseInvalid
    )
    where = f"{ctx.provider} connection '{ctx.connection}'"
    message = {
        ProviderAuthError: f"{where} was refused by the provider ({listed})",
        ProviderNotFound: f"{ctx.provider} has no such record ({listed})",
        ProviderRateLimited: f"{where} is rate limited by the provider ({listed})",
        ProviderUnavailable: f"{ctx.provider} failed ({listed})",
    }.get(kind, f"{ctx.provider} rejected the request ({listed})")
    return ctx.error(kind, message)


class RpcRefused(Exception):
    """A simulated call the provider refuses: answered (HTTP 200) with this error ``code``."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


async def rpc_body(request: Request) -> Any:
    """A call's body: its JSON (none is ``{}``), or an upload form's values (``form_values``)."""
    content_type = request.headers.get("content-type", "")
    if content_type.lower().startswith("multipart/form-data"):
        return form_values(form_parts(content_type, await request.body()))
    return json.loads(await request.body() or b"{}")


def rpc_handler(
    server: SimServer,
    methods: Mapping[str, Callable[[Json], Any]],
    refused: Callable[[str], Any],
    *,
    invalid: str = "invalid_input",
    malformed: Callable[[str, Any], Any] | None = None,
) -> Handler:
    """The handler of ``POST /{method}`` (a ``method`` path parameter): the body to
    ``methods[method]``, its answer sent as JSON. An unknown method is the server's 404; a body
    that is no JSON object, no form or an unreadable one, or a value a method cannot use (its
    ``ValueError`` or ``TypeError``), is answered ``refused(invalid)``, an :class:`RpcRefused`
    ``refused(code)``. With the malformed-pages fault on, the answer goes through
    ``malformed(method, answer)`` (the provider's way of breaking a page)."""

    async def rpc(request: Request) -> Response:
        method = request.path_params["method"]
        handler = methods.get(method)
        if handler is None:
            return server.fail(404)
        try:
            body = await rpc_body(request)
            if not isinstance(body, dict):
                raise RpcRefused(invalid)
            answer = handler(body)
        # JSONDecodeError, a form without parts, a value of the wrong JSON type for the method
        except (ValueError, TypeError):
            answer = refused(invalid)
        except RpcRefused as refusal:
            answer = refused(refusal.code)
        if malformed is not None and server.faults.malformed_pages:
            answer = malformed(method, answer)
        return JSONResponse(answer)

    return rpc
