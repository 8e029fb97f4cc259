"""Greenhouse webhooks (https://developers.greenhouse.io/webhooks.html).

Signed with ``Signature: sha256 <hex>``: HMAC-SHA256 of the whole raw body keyed with the
webhook's secret key. Each delivery has a ``Greenhouse-Event-ID`` header (a retry repeats
it). The body is ``{"action": ..., "payload": {...}}``; no signed time, so no staleness check.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

from ..webhooks import Delivery, Registration, WebhookScheme, check_hex, hmac_sha256_hex, ident, json_object

if TYPE_CHECKING:
    from ..kit.adapter import HttpAdapter

Locate = Callable[[dict[str, Any]], Any]


def _at(*path: str) -> Locate:
    def locate(payload: dict[str, Any]) -> Any:
        value: Any = payload
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    return locate


APPLICATION: Final = _at("application", "id")
ACTIONS: Final[Mapping[str, tuple[str, Locate]]] = {
    "new_candidate_application": ("application.created", APPLICATION),
    "new_prospect_application": ("application.created", APPLICATION),
    "application_updated": ("application.updated", APPLICATION),
    "unreject_candidate": ("application.updated", APPLICATION),
    "unhire_candidate": ("application.updated", APPLICATION),
    "candidate_stage_change": ("application.stage_changed", APPLICATION),
    "reject_candidate": ("application.rejected", APPLICATION),
    "hire_candidate": ("application.hired", APPLICATION),
    "update_candidate": ("candidate.updated", _at("candidate", "id")),
    "merge_candidate": ("candidate.updated", _at("person", "id")),
    "candidate_anonymized": ("candidate.updated", _at("candidate_id")),
    "delete_candidate": ("candidate.deleted", _at("person", "id")),
    "offer_created": ("offer.created", _at("id")),
    "offer_approved": ("offer.updated", _at("id")),
    "offer_updated": ("offer.updated", _at("id")),
    "interview_deleted": ("interview.cancelled", _at("interview", "id")),
    "job_created": ("job.created", _at("job", "id")),
    "job_updated": ("job.updated", _at("job", "id")),
    "job_approved": ("job.updated", _at("job", "id")),
}
"""The actions that make an event; the others (ping, deletions of things the log does not
track, job posts) are acknowledged and dropped."""


def _header(headers: Mapping[str, str], name: str) -> str | None:
    return headers.get(name) or headers.get(name.lower())


class GreenhouseWebhooks(WebhookScheme):
    provider = "greenhouse"
    signed_with = "Signature header (sha256 <hex>)"

    def verify(self, headers: Mapping[str, str], body: bytes, secret: str) -> None:
        given = _header(headers, "Signature")
        scheme, _, digest = (given or "").strip().partition(" ")
        if given and scheme.lower() != "sha256":
            digest = ""  # another algorithm than the one documented: no match
        check_hex(hmac_sha256_hex(secret, body), digest or None, "Signature header")

    def parse(self, headers: Mapping[str, str], body: bytes) -> Delivery:
        data = json_object(body)
        action = str(data.get("action") or "")
        payload = data.get("payload")
        delivery = _header(headers, "Greenhouse-Event-ID") or hashlib.sha256(body).hexdigest()
        known = ACTIONS.get(action)
        record = ident(known[1](payload)) if known and isinstance(payload, dict) else ""
        if known is None or not record:
            return Delivery(delivery, None, provider_event=action)
        return Delivery(delivery, known[0], record, None, action)

    async def register(self, adapter: HttpAdapter, url: str, secret: str | None) -> Registration:
        """Harvest has no API for webhooks: they are made in Greenhouse's settings, one per event."""
        secret = secret or secrets.token_urlsafe(32)
        steps = (
            "In Greenhouse: Configure > Dev Center > Web Hooks > Web Hooks, then for each event to receive "
            f"({', '.join(sorted(ACTIONS))}): create a web hook with",
            f"  Endpoint URL: {url}",
            f"  Secret key: {secret}",
            "Greenhouse pings the URL on save; the web hook is created disabled if the ping fails.",
        )
        return Registration(secret, (), steps)
