"""``kit/credentials.py``: bases of credentials and options models: unknown keys refused, immutable, a webhook secret."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from providers.kit.credentials import Settings, SignedCredentials


class Options(Settings):
    region: str = "eu"


class Credentials(SignedCredentials):
    token: str


def test_unknown_keys_are_refused_and_models_are_frozen() -> None:
    with pytest.raises(ValidationError):
        Options.model_validate({"regoin": "us"})
    options = Options()
    with pytest.raises(ValidationError):
        options.region = "us"  # type: ignore[misc]


def test_signed_credentials_keep_the_webhook_secret_secret() -> None:
    c = Credentials.model_validate({"token": "t", "webhook_secret": "s3cret"})
    assert c.webhook_secret is not None
    assert c.webhook_secret.get_secret_value() == "s3cret"
    assert "s3cret" not in repr(c)
    assert Credentials(token="t").webhook_secret is None
