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

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from ..kit.hex_webhooks import HexSignedWebhooks
from ..kit.webhook_envelopes import EnvelopeWebhooks, Makes, dig
from ..webhooks import Registration, WebhookMalformed, WebhookRefused, ident, json_object
from .mapping import composite

if TYPE_CHECKING:
    from ..kit.adapter import HttpAdapter

EVENTS: Final[Mapping[str, Makes]] = {
    "candidateAdded": Makes("application.created", ("object", "candidate", "_id")),
    "candidateStatusUpdated": Makes("application.stage_changed", ("object", "candidate", "_id")),
}


class BreezyWebhooks(HexSignedWebhooks, EnvelopeWebhooks):
    provider = "breezy"
    signed_with = "X-Hook-Signature header (hex)"
    signature_header = "X-Hook-Signature"
    event_at = ("type",)
    delivery_at = ("_id",)
    time_at = ("creation_date",)
    events = EVENTS

    def verify(self, headers: Mapping[str, str], body: bytes, secret: str) -> None:
        try:
            super().verify(headers, body, secret)
        except WebhookRefused as unsigned:
            # Refused as unsigned, not as unreadable: what an unsigned body holds is not read
            # out. A lone surrogate is text no UTF-8 encoder takes, so no signature covers it.
            try:
                compact = json.dumps(json_object(body), separators=(",", ":"), ensure_ascii=False).encode()
            except (WebhookMalformed, UnicodeEncodeError):
                raise unsigned from None
            if compact == body:
                raise
            super().verify(headers, compact, secret)

    def record_id(self, data: dict[str, Any], at: tuple[str, ...]) -> str:
        candidate = super().record_id(data, at)
        position = ident(dig(data, ("object", "position", "_id")))
        return composite(position, candidate) if position and candidate else ""

    async def register(self, adapter: HttpAdapter, url: str, secret: str | None) -> Registration:
        """``POST /webhook_endpoints {"url", "description", "events"}`` under the company; its
        answer's ``secret`` signs the deliveries (https://developer.breezy.hr/reference/customer-guide)."""
        ctx = adapter.ctx("webhook", "register")
        body = {"url": url, "description": "hiregraph", "events": list(EVENTS)}
        answer, _ = await adapter.upstream.post_json("/webhook_endpoints", json=body, ctx=ctx)
        issued = answer.get("secret") if isinstance(answer, dict) else None
        return Registration(issued if isinstance(issued, str) and issued else secret, tuple(EVENTS))
