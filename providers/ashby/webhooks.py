"""Ashby webhooks (https://developers.ashbyhq.com/docs/authenticating-webhooks).

Signed with ``Ashby-Signature: sha256=<hex>``: HMAC-SHA256 of the raw body keyed with the
webhook's secret token. The body is ``{"action": ..., "data": {...}}``. Ashby documents no
delivery id and no signed time: the dedupe key is the body's SHA-256 (a retry sends the same
body), and there is no staleness check.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from ..webhooks import Delivery, Registration, WebhookScheme, check_hex, hmac_sha256_hex, ident, json_object

if TYPE_CHECKING:
    from ..kit.adapter import HttpAdapter

ACTIONS: Final[Mapping[str, tuple[str, str]]] = {
    "applicationSubmit": ("application.created", "application"),
    "applicationUpdate": ("application.updated", "application"),
    "candidateStageChange": ("application.stage_changed", "application"),
    "candidateHire": ("application.hired", "application"),
    "candidateDelete": ("candidate.deleted", "candidate"),
    "candidateMerge": ("candidate.updated", "candidate"),
    "interviewScheduleCreate": ("interview.scheduled", "interviewSchedule"),
    "interviewScheduleUpdate": ("interview.updated", "interviewSchedule"),
    "jobCreate": ("job.created", "job"),
    "jobUpdate": ("job.updated", "job"),
    "offerCreate": ("offer.created", "offer"),
    "offerUpdate": ("offer.updated", "offer"),
}


class AshbyWebhooks(WebhookScheme):
    provider = "ashby"
    signed_with = "Ashby-Signature header (sha256=<hex>)"

    def verify(self, headers: Mapping[str, str], body: bytes, secret: str) -> None:
        given = headers.get("ashby-signature") or headers.get("Ashby-Signature")
        algorithm, _, digest = (given or "").strip().partition("=")
        if given and algorithm.lower() != "sha256":
            digest = ""
        check_hex(hmac_sha256_hex(secret, body), digest or None, "Ashby-Signature header")

    def parse(self, headers: Mapping[str, str], body: bytes) -> Delivery:
        data = json_object(body)
        action = str(data.get("action") or "")
        delivery = hashlib.sha256(body).hexdigest()
        known = ACTIONS.get(action)
        inner = data.get("data")
        about = inner.get(known[1]) if known and isinstance(inner, dict) else None
        record = ident(about.get("id")) if isinstance(about, dict) else ""
        if known is None or not record:
            return Delivery(delivery, None, provider_event=action)
        return Delivery(delivery, known[0], record, None, action)

    async def register(self, adapter: HttpAdapter, url: str, secret: str | None) -> Registration:
        """``webhook.create {webhookType, requestUrl, secretToken}`` per event, all with one secret
        (the API key needs the webhooks write permission)."""
        secret = secret or secrets.token_urlsafe(32)
        ctx = adapter.ctx("webhook", "register")
        for action in ACTIONS:
            params = {"webhookType": action, "requestUrl": url, "secretToken": secret}
            await adapter.call("webhook.create", ctx, params)
        return Registration(secret, tuple(ACTIONS))
