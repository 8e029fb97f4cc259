"""Admin root fields, for admin keys, on their own tenant only: thin, from arguments to
tenancy's services.

``AdminQuery`` (merged into the root Query) lists the caller's connections and keys, never
a secret; ``AdminMutation`` (the schema's mutation type) creates, tests, rotates and deletes
connections and creates and revokes keys. Resolvers read ``info.context.principal`` and
``info.context.tenancy``; a key without ``admin`` gets FORBIDDEN.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import strawberry

from gateway.errors import BadUserInput, Forbidden, Unauthenticated
from graph.types.admin import (
    ApiKeyInfo,
    ConnectionInfo,
    ConnectionTest,
    CreateApiKeyInput,
    CreateConnectionInput,
    CreatedApiKey,
    CredentialInput,
)
from tenancy.access import Principal
from tenancy.connections import ConnectionRejected, OperatorOnly, check_tenant_options
from tenancy.grants import granted_to
from tenancy.keys import KeyScopeError, Scopes, issue_key
from tenancy.runtime import Tenancy


def _admin(info: strawberry.Info) -> tuple[str, Tenancy]:
    tenancy: Tenancy | None = getattr(info.context, "tenancy", None)
    principal: Principal | None = getattr(info.context, "principal", None)
    if tenancy is None:
        raise Forbidden("this server keeps no stored connections")
    if principal is None or principal.scopes is None:
        raise Unauthenticated("admin operations need an admin API key")
    return principal.require_admin().tenant, tenancy


def _credentials(items: Sequence[CredentialInput]) -> dict[str, str]:
    return {c.key: c.value for c in items}


def _options(value: Any) -> dict[str, Any]:
    """``options`` as given: an object, or a string holding one as JSON (what some clients send)."""
    if value is None:
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            # The decoder's message quotes the input, which may hold a secret: not repeated.
            raise BadUserInput("options must be a JSON object; this string is not valid JSON") from None
    if not isinstance(value, dict):
        raise BadUserInput("options must be an object")
    return value


@strawberry.type(description="Root fields for admin keys.")
class AdminQuery:
    @strawberry.field(description="The caller's tenant's stored connections (admin keys only).")
    async def tenant_connections(self, info: strawberry.Info) -> list[ConnectionInfo]:
        tenant, tenancy = _admin(info)
        return [ConnectionInfo.from_stored(c) for c in await tenancy.store.list_connections(tenant)]

    @strawberry.field(description="The caller's tenant's API keys, live and revoked (admin keys only).")
    async def api_keys(self, info: strawberry.Info) -> list[ApiKeyInfo]:
        tenant, tenancy = _admin(info)
        return [ApiKeyInfo.from_stored(k) for k in await tenancy.store.list_keys(tenant)]


@strawberry.type(name="Mutation", description="Admin operations on the caller's tenant (admin keys only).")
class AdminMutation:
    @strawberry.mutation(
        description="Store a connection; its credentials are tested with one cheap call first."
    )
    async def create_connection(self, info: strawberry.Info, input: CreateConnectionInput) -> ConnectionInfo:
        tenant, tenancy = _admin(info)
        options = _options(input.options)
        try:
            # A tenant admin's connection: what only the operator may configure is refused here.
            check_tenant_options(input.provider, options)
            stored = await tenancy.connections.create(
                tenant,
                input.name,
                input.provider,
                _credentials(input.credentials),
                base_url=input.base_url,
                options=options,
            )
        except OperatorOnly as exc:
            # The input is well-formed and the operator may configure it: whether it is allowed
            # depends on who asks, so it is an authorization refusal, not bad input.
            raise Forbidden(str(exc)) from None
        except ConnectionRejected as exc:
            raise BadUserInput(str(exc)) from None
        return ConnectionInfo.from_stored(stored)

    @strawberry.mutation(description="Make one cheap call with a stored connection's credentials.")
    async def test_connection(self, info: strawberry.Info, name: str) -> ConnectionTest:
        tenant, tenancy = _admin(info)
        try:
            result = await tenancy.connections.test(tenant, name)
        except ConnectionRejected as exc:
            raise BadUserInput(str(exc)) from None
        return ConnectionTest(ok=result.ok, message=result.message, code=result.code or None)

    @strawberry.mutation(description="Replace a connection's credentials (tested first).")
    async def rotate_connection_credentials(
        self, info: strawberry.Info, name: str, credentials: list[CredentialInput]
    ) -> ConnectionInfo:
        tenant, tenancy = _admin(info)
        try:
            stored = await tenancy.connections.rotate(tenant, name, _credentials(credentials))
        except ConnectionRejected as exc:
            raise BadUserInput(str(exc)) from None
        return ConnectionInfo.from_stored(stored)

    @strawberry.mutation(description="Delete a connection and its tokens; false if there was none.")
    async def delete_connection(self, info: strawberry.Info, name: str) -> bool:
        tenant, tenancy = _admin(info)
        return await tenancy.connections.delete(tenant, name)

    @strawberry.mutation(description="Create an API key for the caller's tenant; the key is shown once.")
    async def create_api_key(self, info: strawberry.Info, input: CreateApiKeyInput) -> CreatedApiKey:
        tenant, tenancy = _admin(info)
        scopes = Scopes(tenant, tuple(input.connections), input.read_only, input.admin, tuple(input.origins))
        # The server's static connections granted to this tenant (none without settings).
        settings = getattr(info.context, "settings", None)
        granted = granted_to(settings.grants, tenant) if settings is not None else frozenset()
        try:
            issued = await issue_key(tenancy.store, scopes, input.label, granted=granted)
        except KeyScopeError as exc:
            raise BadUserInput(str(exc)) from None
        return CreatedApiKey(key=issued.key, api_key=ApiKeyInfo.from_stored(issued.record))

    @strawberry.mutation(description="Revoke one of the tenant's keys; false if no such live key.")
    async def revoke_api_key(self, info: strawberry.Info, id: str) -> bool:
        tenant, tenancy = _admin(info)
        return await tenancy.store.revoke_key(id, tenant)
