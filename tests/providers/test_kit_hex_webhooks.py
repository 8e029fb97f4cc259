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


class Prefixed(Toy):
    signature_prefix = "sha256="


@pytest.mark.parametrize("given", ["sha256={}", "SHA256={}", "  sha256={}  ", "sha256= {}"])
def test_a_declared_prefix_is_matched_in_any_case(given: str) -> None:
    body = b'{"a":1}'
    Prefixed().verify({"X-Toy-Signature": given.format(hmac_sha256_hex("s3cret", body))}, body, "s3cret")


@pytest.mark.parametrize("given", ["{}", "sha1={}", "sha256 {}", "sha256=", "   "])
def test_a_signature_without_the_prefix_counts_as_missing(given: str) -> None:
    body = b'{"a":1}'
    with pytest.raises(WebhookRefused, match="no X-Toy-Signature header"):
        Prefixed().verify({"X-Toy-Signature": given.format(hmac_sha256_hex("s3cret", body))}, body, "s3cret")
