"""Ashby authentication: HTTP Basic with the API key as the username and a blank password.

https://developers.ashbyhq.com/reference/authentication (spec ``securitySchemes.BasicAuth``).
"""

from __future__ import annotations

import base64
from collections.abc import Generator

import httpx
from pydantic import BaseModel, ConfigDict, SecretStr


class AshbyCredentials(BaseModel):
    """A connection's credentials: ``api_key`` (kept secret: it never prints)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    api_key: SecretStr


class AshbyAuth(httpx.Auth):
    """Adds ``Authorization: Basic base64(<api_key>:)`` to every request."""

    def __init__(self, api_key: SecretStr) -> None:
        self._api_key = api_key

    def __repr__(self) -> str:
        return "AshbyAuth(api_key=**********)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = base64.b64encode(f"{self._api_key.get_secret_value()}:".encode()).decode("ascii")
        request.headers["Authorization"] = f"Basic {token}"
        yield request
