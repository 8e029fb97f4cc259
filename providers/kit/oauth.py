"""OAuth 2.0 client credentials (RFC 6749 §4.4) as an httpx auth: the token exchange, the
cache, the one renewal on a 401, and tokens shared through a ``TokenSource``. A provider gives
only its token request (where it goes, how the client authenticates, any extra form field)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, Callable
from typing import Final

import httpx

from ..auth import SharedTokenAuth
from ..base import IssuedToken
from ..errors import ProviderAuthError, ProviderError, ProviderResponseInvalid, ProviderUnavailable
from ..metering import upstream_call

TOKEN_REFRESH_MARGIN_S: Final = 60.0
"""A cached token is renewed this long before ``expires_in`` runs out."""
DEFAULT_EXPIRES_IN_S: Final = 3600.0
"""A token's lifetime when the endpoint does not say."""


def parse_token_response(response: httpx.Response, provider: str, connection: str) -> tuple[str, float]:
    """The access token and its lifetime in seconds, or the ``ProviderError`` the answer means."""

    def error(cls: type[ProviderError], message: str) -> ProviderError:
        return cls(
            f"{provider} connection '{connection}': {message}",
            provider=provider,
            connection=connection,
            operation="oauth token",
        )

    if response.status_code in (400, 401, 403):
        raise error(ProviderAuthError, f"the OAuth token request was refused (HTTP {response.status_code})")
    if response.status_code >= 400:
        raise error(ProviderUnavailable, f"the OAuth token endpoint failed (HTTP {response.status_code})")
    try:
        body = response.json()
        token = body["access_token"]
        expires_in = float(body.get("expires_in", DEFAULT_EXPIRES_IN_S))
    except (ValueError, KeyError, TypeError):
        raise error(
            ProviderResponseInvalid, "the OAuth token response is not in the documented format"
        ) from None
    if not isinstance(token, str) or not token:
        raise error(ProviderResponseInvalid, "the OAuth token response has no token")
    return token, expires_in


class ClientCredentialsAuth(SharedTokenAuth):
    """Fetch a token with ``token_request()``, cache it until shortly before it expires, and
    fetch a new one once when the API answers 401 to a cached token. With a ``token_source``
    (shared by whoever builds the adapter) tokens come from there instead."""

    requires_response_body = True

    def __init__(self, token_request: Callable[[], httpx.Request], *, provider: str, connection: str) -> None:
        self.token_request = token_request
        self._provider = provider
        self._connection = connection
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock: asyncio.Lock | None = None

    async def issue(self, client: httpx.AsyncClient) -> IssuedToken:
        try:
            with upstream_call():
                response = await client.send(self.token_request())
        except httpx.HTTPError:
            raise ProviderUnavailable(
                f"{self._provider} connection '{self._connection}': the OAuth token endpoint could not be reached",
                provider=self._provider,
                connection=self._connection,
                operation="oauth token",
            ) from None
        return IssuedToken(*parse_token_response(response, self._provider, self._connection))

    def _store(self, response: httpx.Response) -> None:
        self._token, expires_in = parse_token_response(response, self._provider, self._connection)
        self._expires_at = time.monotonic() + expires_in - TOKEN_REFRESH_MARGIN_S

    def _valid(self) -> bool:
        return self._token is not None and time.monotonic() < self._expires_at

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if self.token_source is not None:
            renew = self._renewal()
            token = await self.token_source.access_token(renew)
            request.headers["Authorization"] = f"Bearer {token}"
            response = yield request
            if response.status_code == 401:
                token = await self.token_source.access_token(renew, refused=token)
                request.headers["Authorization"] = f"Bearer {token}"
                yield request
            return
        if self._lock is None:
            self._lock = asyncio.Lock()
        fresh = False
        if not self._valid():
            async with self._lock:
                if not self._valid():
                    response = yield self.token_request()
                    await response.aread()
                    self._store(response)
                    fresh = True
        request.headers["Authorization"] = f"Bearer {self._token}"
        response = yield request
        if response.status_code == 401 and not fresh:
            # The cached token was revoked or expired early: renew it once and retry.
            self._token = None
            token_response = yield self.token_request()
            await token_response.aread()
            self._store(token_response)
            request.headers["Authorization"] = f"Bearer {self._token}"
            yield request
