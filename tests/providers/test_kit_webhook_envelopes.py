"""``providers/kit/webhook_envelopes.py``: a delivery read from its declared envelope, and
registration by hand with the steps filled in."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

import pytest

from providers.kit.adapter import HttpAdapter
from providers.kit.webhook_envelopes import EnvelopeWebhooks, Header, Makes, ManualRegistration, dig
from providers.webhooks import Delivery, Registration, WebhookMalformed


class Toy(EnvelopeWebhooks):
    provider = "toy"
    signed_with = "nothing"
    event_at = ("kind",)
    delivery_at = Header("X-Toy-Delivery")
    time_at = ("meta", "at")
    events = {
        "made": Makes("application.created", ("thing", "id")),
        "gone": Makes("candidate.deleted", ("who",)),
    }

    def verify(self, headers: Mapping[str, str], body: bytes, secret: str) -> None:
        pass

    async def register(self, adapter: HttpAdapter, url: str, secret: str | None) -> Registration:
        return Registration(secret)


def body(**fields: Any) -> bytes:
    return json.dumps(fields).encode()


def test_a_declared_event_is_read_from_its_paths() -> None:
    made = body(kind="made", thing={"id": 7}, meta={"at": "2026-01-02T03:04:05Z"})
    assert Toy().parse({"x-toy-delivery": "d1"}, made) == Delivery(
        "d1", "application.created", "7", 1767323045.0, "made"
    )
    assert Toy().parse({"X-Toy-Delivery": "d2"}, body(kind="gone", who="p9")) == Delivery(
        "d2", "candidate.deleted", "p9", None, "gone"
    )


def test_without_a_delivery_id_the_body_hash_is_the_key() -> None:
    made = body(kind="made", thing={"id": "t"})
    assert Toy().parse({}, made).delivery_id == hashlib.sha256(made).hexdigest()
    assert Toy().parse({"x-toy-delivery": ""}, made).delivery_id == hashlib.sha256(made).hexdigest()


@pytest.mark.parametrize(
    "delivery",
    [
        body(kind="ping", thing={"id": 1}),
        body(kind="made"),
        body(kind="made", thing={"id": True}),
        body(kind="made", thing=["id"]),
        body(kind="made", thing={"id": ""}),
    ],
    ids=["unknown-event", "no-record", "bool-id", "not-an-object", "empty-id"],
)
def test_an_unknown_event_or_a_missing_record_makes_no_event(delivery: bytes) -> None:
    found = Toy().parse({"x-toy-delivery": "d"}, delivery)
    assert found == Delivery("d", None, provider_event=json.loads(delivery)["kind"])


def test_odd_values_do_not_fail_the_delivery() -> None:
    assert Toy().parse({}, body(kind=5)).provider_event == "5"
    assert Toy().parse({}, body(thing={"id": 1})).provider_event == ""
    unreadable = body(kind="made", thing={"id": 1}, meta={"at": "yesterday"})
    assert Toy().parse({}, unreadable).occurred_at is None


@pytest.mark.parametrize("raw", [b"not json", b"[1]", b"\xff"])
def test_a_body_that_is_not_a_json_object_is_malformed(raw: bytes) -> None:
    with pytest.raises(WebhookMalformed):
        Toy().parse({}, raw)


class Composite(Toy):
    """A hook: the record is two ids joined."""

    def record_id(self, data: dict[str, Any], at: tuple[str, ...]) -> str:
        own, parent = super().record_id(data, at), dig(data, ("parent",))
        return f"{parent}-{own}" if own and parent else ""


def test_a_hook_keeps_the_rest_of_the_envelope() -> None:
    assert Composite().parse({}, body(kind="made", thing={"id": 2}, parent="p")).record_id == "p-2"
    assert Composite().parse({}, body(kind="made", thing={"id": 2})).event is None


def test_dig_stops_at_anything_that_is_not_an_object() -> None:
    assert dig({"a": {"b": 1}}, ("a", "b")) == 1
    assert dig({"a": [{"b": 1}]}, ("a", "b")) is None
    assert dig("a", ("a",)) is None
    assert dig({"a": 1}, ()) == {"a": 1}


class ByHand(ManualRegistration):
    provider = "byhand"
    signed_with = "nothing"
    setup_steps = ("Open the settings, then:", "  URL: {url}", "  Secret: {secret}")

    def verify(self, headers: Mapping[str, str], body: bytes, secret: str) -> None:
        pass

    def parse(self, headers: Mapping[str, str], body: bytes) -> Delivery:
        return Delivery("d", None)


async def test_registration_by_hand_fills_in_the_url_and_the_secret() -> None:
    kept = await ByHand().register(None, "https://hooks.test/{x}", "s3cret")  # type: ignore[arg-type]
    assert kept == Registration(
        "s3cret", (), ("Open the settings, then:", "  URL: https://hooks.test/{x}", "  Secret: s3cret")
    )
    made = await ByHand().register(None, "https://hooks.test/a", None)  # type: ignore[arg-type]
    assert len(made.secret or "") >= 32
    assert made.steps[2] == f"  Secret: {made.secret}"
    assert made.registered == ()
