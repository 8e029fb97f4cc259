"""OAuth tokens for stored connections: exchange, encrypted storage, refresh before expiry.

A provider that declares an ``OAuth2Refresh`` scheme (``ProviderAdapter.auth_schemes``) accepts,
instead of its static credentials,
``client_id`` + ``client_secret`` + ``refresh_token`` (or ``code`` + ``redirect_uri``, which
are exchanged once at creation). Tokens live encrypted in ``oauth_tokens``, shared by every
worker; one worker refreshes, the others read its result (a version compare-and-set), and
a refresh the provider refuses is ``ProviderAuthError`` (``UPSTREAM_AUTH_FAILED``).

Client-credentials grants have no refresh token: the adapter exchanges the stored credentials
again instead (``exchange``, through the ``TokenSource`` hook, see ``client_credentials.py``),
and the resulting token is stored and shared the same way.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Final

import httpx

from providers.auth import OAuth2Refresh
from providers.base import ProviderAdapter
from providers.errors import ProviderAuthError, ProviderError, ProviderResponseInvalid, ProviderUnavailable
from providers.metering import upstream_call
from providers.registry import PROVIDERS

from .crypto import SecretBox
from .store import Store, StoredConnection

REFRESH_MARGIN_S: Final = 300.0
"""A stored access token is refreshed this long before it expires."""
RENEW_LEASE_S: Final = 10.0
"""How long one worker's claim to renew a token stands before another may take over."""
RENEW_POLL_S: Final = 0.05


OAUTH_KEYS: Final = frozenset(
    {"client_id", "client_secret", "refresh_token", "code", "redirect_uri", "token_url"}
)


@dataclass(frozen=True)
class Token:
    access_token: str
    refresh_token: str
    expires_at: float
    renewing_until: float = 0.0
    """A worker's lease on renewing this token (exchange grants): others keep using it meanwhile."""

    def fresh(self, now: float) -> bool:
        return self.expires_at - REFRESH_MARGIN_S > now


def refresh_grant(
    provider: type[ProviderAdapter] | None, credentials: Mapping[str, Any]
) -> OAuth2Refresh | None:
    """The provider's refresh grant, when ``credentials`` are for it (a refresh token or a code)."""
    grant = provider.auth_scheme(OAuth2Refresh) if provider is not None else None
    return grant if grant is not None and {"refresh_token", "code"} & set(credentials) else None


def _error(cls: type[ProviderError], message: str, provider: str, connection: str) -> ProviderError:
    return cls(message, provider=provider, connection=connection, operation="oauth token")


async def request_token(
    http: httpx.AsyncClient,
    grant: OAuth2Refresh,
    provider: str,
    connection: str,
    credentials: Mapping[str, Any],
    form: Mapping[str, str],
) -> Token:
    """POST the token endpoint with ``form`` plus the client credentials; the parsed token."""
    where = f"{provider} connection '{connection}'"
    missing = [k for k in ("client_id", "client_secret") if not credentials.get(k)]
    if missing:
        raise _error(ProviderAuthError, f"{where}: OAuth needs {', '.join(missing)}", provider, connection)
    data = {
        "client_id": str(credentials["client_id"]),
        "client_secret": str(credentials["client_secret"]),
        **form,
    }
    url = str(credentials.get("token_url") or grant.token_url)
    try:
        with upstream_call():
            response = await http.post(url, data=data, headers={"Accept": "application/json"})
    except httpx.HTTPError:
        raise _error(
            ProviderUnavailable,
            f"{where}: the OAuth token endpoint could not be reached",
            provider,
            connection,
        ) from None
    if response.status_code in (400, 401, 403):
        raise _error(
            ProviderAuthError,
            f"{where}: the OAuth token refresh was refused (HTTP {response.status_code}); reconnect the account",
            provider,
            connection,
        )
    if response.status_code >= 400:
        raise _error(
            ProviderUnavailable,
            f"{where}: the OAuth token endpoint failed (HTTP {response.status_code})",
            provider,
            connection,
        )
    try:
        body = response.json()
        access = body["access_token"]
        expires_in = float(body.get("expires_in") or grant.default_expires_in)
    except (ValueError, KeyError, TypeError):
        raise _error(
            ProviderResponseInvalid, f"{where}: the OAuth token response is malformed", provider, connection
        ) from None
    if not isinstance(access, str) or not access:
        raise _error(
            ProviderResponseInvalid, f"{where}: the OAuth token response has no token", provider, connection
        )
    refresh = body.get("refresh_token") or form.get("refresh_token") or ""
    return Token(access, str(refresh), time.time() + expires_in)


async def exchange_code(
    http: httpx.AsyncClient,
    grant: OAuth2Refresh,
    provider: str,
    connection: str,
    credentials: Mapping[str, Any],
) -> Token:
    """The authorization-code grant, at connection creation."""
    form = {
        "grant_type": "authorization_code",
        "code": str(credentials.get("code", "")),
        "redirect_uri": str(credentials.get("redirect_uri", "")),
    }
    return await request_token(http, grant, provider, connection, credentials, form)


class TokenManager:
    """Current access tokens of OAuth connections, refreshed before they expire."""

    def __init__(
        self,
        store: Store,
        box: SecretBox,
        http: httpx.AsyncClient,
        providers: Mapping[str, type[ProviderAdapter]] | None = None,
    ) -> None:
        self.store = store
        self.box = box
        self.http = http
        self.providers = providers if providers is not None else PROVIDERS
        """Where a connection's refresh grant is declared (by its provider's adapter class)."""
        self._locks: dict[str, asyncio.Lock] = {}

    async def save(self, connection_id: str, token: Token, seen: int = 0) -> bool:
        plain: dict[str, Any] = {"access_token": token.access_token, "refresh_token": token.refresh_token}
        if token.renewing_until:
            plain["renewing_until"] = token.renewing_until
        secret = self.box.encrypt(plain)
        return await self.store.put_token(connection_id, secret, token.expires_at, seen)

    async def expire(self, connection_id: str) -> None:
        """Make the stored token unusable (its credentials were rotated): the next use renews it."""
        _, version = await self._stored(connection_id)
        if version:
            await self.save(connection_id, Token("", "", 0.0), version)

    async def _exchanged(
        self, connection_id: str, exchange: Callable[[], Awaitable[Token]], refused: str | None
    ) -> Token:
        """Renew by ``exchange`` on one worker: it claims a lease (a version compare-and-set)
        and the others keep using the old token while it is still valid, or wait for the
        new one when it is not. A lease whose holder died lapses after ``RENEW_LEASE_S``."""
        while True:
            token, seen = await self._stored(connection_id)
            now = time.time()
            if token is not None and token.fresh(now) and token.access_token != refused:
                return token
            valid = token is not None and token.expires_at > now and token.access_token != refused
            if token is not None and token.renewing_until > now:
                if valid:
                    return token
                await asyncio.sleep(RENEW_POLL_S)
                continue
            if token is not None:
                if not await self.save(
                    connection_id, replace(token, renewing_until=now + RENEW_LEASE_S), seen
                ):
                    continue
                seen += 1
                try:
                    new = await exchange()
                except ProviderError:
                    # Free the lease, so the others fail (or succeed) now, not when it lapses.
                    await self.save(connection_id, replace(token, renewing_until=0.0), seen)
                    raise
            else:
                new = await exchange()
            if await self.save(connection_id, new, seen):
                return new
            winner, _ = await self._stored(connection_id)
            return winner if winner is not None and winner.fresh(time.time()) else new

    async def _stored(self, connection_id: str) -> tuple[Token | None, int]:
        row = await self.store.get_token(connection_id)
        if row is None:
            return None, 0
        plain = self.box.decrypt(row.secret)
        return Token(
            str(plain["access_token"]),
            str(plain.get("refresh_token", "")),
            row.expires_at,
            float(plain.get("renewing_until", 0.0)),
        ), row.version

    async def current(
        self,
        conn: StoredConnection,
        credentials: Mapping[str, Any],
        *,
        exchange: Callable[[], Awaitable[Token]] | None = None,
        refused: str | None = None,
    ) -> Token:
        """The stored token while fresh, else a new one: from the refresh grant, or from
        ``exchange`` (grants without refresh tokens). ``refused``: a token the API rejected,
        renewed even if it looks fresh (unless another worker already replaced it)."""

        def usable(token: Token | None) -> bool:
            return token is not None and token.fresh(time.time()) and token.access_token != refused

        token, _ = await self._stored(conn.id)
        if token is not None and usable(token):
            return token
        lock = self._locks.setdefault(conn.id, asyncio.Lock())
        async with lock:
            token, seen = await self._stored(conn.id)
            if token is not None and usable(token):
                return token
            if exchange is not None:
                return await self._exchanged(conn.id, exchange, refused)
            refresh = (token.refresh_token if token else "") or str(credentials.get("refresh_token", ""))
            grant = refresh_grant(self.providers.get(conn.provider), {"refresh_token": refresh})
            if not refresh or grant is None:
                raise _error(
                    ProviderAuthError,
                    f"{conn.provider} connection '{conn.name}' has no OAuth refresh token; reconnect the account",
                    conn.provider,
                    conn.name,
                )
            try:
                new = await request_token(
                    self.http,
                    grant,
                    conn.provider,
                    conn.name,
                    credentials,
                    {"grant_type": "refresh_token", "refresh_token": refresh},
                )
            except ProviderAuthError:
                # Another worker may have used (and rotated) the same refresh token first.
                again, version = await self._stored(conn.id)
                if again is not None and version != seen and again.fresh(time.time()):
                    return again
                raise
            if await self.save(conn.id, new, seen):
                return new
            winner, _ = await self._stored(conn.id)
            return winner if winner is not None else new
