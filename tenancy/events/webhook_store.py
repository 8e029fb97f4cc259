"""Outgoing webhook subscriptions and their deliveries, in the tenancy store.

A delivery is claimed by moving its ``next_attempt_at`` forward only if it still holds the
value the claimer read (compare-and-set), so two workers never send the same attempt; a
worker that dies mid-attempt leaves the claim to expire, and the delivery is tried again.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from ..store import Conflict, Row, Store
from .types import EventType, LogScope

_SUBSCRIPTION: Final = "id, tenant, log_tenant, connection, url, types, secret, cursor, created_at"
_DELIVERY: Final = (
    "id, subscription_id, seq, type, status, attempts, next_attempt_at, first_queued_at, "
    "last_status, last_error, delivered_at"
)


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    DEAD = "dead"
    """Every attempt within the retry window failed (dead-lettered); replayable."""


@dataclass(frozen=True)
class WebhookSubscription:
    id: str
    tenant: str
    scope: LogScope
    url: str
    types: frozenset[EventType]
    """Empty: every type."""
    secret: str = field(repr=False)
    """The signing secret, encrypted (``tenancy/crypto.py``)."""
    cursor: int = 0
    created_at: float = 0.0


@dataclass(frozen=True)
class Delivery:
    id: str
    subscription_id: str
    seq: int
    type: EventType
    status: DeliveryStatus
    attempts: int
    next_attempt_at: float
    first_queued_at: float
    last_status: int | None = None
    last_error: str | None = None
    delivered_at: float | None = None


def _subscription(row: Row) -> WebhookSubscription:
    return WebhookSubscription(
        id=row[0],
        tenant=row[1],
        scope=LogScope(row[2], row[3]),
        url=row[4],
        types=frozenset(EventType(t) for t in json.loads(row[5])),
        secret=row[6],
        cursor=int(row[7]),
        created_at=float(row[8]),
    )


def _delivery(row: Row) -> Delivery:
    return Delivery(
        id=row[0],
        subscription_id=row[1],
        seq=int(row[2]),
        type=EventType(row[3]),
        status=DeliveryStatus(row[4]),
        attempts=int(row[5]),
        next_attempt_at=float(row[6]),
        first_queued_at=float(row[7]),
        last_status=None if row[8] is None else int(row[8]),
        last_error=row[9],
        delivered_at=None if row[10] is None else float(row[10]),
    )


class WebhookStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- subscriptions -------------------------------------------------------------------
    async def add(self, sub: WebhookSubscription) -> None:
        await self.store.execute(
            f"INSERT INTO webhook_subscriptions ({_SUBSCRIPTION}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                sub.id,
                sub.tenant,
                sub.scope.tenant,
                sub.scope.connection,
                sub.url,
                json.dumps(sorted(t.value for t in sub.types)),
                sub.secret,
                sub.cursor,
                sub.created_at,
            ),
        )

    async def subscriptions(self, tenant: str | None = None) -> list[WebhookSubscription]:
        if tenant is None:
            rows = await self.store.fetch(
                f"SELECT {_SUBSCRIPTION} FROM webhook_subscriptions ORDER BY created_at"
            )
        else:
            rows = await self.store.fetch(
                f"SELECT {_SUBSCRIPTION} FROM webhook_subscriptions WHERE tenant = ? ORDER BY created_at",
                (tenant,),
            )
        return [_subscription(r) for r in rows]

    async def subscription(self, sub_id: str) -> WebhookSubscription | None:
        rows = await self.store.fetch(
            f"SELECT {_SUBSCRIPTION} FROM webhook_subscriptions WHERE id = ?", (sub_id,)
        )
        return _subscription(rows[0]) if rows else None

    async def delete(self, tenant: str, sub_id: str) -> bool:
        removed = await self.store.execute(
            "DELETE FROM webhook_subscriptions WHERE id = ? AND tenant = ?", (sub_id, tenant)
        )
        if removed:
            await self.store.execute("DELETE FROM webhook_deliveries WHERE subscription_id = ?", (sub_id,))
        return removed > 0

    async def advance(self, sub: WebhookSubscription, cursor: int) -> bool:
        """Move the subscription's cursor from what ``sub`` read to ``cursor`` (False: another
        worker moved it first)."""
        return (
            await self.store.execute(
                "UPDATE webhook_subscriptions SET cursor = ? WHERE id = ? AND cursor = ?",
                (cursor, sub.id, sub.cursor),
            )
            > 0
        )

    # -- deliveries ----------------------------------------------------------------------
    async def enqueue(self, sub_id: str, seq: int, kind: EventType, now: float) -> bool:
        """Queue the delivery of event ``seq``; False if it was queued already."""
        try:
            await self.store.execute(
                f"INSERT INTO webhook_deliveries ({_DELIVERY}) VALUES (?, ?, ?, ?, ?, 0, ?, ?, NULL, NULL, NULL)",
                (uuid.uuid4().hex, sub_id, seq, kind.value, DeliveryStatus.PENDING.value, now, now),
            )
        except Conflict:
            return False
        return True

    async def due(self, now: float, limit: int) -> list[Delivery]:
        rows = await self.store.fetch(
            f"SELECT {_DELIVERY} FROM webhook_deliveries WHERE status = ? AND next_attempt_at <= ? "
            "ORDER BY next_attempt_at, seq LIMIT ?",
            (DeliveryStatus.PENDING.value, now, limit),
        )
        return [_delivery(r) for r in rows]

    async def claim(self, delivery: Delivery, until: float) -> bool:
        return (
            await self.store.execute(
                "UPDATE webhook_deliveries SET next_attempt_at = ? "
                "WHERE id = ? AND status = ? AND next_attempt_at = ?",
                (until, delivery.id, DeliveryStatus.PENDING.value, delivery.next_attempt_at),
            )
            > 0
        )

    async def record(
        self,
        delivery_id: str,
        status: DeliveryStatus,
        *,
        attempts: int,
        next_attempt_at: float,
        last_status: int | None,
        last_error: str | None,
        delivered_at: float | None,
    ) -> None:
        await self.store.execute(
            "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_status = ?, "
            "last_error = ?, delivered_at = ? WHERE id = ?",
            (status.value, attempts, next_attempt_at, last_status, last_error, delivered_at, delivery_id),
        )

    async def deliveries(
        self, sub_id: str, status: DeliveryStatus | None = None, limit: int = 100
    ) -> list[Delivery]:
        sql = f"SELECT {_DELIVERY} FROM webhook_deliveries WHERE subscription_id = ?"
        params: list[object] = [sub_id]
        if status is not None:
            sql += " AND status = ?"
            params.append(status.value)
        sql += " ORDER BY seq LIMIT ?"
        params.append(limit)
        return [_delivery(r) for r in await self.store.fetch(sql, params)]

    async def delivery(self, delivery_id: str) -> Delivery | None:
        rows = await self.store.fetch(
            f"SELECT {_DELIVERY} FROM webhook_deliveries WHERE id = ?", (delivery_id,)
        )
        return _delivery(rows[0]) if rows else None

    async def replay(self, sub_id: str, ids: Sequence[str] | None, after: int | None, now: float) -> int:
        """Queue deliveries again, as new (attempts and retry window restart): those of ``ids``,
        or every one of the subscription after event ``after``; how many."""
        sql = (
            "UPDATE webhook_deliveries SET status = ?, attempts = 0, next_attempt_at = ?, first_queued_at = ?, "
            "delivered_at = NULL WHERE subscription_id = ?"
        )
        params: list[object] = [DeliveryStatus.PENDING.value, now, now, sub_id]
        if ids is not None:
            sql += f" AND id IN ({', '.join('?' for _ in ids)})"
            params.extend(ids)
        if after is not None:
            sql += " AND seq > ?"
            params.append(after)
        return await self.store.execute(sql, params)

    async def purge(self, before: float) -> int:
        """Forget deliveries that ended (delivered or dead) before ``before``."""
        return await self.store.execute(
            "DELETE FROM webhook_deliveries WHERE status <> ? AND next_attempt_at < ?",
            (DeliveryStatus.PENDING.value, before),
        )
