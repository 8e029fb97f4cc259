"""JazzHR's Candidate Export webhook (official docs, ``JazzHR/api-doc`` ``source/includes/webhook/``;
its samples are ``shared/fixtures/providers/jazzhr/webhooks/``).

A user exports a candidate (by hand, or a workflow step does it on entry) and JazzHR POSTs the
candidate in the HR Open Standards shape, with ``X-JazzHR-Event: CANDIDATE-EXPORT`` and
``X-JazzHR-Signature``: hex HMAC-SHA256 of the raw body keyed with the partner secret entered in
JazzHR. ``VERIFY`` checks the URL when the integration is saved. There is no API to register one.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from ..webhooks import Delivery, Registration, WebhookScheme, check_hex, hmac_sha256_hex, ident, json_object

if TYPE_CHECKING:
    from ..kit.adapter import HttpAdapter

EXPORT: Final = "CANDIDATE-EXPORT"


def _header(headers: Mapping[str, str], name: str) -> str:
    return headers.get(name.lower()) or headers.get(name) or ""


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


class JazzHRWebhooks(WebhookScheme):
    provider = "jazzhr"
    signed_with = "X-JazzHR-Signature header (hex)"

    def verify(self, headers: Mapping[str, str], body: bytes, secret: str) -> None:
        given = _header(headers, "X-JazzHR-Signature")
        check_hex(hmac_sha256_hex(secret, body), given, "X-JazzHR-Signature header")

    def parse(self, headers: Mapping[str, str], body: bytes) -> Delivery:
        """An export says the candidate's current state: ``candidate.updated`` of the applicant
        it names (``candidate.person.id.value``). A retry repeats ``X-JazzHR-UUID``."""
        data = json_object(body)
        event = _header(headers, "X-JazzHR-Event")
        delivery = _header(headers, "X-JazzHR-UUID") or hashlib.sha256(body).hexdigest()
        record = ident(_get(data, "candidate", "person", "id", "value"))
        if event != EXPORT or not record:
            return Delivery(delivery, None, provider_event=event)
        return Delivery(delivery, "candidate.updated", record, None, event)

    async def register(self, adapter: HttpAdapter, url: str, secret: str | None) -> Registration:
        secret = secret or secrets.token_urlsafe(32)
        steps = (
            "In JazzHR: Settings > Integrations > +Add Integrations, then connect a Custom Integration with",
            f"  Webhook URL: {url}",
            f"  Partner Secret: {secret}",
            "Candidates are sent when a user chooses Export Candidate on a profile, or when a workflow "
            "step's Workflow Helper exports them on entry.",
        )
        return Registration(secret, (), steps)
