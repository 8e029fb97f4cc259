"""The event log (issue 13): events per tenant and connection with a monotonic cursor, and
what polling remembers between runs (each record's content hash, each resource's watermark).

``seq`` is assigned as ``MAX(seq) + 1`` within the (tenant, connection) under the primary
key, so a reader that sees event N has every event before it committed (see
``tenancy/events/log.py``). ``dedupe`` makes an append idempotent: a poll that ran twice, or
two workers polling the same connection, add the event once.

Outgoing webhooks: a subscription delivers its connection's events after ``cursor`` (the
last event number it has queued); each (subscription, event) is one delivery row, queued
once, whose state survives restarts (``tenancy/events/webhooks.py``).
"""

from __future__ import annotations

from typing import Final

STATEMENTS: Final = (
    """CREATE TABLE events (
        tenant TEXT NOT NULL,
        connection TEXT NOT NULL,
        seq BIGINT NOT NULL,
        type TEXT NOT NULL,
        resource TEXT NOT NULL,
        record_id TEXT NOT NULL,
        occurred_at DOUBLE PRECISION NOT NULL,
        created_at DOUBLE PRECISION NOT NULL,
        source TEXT NOT NULL,
        dedupe TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (tenant, connection, seq),
        UNIQUE (tenant, connection, dedupe)
    )""",
    "CREATE INDEX events_created_at ON events (created_at)",
    """CREATE TABLE event_snapshots (
        tenant TEXT NOT NULL,
        connection TEXT NOT NULL,
        resource TEXT NOT NULL,
        record_id TEXT NOT NULL,
        hash TEXT NOT NULL,
        watched TEXT NOT NULL,
        seen_at DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (tenant, connection, resource, record_id)
    )""",
    """CREATE TABLE event_watermarks (
        tenant TEXT NOT NULL,
        connection TEXT NOT NULL,
        resource TEXT NOT NULL,
        baseline DOUBLE PRECISION NOT NULL,
        watermark DOUBLE PRECISION NOT NULL,
        polled_at DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (tenant, connection, resource)
    )""",
    """CREATE TABLE webhook_subscriptions (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        log_tenant TEXT NOT NULL,
        connection TEXT NOT NULL,
        url TEXT NOT NULL,
        types TEXT NOT NULL,
        secret TEXT NOT NULL,
        cursor BIGINT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL
    )""",
    "CREATE INDEX webhook_subscriptions_tenant ON webhook_subscriptions (tenant)",
    """CREATE TABLE webhook_deliveries (
        id TEXT PRIMARY KEY,
        subscription_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at DOUBLE PRECISION NOT NULL,
        first_queued_at DOUBLE PRECISION NOT NULL,
        last_status INTEGER,
        last_error TEXT,
        delivered_at DOUBLE PRECISION,
        UNIQUE (subscription_id, seq)
    )""",
    "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)",
)
