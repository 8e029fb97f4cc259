"""The HTTP edge every HTTP provider shares: one request helper, errors mapped in one place.

``UpstreamHttp.request`` sends every upstream attempt under the connection's discipline
(``providers/resilience``): the operation's budget and deadline -> circuit breaker ->
concurrency cap -> rate-limit slot -> the attempt, timed out at the per-call timeout or
what is left of the operation's deadline -> the limiter learns from the rate-limit
headers, the breaker from the outcome -> status mapped onto ``providers.errors`` (the
only place that happens). Idempotent reads (GET, HEAD, or a call marked
``idempotent=True``) are retried on 429/502/503/504 and connection errors, honouring
``Retry-After``; writes never are. ``parse`` validates a payload against the provider's
wire model and turns a mismatch into ``ProviderResponseInvalid`` without echoing it.
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import re
import time
from collections.abc import AsyncGenerator, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, Final, TypeVar, cast
from urllib.parse import urlsplit

import httpx
from pydantic import TypeAdapter, ValidationError

from .acceptance import note_write
from .errors import (
    CircuitOpen,
    LocallyRateLimited,
    ProviderAuthError,
    ProviderBadInput,
    ProviderError,
    ProviderNotFound,
    ProviderRateLimited,
    ProviderRefusedInput,
    ProviderResponseInvalid,
    ProviderResponseTooLarge,
    ProviderTimeout,
    ProviderUnavailable,
)
from .metering import current_meter, upstream_call
from .paths import path_problem
from .refusals import REFUSAL_STATUSES, reasons_of
from .resilience.guard import UpstreamGuard
from .resilience.limiter import SlotUnavailable
from .resilience.policy import UpstreamPolicy
from .resilience.retry import RETRY_STATUSES, RETRY_TRANSPORT_ERRORS, Transient, with_retries
from .resilience.state import state_key
from .transport import UpstreamTransport

T = TypeVar("T")

IDEMPOTENT: Final = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Multipart:
    """A ``multipart/form-data`` body: one file part (an upload endpoint's ``file``) after the
    text parts in ``fields`` (an upload that names its record or kind in the form)."""

    field: str
    file_name: str
    content: bytes
    content_type: str = "application/octet-stream"
    fields: Mapping[str, str] = dataclass_field(default_factory=dict)


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


def capped(timeout: httpx.Timeout, cap: float) -> httpx.Timeout:
    """The client's own timeouts, none longer than ``cap`` (a client may be stricter still)."""

    def each(value: float | None) -> float:
        return cap if value is None else min(value, cap)

    return httpx.Timeout(
        connect=each(timeout.connect),
        read=each(timeout.read),
        write=each(timeout.write),
        pool=each(timeout.pool),
    )


@functools.lru_cache(maxsize=1024)
def parsed_url(url: str) -> httpx.URL:
    """``url`` parsed once: httpx parses a URL given as text on every request (about 25 µs,
    2 % of the gateway's CPU per upstream call in bench/upstream_cpu.py), and the same URLs
    come back call after call (Ashby's one per RPC method). ``httpx.URL`` is immutable."""
    return httpx.URL(url)


@contextmanager
def map_httpx_errors(ctx: CallContext) -> Iterator[None]:
    """Translate httpx transport exceptions into the provider error tree."""
    try:
        yield
    except httpx.TimeoutException as exc:
        raise ctx.error(ProviderTimeout, f"{ctx.provider} did not answer in time") from exc
    except httpx.TransportError as exc:
        raise ctx.error(ProviderUnavailable, f"{ctx.provider} could not be reached") from exc


async def read_capped(response: httpx.Response, limit: int, ctx: CallContext) -> None:
    """Read ``response``'s body into it, as ``aread()`` would (``content``, ``json()`` and
    ``text`` then work as usual), refusing a body over ``limit`` bytes decoded: up front by
    its declared length, else as soon as the bytes received pass it. At most ``limit`` plus
    one decoded chunk is ever held, and the rest of the body is never read."""
    declared = response.headers.get("Content-Length")
    # (A HEAD answer declares the length of a body it does not send.)
    if declared and declared.isdigit() and int(declared) > limit and response.request.method != "HEAD":
        raise _too_large(ctx, limit)
    chunks: list[bytes] = []
    size = 0
    body = response.aiter_bytes()
    async for chunk in body:
        size += len(chunk)
        if size > limit:
            # Stop the decoder now rather than when the generator is collected (on the happy
            # path it is exhausted, and an error inside it finishes it: no need to close it).
            await cast("AsyncGenerator[bytes, None]", body).aclose()
            raise _too_large(ctx, limit)
        chunks.append(chunk)
    # Where aread() keeps the body; joining a single chunk does not copy it.
    response._content = b"".join(chunks)


def _too_large(ctx: CallContext, limit: int) -> ProviderError:
    return ctx.error(
        ProviderResponseTooLarge,
        f"{ctx.provider} connection '{ctx.connection}' answered with a body over {limit} bytes, "
        "the most hiregraph reads from one upstream answer; ask for smaller pages",
    )


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


def refused(response: httpx.Response, ctx: CallContext) -> ProviderRefusedInput:
    """A write the provider refused as invalid input, with the reasons it gave. Only a write:
    a read answered 400 was built wrongly by hiregraph, which is no client's input."""
    reasons = reasons_of(response)
    said = "; ".join(f"{r.field}: {r.message}" if r.field else r.message for r in reasons)
    message = f"{ctx.provider} refused the input (HTTP {response.status_code})" + (
        f": {said}" if said else ""
    )
    return ProviderRefusedInput(
        message,
        reasons=reasons,
        provider=ctx.provider,
        connection=ctx.connection,
        resource=ctx.resource,
        operation=ctx.operation,
    )


class _Unkept(httpx.Cookies):
    """Cookies of which a response's are never read (httpx reads them into a urllib request and
    an email message per response: about 30 µs a call), so none is ever kept."""

    def extract_cookies(self, response: httpx.Response) -> None:
        return None


class CookielessClient(httpx.AsyncClient):
    """An httpx client that never follows redirects and never keeps a cookie. One client
    serves every connection and tenant of a process: a cookie one upstream account set would
    otherwise ride on another's requests to the same host. No provider's API needs cookies."""

    def __init__(
        self, *, transport: httpx.AsyncBaseTransport, timeout: float, trust_env: bool = True
    ) -> None:
        super().__init__(transport=transport, timeout=timeout, follow_redirects=False, trust_env=trust_env)
        self._unkept = _Unkept()

    @property
    def cookies(self) -> httpx.Cookies:
        return self._unkept

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        raise TypeError("this client keeps no cookies")


def upstream_client(timeout_s: float) -> httpx.AsyncClient:
    """The pooled client every HTTP provider of a server shares (``graph/app.py``), over a
    transport that costs less CPU per request than httpx's own (``providers/transport.py``)."""
    return CookielessClient(transport=UpstreamTransport(), timeout=timeout_s)


class UpstreamHttp:
    """A provider's HTTP client: base URL, auth and default headers, over a shared pool.

    Its :class:`UpstreamGuard` starts as the default policy with no known rate limit;
    ``providers.resilience.binding.bind_upstream`` gives it the connection's policy, the
    provider's documented limit and the account's shared limiter and breaker state.
    """

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
        # Unbound, it keeps no rate limit: an account's limit is only known per connection.
        key = state_key(provider, self.base_url, {"": connection})
        self.guard = UpstreamGuard(UpstreamPolicy(), key, rate_limited=False)

    def context(self, resource: str = "", operation: str = "") -> CallContext:
        return CallContext(self.provider, self.connection, resource, operation)

    def url(self, path: str) -> str:
        """``path`` under the base URL (an absolute URL is the adapter's own, from its
        configuration). The last line of defence: adapters encode ids with
        ``providers.paths.segment``, and a path that could still climb out of the base URL
        (a dot-segment, even percent-encoded) or break the URL is refused before any call."""
        absolute = path.startswith(("http://", "https://"))
        problem = path_problem(urlsplit(path).path if absolute else path)
        if problem is not None:
            raise self.context().error(
                ProviderBadInput, f"refused to call {self.provider}: the request path {problem}"
            )
        if absolute:
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
        idempotent: bool | None = None,
        headers: Mapping[str, str] | None = None,
        multipart: Multipart | None = None,
    ) -> httpx.Response:
        """One call: a single attempt for a write, up to ``max_attempts`` for a read.
        ``idempotent`` marks a non-GET read (an RPC-style POST) as safe to retry; ``headers``
        are added to the upstream's own for this call (a write's acting user); ``multipart``
        is the body instead of ``json`` (an upload)."""
        ctx = ctx or self.context()
        retryable = method.upper() in IDEMPOTENT if idempotent is None else idempotent
        sent = self.headers if not headers else {**self.headers, **headers}
        body: dict[str, Any] = {"json": json}
        if multipart is not None:
            part = (multipart.file_name, multipart.content, multipart.content_type)
            body = {"files": {multipart.field: part}, "data": dict(multipart.fields) or None}

        async def attempt() -> httpx.Response:
            return await self._attempt(method, self.url(path), params, body, sent, ctx, retryable)

        if not retryable:
            # A write: whether the provider accepted it decides what a later error of the same
            # adapter write means (``providers/acceptance.py``).
            try:
                response = await attempt()
            except ProviderError:
                note_write(accepted=False)
                raise
            note_write(accepted=200 <= response.status_code < 300)
            return response
        meter = current_meter.get()
        time_left = meter.time_left if meter is not None else lambda: None
        return await with_retries(attempt, self.guard.policy, self.guard.retry_budget, time_left)

    async def _attempt(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any] | None,
        body: Mapping[str, Any],
        headers: Mapping[str, str],
        ctx: CallContext,
        retryable: bool,
    ) -> httpx.Response:
        guard = self.guard
        where = {
            "provider": ctx.provider,
            "connection": ctx.connection,
            "resource": ctx.resource,
            "operation": ctx.operation,
        }
        meter = current_meter.get()
        if meter is not None:
            meter.check(**where)  # before taking a breaker probe or a rate-limit slot
        closed_for = await guard.breaker.admit()
        if closed_for is not None:
            raise ctx.error(
                CircuitOpen,
                f"{ctx.provider} connection '{ctx.connection}' failed repeatedly; calls are "
                f"paused for {closed_for:.0f} s",
            )
        cap = guard.concurrency()
        try:
            if cap.locked():
                async with asyncio.timeout(meter.time_left() if meter is not None else None):
                    await cap.acquire()
            else:
                # A free slot is taken without suspending, so no timeout could fire (and the
                # timer cost 4 us a call to arm and disarm).
                await cap.acquire()
        except TimeoutError:
            raise ctx.error(
                ProviderTimeout,
                f"this operation's upstream deadline passed while {ctx.connection!r} was busy",
            ) from None
        try:
            # The slot is taken inside the concurrency cap: a slot reserved before queueing for
            # the cap could be used late, in a window the limiter did not count it in.
            await self._rate_slot(ctx, where)
            response = await self._send(method, url, params, body, headers, ctx, where, retryable)
        finally:
            cap.release()
        status = response.status_code
        wait = retry_after_seconds(response) if status == 429 else None
        if guard.limiter is not None:
            await guard.limiter.observe(response.headers, rejected=status == 429, retry_after=wait)
        await guard.breaker.record(ok=status < 500)
        if not retryable and status in REFUSAL_STATUSES:
            raise refused(response, ctx)
        try:
            raise_for_status(response, ctx)
        except ProviderError as exc:
            if retryable and status in RETRY_STATUSES:
                raise Transient(exc, wait) from None
            raise
        return response

    async def _rate_slot(self, ctx: CallContext, where: dict[str, str]) -> None:
        if self.guard.limiter is None:
            return
        meter = current_meter.get()
        if meter is not None:
            meter.check(**where)
        longest = self.guard.policy.max_rate_wait_s
        left = meter.time_left() if meter is not None else None
        try:
            await self.guard.limiter.acquire(longest if left is None else min(longest, left))
        except SlotUnavailable as full:
            raise LocallyRateLimited(
                f"{ctx.provider} connection '{ctx.connection}' is at the provider's rate limit; "
                f"retry in {full.retry_after:.1f} s",
                retry_after=round(full.retry_after, 3),
                **where,
            ) from None

    async def _send(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any] | None,
        body: Mapping[str, Any],
        headers: Mapping[str, str],
        ctx: CallContext,
        where: dict[str, str],
        retryable: bool,
    ) -> httpx.Response:
        meter = current_meter.get()
        left = meter.time_left() if meter is not None else None
        limit = self.guard.policy.call_timeout_s
        cap = limit if left is None else min(limit, left)
        try:
            request = self.client.build_request(
                method,
                parsed_url(url),
                params=params,
                headers=headers,
                **body,
                timeout=capped(self.client.timeout, max(cap, 0.001)),
            )
        except (httpx.InvalidURL, UnicodeEncodeError):
            # Client input is bounded before this (resolvers/filtering.py); what is left is a
            # value from a provider's own payload that no URL can carry. Nothing is sent.
            raise ctx.error(
                ProviderBadInput,
                f"a value for {ctx.provider} cannot be sent in a URL (too long, or not text)",
            ) from None
        with upstream_call(**where):
            try:
                with map_httpx_errors(ctx):
                    return await self._exchange(request, cap, by_deadline=cap < limit, ctx=ctx)
            except ProviderResponseTooLarge:
                # The provider did answer, so its health is not in question; and the same page
                # would be as large again, so it is not retried either.
                await self.guard.breaker.record(ok=True)
                raise
            except ProviderError as exc:
                await self.guard.breaker.record(ok=False)
                if retryable and isinstance(exc.__cause__, RETRY_TRANSPORT_ERRORS):
                    raise Transient(exc) from exc
                raise

    async def _exchange(
        self, request: httpx.Request, cap: float, *, by_deadline: bool, ctx: CallContext
    ) -> httpx.Response:
        """Send ``request`` and read its whole body within ``cap`` seconds in all. httpx's own
        timeouts bound each socket operation alone, so a body trickling in a byte at a time
        would never trip them; this deadline covers connecting, the headers and the body."""
        response: httpx.Response | None = None
        try:
            async with asyncio.timeout(max(cap, 0.001)):
                response = await self.client.send(request, auth=self.auth, stream=True)
                await read_capped(response, self.guard.policy.max_response_bytes, ctx)
        except TimeoutError:
            if by_deadline:
                message = f"this operation's upstream deadline passed while waiting for {ctx.provider}"
            else:
                message = f"{ctx.provider} did not answer within {cap:g} s"
            raise ctx.error(ProviderTimeout, message) from None
        finally:
            if response is not None:
                # Frees the pooled connection; one abandoned mid-body is closed, not reused.
                await response.aclose()
        return response

    async def get_json(
        self, path: str, *, params: Mapping[str, Any] | None = None, ctx: CallContext | None = None
    ) -> tuple[Any, httpx.Response]:
        response = await self.request("GET", path, params=params, ctx=ctx)
        return decode_json(response, ctx or self.context()), response

    async def post_json(
        self,
        path: str,
        *,
        json: Any = None,
        ctx: CallContext | None = None,
        idempotent: bool | None = None,
    ) -> tuple[Any, httpx.Response]:
        response = await self.request("POST", path, json=json, ctx=ctx, idempotent=idempotent)
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
