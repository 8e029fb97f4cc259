"""Idempotency keys for writes: one upstream write per key, whatever the client retries.

``Idempotency-Key`` (header, for a request carrying one mutation) or ``idempotencyKey``
(argument) names a write. The first use claims the key with the write's fingerprint (a hash
of the mutation, its canonical input, the connection and the tenant); then:

- same key, same fingerprint, done: the stored result is answered again (``replayed``), with
  no second write; the object is read afresh, so the client sees its current state;
- same key, other fingerprint: IDEMPOTENCY_KEY_REUSED;
- same key while the first is under way: wait for it (``idempotency_wait_s``), else IN_PROGRESS;
- same key after an outcome nobody knows: WRITE_OUTCOME_UNKNOWN, until the operator
  reconciles it (``hiregraph idempotency``);
- a write that certainly changed nothing (refused by the provider, invalid) releases its key.

Records live in the tenancy database when there is one, else in this process
(``tenancy/idempotency.py``); they are forgotten ``idempotency_retention_s`` after first use.
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import hashlib
import json
import time
from dataclasses import dataclass
from typing import Any, Final

from pydantic import BaseModel

from gateway.errors import BadUserInput, IdempotencyKeyReused, InProgress, OutcomeUnknown
from tenancy.idempotency import IdempotencyRecord, IdempotencyStore, record_id

MAX_KEY_LENGTH: Final = 255
POLL_S: Final = 0.05
STALE_AFTER_S: Final = 300.0
"""A record still pending this long after it was claimed was abandoned (its worker died mid
write): whether the write happened is unknown."""

CHECK: Final = (
    "The write may or may not have been applied: read the record (or list the recent ones) to see, "
    "then either treat it as done or, if it is not there, ask the operator to clear the key "
    "(`hiregraph idempotency clear`) or send the write again with a new key."
)


def canonical(value: Any) -> Any:
    """A JSON-able form of a write's input that is equal exactly when the inputs are."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, BaseModel):
        return canonical(value.model_dump(mode="json"))
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if isinstance(value, bytes):
        return {"sha256": hashlib.sha256(value).hexdigest(), "size": len(value)}
    if isinstance(value, enum.Enum):
        return value.value
    return value


def fingerprint(mutation: str, input: Any, connection: str, tenant: str) -> str:
    body = {"mutation": mutation, "input": canonical(input), "connection": connection, "tenant": tenant}
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def checked_key(key: str) -> str:
    if not 0 < len(key) <= MAX_KEY_LENGTH or not key.isprintable():
        raise BadUserInput(
            f"an idempotency key is 1 to {MAX_KEY_LENGTH} printable characters",
            argument="idempotencyKey",
            field="idempotencyKey",
        )
    return key


@dataclass(frozen=True)
class Claim:
    """A key this write holds: settle it when the write ends."""

    store: IdempotencyStore
    id: str


async def claim(
    store: IdempotencyStore,
    *,
    key: str,
    tenant: str,
    print_: str,
    mutation: str,
    connection: str,
    target: str | None,
    retention_s: float,
    wait_s: float,
) -> Claim | IdempotencyRecord:
    """The key claimed for this write, or the done record to replay; raises for the other cases."""
    now = time.time()
    fresh = IdempotencyRecord(
        id=record_id(tenant, key),
        tenant=tenant,
        fingerprint=print_,
        state="pending",
        mutation=mutation,
        connection=connection,
        target=target,
        result=None,
        created_at=now,
        updated_at=now,
        expires_at=now + retention_s,
    )
    found = await store.claim(fresh)
    if found is None:
        return Claim(store, fresh.id)
    deadline = time.monotonic() + wait_s
    while True:
        if found.fingerprint != print_:
            raise IdempotencyKeyReused(
                f"this idempotency key was used for another write ({found.mutation} on connection "
                f"'{found.connection}', or other input); use a new key for a new write",
                field="idempotencyKey",
            )
        if found.state == "done":
            return found
        if found.state == "unknown":
            raise OutcomeUnknown(
                f"an earlier write with this idempotency key has an unknown outcome. {CHECK}"
            )
        if time.time() - found.created_at > STALE_AFTER_S:
            await store.settle(found.id, "unknown")
            raise OutcomeUnknown(f"an earlier write with this idempotency key never finished. {CHECK}")
        if time.monotonic() >= deadline:
            raise InProgress(
                "a write with this idempotency key is still under way; retry in a moment",
                retryAfter=1,
            )
        await asyncio.sleep(POLL_S)
        again = await store.get(fresh.id)
        if again is None:
            # The first write changed nothing and released the key: this one may go ahead.
            return await claim(
                store,
                key=key,
                tenant=tenant,
                print_=print_,
                mutation=mutation,
                connection=connection,
                target=target,
                retention_s=retention_s,
                wait_s=max(0.0, deadline - time.monotonic()),
            )
        found = again
