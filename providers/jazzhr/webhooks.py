"""JazzHR's Candidate Export webhook (official docs, ``JazzHR/api-doc`` ``source/includes/webhook/``;
its samples are ``shared/fixtures/providers/jazzhr/webhooks/``).

A user exports a candidate (by hand, or a workflow step does it on entry) and JazzHR POSTs the
candidate in the HR Open Standards shape, with ``X-JazzHR-Event: CANDIDATE-EXPORT`` and
``X-JazzHR-Signature``: hex HMAC-SHA256 of the raw body keyed with the partner secret entered in
JazzHR. ``VERIFY`` checks the URL when the integration is saved. There is no API to register one.
"""

from __future__ import annotations

from ..kit.hex_webhooks import HexSignedWebhooks
from ..kit.webhook_envelopes import EnvelopeWebhooks, Header, Makes, ManualRegistration


class JazzHRWebhooks(HexSignedWebhooks, EnvelopeWebhooks, ManualRegistration):
    """An export says the candidate's current state: ``candidate.updated`` of the applicant it
    names (``candidate.person.id.value``). A retry repeats ``X-JazzHR-UUID``."""

    provider = "jazzhr"
    signed_with = "X-JazzHR-Signature header (hex)"
    signature_header = "X-JazzHR-Signature"
    event_at = Header("X-JazzHR-Event")
    delivery_at = Header("X-JazzHR-UUID")
    events = {"CANDIDATE-EXPORT": Makes("candidate.updated", ("candidate", "person", "id", "value"))}
    setup_steps = (
        "In JazzHR: Settings > Integrations > +Add Integrations, then connect a Custom Integration with",
        "  Webhook URL: {url}",
        "  Partner Secret: {secret}",
        "Candidates are sent when a user chooses Export Candidate on a profile, or when a workflow "
        "step's Workflow Helper exports them on entry.",
    )
