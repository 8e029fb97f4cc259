"""Stored connections whose adapter exchanges its own credentials for tokens (OAuth 2.0 client
credentials): their access tokens come from the ``TokenManager`` (encrypted in
``oauth_tokens``, shared by every worker, renewed by one before expiry) instead of each
worker's own in-memory exchange.

The adapter takes them through the ``TokenSource`` hook (``ProviderAdapter.share_tokens``);
this module supplies a source per stored connection. The exchange itself stays the adapter's
own request (``renew``), so nothing here knows which provider it serves.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from providers.base import IssuedToken, ProviderAdapter

from .oauth import Token, TokenManager
from .store import StoredConnection


class StoredTokens:
    """A ``TokenSource`` for one stored connection. It keeps the token it last got, so the
    store is read only when that token is near expiry or the API refused it."""

    def __init__(self, tokens: TokenManager, conn: StoredConnection) -> None:
        self.tokens = tokens
        self.conn = conn
        self._token: Token | None = None

    async def access_token(
        self, renew: Callable[[], Awaitable[IssuedToken]], *, refused: str | None = None
    ) -> str:
        token = self._token
        if token is None or not token.fresh(time.time()) or token.access_token == refused:

            async def exchange() -> Token:
                issued = await renew()
                return Token(issued.access_token, "", time.time() + issued.expires_in)

            token = await self.tokens.current(self.conn, {}, exchange=exchange, refused=refused)
            self._token = token
        return token.access_token


def share_client_credentials(adapter: ProviderAdapter, conn: StoredConnection, tokens: TokenManager) -> int:
    """Point every auth of ``adapter`` that obtains its own tokens at the stored ones; how many."""
    return adapter.share_tokens(StoredTokens(tokens, conn))


def stable_identity(conn: StoredConnection, secret: Mapping[str, Any]) -> dict[str, str]:
    """The rate-budget identity of an OAuth connection, whose access token changes at every
    refresh: its OAuth client and stored connection, never a secret."""
    return {"oauth_client_id": str(secret.get("client_id", "")), "stored_connection": conn.id}
