"""Breezy HR webhooks (https://developer.breezy.hr/reference/webhook-events,
https://developer.breezy.hr/reference/webhook-security).

Signed with ``X-Hook-Signature``: hex HMAC-SHA256 of the JSON body keyed with the endpoint's
secret (``whsec_…``, shown once when the endpoint is created), the connection's
``webhook_secret``. Breezy's examples sign the body re-serialized compactly
(``JSON.stringify``), which is the body as sent; a body sent otherwise is checked in that
compact form too. No signed time: stale deliveries cannot be told apart. The envelope is
``{_id, type, object, creation_date}``; a Breezy candidate is one application
(``mapping.py``), so ``candidateAdded`` is an application's creation and
``candidateStatusUpdated`` its stage change, the application being ``<position>-<candidate>``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from ..webhooks import (
    Delivery,
    Registration,
    WebhookRefused,
    WebhookScheme,
    check_hex,
    hmac_sha256_hex,
    ident,
    json_object,
)
from .mapping import composite

if TYPE_CHECKING:
    from ..kit.adapter import HttpAdapter

EVENTS: Final[Mapping[str, str]] = {
    "candidateAdded": "application.created",
    "candidateStatusUpdated": "application.stage_changed",
}
HEADER: Final = "X-Hook-Signature header"


def _time(value: object) -> float | None:
    try:
        return (
            datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
            if isinstance(value, str)
            else None
        )
    except ValueError:
        return None


def _id_in(obj: Any, key: str) -> str:
    inner = obj.get(key) if isinstance(obj, dict) else None
    return ident(inner.get("_id")) if isinstance(inner, dict) else ""


class BreezyWebhooks(WebhookScheme):
    provider = "breezy"
    signed_with = "X-Hook-Signature header (hex)"

    def verify(self, headers: Mapping[str, str], body: bytes, secret: str) -> None:
        given = headers.get("x-hook-signature") or headers.get("X-Hook-Signature")
        try:
            check_hex(hmac_sha256_hex(secret, body), given, HEADER)
        except WebhookRefused:
            compact = json.dumps(json_object(body), separators=(",", ":"), ensure_ascii=False).encode()
            if compact == body:
                raise
            check_hex(hmac_sha256_hex(secret, compact), given, HEADER)

    def parse(self, headers: Mapping[str, str], body: bytes) -> Delivery:
        data = json_object(body)
        event = str(data.get("type") or "")
        delivery = ident(data.get("_id")) or hashlib.sha256(body).hexdigest()
        obj = data.get("object")
        position, candidate = _id_in(obj, "position"), _id_in(obj, "candidate")
        kind = EVENTS.get(event)
        if kind is None or not position or not candidate:
            return Delivery(delivery, None, provider_event=event)
        return Delivery(
            delivery, kind, composite(position, candidate), _time(data.get("creation_date")), event
        )

    async def register(self, adapter: HttpAdapter, url: str, secret: str | None) -> Registration:
        """``POST /webhook_endpoints {"url", "description", "events"}`` under the company; its
        answer's ``secret`` signs the deliveries (https://developer.breezy.hr/reference/customer-guide)."""
        ctx = adapter.ctx("webhook", "register")
        body = {"url": url, "description": "hiregraph", "events": list(EVENTS)}
        answer, _ = await adapter.upstream.post_json("/webhook_endpoints", json=body, ctx=ctx)
        issued = answer.get("secret") if isinstance(answer, dict) else None
        return Registration(issued if isinstance(issued, str) and issued else secret, tuple(EVENTS))
