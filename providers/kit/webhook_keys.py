"""Webhook secrets kept as several keys in one (comma-separated): for a provider that gives
each webhook its own signing key, a connection registering several webhooks keeps all of
them, and a delivery signed with any of them is genuine."""

from __future__ import annotations

import hmac

from ..webhooks import check_hex, hmac_sha256_hex


def secret_keys(secret: str) -> list[str]:
    """The keys of a comma-separated ``secret`` (the whole secret when it has none)."""
    return [k.strip() for k in secret.split(",") if k.strip()] or [secret]


def check_hmac_any(secret: str, message: bytes, given: str, what: str) -> None:
    """Pass when ``given`` is the hex HMAC-SHA256 of ``message`` under any key of ``secret``
    (constant-time compares); else ``check_hex``'s refusal against the last key."""
    keys = secret_keys(secret)
    digest = given.strip().lower()
    for key in keys[:-1]:
        # a digest beyond ASCII is none of them (and one compare_digest refuses): check_hex says so
        if digest.isascii() and hmac.compare_digest(hmac_sha256_hex(key, message), digest):
            return
    check_hex(hmac_sha256_hex(keys[-1], message), given, what)
