"""The GraphQL types of outgoing webhook subscriptions and their deliveries (admin keys)."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry

from tenancy.events.types import EventType, encode_cursor
from tenancy.events.webhook_store import Delivery, DeliveryStatus
from tenancy.events.webhook_store import WebhookSubscription as StoredSubscription

strawberry.enum(
    DeliveryStatus,
    name="WebhookDeliveryStatus",
    description="PENDING (queued or being retried), DELIVERED, or DEAD (dead-lettered: retried "
    "for the whole retry window without a 2xx; replayable).",
)


def _moment(epoch: float | None) -> datetime | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, UTC)


@strawberry.type(description="Where and which events of a connection are POSTed, signed.")
class WebhookSubscription:
    id: strawberry.ID = strawberry.field(description="The subscription's id.")
    connection: str = strawberry.field(description="The connection whose events are delivered.")
    url: str = strawberry.field(description="Where deliveries are POSTed.")
    types: list[EventType] = strawberry.field(description="The event types delivered (empty: every type).")
    created_at: datetime | None = strawberry.field(description="When it was created.")

    @classmethod
    def of(cls, sub: StoredSubscription) -> WebhookSubscription:
        return cls(
            id=strawberry.ID(sub.id),
            connection=sub.scope.connection,
            url=sub.url,
            types=sorted(sub.types, key=lambda t: t.value),
            created_at=_moment(sub.created_at),
        )


@strawberry.type(description="A new webhook subscription and its signing secret, shown this once.")
class CreatedWebhookSubscription:
    secret: str = strawberry.field(
        description="The HMAC-SHA256 key of the X-Hiregraph-Signature header; not shown again."
    )
    subscription: WebhookSubscription = strawberry.field(description="The subscription.")


@strawberry.type(description="One event's delivery to one subscription.")
class WebhookDelivery:
    id: strawberry.ID = strawberry.field(description="The delivery's id (the X-Hiregraph-Delivery header).")
    event_cursor: str = strawberry.field(description="The event's cursor (the body's `id`).")
    type: EventType = strawberry.field(description="The event's type.")
    status: DeliveryStatus = strawberry.field(description="Where the delivery stands.")
    attempts: int = strawberry.field(description="How many times it was sent.")
    next_attempt_at: datetime | None = strawberry.field(description="When it is sent next (pending only).")
    last_status: int | None = strawberry.field(description="The receiver's last HTTP status, if it answered.")
    last_error: str | None = strawberry.field(description="Why the last attempt failed.")
    delivered_at: datetime | None = strawberry.field(description="When a 2xx answered it.")

    @classmethod
    def of(cls, delivery: Delivery, connection: str) -> WebhookDelivery:
        pending = delivery.status is DeliveryStatus.PENDING
        return cls(
            id=strawberry.ID(delivery.id),
            event_cursor=encode_cursor(connection, delivery.seq),
            type=delivery.type,
            status=delivery.status,
            attempts=delivery.attempts,
            next_attempt_at=_moment(delivery.next_attempt_at) if pending else None,
            last_status=delivery.last_status,
            last_error=delivery.last_error,
            delivered_at=_moment(delivery.delivered_at),
        )
