"""Workable SPI v3 authentication: a Bearer token plus the account subdomain.

Reference: https://workable.readme.io/reference/generate-an-access-token (account tokens) and
https://workable.readme.io/reference/partner-token (partners also send ``X-WORKABLE-CLIENT-ID``).
"""

from __future__ import annotations

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
    webhook_secret: SecretStr | None = None
    """Signs the provider's webhooks to this connection (optional; never logged or echoed)."""


class WorkableOptions(BaseModel):
    """A connection's non-secret settings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    actor_id: str | None = None
    """The member (``GET /members`` id) writes are made as when a mutation names none: Workable's
    move, disqualify, revert, comment and copy calls all name the acting ``member_id``."""


def partner_headers(credentials: WorkableCredentials) -> dict[str, str]:
    """What partner tokens send besides the Bearer token (declared on the adapter)."""
    return {"X-WORKABLE-CLIENT-ID": credentials.client_id} if credentials.client_id else {}


def default_base_url(subdomain: str) -> str:
    return f"https://{subdomain}.workable.com/spi/v3"


ACCOUNTS_BASE_URL = "https://www.workable.com/spi/v3"
"""``GET /accounts/{subdomain}`` lives on this host, not on the account's subdomain."""
