"""Stored client-credentials connections (Greenhouse Harvest v3): their access tokens come
from the ``TokenManager`` (encrypted in ``oauth_tokens``, shared by every worker, renewed by
one before expiry) instead of each worker's own in-memory exchange.

The adapter's auth exposes the hook (``ClientCredentialsAuth.token_source``); this module
supplies a source per stored connection. The exchange itself is the adapter's own request,
sent through the adapter's client (so a simulated connection reaches its simulator).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import httpx

from providers.base import ProviderAdapter
from providers.errors import ProviderUnavailable
from providers.greenhouse.auth import ClientCredentialsAuth, parse_token_response, token_request
from providers.http import UpstreamHttp
from providers.metering import upstream_call

from .oauth import Token, TokenManager
from .store import StoredConnection


class StoredClientCredentials:
    """A ``TokenSource`` for one stored connection. It keeps the token it last got, so the
    store is read only when that token is near expiry or the API refused it."""

    def __init__(
        self,
        tokens: TokenManager,
        conn: StoredConnection,
        auth: ClientCredentialsAuth,
        client: httpx.AsyncClient,
    ) -> None:
        self.tokens = tokens
        self.conn = conn
        self.auth = auth
        self.client = client
        self._token: Token | None = None

    async def access_token(self, *, refused: str | None = None) -> str:
        token = self._token
        if token is None or not token.fresh(time.time()) or token.access_token == refused:
            token = await self.tokens.current(self.conn, {}, exchange=self._exchange, refused=refused)
            self._token = token
        return token.access_token

    async def _exchange(self) -> Token:
        request = token_request(self.auth.credentials, self.auth.token_url)
        try:
            with upstream_call():
                response = await self.client.send(request)
        except httpx.HTTPError:
            raise ProviderUnavailable(
                f"{self.conn.provider} connection '{self.conn.name}': the OAuth token endpoint could not be reached",
                provider=self.conn.provider,
                connection=self.conn.name,
                operation="oauth token",
            ) from None
        access, expires_in = parse_token_response(response, self.conn.name)
        return Token(access, "", time.time() + expires_in)


def share_client_credentials(adapter: ProviderAdapter, conn: StoredConnection, tokens: TokenManager) -> int:
    """Point every client-credentials auth of ``adapter`` at the stored tokens; how many."""
    shared = 0
    for value in vars(adapter).values():
        if isinstance(value, UpstreamHttp) and isinstance(value.auth, ClientCredentialsAuth):
            value.auth.token_source = StoredClientCredentials(tokens, conn, value.auth, value.client)
            shared += 1
    return shared


def stable_identity(conn: StoredConnection, secret: Mapping[str, Any]) -> dict[str, str]:
    """The rate-budget identity of an OAuth connection, whose access token changes at every
    refresh: its OAuth client and stored connection, never a secret."""
    return {"oauth_client_id": str(secret.get("client_id", "")), "stored_connection": conn.id}
