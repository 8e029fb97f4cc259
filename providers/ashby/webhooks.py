"""Ashby webhooks (https://developers.ashbyhq.com/docs/authenticating-webhooks).

Signed with ``Ashby-Signature: sha256=<hex>``: HMAC-SHA256 of the raw body keyed with the
webhook's secret token. The body is ``{"action": ..., "data": {...}}``. Ashby documents no
delivery id and no signed time: the dedupe key is the body's SHA-256 (a retry sends the same
body), and there is no staleness check.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from ..kit.hex_webhooks import HexSignedWebhooks
from ..kit.webhook_envelopes import EnvelopeWebhooks, Makes
from ..webhooks import Registration

if TYPE_CHECKING:
    from ..kit.adapter import HttpAdapter

ACTIONS: Final[Mapping[str, Makes]] = {
    "applicationSubmit": Makes("application.created", ("data", "application", "id")),
    "applicationUpdate": Makes("application.updated", ("data", "application", "id")),
    "candidateStageChange": Makes("application.stage_changed", ("data", "application", "id")),
    "candidateHire": Makes("application.hired", ("data", "application", "id")),
    "candidateDelete": Makes("candidate.deleted", ("data", "candidate", "id")),
    "candidateMerge": Makes("candidate.updated", ("data", "candidate", "id")),
    "interviewScheduleCreate": Makes("interview.scheduled", ("data", "interviewSchedule", "id")),
    "interviewScheduleUpdate": Makes("interview.updated", ("data", "interviewSchedule", "id")),
    "jobCreate": Makes("job.created", ("data", "job", "id")),
    "jobUpdate": Makes("job.updated", ("data", "job", "id")),
    "offerCreate": Makes("offer.created", ("data", "offer", "id")),
    "offerUpdate": Makes("offer.updated", ("data", "offer", "id")),
}


class AshbyWebhooks(HexSignedWebhooks, EnvelopeWebhooks):
    provider = "ashby"
    signed_with = "Ashby-Signature header (sha256=<hex>)"
    signature_header = "Ashby-Signature"
    signature_prefix = "sha256="
    event_at = ("action",)
    events = ACTIONS

    async def register(self, adapter: HttpAdapter, url: str, secret: str | None) -> Registration:
        """``webhook.create {webhookType, requestUrl, secretToken}`` per event, all with one secret
        (the API key needs the webhooks write permission)."""
        secret = secret or secrets.token_urlsafe(32)
        ctx = adapter.ctx("webhook", "register")
        for action in ACTIONS:
            params = {"webhookType": action, "requestUrl": url, "secretToken": secret}
            await adapter.call("webhook.create", ctx, params)
        return Registration(secret, tuple(ACTIONS))
