"""A webhook scheme whose deliveries carry the hex HMAC-SHA256 of the raw body, keyed with the
connection's webhook secret, in one header: the scheme declares the header, the kit verifies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from ..webhooks import WebhookScheme, check_hex, hmac_sha256_hex


class HexSignedWebhooks(WebhookScheme):
    """``verify`` for a hex HMAC-SHA256 in :attr:`signature_header` (read lower-cased first, as
    servers hand headers over, then as spelled); ``parse`` and ``register`` are the provider's."""

    signature_header: ClassVar[str]

    def verify(self, headers: Mapping[str, str], body: bytes, secret: str) -> None:
        name = self.signature_header
        given = headers.get(name.lower()) or headers.get(name)
        check_hex(hmac_sha256_hex(secret, body), given, f"{name} header")
