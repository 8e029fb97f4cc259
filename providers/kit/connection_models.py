"""Bases of a provider's ``credentials_model`` and ``options_model``: no unknown keys (a typo is
a config error, not a silently ignored setting) and immutable; credentials that may sign the
provider's webhooks carry the optional ``webhook_secret`` every webhook scheme reads."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, SecretStr


class ConnectionModel(BaseModel):
    """A connection's credentials or options."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SignedCredentials(ConnectionModel):
    """Credentials with the secret that signs the provider's webhooks to this connection."""

    webhook_secret: SecretStr | None = None
    """Signs the provider's webhooks to this connection (optional; never logged or echoed)."""
