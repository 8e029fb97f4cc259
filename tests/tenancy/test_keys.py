from __future__ import annotations

import pytest

from tenancy.keys import KeyScopeError, Scopes, issue_key, normalize_origin, parse_key, verify
from tenancy.store import Store


async def test_a_key_is_stored_only_as_a_salted_digest(store: Store) -> None:
    # `main` as a static connection granted to acme: a key may name only the tenant's own.
    issued = await issue_key(store, Scopes("acme", ("main",), read_only=True), "frontend", granted={"main"})
    assert issued.key.startswith("hg_live_")
    parsed = parse_key(issued.key)
    assert parsed is not None
    key_id, secret = parsed
    stored = await store.get_key(key_id)
    assert stored is not None
    assert stored.connections == ("main",)
    assert stored.read_only
    assert secret not in repr(stored)
    assert secret not in stored.digest
    assert verify(stored, secret)
    assert not verify(stored, secret[:-1] + ("A" if secret[-1] != "A" else "B"))


async def test_the_same_secret_hashes_differently_per_key(store: Store) -> None:
    a = await issue_key(store, Scopes("acme"))
    b = await issue_key(store, Scopes("acme"))
    assert a.record.salt != b.record.salt
    assert a.record.digest != b.record.digest


async def test_revoked_keys_stop_verifying(store: Store) -> None:
    issued = await issue_key(store, Scopes("acme"))
    _, secret = parse_key(issued.key) or ("", "")
    assert await store.revoke_key(issued.record.id, "other-tenant") is False
    assert await store.revoke_key(issued.record.id, "acme")
    assert await store.revoke_key(issued.record.id) is False
    stored = await store.get_key(issued.record.id)
    assert stored is not None
    assert not verify(stored, secret)


@pytest.mark.parametrize(
    "scopes",
    [
        Scopes("acme", admin=True, read_only=True),
        Scopes("acme", admin=True, origins=("https://app.example",)),
        Scopes(""),
        Scopes("acme", origins=("https://app.example/path",)),
        Scopes("acme", origins=("javascript:alert(1)",)),
    ],
)
async def test_inconsistent_scopes_are_refused(store: Store, scopes: Scopes) -> None:
    with pytest.raises(KeyScopeError):
        await issue_key(store, scopes)


def test_origins_are_normalized() -> None:
    assert normalize_origin("HTTPS://App.Example:8443/") == "https://app.example:8443"


@pytest.mark.parametrize("key", ["", "hg_live_", "hg_test_abcdefabcdef_" + "x" * 43, "Bearer hg_live_x"])
def test_malformed_keys_do_not_parse(key: str) -> None:
    assert parse_key(key) is None
