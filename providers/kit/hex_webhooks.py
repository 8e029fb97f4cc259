"""A webhook scheme whose deliveries carry the hex HMAC-SHA256 of the raw body, keyed with the
connection's webhook secret, in one header: the scheme declares the header, the kit verifies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from ..webhooks import SignedDelivery, WebhookScheme, check_hex, hmac_sha256_hex
from .webhook_envelopes import header


class HexSignedWebhooks(WebhookScheme):
    """``verify`` for a hex HMAC-SHA256 in :attr:`signature_header` (read lower-cased first, as
    servers hand headers over, then as spelled); ``parse`` and ``register`` are the provider's."""

    signature_header: ClassVar[str]
    signature_prefix: ClassVar[str] = ""
    """What precedes the digest (``sha256=``), in any case. A signature without it names
    another algorithm than the one documented, so it counts as no signature."""

    def verify(self, headers: Mapping[str, str], body: bytes, secret: str) -> None:
        name, prefix = self.signature_header, self.signature_prefix
        given = header(headers, name)
        if given and prefix:
            given = given.strip()
            given = given[len(prefix) :] if given[: len(prefix)].lower() == prefix.lower() else ""
        check_hex(hmac_sha256_hex(secret, body), given, f"{name} header")

    def sign(self, headers: Mapping[str, str], body: bytes, secret: str) -> SignedDelivery | None:
        name = self.signature_header
        kept = {k: v for k, v in headers.items() if k.lower() != name.lower()}
        return SignedDelivery({**kept, name: f"{self.signature_prefix}{hmac_sha256_hex(secret, body)}"}, body)
