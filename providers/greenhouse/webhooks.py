"""Greenhouse webhooks (https://developers.greenhouse.io/webhooks.html).

Signed with ``Signature: sha256 <hex>``: HMAC-SHA256 of the whole raw body keyed with the
webhook's secret key. Each delivery has a ``Greenhouse-Event-ID`` header (a retry repeats
it). The body is ``{"action": ..., "payload": {...}}``; no signed time, so no staleness check.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from ..kit.mapping import get_path, put_path
from ..webhooks import (
    Delivery,
    Registration,
    SignedDelivery,
    WebhookScheme,
    check_hex,
    hmac_sha256_hex,
    ident,
    json_object,
)

if TYPE_CHECKING:
    from ..kit.adapter import HttpAdapter

ACTIONS: Final[Mapping[str, tuple[str, tuple[str, ...]]]] = {
    "new_candidate_application": ("application.created", ("application", "id")),
    "new_prospect_application": ("application.created", ("application", "id")),
    "application_updated": ("application.updated", ("application", "id")),
    "unreject_candidate": ("application.updated", ("application", "id")),
    "unhire_candidate": ("application.updated", ("application", "id")),
    "candidate_stage_change": ("application.stage_changed", ("application", "id")),
    "reject_candidate": ("application.rejected", ("application", "id")),
    "hire_candidate": ("application.hired", ("application", "id")),
    "update_candidate": ("candidate.updated", ("candidate", "id")),
    "merge_candidate": ("candidate.updated", ("person", "id")),
    "candidate_anonymized": ("candidate.updated", ("candidate_id",)),
    "delete_candidate": ("candidate.deleted", ("person", "id")),
    "offer_created": ("offer.created", ("id",)),
    "offer_approved": ("offer.updated", ("id",)),
    "offer_updated": ("offer.updated", ("id",)),
    "interview_deleted": ("interview.cancelled", ("interview", "id")),
    "job_created": ("job.created", ("job", "id")),
    "job_updated": ("job.updated", ("job", "id")),
    "job_approved": ("job.updated", ("job", "id")),
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
        record = ident(get_path(payload, known[1])) if known and isinstance(payload, dict) else ""
        if known is None or not record:
            return Delivery(delivery, None, provider_event=action)
        return Delivery(delivery, known[0], record, None, action)

    def simulate(
        self, event: str, record_id: str, secret: str, *, delivery_id: str, at: float
    ) -> SignedDelivery | None:
        """The first action making ``event``, its id where a real delivery has it (Greenhouse
        ids are integers), signed as ``verify`` checks; no signed time to set."""
        action = next((a for a, (kind, _) in ACTIONS.items() if kind == event), None)
        if action is None:
            return None
        payload: dict[str, Any] = {}
        put_path(payload, ACTIONS[action][1], int(record_id) if record_id.isdigit() else record_id)
        body = json.dumps({"action": action, "payload": payload}).encode()
        headers = {
            "Content-Type": "application/json",
            "Signature": f"sha256 {hmac_sha256_hex(secret, body)}",
            "Greenhouse-Event-ID": delivery_id,
        }
        return SignedDelivery(headers, body)

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
