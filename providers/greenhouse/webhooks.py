"""Greenhouse webhooks (https://developers.greenhouse.io/webhooks.html).

Signed with ``Signature: sha256 <hex>``: HMAC-SHA256 of the whole raw body keyed with the
webhook's secret key. Each delivery has a ``Greenhouse-Event-ID`` header (a retry repeats
it). The body is ``{"action": ..., "payload": {...}}``; no signed time, so no staleness check.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from ..kit.hex_webhooks import HexSignedWebhooks
from ..kit.mapping import put_path
from ..kit.webhook_envelopes import EnvelopeWebhooks, Header, Makes, ManualRegistration
from ..webhooks import SignedDelivery

ACTIONS: Final[Mapping[str, Makes]] = {
    "new_candidate_application": Makes("application.created", ("payload", "application", "id")),
    "new_prospect_application": Makes("application.created", ("payload", "application", "id")),
    "application_updated": Makes("application.updated", ("payload", "application", "id")),
    "unreject_candidate": Makes("application.updated", ("payload", "application", "id")),
    "unhire_candidate": Makes("application.updated", ("payload", "application", "id")),
    "candidate_stage_change": Makes("application.stage_changed", ("payload", "application", "id")),
    "reject_candidate": Makes("application.rejected", ("payload", "application", "id")),
    "hire_candidate": Makes("application.hired", ("payload", "application", "id")),
    "update_candidate": Makes("candidate.updated", ("payload", "candidate", "id")),
    "merge_candidate": Makes("candidate.updated", ("payload", "person", "id")),
    "candidate_anonymized": Makes("candidate.updated", ("payload", "candidate_id")),
    "delete_candidate": Makes("candidate.deleted", ("payload", "person", "id")),
    "offer_created": Makes("offer.created", ("payload", "id")),
    "offer_approved": Makes("offer.updated", ("payload", "id")),
    "offer_updated": Makes("offer.updated", ("payload", "id")),
    "interview_deleted": Makes("interview.cancelled", ("payload", "interview", "id")),
    "job_created": Makes("job.created", ("payload", "job", "id")),
    "job_updated": Makes("job.updated", ("payload", "job", "id")),
    "job_approved": Makes("job.updated", ("payload", "job", "id")),
}
"""The actions that make an event; the others (ping, deletions of things the log does not
track, job posts) are acknowledged and dropped."""


class GreenhouseWebhooks(HexSignedWebhooks, EnvelopeWebhooks, ManualRegistration):
    """Harvest has no API for webhooks: they are made in Greenhouse's settings, one per event."""

    provider = "greenhouse"
    signed_with = "Signature header (sha256 <hex>)"
    signature_header = "Signature"
    signature_prefix = "sha256 "
    event_at = ("action",)
    delivery_at = Header("Greenhouse-Event-ID")
    events = ACTIONS
    setup_steps = (
        "In Greenhouse: Configure > Dev Center > Web Hooks > Web Hooks, then for each event to receive "
        f"({', '.join(sorted(ACTIONS))}): create a web hook with",
        "  Endpoint URL: {url}",
        "  Secret key: {secret}",
        "Greenhouse pings the URL on save; the web hook is created disabled if the ping fails.",
    )

    def simulate(
        self, event: str, record_id: str, secret: str, *, delivery_id: str, at: float
    ) -> SignedDelivery | None:
        """The first action making ``event``, its id where a real delivery has it (Greenhouse
        ids are integers), signed as ``verify`` checks; no signed time to set."""
        action = next((a for a, (kind, _) in ACTIONS.items() if kind == event), None)
        if action is None:
            return None
        envelope: dict[str, Any] = {"action": action}
        put_path(envelope, ACTIONS[action].record_at, int(record_id) if record_id.isdigit() else record_id)
        headers = {"Content-Type": "application/json", "Greenhouse-Event-ID": delivery_id}
        return self.sign(headers, json.dumps(envelope).encode(), secret)
