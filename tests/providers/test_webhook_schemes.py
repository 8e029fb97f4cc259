"""Each provider's webhook scheme: signatures over the raw body, and what a delivery means.

Greenhouse's bodies are its published webhook examples (``shared/fixtures``), signed here
with a test secret: Greenhouse publishes no secret, so no published signature can be
checked. Lever publishes a test request whose signature was made with an unpublished token
(and is not even hex): it is checked to be refused, then signed here. Ashby and Workable
publish no delivery at all: their bodies are hand-built from their documentation (named so).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import pytest

from providers.ashby.webhooks import AshbyWebhooks
from providers.greenhouse.webhooks import ACTIONS, GreenhouseWebhooks
from providers.lever.webhooks import LeverWebhooks
from providers.registry import PROVIDERS
from providers.webhooks import WebhookRefused
from providers.workable.webhooks import WorkableWebhooks
from tenancy.events.types import EventType

from ..shared import PROVIDER_FIXTURES, fixture_path, load_fixture

SECRET = "test-webhook-secret"


def sign(body: bytes, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def greenhouse_examples() -> list[Path]:
    """Every published Greenhouse webhook example (none without ../shared)."""
    return sorted((PROVIDER_FIXTURES / "greenhouse" / "webhooks").glob("*.json"))


def greenhouse_cases() -> list[Any]:
    """The examples as test cases; without ../shared one skipped case that says why (an empty
    parameter set would skip without a reason)."""
    if not PROVIDER_FIXTURES.is_dir():
        reason = f"shared fixtures not found at {PROVIDER_FIXTURES} (a plain clone has no ../shared)"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="no-shared-fixtures")]
    examples = greenhouse_examples()
    assert examples, f"no Greenhouse webhook examples under {PROVIDER_FIXTURES}"
    return examples


def test_the_providers_that_send_webhooks_declare_them() -> None:
    declared = {name for name, cls in PROVIDERS.items() if cls.webhooks is not None}
    assert declared == {"greenhouse", "lever", "ashby", "workable", "jazzhr", "breezy"}
    for name in declared:
        assert "webhook_secret" in PROVIDERS[name].credentials_model.model_fields


def test_greenhouse_accepts_its_published_example_signed_with_the_secret() -> None:
    body = fixture_path("greenhouse", "webhooks/candidate_stage_change.json").read_bytes()
    scheme = GreenhouseWebhooks()
    scheme.verify({"Signature": f"sha256 {sign(body)}"}, body, SECRET)
    delivery = scheme.parse({"Greenhouse-Event-ID": "evt-1"}, body)
    assert (delivery.event, delivery.record_id, delivery.delivery_id) == (
        "application.stage_changed",
        "265277",
        "evt-1",
    )


@pytest.mark.parametrize(
    ("headers", "why"),
    [
        ({}, "has no Signature header"),
        ({"Signature": "sha256 " + "0" * 64}, "does not match"),
        ({"Signature": "sha1 " + "0" * 40}, "has no Signature header"),
    ],
)
def test_greenhouse_refuses_a_missing_or_wrong_signature(headers: dict[str, str], why: str) -> None:
    body = fixture_path("greenhouse", "webhooks/candidate_stage_change.json").read_bytes()
    with pytest.raises(WebhookRefused, match=why):
        GreenhouseWebhooks().verify(headers, body, SECRET)


def test_greenhouse_signs_the_raw_bytes_not_the_parsed_json() -> None:
    body = fixture_path("greenhouse", "webhooks/candidate_stage_change.json").read_bytes()
    reserialised = json.dumps(json.loads(body)).encode()
    assert reserialised != body
    with pytest.raises(WebhookRefused):
        GreenhouseWebhooks().verify({"Signature": f"sha256 {sign(body)}"}, reserialised, SECRET)


@pytest.mark.parametrize("path", greenhouse_cases(), ids=lambda p: p.name)
def test_every_greenhouse_example_parses_to_its_declared_event(path: Path) -> None:
    body = path.read_bytes()
    delivery = GreenhouseWebhooks().parse({}, body)
    action = json.loads(body)["action"]
    assert delivery.provider_event == action
    assert delivery.delivery_id == hashlib.sha256(body).hexdigest()  # no header: the body's hash
    if action in ACTIONS:
        EventType(ACTIONS[action][0])  # a neutral type the log knows
        assert delivery.event == ACTIONS[action][0]
        assert delivery.record_id.isdigit()
    else:
        assert delivery.event is None


def test_greenhouse_examples_cover_the_mapped_actions() -> None:
    fixture_path("greenhouse", "webhooks/candidate_stage_change.json")  # skips without ../shared
    seen = {json.loads(p.read_bytes())["action"] for p in greenhouse_examples()}
    assert set(ACTIONS) <= seen


def _lever_body(token: str, triggered: int, event: str, data: dict[str, Any], secret: str = SECRET) -> bytes:
    signature = sign(f"{token}{triggered}".encode(), secret)
    body = {"triggeredAt": triggered, "event": event, "data": data, "token": token, "signature": signature}
    return json.dumps(body).encode()


def test_lever_refuses_its_published_test_request_under_another_token() -> None:
    body = fixture_path("lever", "webhooks/test_request.json").read_bytes()
    with pytest.raises(WebhookRefused, match="does not match"):
        LeverWebhooks().verify({}, body, SECRET)


def test_lever_accepts_its_test_request_signed_with_the_token() -> None:
    published = load_fixture("lever", "webhooks/test_request.json")
    body = _lever_body(published["token"], published["triggeredAt"], published["event"], published["data"])
    scheme = LeverWebhooks()
    scheme.verify({}, body, SECRET)
    assert scheme.sent_at({}, body) == published["triggeredAt"] / 1000
    delivery = scheme.parse({}, body)
    # candidateHired without an opportunity (the test request's data is empty): no event.
    assert (delivery.event, delivery.delivery_id) == (None, published["token"])


def test_lever_stage_change_hand_built_from_the_docs_example() -> None:
    # The docs' candidateStageChange example is invalid JSON as published; these are its fields.
    data = {
        "opportunityId": "3410c8b9-5c31-4bab-b7e9-9f710206d647",
        "contactId": "05c248f9-ccb1-435f-bab5-0ec608aec263",
        "toStageId": "7c2690d8-6308-4ed9-ae2a-cbfe7db26593",
        "fromStageId": "992f01a9-ee19-41d2-ae79-1040701b195c",
    }
    body = _lever_body(
        "be58f711f349c7780e4579cd7c63341ac6f881e4dccc3154", 1431454330072, "candidateStageChange", data
    )
    LeverWebhooks().verify({}, body, SECRET)
    delivery = LeverWebhooks().parse({}, body)
    assert (delivery.event, delivery.record_id, delivery.occurred_at) == (
        "application.stage_changed",
        data["opportunityId"],
        1431454330.072,
    )
    archived = _lever_body(
        "t" * 48, 1, "candidateArchiveChange", {"opportunityId": "o1", "toArchived": {"reason": "r"}}
    )
    assert LeverWebhooks().parse({}, archived).event == "application.rejected"


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        json.dumps({"token": "t", "triggeredAt": 1}).encode(),
        json.dumps({"token": "t", "signature": "00"}).encode(),
    ],
)
def test_lever_refuses_a_body_without_its_signature_fields(body: bytes) -> None:
    with pytest.raises(WebhookRefused, match="has no"):
        LeverWebhooks().verify({}, body, SECRET)


def test_lever_accepts_any_of_several_webhooks_tokens() -> None:
    body = _lever_body("t" * 48, 1431454330072, "candidateHired", {"opportunityId": "o1"}, secret="second")
    LeverWebhooks().verify({}, body, "first, second,third")
    with pytest.raises(WebhookRefused, match="does not match"):
        LeverWebhooks().verify({}, body, "first,third")


def test_lever_refuses_a_signature_made_with_another_token() -> None:
    body = _lever_body("t" * 48, 1431454330072, "candidateHired", {"opportunityId": "o1"}, secret="other")
    with pytest.raises(WebhookRefused, match="does not match"):
        LeverWebhooks().verify({}, body, SECRET)


def test_ashby_hand_built_delivery() -> None:
    # Ashby publishes no delivery: the envelope follows its webhook schemas.
    body = json.dumps({"action": "candidateStageChange", "data": {"application": {"id": "app-1"}}}).encode()
    scheme = AshbyWebhooks()
    scheme.verify({"Ashby-Signature": f"sha256={sign(body)}"}, body, SECRET)
    delivery = scheme.parse({}, body)
    assert (delivery.event, delivery.record_id) == ("application.stage_changed", "app-1")
    assert delivery.delivery_id == hashlib.sha256(body).hexdigest()
    for headers in (
        {},
        {"Ashby-Signature": f"sha256={sign(body, 'other')}"},
        {"Ashby-Signature": sign(body)},
    ):
        with pytest.raises(WebhookRefused):
            scheme.verify(headers, body, SECRET)
    ping = json.dumps({"action": "ping", "data": {"webhookActionType": "candidateHire"}}).encode()
    assert scheme.parse({}, ping).event is None


def test_workable_hand_built_delivery() -> None:
    # Workable publishes no delivery: the envelope is an assumption (see providers/workable/webhooks.py).
    envelope = {
        "id": "d-1",
        "event_type": "candidate_moved",
        "fired_at": "2026-01-02T03:04:05Z",
        "data": {"id": "3f1"},
    }
    body = json.dumps(envelope).encode()
    scheme = WorkableWebhooks()
    scheme.verify({"X-Workable-Signature": sign(body)}, body, SECRET)
    delivery = scheme.parse({}, body)
    assert (delivery.event, delivery.record_id, delivery.delivery_id) == (
        "application.stage_changed",
        "3f1",
        "d-1",
    )
    assert delivery.occurred_at == 1767323045.0
    with pytest.raises(WebhookRefused):
        scheme.verify({"X-Workable-Signature": sign(body, "other")}, body, SECRET)
    with pytest.raises(WebhookRefused):
        scheme.verify({}, body, SECRET)
