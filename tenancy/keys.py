"""hiregraph API keys: ``hg_live_<id>_<secret>``, shown once, stored as a salted SHA-256.

The ``id`` is public (it names the key in lists and logs); the secret is 32 random bytes,
so a fast salted hash is enough: there is nothing to brute-force that a slow KDF would
protect. Verification compares digests in constant time.

A key may name only connections of its own tenant: its stored connections, and the static
ones the config grants to it (tenancy/grants.py). ``issue_key`` refuses any other name,
whoever asks (an admin key over GraphQL or the operator's CLI).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

from .store import Store, StoredKey

PREFIX: Final = "hg_live_"
_KEY: Final = re.compile(r"^hg_live_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$")
_ID_ALPHABET: Final = "abcdefghijklmnopqrstuvwxyz0123456789"
MAX_CONNECTIONS: Final = 100
"""Connections one key may name: minting looks each one up, and no real key needs more."""


class KeyScopeError(ValueError):
    """A key's scopes are inconsistent or malformed (the message says which)."""


@dataclass(frozen=True)
class Scopes:
    """What a key may do. ``connections`` empty means every connection of its tenant."""

    tenant: str
    connections: tuple[str, ...] = ()
    read_only: bool = False
    admin: bool = False
    origins: tuple[str, ...] = ()

    def allows(self, connection: str) -> bool:
        return not self.connections or connection in self.connections


@dataclass(frozen=True)
class IssuedKey:
    key: str
    """The full key: returned once, never stored."""
    record: StoredKey


def _digest(salt: str, secret: str) -> str:
    return hashlib.sha256(bytes.fromhex(salt) + secret.encode("ascii")).hexdigest()


def normalize_origin(origin: str) -> str:
    """``scheme://host[:port]`` as browsers send it in ``Origin``; anything else is refused."""
    parts = urlsplit(origin.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise KeyScopeError(f"origin {origin[:100]!r} is not of the form https://host[:port]")
    if parts.query or parts.fragment or parts.username:
        raise KeyScopeError(f"origin {origin[:100]!r} is not of the form https://host[:port]")
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname}{port}"


def check_scopes(scopes: Scopes) -> Scopes:
    if not scopes.tenant or len(scopes.tenant) > 100:
        raise KeyScopeError("a key needs a tenant (1-100 characters)")
    if scopes.admin and scopes.read_only:
        raise KeyScopeError("an admin key cannot be read-only")
    if len(set(scopes.connections)) > MAX_CONNECTIONS:
        raise KeyScopeError(f"a key may name at most {MAX_CONNECTIONS} connections")
    if scopes.admin and scopes.origins:
        # An admin key must never sit in a browser: it can read every key and connection.
        raise KeyScopeError("an admin key cannot have allowed origins")
    origins = tuple(dict.fromkeys(normalize_origin(o) for o in scopes.origins))
    return Scopes(
        scopes.tenant, tuple(dict.fromkeys(scopes.connections)), scopes.read_only, scopes.admin, origins
    )


async def check_connections(store: Store, scopes: Scopes, granted: Collection[str] = ()) -> None:
    """Refuse any connection the key names that is not the tenant's own: neither one of its
    stored connections nor a static connection granted to it (``granted``). Unknown names
    and other tenants' or the operator's connections get the same message, so the refusal
    reveals nothing about who else has a connection of that name."""
    foreign = [
        name
        for name in scopes.connections
        if name not in granted and await store.get_connection(scopes.tenant, name) is None
    ]
    if foreign:
        names = ", ".join(f"'{name[:100]}'" for name in foreign)
        raise KeyScopeError(
            f"tenant '{scopes.tenant}' has no connection {names}: a key may name only the "
            "tenant's stored connections and the static connections the config grants to it"
        )


async def issue_key(
    store: Store, scopes: Scopes, label: str = "", *, granted: Collection[str] = ()
) -> IssuedKey:
    """Mint a key. ``granted``: the static connections granted to ``scopes.tenant``."""
    scopes = check_scopes(scopes)
    await check_connections(store, scopes, granted)
    key_id = "".join(secrets.choice(_ID_ALPHABET) for _ in range(12))
    secret = secrets.token_urlsafe(32)
    salt = secrets.token_hex(16)
    record = StoredKey(
        id=key_id,
        tenant=scopes.tenant,
        label=label[:200],
        salt=salt,
        digest=_digest(salt, secret),
        connections=scopes.connections,
        read_only=scopes.read_only,
        admin=scopes.admin,
        origins=scopes.origins,
        created_at=time.time(),
    )
    await store.add_key(record)
    return IssuedKey(f"{PREFIX}{key_id}_{secret}", record)


def parse_key(key: str) -> tuple[str, str] | None:
    """(id, secret) of a well-formed key, else None."""
    match = _KEY.match(key)
    return (match.group(1), match.group(2)) if match else None


def verify(record: StoredKey, secret: str) -> bool:
    return record.revoked_at is None and hmac.compare_digest(record.digest, _digest(record.salt, secret))


def scopes_of(record: StoredKey) -> Scopes:
    return Scopes(record.tenant, record.connections, record.read_only, record.admin, record.origins)


def describe_scopes(scopes: Scopes, extra: Iterable[str] = ()) -> str:
    parts = [f"tenant {scopes.tenant}"]
    parts.append("connections " + ", ".join(scopes.connections) if scopes.connections else "all connections")
    parts.append("admin" if scopes.admin else "read-only" if scopes.read_only else "read-write")
    if scopes.origins:
        parts.append("origins " + ", ".join(scopes.origins))
    return "; ".join([*parts, *extra])
