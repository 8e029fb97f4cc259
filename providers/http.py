"""The HTTP edge every HTTP provider shares: one request helper, errors mapped in one place.

``UpstreamHttp.request`` meters each attempt, maps transport failures and statuses onto
``providers.errors`` (the only place that happens), and honours one ``Retry-After`` on a
429 for idempotent reads. ``parse`` validates a payload against the provider's wire model
and turns a mismatch into ``ProviderResponseInvalid`` without echoing the payload.
"""

from __future__ import annotations

import asyncio
import email.utils
import re
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final, TypeVar

import httpx
from pydantic import TypeAdapter, ValidationError

from .errors import (
    ProviderAuthError,
    ProviderError,
    ProviderNotFound,
    ProviderRateLimited,
    ProviderResponseInvalid,
    ProviderTimeout,
    ProviderUnavailable,
)
from .metering import upstream_call

T = TypeVar("T")

MAX_RETRY_AFTER_S: Final = 10.0
"""A 429 asking to wait longer than this is reported instead of waited out."""

IDEMPOTENT: Final = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class CallContext:
    """Who is calling what, for error messages (never credentials)."""

    provider: str
    connection: str
    resource: str = ""
    operation: str = ""

    def error(self, cls: type[ProviderError], message: str) -> ProviderError:
        return cls(
            message,
            provider=self.provider,
            connection=self.connection,
            resource=self.resource,
            operation=self.operation,
        )


def retry_after_seconds(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


@contextmanager
def map_httpx_errors(ctx: CallContext) -> Iterator[None]:
    """Translate httpx transport exceptions into the provider error tree."""
    try:
        yield
    except httpx.TimeoutException as exc:
        raise ctx.error(ProviderTimeout, f"{ctx.provider} did not answer in time") from exc
    except httpx.TransportError as exc:
        raise ctx.error(ProviderUnavailable, f"{ctx.provider} could not be reached") from exc


def raise_for_status(response: httpx.Response, ctx: CallContext) -> None:
    status = response.status_code
    if status < 400:
        return
    where = f"{ctx.provider} connection '{ctx.connection}'"
    if status in (401, 403):
        raise ctx.error(ProviderAuthError, f"{where} was refused by the provider (HTTP {status})")
    if status == 404:
        raise ctx.error(ProviderNotFound, f"{ctx.provider} has no such record")
    if status == 429:
        error = ProviderRateLimited(
            f"{where} is rate limited by the provider",
            retry_after=retry_after_seconds(response),
            provider=ctx.provider,
            connection=ctx.connection,
            resource=ctx.resource,
            operation=ctx.operation,
        )
        raise error
    if status >= 500:
        raise ctx.error(ProviderUnavailable, f"{ctx.provider} failed (HTTP {status})")
    raise ctx.error(ProviderResponseInvalid, f"{ctx.provider} rejected the request (HTTP {status})")


class UpstreamHttp:
    """A provider's HTTP client: base URL, auth and default headers, over a shared pool."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        base_url: str,
        auth: httpx.Auth | None = None,
        headers: Mapping[str, str] | None = None,
        provider: str,
        connection: str,
    ) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.auth = auth
        self.headers = dict(headers or {})
        self.provider = provider
        self.connection = connection

    def context(self, resource: str = "", operation: str = "") -> CallContext:
        return CallContext(self.provider, self.connection, resource, operation)

    def url(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            return path
        return f"{self.base_url}/{path.lstrip('/')}"

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        ctx: CallContext | None = None,
    ) -> httpx.Response:
        ctx = ctx or self.context()
        attempts = 2 if method.upper() in IDEMPOTENT else 1
        for attempt in range(attempts):
            with upstream_call(), map_httpx_errors(ctx):
                response = await self.client.request(
                    method, self.url(path), params=params, json=json, headers=self.headers, auth=self.auth
                )
            wait = retry_after_seconds(response) if response.status_code == 429 else None
            if wait is not None and wait <= MAX_RETRY_AFTER_S and attempt + 1 < attempts:
                await asyncio.sleep(wait)
                continue
            raise_for_status(response, ctx)
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    async def get_json(
        self, path: str, *, params: Mapping[str, Any] | None = None, ctx: CallContext | None = None
    ) -> tuple[Any, httpx.Response]:
        response = await self.request("GET", path, params=params, ctx=ctx)
        return decode_json(response, ctx or self.context()), response

    async def post_json(
        self, path: str, *, json: Any = None, ctx: CallContext | None = None
    ) -> tuple[Any, httpx.Response]:
        response = await self.request("POST", path, json=json, ctx=ctx)
        return decode_json(response, ctx or self.context()), response


def decode_json(response: httpx.Response, ctx: CallContext) -> Any:
    try:
        return response.json()
    except ValueError:
        raise ctx.error(
            ProviderResponseInvalid, f"{ctx.provider} answered with a body that is not JSON"
        ) from None


_adapters: dict[Any, TypeAdapter[Any]] = {}


def parse(model: Any, data: Any, ctx: CallContext) -> Any:
    """Validate ``data`` against ``model`` (a pydantic model or any type TypeAdapter takes)."""
    adapter = _adapters.get(model)
    if adapter is None:
        adapter = _adapters[model] = TypeAdapter(model)
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        where = sorted({".".join(str(p) for p in e["loc"]) for e in exc.errors()})[:5]
        raise ctx.error(
            ProviderResponseInvalid,
            f"{ctx.provider} sent a {ctx.resource or 'response'} payload that does not match its "
            f"documented format (at {', '.join(where)})",
        ) from None


_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="?([^";]+)"?')


def link_header_next(response: httpx.Response) -> str | None:
    """The RFC 8288 ``rel="next"`` URL of a ``Link`` header, if any."""
    for url, rel in _LINK.findall(response.headers.get("Link", "")):
        if "next" in rel.split():
            return str(url)
    return None
