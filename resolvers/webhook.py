"""Outgoing webhook admin fields: create, list, delete subscriptions; list and replay deliveries.

Admin keys only, on their own tenant (as ``resolvers/admin.py``). A subscription names one
of the tenant's connections: a stored one, or a static one the config grants to the tenant.
"""

from __future__ import annotations

import time
from typing import Any

import strawberry
from strawberry.types import Info

from gateway.errors import BadUserInput, Forbidden
from graph.context import Context
from graph.types.webhook import CreatedWebhookSubscription, WebhookDelivery, WebhookSubscription
from tenancy.events.service import EventService
from tenancy.events.types import BadCursor, EventType, LogScope, decode_cursor
from tenancy.events.webhook_store import DeliveryStatus
from tenancy.events.webhook_store import WebhookSubscription as StoredSubscription
from tenancy.events.webhooks import TargetRefused
from tenancy.grants import granted_to

from .admin import _admin

MAX_DELIVERIES = 500


def _service(info: Info[Context, Any]) -> tuple[str, EventService]:
    tenant, _ = _admin(info)
    access = info.context.events
    if access is None or access.service.box is None:
        raise Forbidden("this server keeps no webhooks (it has no connection store)")
    return tenant, access.service


async def _scope(info: Info[Context, Any], tenant: str, connection: str) -> LogScope:
    _, tenancy = _admin(info)
    if await tenancy.store.get_connection(tenant, connection) is not None:
        return LogScope(tenant, connection)
    if connection in granted_to(info.context.settings.grants, tenant):
        return LogScope("", connection)
    raise BadUserInput(f"your tenant has no connection named '{connection[:100]}'", argument="connection")


async def _own(service: EventService, tenant: str, sub_id: str) -> StoredSubscription:
    sub = await service.webhooks.subscription(sub_id)
    if sub is None or sub.tenant != tenant:
        raise BadUserInput("your tenant has no such webhook subscription", argument="id")
    return sub


@strawberry.type(description="Webhook root fields for admin keys.")
class WebhookQuery:
    @strawberry.field(description="The tenant's outgoing webhook subscriptions (admin keys only).")
    async def webhook_subscriptions(self, info: Info[Context, Any]) -> list[WebhookSubscription]:
        tenant, service = _service(info)
        return [WebhookSubscription.of(s) for s in await service.webhooks.subscriptions(tenant)]

    @strawberry.field(description="A subscription's deliveries, oldest event first (admin keys only).")
    async def webhook_deliveries(
        self,
        info: Info[Context, Any],
        subscription_id: strawberry.ID,
        status: DeliveryStatus | None = None,
        first: int = 100,
    ) -> list[WebhookDelivery]:
        tenant, service = _service(info)
        if not 0 < first <= MAX_DELIVERIES:
            raise BadUserInput(f"`first` must be between 1 and {MAX_DELIVERIES}", argument="first")
        sub = await _own(service, tenant, str(subscription_id))
        found = await service.webhooks.deliveries(sub.id, status, first)
        return [WebhookDelivery.of(d, sub.scope.connection) for d in found]


@strawberry.type(description="Webhook mutations for admin keys.")
class WebhookMutation:
    @strawberry.mutation(
        description="POST the connection's events from now on to `url`, signed with a new secret (shown once)."
    )
    async def create_webhook_subscription(
        self,
        info: Info[Context, Any],
        connection: str,
        url: str,
        types: list[EventType] | None = None,
    ) -> CreatedWebhookSubscription:
        tenant, service = _service(info)
        scope = await _scope(info, tenant, connection)
        try:
            sub, secret = await service.create_webhook(tenant, scope, url, types or ())
        except TargetRefused as exc:
            raise BadUserInput(str(exc), argument="url") from None
        return CreatedWebhookSubscription(secret=secret, subscription=WebhookSubscription.of(sub))

    @strawberry.mutation(
        description="Delete a webhook subscription and its deliveries; false if there was none."
    )
    async def delete_webhook_subscription(self, info: Info[Context, Any], id: strawberry.ID) -> bool:
        tenant, service = _service(info)
        return await service.webhooks.delete(tenant, str(id))

    @strawberry.mutation(
        description="Send a delivery again (a dead-lettered one too), with a fresh retry window."
    )
    async def replay_webhook_delivery(self, info: Info[Context, Any], id: strawberry.ID) -> WebhookDelivery:
        tenant, service = _service(info)
        delivery = await service.webhooks.delivery(str(id))
        if delivery is None:
            raise BadUserInput("no such webhook delivery", argument="id")
        sub = await _own(service, tenant, delivery.subscription_id)
        await service.webhooks.replay(sub.id, [delivery.id], None, time.time())
        replayed = await service.webhooks.delivery(delivery.id)
        assert replayed is not None
        return WebhookDelivery.of(replayed, sub.scope.connection)

    @strawberry.mutation(
        description="Send again every delivery of a subscription after an event cursor; how many were queued."
    )
    async def replay_webhook_deliveries(
        self, info: Info[Context, Any], subscription_id: strawberry.ID, after: str
    ) -> int:
        tenant, service = _service(info)
        sub = await _own(service, tenant, str(subscription_id))
        try:
            seq = decode_cursor(after, sub.scope.connection)
        except BadCursor as exc:
            raise BadUserInput(str(exc), argument="after") from None
        return await service.webhooks.replay(sub.id, None, seq, time.time())
