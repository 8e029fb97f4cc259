"""Credentials encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``).

``HIREGRAPH_SECRET_KEYS`` holds comma-separated Fernet keys: the first encrypts, every one
decrypts. Rotating: put a new key first, run ``hiregraph secrets rotate`` (re-encrypts every
stored secret with it), then drop the old key. Without the variable, the embedded SQLite
setup keeps a generated key in a file next to the database (mode 0600); PostgreSQL setups
must set the variable, since every worker needs the same keys.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from .store import SECRET_TABLES, Store

SECRET_KEYS_ENV: Final = "HIREGRAPH_SECRET_KEYS"


class SecretKeyError(Exception):
    """The encryption keys are missing, malformed, or cannot decrypt a stored secret."""


class SecretBox:
    """Encrypts and decrypts the JSON of a secret mapping; never logs or echoes it."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise SecretKeyError(f"{SECRET_KEYS_ENV} holds no key")
        try:
            self._fernets = [Fernet(k.strip().encode("ascii")) for k in keys]
        except (ValueError, UnicodeEncodeError):
            raise SecretKeyError(
                f"{SECRET_KEYS_ENV} must be comma-separated Fernet keys (32 url-safe base64 bytes each); "
                "make one with `hiregraph secrets generate-key`"
            ) from None
        self._multi = MultiFernet(self._fernets)

    def __repr__(self) -> str:
        return f"SecretBox(keys={len(self._fernets)})"

    def encrypt(self, secret: Mapping[str, Any]) -> str:
        return self._multi.encrypt(json.dumps(dict(secret), sort_keys=True).encode()).decode("ascii")

    def decrypt(self, token: str) -> dict[str, Any]:
        try:
            plain = self._multi.decrypt(token.encode("ascii"))
        except InvalidToken:
            raise SecretKeyError(
                f"a stored secret cannot be decrypted with the keys in {SECRET_KEYS_ENV} "
                "(was a key removed before `hiregraph secrets rotate` ran?)"
            ) from None
        value = json.loads(plain)
        if not isinstance(value, dict):
            raise SecretKeyError("a stored secret is not a mapping")
        return value

    def rotate_token(self, token: str) -> str:
        """The same secret, encrypted with the first key."""
        try:
            return self._multi.rotate(token.encode("ascii")).decode("ascii")
        except InvalidToken:
            raise SecretKeyError(
                f"a stored secret cannot be decrypted with the keys in {SECRET_KEYS_ENV}"
            ) from None

    def is_current(self, token: str) -> bool:
        """Whether ``token`` is already encrypted with the first key."""
        try:
            self._fernets[0].decrypt(token.encode("ascii"))
        except InvalidToken:
            return False
        return True


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


def load_secret_box(environ: Mapping[str, str] | None = None, key_file: Path | None = None) -> SecretBox:
    """The keys from ``HIREGRAPH_SECRET_KEYS``; else from ``key_file``, created on first use."""
    environ = os.environ if environ is None else environ
    raw = environ.get(SECRET_KEYS_ENV, "")
    if raw.strip():
        return SecretBox([k for k in raw.split(",") if k.strip()])
    if key_file is None:
        raise SecretKeyError(f"set {SECRET_KEYS_ENV} (see docs/deploy.md)")
    if not key_file.exists():
        # O_EXCL: two workers starting together agree on whichever file won.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(generate_key() + "\n")
    return SecretBox([k for k in key_file.read_text().split(",") if k.strip()])


async def rotate(store: Store, box: SecretBox) -> int:
    """Re-encrypt every stored secret with the first key; how many were re-encrypted."""
    count = 0
    for table in SECRET_TABLES:
        for row_id, token in await store.secrets(table):
            if box.is_current(token):
                continue
            # Compare-and-set: a secret replaced meanwhile is already under the new key.
            if await store.set_secret(table, row_id, token, box.rotate_token(token)):
                count += 1
    return count
