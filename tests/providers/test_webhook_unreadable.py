"""Signed deliveries a scheme cannot read, each found by the webhook-bodies sweep
(``contract/test_webhook_bodies.py``): each is refused with the scheme's typed exception
(``WebhookMalformed``, or ``WebhookRefused`` while the signature is unproven), never another
exception, and an id that is no id never becomes an event's record id (the delivery makes no
event, as one without a record id does)."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import pytest

from providers.ashby.webhooks import AshbyWebhooks
from providers.breezy.webhooks import BreezyWebhooks
from providers.greenhouse.webhooks import GreenhouseWebhooks
from providers.kit.webhook_keys import check_hmac_any
from providers.lever.webhooks import LeverWebhooks
from providers.webhooks import WebhookMalformed, WebhookRefused, check_hex, ident, json_object
from providers.workable.webhooks import WorkableWebhooks

SECRET = "unreadable-secret"
AT_MS = 1_790_000_000_000


def hex_of(body: bytes, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def ashby(data: Any) -> tuple[dict[str, str], bytes]:
    body = json.dumps(data).encode()
    return {"Ashby-Signature": f"sha256={hex_of(body)}"}, body


def lever(**fields: Any) -> bytes:
    body = {"event": "candidateStageChange", "token": "t" * 48, "triggeredAt": AT_MS, **fields}
    signed = LeverWebhooks().sign({}, json.dumps(body).encode(), SECRET)
    assert signed is not None
    return signed.body


@pytest.mark.parametrize("body", [b"[" * 100_000, b'{"a":' * 100_000], ids=["list", "object"])
def test_json_nested_deeper_than_the_reader_recurses_is_malformed(body: bytes) -> None:
    with pytest.raises(WebhookMalformed, match="nested too deeply"):
        json_object(body)
    headers = {"Signature": f"sha256 {hex_of(body)}"}
    GreenhouseWebhooks().verify(headers, body, SECRET)
    with pytest.raises(WebhookMalformed):
        GreenhouseWebhooks().parse(headers, body)


@pytest.mark.parametrize("given", ["é" * 64, "\ud800", "ÿ" + "0" * 63])
def test_a_signature_beyond_ascii_is_refused_not_a_type_error(given: str) -> None:
    with pytest.raises(WebhookRefused, match="does not match"):
        check_hex(hex_of(b"{}"), given, "signature")
    with pytest.raises(WebhookRefused, match="does not match"):
        check_hmac_any("first,second", b"{}", given, "signature")


@pytest.mark.parametrize("token", ["\ud800", "a\udfffb"])
def test_a_lever_token_with_a_lone_surrogate_is_refused(token: str) -> None:
    body = json.dumps({"token": token, "triggeredAt": AT_MS, "signature": "0" * 64}).encode()
    with pytest.raises(WebhookRefused, match="token"):
        LeverWebhooks().verify({}, body, SECRET)
    assert LeverWebhooks().sign({}, body, SECRET) is None


def test_a_lever_time_past_any_float_is_no_time() -> None:
    body = lever(triggeredAt=10**400, data={"opportunityId": "o1"})
    LeverWebhooks().verify({}, body, SECRET)  # the signature covers it
    assert LeverWebhooks().sent_at({}, body) is None  # so the receiver refuses it as stale
    assert LeverWebhooks().parse({}, body).occurred_at is None


@pytest.mark.parametrize(
    "body",
    [b"not json", b'"text"', json.dumps({"_id": "\ud800", "type": "candidateAdded"}).encode()],
    ids=["no-json", "no-object", "lone-surrogate"],
)
def test_breezy_refuses_a_wrongly_signed_body_it_cannot_re_serialize(body: bytes) -> None:
    """Checking the compact form must not read out (or trip on) a body no signature covers:
    refused as unsigned (401), not answered as malformed (400) or with a crash."""
    with pytest.raises(WebhookRefused, match="does not match"):
        BreezyWebhooks().verify({"X-Hook-Signature": "0" * 64}, body, SECRET)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        " 42",
        "a\u0000b",
        "line\nbreak",
        "\ud800",
        "rtl\u202eoverride",
        "x" * 256,
        -1,
        10**400,
        4242.0,
        True,
        None,
        {"id": 1},
        [1],
    ],
)
def test_what_is_no_id_reads_as_none(value: Any) -> None:
    assert ident(value) == ""


@pytest.mark.parametrize("value", ["app-1", "é漢字", "None", 0, 265277, "x" * 255])
def test_an_id_reads_as_itself(value: Any) -> None:
    assert ident(value) == str(value)


@pytest.mark.parametrize(
    "value", ["   ", "a\u0000b", "\ud800", "x" * 10_000, -1, 4242.0, True, {"id": "app-1"}, ["app-1"]]
)
def test_a_record_id_that_is_no_id_makes_no_event(value: Any) -> None:
    """Dropped as a delivery without a record id is (``EnvelopeWebhooks``): never an event
    about a made-up id, whose record no read could find."""
    headers, body = ashby({"action": "candidateStageChange", "data": {"application": {"id": value}}})
    AshbyWebhooks().verify(headers, body, SECRET)
    found = AshbyWebhooks().parse(headers, body)
    assert (found.event, found.record_id, found.provider_event) == (None, "", "candidateStageChange")


def test_breezy_makes_no_event_about_a_position_id_that_is_no_id() -> None:
    for position in ({}, " pos1", "\ud800"):
        envelope = {
            "type": "candidateAdded",
            "object": {"position": {"_id": position}, "candidate": {"_id": "c1"}},
        }
        assert BreezyWebhooks().parse({}, json.dumps(envelope).encode()).event is None


@pytest.mark.parametrize("delivery", ["   ", "\ud800", "x" * 10_000, {"id": "d"}])
def test_a_delivery_id_that_is_no_id_falls_back_to_the_body_hash(delivery: Any) -> None:
    body = json.dumps({"id": delivery, "event_type": "candidate_moved", "data": {"id": "3f1"}}).encode()
    assert WorkableWebhooks().parse({}, body).delivery_id == hashlib.sha256(body).hexdigest()
    body = lever(id=delivery, token=" padded ", data={"opportunityId": "o1"})
    assert LeverWebhooks().parse({}, body).delivery_id == hashlib.sha256(body).hexdigest()
