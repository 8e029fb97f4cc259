"""Greenhouse Harvest credentials and the two ways to present them.

* Harvest v1/v2: HTTP Basic with the API key as username and a blank password
  (https://developers.greenhouse.io/harvest.html#authentication).
* Harvest v3: OAuth 2.0 client credentials. ``POST https://auth.greenhouse.io/token`` with HTTP
  Basic ``client_id:client_secret`` and the form ``grant_type=client_credentials&sub=<user_id>``,
  then ``Authorization: Bearer <access_token>`` (https://harvestdocs.greenhouse.io/docs/authentication).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator
from typing import Any, Final

import httpx
from pydantic import BaseModel, ConfigDict, SecretStr, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from ..auth import SharedTokenAuth
from ..base import IssuedToken
from ..errors import ProviderAuthError, ProviderError, ProviderResponseInvalid, ProviderUnavailable
from ..metering import upstream_call

DEFAULT_TOKEN_URL: Final = "https://auth.greenhouse.io/token"
TOKEN_REFRESH_MARGIN_S: Final = 60.0
"""A cached token is renewed this long before ``expires_in`` runs out."""

_V1_KEYS: Final = ("api_key",)
_V3_KEYS: Final = ("client_id", "client_secret", "user_id")


class GreenhouseCredentials(BaseModel):
    """Either ``api_key`` (Harvest v1/v2) or ``client_id`` + ``client_secret`` + ``user_id`` (v3)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    api_key: SecretStr | None = None
    client_id: str | None = None
    client_secret: SecretStr | None = None
    user_id: str | None = None
    webhook_secret: SecretStr | None = None
    """Signs the provider's webhooks to this connection (optional; never logged or echoed)."""

    @model_validator(mode="before")
    @classmethod
    def _exactly_one_set(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        given = {k for k, v in data.items() if v not in (None, "")}
        v1 = given & set(_V1_KEYS)
        v3 = given & set(_V3_KEYS)
        errors: list[InitErrorDetails] = []
        if v1 and v3:
            # Name the keys, never their values.
            errors.append(
                InitErrorDetails(
                    type=PydanticCustomError(
                        "give_either_api_key_or_client_id_secret_user_id_not_both",
                        "give either api_key or client_id + client_secret + user_id, not both",
                    ),
                    loc=("api_key",),
                    input=None,
                )
            )
        elif not v1:
            wanted = _V3_KEYS if v3 else ("api_key",)
            errors.extend(
                InitErrorDetails(type="missing", loc=(key,), input=None) for key in wanted if key not in given
            )
        if errors:
            raise ValidationError.from_exception_data(cls.__name__, errors)
        return {k: v for k, v in data.items() if v not in (None, "")}

    @property
    def uses_oauth(self) -> bool:
        return self.client_id is not None


class GreenhouseOptions(BaseModel):
    """Connection options: the OAuth token URL (tests and the simulator point it elsewhere)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    token_url: str = DEFAULT_TOKEN_URL


def token_request(credentials: GreenhouseCredentials, token_url: str) -> httpx.Request:
    """The client-credentials token request (HTTP Basic ``client_id:client_secret``)."""
    assert credentials.client_id is not None
    assert credentials.client_secret is not None
    assert credentials.user_id is not None
    basic = httpx.BasicAuth(credentials.client_id, credentials.client_secret.get_secret_value())
    request = httpx.Request(
        "POST", token_url, data={"grant_type": "client_credentials", "sub": credentials.user_id}
    )
    return next(basic.auth_flow(request))


def parse_token_response(response: httpx.Response, connection: str) -> tuple[str, float]:
    """The access token and its lifetime in seconds, or the ``ProviderError`` the answer means."""
    where = f"greenhouse connection '{connection}'"

    def error(cls: type[ProviderError], message: str) -> ProviderError:
        return cls(
            f"{where}: {message}", provider="greenhouse", connection=connection, operation="oauth token"
        )

    if response.status_code in (400, 401, 403):
        raise error(ProviderAuthError, f"the OAuth token request was refused (HTTP {response.status_code})")
    if response.status_code >= 400:
        raise error(ProviderUnavailable, f"the OAuth token endpoint failed (HTTP {response.status_code})")
    try:
        body = response.json()
        token = body["access_token"]
        expires_in = float(body.get("expires_in", 3600))
    except (ValueError, KeyError, TypeError):
        raise error(
            ProviderResponseInvalid, "the OAuth token response is not in the documented format"
        ) from None
    if not isinstance(token, str) or not token:
        raise error(ProviderResponseInvalid, "the OAuth token response has no token")
    return token, expires_in


class ClientCredentialsAuth(SharedTokenAuth):
    """OAuth client-credentials flow: fetch a token, cache it until shortly before it expires,
    and fetch a new one once when the API answers 401 with a cached token. With a
    ``token_source`` (shared by whoever builds the adapter) tokens come from there instead."""

    requires_response_body = True

    def __init__(self, credentials: GreenhouseCredentials, *, token_url: str, connection: str) -> None:
        self.credentials = credentials
        self.token_url = token_url
        self._connection = connection
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock: asyncio.Lock | None = None

    async def issue(self, client: httpx.AsyncClient) -> IssuedToken:
        try:
            with upstream_call():
                response = await client.send(token_request(self.credentials, self.token_url))
        except httpx.HTTPError:
            raise ProviderUnavailable(
                f"greenhouse connection '{self._connection}': the OAuth token endpoint could not be reached",
                provider="greenhouse",
                connection=self._connection,
                operation="oauth token",
            ) from None
        return IssuedToken(*parse_token_response(response, self._connection))

    def _store(self, response: httpx.Response) -> None:
        self._token, expires_in = parse_token_response(response, self._connection)
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
                    response = yield token_request(self.credentials, self.token_url)
                    await response.aread()
                    self._store(response)
                    fresh = True
        request.headers["Authorization"] = f"Bearer {self._token}"
        response = yield request
        if response.status_code == 401 and not fresh:
            # The cached token was revoked or expired early: renew it once and retry.
            self._token = None
            token_response = yield token_request(self.credentials, self.token_url)
            await token_response.aread()
            self._store(token_response)
            request.headers["Authorization"] = f"Bearer {self._token}"
            yield request
