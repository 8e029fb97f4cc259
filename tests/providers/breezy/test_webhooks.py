"""Breezy's webhooks: the ``X-Hook-Signature`` check and what a delivery means. Breezy
publishes no signed delivery: the bodies are built from the documented ``candidateAdded``
example (https://developer.breezy.hr/reference/webhook-events) and signed here as its
security page describes (https://developer.breezy.hr/reference/webhook-security)."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import httpx
import pytest
import respx

from providers.base import Connection
from providers.breezy.adapter import BreezyAdapter
from providers.breezy.webhooks import BreezyWebhooks
from providers.webhooks import WebhookRefused

SECRET = "whsec_test"
SCHEME = BreezyWebhooks()


def delivery(kind: str = "candidateAdded") -> dict[str, Any]:
    return {
        "_id": "evt1",
        "type": kind,
        "object": {
            "company": {"_id": "co1", "name": "Acme", "friendly_id": "acme"},
            "position": {
                "_id": "pos1",
                "name": "Engineer",
                "pipeline_id": "default",
                "location": {"name": "Remote"},
            },
            "stage": {"id": "applied", "name": "Applied"},
            "candidate": {"_id": "cand1", "name": "Ada", "email_address": "ada@example.com", "tags": []},
        },
        "creation_date": "2024-03-01T09:30:00.000Z",
    }


def sign(body: bytes) -> dict[str, str]:
    return {"X-Hook-Signature": hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()}


def test_a_compact_body_signed_with_the_secret_is_an_application_event() -> None:
    body = json.dumps(delivery(), separators=(",", ":")).encode()
    SCHEME.verify(sign(body), body, SECRET)
    found = SCHEME.parse(sign(body), body)
    assert (found.delivery_id, found.event, found.record_id) == ("evt1", "application.created", "pos1-cand1")
    assert found.occurred_at == 1709285400.0
    moved = json.dumps(delivery("candidateStatusUpdated")).encode()
    assert SCHEME.parse({}, moved).event == "application.stage_changed"
    assert SCHEME.parse({}, json.dumps(delivery("candidateDeleted")).encode()).event is None


def test_a_pretty_printed_body_is_checked_in_its_compact_form() -> None:
    """The docs sign ``JSON.stringify(body)``: the same JSON sent with spaces still verifies."""
    compact = json.dumps(delivery(), separators=(",", ":")).encode()
    pretty = json.dumps(delivery(), indent=2).encode()
    SCHEME.verify(sign(compact), pretty, SECRET)


@pytest.mark.parametrize("headers", [{}, {"X-Hook-Signature": "00" * 32}])
def test_a_missing_or_wrong_signature_is_refused(headers: dict[str, str]) -> None:
    body = json.dumps(delivery(), separators=(",", ":")).encode()
    with pytest.raises(WebhookRefused) as refused:
        SCHEME.verify(headers, body, SECRET)
    assert SECRET not in str(refused.value)


@respx.mock
async def test_registering_creates_an_endpoint_and_keeps_its_secret() -> None:
    """https://developer.breezy.hr/reference/customer-guide: ``POST .../webhook_endpoints``."""
    route = respx.post("https://api.breezy.hr/v3/company/co1/webhook_endpoints").respond(
        json={"id": "w1", "url": "https://hooks.test/b", "events": ["candidateAdded"], "secret": "whsec_new"}
    )
    connection = Connection(
        name="bz", provider="breezy", credentials={"access_token": "t"}, options={"company_id": "co1"}
    )
    async with httpx.AsyncClient() as http:
        done = await SCHEME.register(BreezyAdapter(connection, http), "https://hooks.test/b", None)
    assert done.secret == "whsec_new"
    sent = json.loads(route.calls.last.request.content)
    assert sent["url"] == "https://hooks.test/b"
    assert set(sent["events"]) == {"candidateAdded", "candidateStatusUpdated"}
