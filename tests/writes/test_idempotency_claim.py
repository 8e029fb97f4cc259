"""The claim at the heart of idempotency keys, on the in-process store: what a second use of
a key gets while the first is pending, after it is released, and after its worker died."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

import pytest

from gateway.errors import InProgress, OutcomeUnknown
from resolvers.writes.idempotency import STALE_AFTER_S, Claim, canonical, claim, fingerprint
from tenancy.idempotency import InProcessIdempotency, record_id


async def _claim(store: InProcessIdempotency, print_: str = "f", wait_s: float = 1.0) -> object:
    return await claim(
        store,
        key="k",
        tenant="t",
        print_=print_,
        mutation="addNote",
        connection="c",
        target="cand_1",
        retention_s=60,
        wait_s=wait_s,
    )


async def test_a_waiting_duplicate_takes_over_a_key_the_first_write_released() -> None:
    store = InProcessIdempotency()
    first = await _claim(store)
    assert isinstance(first, Claim)
    waiting = asyncio.create_task(_claim(store))
    await asyncio.sleep(0.1)
    assert not waiting.done()
    await store.release(first.id)  # the first write failed for sure
    second = await waiting
    assert isinstance(second, Claim)
    stored = await store.get(second.id)
    assert stored is not None
    assert stored.state == "pending"


async def test_a_waiting_duplicate_gets_the_result_once_done() -> None:
    store = InProcessIdempotency()
    first = await _claim(store)
    assert isinstance(first, Claim)
    waiting = asyncio.create_task(_claim(store))
    await asyncio.sleep(0.1)
    await store.settle(first.id, "done", {"resource": "activity", "id": "act_1"}, "act_1")
    done = await waiting
    assert not isinstance(done, Claim)
    assert done.result == {"resource": "activity", "id": "act_1"}  # type: ignore[attr-defined]


async def test_a_pending_write_whose_worker_died_is_unknown() -> None:
    store = InProcessIdempotency()
    first = await _claim(store)
    assert isinstance(first, Claim)
    held = await store.get(first.id)
    assert held is not None
    store._records[first.id] = replace(held, created_at=time.time() - STALE_AFTER_S - 1)
    with pytest.raises(OutcomeUnknown):
        await _claim(store, wait_s=0.01)
    settled = await store.get(record_id("t", "k"))
    assert settled is not None
    assert settled.state == "unknown"


async def test_in_progress_when_the_wait_ends() -> None:
    store = InProcessIdempotency()
    assert isinstance(await _claim(store), Claim)
    with pytest.raises(InProgress):
        await _claim(store, wait_s=0.05)


def test_the_fingerprint_covers_mutation_input_connection_and_tenant() -> None:
    base = fingerprint("addNote", {"body": "x", "file": b"\x00\x01"}, "c", "t")
    assert base == fingerprint("addNote", {"file": b"\x00\x01", "body": "x"}, "c", "t")
    others = {
        fingerprint("createCandidate", {"body": "x", "file": b"\x00\x01"}, "c", "t"),
        fingerprint("addNote", {"body": "y", "file": b"\x00\x01"}, "c", "t"),
        fingerprint("addNote", {"body": "x", "file": b"\x00\x02"}, "c", "t"),
        fingerprint("addNote", {"body": "x", "file": b"\x00\x01"}, "c2", "t"),
        fingerprint("addNote", {"body": "x", "file": b"\x00\x01"}, "c", "t2"),
    }
    assert base not in others
    assert len(others) == 5
    assert canonical(b"ab") == {"sha256": canonical(b"ab")["sha256"], "size": 2}
