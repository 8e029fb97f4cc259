"""Ashby's RPC call: ``POST /<object>.<method>`` with a JSON body, the envelope checked.

HTTP statuses and transport failures are mapped by ``providers.http`` (the one place).
This module adds what is Ashby's own:

- Failures can come back as **HTTP 200** with ``success: false`` and ``errors`` codes
  (``ERROR_example.json``), sometimes with ``errorInfo.code``. They map onto the same tree
  (:func:`error_for_codes`): auth-ish codes -> ``ProviderAuthError``, ``*not_found`` ->
  ``ProviderNotFound`` (the ``get_*`` methods turn it into None), rate limits ->
  ``ProviderRateLimited``, server-side failures -> ``ProviderUnavailable``, anything else
  (``invalid_input``...) -> ``ProviderResponseInvalid``. Messages carry the codes, never the
  key or the provider's free-text message.
- Every Ashby read is a POST. Reads (``*.list``, ``*.info``, ``*.search``) are side-effect
  free, so :meth:`AshbyRpcAdapter.call` marks them ``idempotent``: ``UpstreamHttp`` retries them
  as it does GETs (429 with ``Retry-After``, 502/503/504, connection errors).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

import httpx

from providers.errors import (
    ProviderAuthError,
    ProviderError,
    ProviderNotFound,
    ProviderRateLimited,
    ProviderResponseInvalid,
    ProviderUnavailable,
)
from providers.http import CallContext, parse
from providers.kit.adapter import HttpAdapter
from providers.kit.paging import BodyCursorPaging
from providers.records import Resource

from .payloads import AshbyEnvelope

AUTH_ERROR_MARKERS: Final = ("unauthenticated", "unauthorized", "forbidden", "permission", "api_key")
NOT_FOUND_MARKERS: Final = ("not_found",)
RATE_LIMIT_MARKERS: Final = ("rate_limit", "too_many_requests")
UNAVAILABLE_MARKERS: Final = ("internal", "server_error", "unavailable", "timeout")

PAGING: Final = BodyCursorPaging(
    max_size=100, next_field="nextCursor", more_field="moreDataAvailable", cursor_param="cursor"
)
"""``limit`` (max and default 100) and ``cursor`` in the request body, ``moreDataAvailable`` +
``nextCursor`` in the answer; our cursor is Ashby's ``nextCursor``.
https://developers.ashbyhq.com/docs/pagination-and-incremental-sync"""


def given(**fields: Any) -> dict[str, Any]:
    """A request body of the fields given (None: not sent)."""
    return {k: v for k, v in fields.items() if v is not None}


"""Substrings of ``errors[]`` / ``errorInfo.code`` values, checked in this order.
Only ``invalid_input`` is documented (OpenAPI example); the rest are read by their words."""


def error_for_codes(codes: Iterable[str], ctx: CallContext) -> ProviderError:
    """The typed error for a ``success: false`` envelope."""
    codes = [c for c in codes if c] or ["unknown_error"]
    lowered = [c.casefold() for c in codes]
    listed = ", ".join(codes)
    where = f"{ctx.provider} connection '{ctx.connection}'"

    def has(markers: tuple[str, ...]) -> bool:
        return any(m in c for c in lowered for m in markers)

    if has(AUTH_ERROR_MARKERS):
        return ctx.error(ProviderAuthError, f"{where} was refused by the provider ({listed})")
    if has(NOT_FOUND_MARKERS):
        return ctx.error(ProviderNotFound, f"{ctx.provider} has no such record ({listed})")
    if has(RATE_LIMIT_MARKERS):
        return ProviderRateLimited(
            f"{where} is rate limited by the provider ({listed})",
            provider=ctx.provider,
            connection=ctx.connection,
            resource=ctx.resource,
            operation=ctx.operation,
        )
    if has(UNAVAILABLE_MARKERS):
        return ctx.error(ProviderUnavailable, f"{ctx.provider} failed ({listed})")
    return ctx.error(ProviderResponseInvalid, f"{ctx.provider} rejected the request ({listed})")


class AshbyRpcAdapter(HttpAdapter):
    """The kit's base over Ashby's RPC: every read is ``POST /<object>.<method>`` with a JSON
    body (the list parameters, paging's ``limit`` and ``cursor`` included), answered in an
    envelope that is checked here; the items or the record are its ``results``."""

    paging = PAGING
    items_field = "results"
    record_field = "results"

    def rpc(self, method: str, resource: Resource) -> tuple[str, CallContext]:
        """The path and the call context of ``method``: an Ashby call is named by its method."""
        return method, self.ctx(resource, method)

    async def call(
        self, path: str, ctx: CallContext, params: Mapping[str, Any] | None = None
    ) -> tuple[Any, httpx.Response]:
        """``POST /<method>`` with ``params`` as the body; the answer of a successful envelope,
        else its typed error. A read is side-effect free, so it is retried as a GET is."""
        data, response = await self.upstream.post_json(
            f"/{path}", json=dict(params or {}), ctx=ctx, idempotent=True
        )
        envelope: AshbyEnvelope = parse(AshbyEnvelope, data, ctx)
        if not envelope.success:
            codes = list(envelope.errors)
            if envelope.error_info and envelope.error_info.code:
                codes.append(envelope.error_info.code)
            raise error_for_codes(dict.fromkeys(codes), ctx)
        return data, response
