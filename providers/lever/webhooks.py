"""Lever webhooks (https://hire.lever.co/developer/documentation#webhooks).

The signature is in the body: ``signature = hex(HMAC-SHA256(signature token, token + triggeredAt))``
with the webhook's signature token (``webhook_secret``; Lever gives each webhook its own, so
several may be given, comma-separated), ``token`` a random string per delivery
and ``triggeredAt`` epoch milliseconds (so stale deliveries are refused). The delivery's ``id``
(or, without one, its ``token``; without a readable one either, the body's SHA-256) is the
dedupe key. Applications are opportunities, candidates are contacts.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Final

from ..kit.mapping import put_path
from ..kit.webhook_envelopes import EnvelopeWebhooks, Makes, dig
from ..kit.webhook_keys import check_hmac_any, secret_keys
from ..webhooks import (
    Delivery,
    Registration,
    SignedDelivery,
    WebhookMalformed,
    WebhookRefused,
    hmac_sha256_hex,
    ident,
    json_object,
)

if TYPE_CHECKING:
    from ..kit.adapter import HttpAdapter

EVENTS: Final[Mapping[str, Makes]] = {
    "applicationCreated": Makes("application.created", ("data", "opportunityId")),
    "candidateStageChange": Makes("application.stage_changed", ("data", "opportunityId")),
    "candidateHired": Makes("application.hired", ("data", "opportunityId")),
    "candidateArchiveChange": Makes("application.updated", ("data", "opportunityId")),
    "candidateDeleted": Makes("candidate.deleted", ("data", "contactId")),
    "contactCreated": Makes("candidate.created", ("data", "contactId")),
    "contactUpdated": Makes("candidate.updated", ("data", "contactId")),
    "interviewCreated": Makes("interview.scheduled", ("data", "interviewId")),
    "interviewUpdated": Makes("interview.updated", ("data", "interviewId")),
    "interviewDeleted": Makes("interview.cancelled", ("data", "interviewId")),
}


def _triggered_ms(data: dict[str, Any]) -> int:
    value = data.get("triggeredAt")
    if isinstance(value, bool) or not isinstance(value, int):
        raise WebhookRefused("the delivery has no triggeredAt")
    return value


def _signed_message(data: dict[str, Any]) -> bytes:
    """What the signature covers: the delivery's ``token`` then its ``triggeredAt``."""
    token = data.get("token")
    if not isinstance(token, str):
        raise WebhookRefused("the delivery has no signature")
    try:
        return f"{token}{_triggered_ms(data)}".encode()
    except UnicodeEncodeError:  # a lone surrogate: no token Lever made
        raise WebhookRefused("the delivery's token is not text Lever signs") from None


class LeverWebhooks(EnvelopeWebhooks):
    provider = "lever"
    signed_with = "signature field of the body (over token + triggeredAt)"
    timestamped = True
    event_at = ("event",)
    events = EVENTS

    def verify(self, headers: Mapping[str, str], body: bytes, secret: str) -> None:
        try:
            data = json_object(body)
        except WebhookMalformed:
            raise WebhookRefused("the delivery has no signature (its body is not a JSON object)") from None
        given = data.get("signature")
        if not isinstance(given, str):
            raise WebhookRefused("the delivery has no signature")
        message = _signed_message(data)
        # Lever gives each webhook (one per event type) its own token: any of them may sign.
        check_hmac_any(secret, message, given, "signature")

    def sent_at(self, headers: Mapping[str, str], body: bytes) -> float | None:
        try:
            return _triggered_ms(json_object(body)) / 1000
        except OverflowError:  # past any float: no time (the receiver refuses it as stale)
            return None

    def parse(self, headers: Mapping[str, str], body: bytes) -> Delivery:
        # the signed time is every delivery's, even one that makes no event
        return replace(super().parse(headers, body), occurred_at=self.sent_at(headers, body))

    def delivery_id(self, headers: Mapping[str, str], data: dict[str, Any], body: bytes) -> str:
        return ident(data.get("id")) or ident(data["token"]) or hashlib.sha256(body).hexdigest()

    def event_kind(self, makes: Makes, data: dict[str, Any]) -> str:
        if data.get("event") == "candidateArchiveChange" and dig(data, ("data", "toArchived")):
            return "application.rejected"  # archiving is Lever's rejection
        return makes.event

    def simulate(
        self, event: str, record_id: str, secret: str, *, delivery_id: str, at: float
    ) -> SignedDelivery | None:
        """The first Lever event making ``event``, with a fresh ``token`` and ``triggeredAt`` =
        ``at``, signed as :meth:`sign` does (as ``verify`` checks)."""
        found = next(((name, where) for name, (kind, where) in EVENTS.items() if kind == event), None)
        if found is None:
            return None
        name, record_at = found
        body: dict[str, Any] = {
            "id": delivery_id,
            "triggeredAt": int(at * 1000),
            "event": name,
            "token": secrets.token_hex(16),
        }
        put_path(body, record_at, record_id)
        return self.sign({"Content-Type": "application/json"}, json.dumps(body).encode(), secret)

    def sign(self, headers: Mapping[str, str], body: bytes, secret: str) -> SignedDelivery | None:
        """The body's ``signature`` made with the last token of ``secret`` over its own ``token``
        and ``triggeredAt``; None for a body without them."""
        try:
            data = json_object(body)
            message = _signed_message(data)
        except (WebhookMalformed, WebhookRefused):
            return None
        data["signature"] = hmac_sha256_hex(secret_keys(secret)[-1], message)
        return SignedDelivery(headers, json.dumps(data).encode())

    async def register(self, adapter: HttpAdapter, url: str, secret: str | None) -> Registration:
        """``POST /webhooks {"event", "url"}`` per event: each webhook answers with its own
        ``configuration.signatureToken``, all kept (comma-separated) as the secret."""
        ctx = adapter.ctx("webhook", "register")
        tokens = []
        for event in EVENTS:
            body, _ = await adapter.upstream.post_json(
                "/webhooks", json={"event": event, "url": url}, ctx=ctx
            )
            token = dig(body, ("data", "configuration", "signatureToken"))
            if not isinstance(token, str) or not token:
                raise WebhookMalformed(f"Lever's answer to registering {event} has no signature token")
            tokens.append(token)
        return Registration(",".join(tokens), tuple(EVENTS))
