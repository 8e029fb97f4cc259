"""Workable webhooks (https://workable.readme.io/reference/webhooks-1).

Signed with ``X-Workable-Signature``: hex HMAC-SHA256 of the raw body keyed with the account
token (or the OAuth application's secret), given as the connection's ``webhook_secret``.
No delivery example is published: the envelope ``{id, event_type, fired_at, data}`` is assumed
(the fields are read only when present); a delivery without ``id`` is keyed by the body's
SHA-256. A Workable candidate is one application (``mapping.py``), so ``candidate_created``
is an application's creation and ``candidate_moved`` its stage change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from ..kit.hex_webhooks import HexSignedWebhooks
from ..kit.webhook_envelopes import EnvelopeWebhooks, Makes
from ..webhooks import Registration

if TYPE_CHECKING:
    from ..kit.adapter import HttpAdapter

EVENTS: Final[Mapping[str, Makes]] = {
    "candidate_created": Makes("application.created", ("data", "id")),
    "candidate_moved": Makes("application.stage_changed", ("data", "id")),
}


class WorkableWebhooks(HexSignedWebhooks, EnvelopeWebhooks):
    provider = "workable"
    signed_with = "X-Workable-Signature header (hex)"
    signature_header = "X-Workable-Signature"
    event_at = ("event_type",)
    delivery_at = ("id",)
    time_at = ("fired_at",)
    events = EVENTS

    def event_name(self, headers: Mapping[str, str], data: dict[str, Any]) -> str:
        # the envelope is an assumption: ``event`` is read where ``event_type`` is not
        return super().event_name(headers, data) or str(data.get("event") or "")

    async def register(self, adapter: HttpAdapter, url: str, secret: str | None) -> Registration:
        """``POST /subscriptions {"target", "event"}`` per event. Workable signs with the account
        token, so that is the secret unless one is set already (an OAuth app's secret)."""
        ctx = adapter.ctx("webhook", "register")
        for event in EVENTS:
            await adapter.upstream.post_json("/subscriptions", json={"target": url, "event": event}, ctx=ctx)
        token = getattr(adapter.credentials, "api_token", None)
        account = token.get_secret_value() if token is not None else None
        return Registration(secret or account, tuple(EVENTS))
