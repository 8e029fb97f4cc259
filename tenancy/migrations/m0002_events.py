"""The event log (issue 13): events per tenant and connection with a monotonic cursor, and
what polling remembers between runs (each record's content hash, each resource's watermark).

``seq`` is assigned as ``MAX(seq) + 1`` within the (tenant, connection) under the primary
key, so a reader that sees event N has every event before it committed (see
``tenancy/events/log.py``). ``dedupe`` makes an append idempotent: a poll that ran twice, or
two workers polling the same connection, add the event once.
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
)
