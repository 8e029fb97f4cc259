"""The connection settings most API-key providers take: one secret key, and one option naming
the account in its URL (a subdomain, a path segment) that ``HttpAdapter.account_url`` fills."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, SecretStr, create_model


class ApiKeyCredentials(BaseModel):
    """One API key, kept secret."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    api_key: SecretStr


def account_options(option: str, pattern: str) -> type[BaseModel]:
    """Options of one account name, ``option``, that must match ``pattern`` (one URL-safe
    label, so that it can move neither the host nor the path); optional, as a connection that
    gives its ``base_url`` needs none."""
    model: type[BaseModel] = create_model(
        f"{option.title().replace('_', '')}Options",
        __config__=ConfigDict(extra="forbid", frozen=True),
        **{option: (str | None, Field(None, pattern=pattern))},  # type: ignore[call-overload]
    )
    return model
