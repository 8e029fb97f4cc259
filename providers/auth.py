"""How a provider authenticates, declared on its adapter class (``ProviderAdapter.auth_schemes``).

The declaration is what the rest of the gateway may know about a provider's auth: tenancy reads
the OAuth grants from it (which token endpoint refreshes a stored connection's token, which
credential the access token is given as) and shares stored tokens through the ``TokenSource``
hook (``providers/base.py``), so it never names a provider. The static schemes (a key or a
token sent as is) also build the adapter's ``httpx.Auth`` (``ProviderAdapter.static_auth``);
a token exchange is the adapter's own code (a ``SharedTokenAuth``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx
from pydantic import BaseModel, SecretStr

if TYPE_CHECKING:
    from .base import IssuedToken, TokenSource


def _given(credentials: BaseModel, name: str) -> str | None:
    value = getattr(credentials, name, None)
    secret = value.get_secret_value() if isinstance(value, SecretStr) else value
    return str(secret) if secret else None


@dataclass(frozen=True)
class Basic:
    """HTTP Basic with a credential as the username and a fixed password (API keys)."""

    username: str
    """The credential sent as the username."""
    password: str = ""
    """What the provider wants as the password (blank for most; BambooHR's docs use ``x``)."""

    def auth(self, credentials: BaseModel) -> httpx.Auth | None:
        """The auth for these credentials, or None when they do not hold this scheme's."""
        key = _given(credentials, self.username)
        return httpx.BasicAuth(key, self.password) if key is not None else None


@dataclass(frozen=True)
class BearerHeader:
    """A credential sent as a header, ``Authorization: Bearer <token>`` unless declared otherwise."""

    credential: str
    header: str = "Authorization"
    prefix: str = "Bearer "

    def auth(self, credentials: BaseModel) -> httpx.Auth | None:
        """The auth for these credentials, or None when they do not hold this scheme's."""
        token = _given(credentials, self.credential)
        return _HeaderAuth(self.header, SecretStr(self.prefix + token)) if token is not None else None


class _HeaderAuth(httpx.Auth):
    def __init__(self, header: str, value: SecretStr) -> None:
        self._header = header
        self._value = value

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[self._header] = self._value.get_secret_value()
        yield request


@dataclass(frozen=True)
class OAuth2ClientCredentials:
    """OAuth 2.0 client credentials (RFC 6749 §4.4): the adapter exchanges its credentials for
    short-lived tokens itself, and a stored connection keeps them in a ``TokenSource``."""

    token_url: str
    """The default token endpoint (a connection option may point elsewhere)."""


@dataclass(frozen=True)
class OAuth2Refresh:
    """OAuth 2.0 authorization code + refresh token (RFC 6749 §4.1.3 and §6): a stored
    connection keeps ``client_id``, ``client_secret`` and the refresh token, and tenancy hands
    the adapter a current access token as the ``credential`` it takes."""

    token_url: str
    credential: str = "access_token"
    """The adapter credential the access token is passed as."""
    default_expires_in: float = 3600.0
    """The token's lifetime when the endpoint does not say."""


AuthScheme = Basic | BearerHeader | OAuth2ClientCredentials | OAuth2Refresh


class SharedTokenAuth(httpx.Auth, ABC):
    """An auth that obtains its own tokens, and can take them from a ``TokenSource`` instead
    (``ProviderAdapter.share_tokens``): stored connections, whose tokens every worker shares."""

    token_source: TokenSource | None = None
    _renew_through: httpx.AsyncClient | None = None

    def share(self, source: TokenSource, client: httpx.AsyncClient) -> None:
        """Take tokens from ``source``; new ones are requested through ``client`` (the
        adapter's own, so a simulated connection reaches its simulator)."""
        self.token_source = source
        self._renew_through = client

    @abstractmethod
    async def issue(self, client: httpx.AsyncClient) -> IssuedToken:
        """Ask the token endpoint for a new token through ``client``; a ``ProviderError`` if refused."""

    def _renewal(self) -> Callable[[], Awaitable[IssuedToken]]:
        client = self._renew_through
        assert client is not None

        async def renew() -> IssuedToken:
            return await self.issue(client)

        return renew
