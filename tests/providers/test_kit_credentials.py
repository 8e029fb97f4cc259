"""``providers/kit/credentials.py``: frozen strict settings and exactly-one-of credentials."""

from __future__ import annotations

import pytest
from pydantic import SecretStr, ValidationError

from providers.kit.credentials import Settings, exactly_one_of


class Creds(Settings):
    key: SecretStr | None = None
    token: str | None = None
    _one = exactly_one_of("key", "token")


def test_exactly_one_is_accepted() -> None:
    assert Creds(key=SecretStr("k")).token is None
    assert Creds(token="t").key is None


@pytest.mark.parametrize("given", [{}, {"key": "k", "token": "t"}, {"key": ""}, {"token": ""}])
def test_none_or_both_or_blank_are_refused_by_name(given: dict[str, str]) -> None:
    with pytest.raises(ValidationError) as refused:
        Creds.model_validate(given)
    (error,) = refused.value.errors()
    assert error["type"] == "give_exactly_one_of_key_or_token"
    assert error["msg"] == "give exactly one of key or token"


def test_settings_are_frozen_and_refuse_unknown_keys() -> None:
    with pytest.raises(ValidationError):
        Creds.model_validate({"key": "k", "other": 1})
    creds = Creds(token="t")
    with pytest.raises(ValidationError):
        creds.token = "u"  # type: ignore[misc]
