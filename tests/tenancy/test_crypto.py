from __future__ import annotations

from pathlib import Path

import pytest

from tenancy.crypto import SecretBox, SecretKeyError, generate_key, load_secret_box, rotate
from tenancy.runtime import Tenancy
from tenancy.store import SqliteStore, Store
from tenancy.store_postgres import PostgresStore

RAW = "gh-raw-secret-4f9d2c"


async def _dump(store: Store) -> str:
    """Every stored value of every table, as text (what a database dump would contain)."""
    if isinstance(store, SqliteStore):
        await store.aclose()
        return _file_text(store.path)
    assert isinstance(store, PostgresStore)
    rows = await store.fetch(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = ?", (store.schema,)
    )
    text = []
    for (table,) in rows:
        text.extend(str(r) for r in await store.fetch(f"SELECT * FROM {table}"))
    return "\n".join(text)


def _file_text(path: str) -> str:
    files = [Path(path), Path(path + "-wal")]
    return "".join(f.read_bytes().decode("latin-1") for f in files if f.exists())


async def test_the_raw_secret_never_reaches_the_database(tenancy: Tenancy) -> None:
    await tenancy.connections.create("acme", "main", "sandbox", {}, validate=False)
    conn = await tenancy.connections.create(
        "acme", "gh", "greenhouse", {"api_key": RAW}, base_url="https://harvest.test", validate=False
    )
    assert RAW not in conn.secret
    assert RAW not in repr(conn)
    assert tenancy.box.decrypt(conn.secret) == {"api_key": RAW}
    dump = await _dump(tenancy.store)
    assert "greenhouse" in dump  # the dump is real: the row is there
    assert RAW not in dump


async def test_rotation_reencrypts_under_the_new_key(tenancy: Tenancy, secret_keys: str) -> None:
    conn = await tenancy.connections.create(
        "acme", "gh", "greenhouse", {"api_key": RAW}, base_url="https://harvest.test", validate=False
    )
    new_key = generate_key()
    rotated_box = SecretBox([new_key, secret_keys])
    assert not rotated_box.is_current(conn.secret)
    assert await rotate(tenancy.store, rotated_box) == 1
    assert await rotate(tenancy.store, rotated_box) == 0
    stored = await tenancy.store.get_connection("acme", "gh")
    assert stored is not None
    # The old key can be dropped now.
    assert SecretBox([new_key]).decrypt(stored.secret) == {"api_key": RAW}
    with pytest.raises(SecretKeyError) as info:
        SecretBox([secret_keys]).decrypt(stored.secret)
    assert RAW not in str(info.value)


def test_malformed_keys_are_refused_without_echo() -> None:
    with pytest.raises(SecretKeyError) as info:
        load_secret_box({"HIREGRAPH_SECRET_KEYS": "not-a-fernet-key-hunter2"})
    assert "hunter2" not in str(info.value)
    with pytest.raises(SecretKeyError, match="HIREGRAPH_SECRET_KEYS"):
        load_secret_box({})


def test_embedded_key_file_is_created_once_and_private(tmp_path: Path) -> None:
    key_file = tmp_path / "db.key"
    box = load_secret_box({}, key_file)
    token = box.encrypt({"a": "b"})
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert load_secret_box({}, key_file).decrypt(token) == {"a": "b"}
