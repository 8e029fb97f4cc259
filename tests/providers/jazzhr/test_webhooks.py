"""JazzHR's Candidate Export webhook over its official samples (``webhooks/`` in the shared
fixtures), signed here with a test secret: JazzHR publishes no secret, so no published
signature exists to check. Skips on a plain clone without ``../shared``."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from providers.jazzhr.adapter import JazzHRAdapter
from providers.jazzhr.webhooks import JazzHRWebhooks
from providers.webhooks import WebhookRefused
from tests.shared import fixture_path

SECRET = "jz-partner-secret"
SCHEME = JazzHRWebhooks()


def signed(body: bytes, event: str, secret: str = SECRET) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"x-jazzhr-event": event, "x-jazzhr-signature": digest, "x-jazzhr-uuid": "uuid-1"}


def _body(name: str, candidate_id: str | None = None) -> bytes:
    data = json.loads(fixture_path("jazzhr", f"webhooks/{name}").read_text())
    if candidate_id is not None:  # the sample's values are type placeholders ("string")
        data["candidate"]["person"]["id"]["value"] = candidate_id
    return json.dumps(data).encode()


def test_the_adapter_declares_the_scheme_and_its_secret() -> None:
    assert isinstance(JazzHRAdapter.webhooks, JazzHRWebhooks)
    assert "webhook_secret" in JazzHRAdapter.credentials_model.model_fields


def test_a_candidate_export_is_the_candidates_update() -> None:
    body = _body("CANDIDATE-EXPORT.sample.json", "prospect_20160513152410_WUEGUJS8TFT8VNTR")
    headers = signed(body, "CANDIDATE-EXPORT")
    SCHEME.verify(headers, body, SECRET)
    found = SCHEME.parse(headers, body)
    assert (found.event, found.record_id) == ("candidate.updated", "prospect_20160513152410_WUEGUJS8TFT8VNTR")
    assert (found.delivery_id, found.provider_event) == ("uuid-1", "CANDIDATE-EXPORT")


def test_the_verify_event_makes_no_event() -> None:
    body = _body("VERIFY.json")
    headers = signed(body, "VERIFY")
    SCHEME.verify(headers, body, SECRET)
    assert SCHEME.parse(headers, body).event is None


def test_a_wrong_or_missing_signature_is_refused() -> None:
    body = _body("VERIFY.json")
    with pytest.raises(WebhookRefused):
        SCHEME.verify(signed(body, "VERIFY", "other-secret"), body, SECRET)
    with pytest.raises(WebhookRefused):
        SCHEME.verify({"x-jazzhr-event": "VERIFY"}, body, SECRET)
    with pytest.raises(WebhookRefused):
        SCHEME.verify(signed(body, "VERIFY"), body + b" ", SECRET)


async def test_registration_is_by_hand_with_the_secret_to_enter() -> None:
    done = await SCHEME.register(None, "https://hooks.example/jazzhr/acme", None)  # type: ignore[arg-type]
    assert done.secret
    assert done.registered == ()
    assert any("https://hooks.example/jazzhr/acme" in s for s in done.steps)
    assert any(done.secret in s for s in done.steps)
