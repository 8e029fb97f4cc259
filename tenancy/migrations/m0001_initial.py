"""Stored connections, API keys and OAuth tokens."""

from __future__ import annotations

from typing import Final

STATEMENTS: Final = (
    """CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        name TEXT NOT NULL,
        provider TEXT NOT NULL,
        base_url TEXT,
        options TEXT NOT NULL,
        secret TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at DOUBLE PRECISION NOT NULL,
        updated_at DOUBLE PRECISION NOT NULL,
        UNIQUE (tenant, name)
    )""",
    """CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        label TEXT NOT NULL,
        salt TEXT NOT NULL,
        digest TEXT NOT NULL,
        connections TEXT NOT NULL,
        read_only INTEGER NOT NULL,
        admin INTEGER NOT NULL,
        origins TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL,
        revoked_at DOUBLE PRECISION
    )""",
    "CREATE INDEX api_keys_tenant ON api_keys (tenant)",
    """CREATE TABLE oauth_tokens (
        connection_id TEXT PRIMARY KEY,
        secret TEXT NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL,
        version INTEGER NOT NULL
    )""",
)
