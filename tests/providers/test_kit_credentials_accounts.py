"""``kit/credentials.py``: one secret API key, one validated account option."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from providers.kit.credentials import ApiKeyCredentials, account_options


def test_the_key_is_secret_and_nothing_else_is_taken() -> None:
    creds = ApiKeyCredentials.model_validate({"api_key": "s3cr3t"})
    assert creds.api_key.get_secret_value() == "s3cr3t"
    assert "s3cr3t" not in repr(creds)
    with pytest.raises(ValidationError):
        ApiKeyCredentials.model_validate({"api_key": "k", "other": 1})


def test_the_account_option_is_optional_and_must_match_its_pattern() -> None:
    Options = account_options("company_domain", r"^[a-z]+$")
    assert Options.__name__ == "CompanyDomainOptions"
    assert Options.model_validate({}).company_domain is None  # type: ignore[attr-defined]
    assert Options.model_validate({"company_domain": "acme"}).company_domain == "acme"  # type: ignore[attr-defined]
    for bad in ({"company_domain": "evil.com/x"}, {"other": "x"}):
        with pytest.raises(ValidationError):
            Options.model_validate(bad)
