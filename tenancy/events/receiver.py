"""Receiving providers' own webhooks: ``POST /webhooks/<connection>`` for a static connection,
``POST /webhooks/<tenant>/<connection>`` for a tenant's stored one.

The tenant is in the path (not an opaque token) because the signature, made with the
connection's own ``webhook_secret`` credential, is what proves a delivery: a URL anyone can
guess gains nothing without the secret, and it stays readable in the provider's settings.

The raw body (at most ``MAX_BODY`` bytes) goes to the provider's ``WebhookScheme``: a bad or
missing signature, or a signed time further than ``HIREGRAPH_WEBHOOKS_MAX_SKEW_S`` (default
300 s) from now, answers 401 and changes nothing. A verified delivery is appended to the
connection's log (source ``webhook``) under the key polling gives the same change (the
record read and hashed as a poll would: ``Poller.record_delivered``), so a retried delivery,
or a change polling saw first, makes one event; a record that cannot be read is logged under
the delivery id (a retry still makes one event). The answer is a quick 200 whether the event is new, a duplicate, or not one the log
tracks (a provider retries anything else). A signed body the scheme cannot read
(``WebhookMalformed``) answers 400: it will never parse, and the providers that retry do so
on any non-2xx alike, so a 5xx would only misname whose fault it is.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Final

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from providers.base import ProviderAdapter
from providers.webhooks import DEFAULT_MAX_SKEW_S, WebhookMalformed, WebhookRefused

from ..store import StoreError
from .poller import Poller
from .types import EventSource, EventType, LogScope, NewEvent

log = logging.getLogger("hiregraph.events.receiver")

MAX_BODY: Final = 1024 * 1024
MAX_SKEW_ENV: Final = "HIREGRAPH_WEBHOOKS_MAX_SKEW_S"
WEBHOOK_SECRET: Final = "webhook_secret"
"""The optional credential that signs a connection's webhooks."""


@dataclass(frozen=True)
class WebhookTarget:
    scope: LogScope
    adapter: ProviderAdapter
    secret: str | None = field(default=None, repr=False)


Find = Callable[[str, str], Awaitable[WebhookTarget | None]]
"""The target of (tenant, connection name); tenant "" for a static connection."""


def max_skew(environ: Mapping[str, str]) -> float:
    raw = environ.get(MAX_SKEW_ENV, "").strip()
    try:
        value = float(raw) if raw else DEFAULT_MAX_SKEW_S
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        raise ValueError(f"{MAX_SKEW_ENV} must be a number of seconds above 0")
    return value


def _error(status: int, message: str) -> Response:
    return JSONResponse({"error": message}, status_code=status)


async def _body(request: Request) -> bytes | None:
    """The raw body, or None when it is larger than ``MAX_BODY`` (read no further)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


class WebhookReceiver:
    def __init__(
        self,
        find: Find,
        poller: Callable[[], Poller | None],
        *,
        skew_s: float = DEFAULT_MAX_SKEW_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.find = find
        self.poller = poller
        self.skew_s = skew_s
        self.clock = clock

    async def handle(self, request: Request) -> Response:
        params = request.path_params
        tenant, name = str(params.get("tenant", "")), str(params["connection"])
        found = await self.find(tenant, name)
        if found is None:
            where = f"tenant '{tenant[:100]}'" if tenant else "this server's static connections"
            return _error(404, f"no connection '{name[:100]}' in {where}")
        scope, adapter, secret = found.scope, found.adapter, found.secret
        scheme = type(adapter).webhooks
        if scheme is None:
            return _error(404, f"connection '{name}' ({adapter.name}) is not a provider that sends webhooks")
        if not secret:
            return _error(
                404, f"connection '{name}' takes no webhooks: its credentials have no {WEBHOOK_SECRET}"
            )
        body = await _body(request)
        if body is None:
            return _error(413, f"a webhook body may be at most {MAX_BODY} bytes")
        headers = request.headers
        try:
            scheme.verify(headers, body, secret)
            if scheme.timestamped:
                sent = scheme.sent_at(headers, body)
                if sent is None or abs(self.clock() - sent) > self.skew_s:
                    raise WebhookRefused(
                        f"the delivery's signed time is more than {self.skew_s:g} s from now (a replay?)"
                    )
            delivery = scheme.parse(headers, body)
        except WebhookRefused as exc:
            log.info("a webhook delivery to '%s' was refused: %s", name, exc)
            return _error(401, str(exc))
        except WebhookMalformed as exc:
            return _error(400, str(exc))
        if delivery.event is None:
            return JSONResponse({"received": True, "event": None})
        poller = self.poller()
        if poller is None:
            return _error(503, "the event log is not open yet")
        kind = EventType(delivery.event)
        details = {"providerEvent": delivery.provider_event} if delivery.provider_event else {}
        new = NewEvent(
            kind,
            delivery.record_id,
            delivery.occurred_at if delivery.occurred_at is not None else self.clock(),
            EventSource.WEBHOOK,
            f"webhook:{delivery.delivery_id}",
            details,
        )
        try:
            event = await poller.record_delivered(scope, adapter, new)
        except StoreError as exc:
            log.warning("a webhook delivery to '%s' could not be logged: %s", name, exc)
            return _error(503, "the event log is unavailable; retry later")
        return JSONResponse({"received": True, "event": kind.value, "duplicate": event is None})


def receiver_from_env(
    find: Find, poller: Callable[[], Poller | None], environ: Mapping[str, str] | None = None
) -> WebhookReceiver:
    return WebhookReceiver(find, poller, skew_s=max_skew(os.environ if environ is None else environ))
