"""Idempotency records of writes (issue 12): one row per (tenant, key), kept ``expires_at``."""

from __future__ import annotations

from typing import Final

STATEMENTS: Final = (
    """CREATE TABLE idempotency_keys (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL,
        mutation TEXT NOT NULL,
        connection TEXT NOT NULL,
        target TEXT,
        result TEXT,
        created_at DOUBLE PRECISION NOT NULL,
        updated_at DOUBLE PRECISION NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL
    )""",
    "CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at)",
    "CREATE INDEX idempotency_keys_state ON idempotency_keys (state, tenant)",
)
