"""``HexSignedWebhooks``: a hex HMAC-SHA256 of the body in one declared header."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from providers.kit.adapter import HttpAdapter
from providers.kit.hex_webhooks import HexSignedWebhooks
from providers.webhooks import Delivery, Registration, WebhookRefused, hmac_sha256_hex


class Toy(HexSignedWebhooks):
    provider = "toy"
    signed_with = "X-Toy-Signature header (hex)"
    signature_header = "X-Toy-Signature"

    def parse(self, headers: Mapping[str, str], body: bytes) -> Delivery:
        return Delivery("d", None)

    async def register(self, adapter: HttpAdapter, url: str, secret: str | None) -> Registration:
        return Registration(secret, ())


def test_the_declared_header_is_checked_in_either_spelling() -> None:
    body, signed = b'{"a":1}', hmac_sha256_hex("s3cret", b'{"a":1}')
    Toy().verify({"x-toy-signature": signed}, body, "s3cret")
    Toy().verify({"X-Toy-Signature": signed.upper()}, body, "s3cret")
    with pytest.raises(WebhookRefused, match="X-Toy-Signature header does not match"):
        Toy().verify({"x-toy-signature": signed}, body, "other")
    with pytest.raises(WebhookRefused, match="no X-Toy-Signature header"):
        Toy().verify({}, body, "s3cret")
