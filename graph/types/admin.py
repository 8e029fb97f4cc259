"""The admin types and inputs: a tenant's stored connections and API keys as the admin root
fields (resolvers/admin.py) show them, never a secret."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry
from strawberry.scalars import JSON

from tenancy.store import StoredConnection, StoredKey


def _time(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


@strawberry.type(description="A stored connection of the caller's tenant; its credentials are never shown.")
class ConnectionInfo:
    name: str = strawberry.field(description="The name requests give in `X-Hiregraph-Connection`.")
    provider: str = strawberry.field(description="The provider (`greenhouse`, `lever`...).")
    base_url: str | None = strawberry.field(description="The API base URL, when not the provider's default.")
    version: int = strawberry.field(description="Incremented on each credential rotation.")
    created_at: datetime = strawberry.field(description="When the connection was created.")
    updated_at: datetime = strawberry.field(description="When its credentials last changed.")

    @classmethod
    def from_stored(cls, c: StoredConnection) -> ConnectionInfo:
        return cls(
            name=c.name,
            provider=c.provider,
            base_url=c.base_url,
            version=c.version,
            created_at=datetime.fromtimestamp(c.created_at, UTC),
            updated_at=datetime.fromtimestamp(c.updated_at, UTC),
        )


@strawberry.type(description="An API key's id and scopes; the key itself is shown only when created.")
class ApiKeyInfo:
    id: str = strawberry.field(description="The key's public id (the part after `hg_live_`).")
    label: str = strawberry.field(description="A note saying what the key is for.")
    connections: list[str] = strawberry.field(
        description="Connections it may use; empty: all of the tenant's."
    )
    read_only: bool = strawberry.field(description="Whether it may only read.")
    admin: bool = strawberry.field(description="Whether it may manage connections and keys.")
    origins: list[str] = strawberry.field(description="Browser origins it may be used from (CORS).")
    created_at: datetime = strawberry.field(description="When the key was created.")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked; null while live.")

    @classmethod
    def from_stored(cls, k: StoredKey) -> ApiKeyInfo:
        return cls(
            id=k.id,
            label=k.label,
            connections=list(k.connections),
            read_only=k.read_only,
            admin=k.admin,
            origins=list(k.origins),
            created_at=datetime.fromtimestamp(k.created_at, UTC),
            revoked_at=_time(k.revoked_at),
        )


@strawberry.type(description="A new API key: the only time the key itself is returned.")
class CreatedApiKey:
    key: str = strawberry.field(description="The key, shown this once: store it now.")
    api_key: ApiKeyInfo = strawberry.field(description="Its id and scopes.")


@strawberry.type(description="The result of one cheap call with a connection's credentials.")
class ConnectionTest:
    ok: bool = strawberry.field(description="Whether the call succeeded.")
    message: str = strawberry.field(description="What happened (never a credential).")
    code: str | None = strawberry.field(description="The error code a query would get (when not ok).")


@strawberry.input(description="One credential of a connection (`api_key`, `refresh_token`...).")
class CredentialInput:
    key: str = strawberry.field(description="The credential's name, as the provider's docs name it.")
    value: str = strawberry.field(description="Its value: stored encrypted, never returned.")


@strawberry.input(description="A connection to store for the caller's tenant.")
class CreateConnectionInput:
    name: str = strawberry.field(description="1-100 letters, digits, '-', '_' or '.'; unique in the tenant.")
    provider: str = strawberry.field(
        description="The provider (`greenhouse`, `lever`, `ashby`, `workable`...)."
    )
    credentials: list[CredentialInput] = strawberry.field(description="The provider's credentials.")
    base_url: str | None = strawberry.field(default=None, description="The API base URL, if not the default.")
    options: JSON | None = strawberry.field(default=None, description="The provider's options, as an object.")


@strawberry.input(description="The scopes of a new API key (of the caller's tenant).")
class CreateApiKeyInput:
    label: str = strawberry.field(default="", description="A note saying what the key is for.")
    connections: list[str] = strawberry.field(
        default_factory=list, description="Connections it may use; empty: all of the tenant's."
    )
    read_only: bool = strawberry.field(default=False, description="Only reads (a frontend key).")
    admin: bool = strawberry.field(default=False, description="May manage connections and keys.")
    origins: list[str] = strawberry.field(
        default_factory=list, description="Browser origins it may be used from (CORS)."
    )
