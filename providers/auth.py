"""How a provider authenticates, declared on its adapter class (``ProviderAdapter.auth_schemes``).

The declaration is what the rest of the gateway may know about a provider's auth: tenancy reads
the OAuth grants from it (which token endpoint refreshes a stored connection's token, which
credential the access token is given as) and shares stored tokens through the ``TokenSource``
hook (``providers/base.py``), so it never names a provider. The static schemes (a key or a
token sent as is) also build the adapter's ``httpx.Auth`` (``ProviderAdapter.static_auth``);
a token exchange is the adapter's own code (a ``SharedTokenAuth``).
"""

from __future__ import annotations

import logging
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


@dataclass(frozen=True)
class QueryKey:
    """A credential sent as the query parameter ``param`` of every request (JazzHR's
    ``?apikey=``). The key is then part of every URL, so no message or log may show a
    request's URL unredacted: errors name the provider, connection and resource only, and
    httpx's own request log line is redacted."""

    credential: str
    param: str

    def auth(self, credentials: BaseModel) -> httpx.Auth | None:
        """The auth for these credentials, or None when they do not hold this scheme's."""
        key = _given(credentials, self.credential)
        if key is None:
            return None
        # httpx logs every request's URL at INFO ("HTTP Request: GET <url> ..."): the key is
        # taken out of that record before any handler sees it.
        _REDACT.params.add(self.param)
        logging.getLogger("httpx").addFilter(_REDACT)
        return _QueryAuth(self.param, SecretStr(key))


class _RedactQueryKeys(logging.Filter):
    """Replaces the value of the query keys ``params`` in every ``httpx.URL`` a record carries."""

    def __init__(self) -> None:
        super().__init__()
        self.params: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(isinstance(a, httpx.URL) for a in record.args):
            record.args = tuple(self.redacted(a) if isinstance(a, httpx.URL) else a for a in record.args)
        return True

    def redacted(self, url: httpx.URL) -> httpx.URL:
        for name in self.params & set(url.params.keys()):
            url = url.copy_set_param(name, "[redacted]")
        return url


_REDACT = _RedactQueryKeys()


class _QueryAuth(httpx.Auth):
    def __init__(self, param: str, value: SecretStr) -> None:
        self._param = param
        self._value = value

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.url = request.url.copy_set_param(self._param, self._value.get_secret_value())
        yield request


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


AuthScheme = Basic | BearerHeader | QueryKey | OAuth2ClientCredentials | OAuth2Refresh


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
