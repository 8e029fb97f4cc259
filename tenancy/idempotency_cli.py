"""``hiregraph idempotency``: the operator's view of writes whose outcome is unknown.

A write that may have reached the provider without an answer keeps its idempotency key in
state ``unknown``: retries with that key answer WRITE_OUTCOME_UNKNOWN rather than risk a
second write. Once someone has looked at the account, the operator settles the key:
``done --record-id`` (it was applied: retries answer that record) or ``clear`` (it was not:
the key is free, and the client's next retry writes). Keys are named by tenant and key (the
key the client sent; it is stored only as a hash) or by the id ``unknown`` lists.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from providers.writes import BY_MUTATION

from .idempotency import DatabaseIdempotency, record_id
from .runtime import Tenancy


def _id(a: argparse.Namespace) -> str | None:
    if a.id:
        return str(a.id)
    if a.key is not None and a.tenant is not None:
        return record_id(a.tenant, a.key)
    print("name the key: --id ID, or --tenant TENANT --key KEY (--tenant '' without API keys)")
    return None


async def unknown(t: Tenancy, a: argparse.Namespace) -> int:
    records = await DatabaseIdempotency(t.store).list_state("unknown", a.tenant)
    for r in records:
        when = datetime.fromtimestamp(r.created_at, UTC).strftime("%Y-%m-%d %H:%M:%SZ")
        print(
            f"{r.id}  tenant={r.tenant or '-'}  connection={r.connection}  {r.mutation}  "
            f"target={r.target or '-'}  since {when}"
        )
    if not records:
        print("no write has an unknown outcome")
    return 0


async def clear(t: Tenancy, a: argparse.Namespace) -> int:
    found = _id(a)
    if found is None:
        return 2
    if not await DatabaseIdempotency(t.store).release(found):
        print("no such idempotency key")
        return 1
    print("cleared: the next write with this key is a new write")
    return 0


async def done(t: Tenancy, a: argparse.Namespace) -> int:
    found = _id(a)
    if found is None:
        return 2
    store = DatabaseIdempotency(t.store)
    record = await store.get(found)
    if record is None:
        print("no such idempotency key")
        return 1
    resource = BY_MUTATION[record.mutation].resource
    await store.settle(found, "done", {"resource": resource.value, "id": a.record_id}, a.record_id)
    print(f"settled: retries with this key answer {resource.value} {a.record_id}")
    return 0


def add_key_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--id", help="the id `hiregraph idempotency unknown` shows")
    parser.add_argument("--tenant", help="the tenant the key was used in ('' without API keys)")
    parser.add_argument("--key", help="the Idempotency-Key the client sent")
