"""Workable SPI v3 authentication: a Bearer token plus the account subdomain.

Reference: https://workable.readme.io/reference/generate-an-access-token (account tokens) and
https://workable.readme.io/reference/partner-token (partners also send ``X-WORKABLE-CLIENT-ID``).
"""

from __future__ import annotations

from collections.abc import Generator

import httpx
from pydantic import BaseModel, ConfigDict, Field, SecretStr


class WorkableCredentials(BaseModel):
    """A connection's secrets. ``SecretStr`` keeps the token out of reprs and logs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    api_token: SecretStr
    """An account API access token, an OAuth access token or a partner token."""
    subdomain: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,62}$")
    """The account subdomain (``nangodev`` in ``https://nangodev.workable.com``)."""
    client_id: str | None = None
    """Partner tokens only: sent as ``X-WORKABLE-CLIENT-ID``."""


class WorkableAuth(httpx.Auth):
    """``Authorization: Bearer <token>`` (and the partner client id when configured)."""

    def __init__(self, credentials: WorkableCredentials) -> None:
        self._token = credentials.api_token
        self._client_id = credentials.client_id

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._token.get_secret_value()}"
        if self._client_id:
            request.headers["X-WORKABLE-CLIENT-ID"] = self._client_id
        yield request


def default_base_url(subdomain: str) -> str:
    return f"https://{subdomain}.workable.com/spi/v3"


ACCOUNTS_BASE_URL = "https://www.workable.com/spi/v3"
"""``GET /accounts/{subdomain}`` lives on this host, not on the account's subdomain."""
