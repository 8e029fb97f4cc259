"""``providers/kit/webhook_keys.py``: a comma-separated webhook secret, any key may sign."""

from __future__ import annotations

import pytest

from providers.kit.webhook_keys import check_hmac_any, secret_keys
from providers.webhooks import WebhookRefused, hmac_sha256_hex


def test_keys_of_a_secret() -> None:
    assert secret_keys("a, b,,c ") == ["a", "b", "c"]
    assert secret_keys("only") == ["only"]
    assert secret_keys("") == [""]


@pytest.mark.parametrize("key", ["k1", "k2", "k3"])
def test_any_key_signs(key: str) -> None:
    check_hmac_any("k1,k2, k3", b"msg", hmac_sha256_hex(key, b"msg").upper(), "signature")


def test_another_key_or_none_is_refused() -> None:
    with pytest.raises(WebhookRefused, match="signature does not match"):
        check_hmac_any("k1,k2", b"msg", hmac_sha256_hex("k9", b"msg"), "signature")
    with pytest.raises(WebhookRefused, match="no signature"):
        check_hmac_any("k1,k2", b"msg", "", "signature")
