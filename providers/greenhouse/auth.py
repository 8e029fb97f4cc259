"""Greenhouse Harvest credentials and the two ways to present them.

* Harvest v1/v2: HTTP Basic with the API key as username and a blank password
  (https://developers.greenhouse.io/harvest.html#authentication).
* Harvest v3: OAuth 2.0 client credentials. ``POST https://auth.greenhouse.io/token`` with HTTP
  Basic ``client_id:client_secret`` and the form ``grant_type=client_credentials&sub=<user_id>``,
  then ``Authorization: Bearer <access_token>`` (https://harvestdocs.greenhouse.io/docs/authentication).
"""

from __future__ import annotations

from typing import Any, Final

import httpx
from pydantic import SecretStr, model_validator

from ..kit.credentials import Settings, SignedCredentials, one_key_set

DEFAULT_TOKEN_URL: Final = "https://auth.greenhouse.io/token"

_V1_KEYS: Final = ("api_key",)
_V3_KEYS: Final = ("client_id", "client_secret", "user_id")
BOTH: Final = (
    "give_either_api_key_or_client_id_secret_user_id_not_both",
    "give either api_key or client_id + client_secret + user_id, not both",
)


class GreenhouseCredentials(SignedCredentials):
    """Either ``api_key`` (Harvest v1/v2) or ``client_id`` + ``client_secret`` + ``user_id`` (v3)."""

    api_key: SecretStr | None = None
    client_id: str | None = None
    client_secret: SecretStr | None = None
    user_id: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _exactly_one_set(cls, data: Any) -> Any:
        return one_key_set(data, cls.__name__, (_V1_KEYS, _V3_KEYS), BOTH)

    @property
    def uses_oauth(self) -> bool:
        return self.client_id is not None


class GreenhouseOptions(Settings):
    """Connection options: the OAuth token URL (tests and the simulator point it elsewhere)."""

    token_url: str = DEFAULT_TOKEN_URL
    actor_id: str | None = None
    """The Greenhouse user writes are made on behalf of (``On-Behalf-Of``) when a mutation
    names none in ``actorId``."""


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
