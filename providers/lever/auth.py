"""Lever credentials, and the two ways to present them (declared on the adapter).

An API key goes as HTTP Basic with the key as username and a blank password
(``curl -u API_KEY: ...``); an OAuth access token goes as ``Authorization: Bearer``.
https://hire.lever.co/developer/documentation#authentication
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, SecretStr, model_validator
from pydantic_core import PydanticCustomError


class LeverCredentials(BaseModel):
    """Exactly one of ``api_key`` or ``access_token``; secrets never print."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    api_key: SecretStr | None = None
    access_token: SecretStr | None = None
    webhook_secret: SecretStr | None = None
    """Signs the provider's webhooks to this connection (optional; never logged or echoed)."""

    @model_validator(mode="after")
    def _exactly_one(self) -> LeverCredentials:
        given = [v for v in (self.api_key, self.access_token) if v is not None and v.get_secret_value()]
        if len(given) != 1:
            # The error type is what the connection error message shows; no value is echoed.
            raise PydanticCustomError(
                "give_exactly_one_of_api_key_or_access_token",
                "give exactly one of api_key or access_token",
            )
        return self


class LeverOptions(BaseModel):
    """Per-connection knobs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    include_confidential: bool = False
    """Ask for confidential opportunities and postings too (``confidentiality=all``); the key
    must have been granted confidential access, otherwise Lever returns only the others."""

    actor_id: str | None = None
    """The Lever user writes are made as (``perform_as``) when a mutation names no ``actorId``."""
