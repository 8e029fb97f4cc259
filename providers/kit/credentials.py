"""What connection credential and option models share: frozen, unknown keys refused
(:class:`Settings`; a typo is a config error, not a silently ignored setting), the common
shapes (one API key, a webhook-signing secret, one account option naming the account in its
URL), and a choice of exactly one credential among several
(:func:`exactly_one_of`, named in the error without echoing any value), or one of several sets
of keys (:func:`one_key_set`: an API key, or an OAuth client's id, secret and user)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, create_model, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError


class Settings(BaseModel):
    """A connection's credentials or options: frozen, unknown keys refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ApiKeyCredentials(Settings):
    """One API key, kept secret (sent as the adapter's auth scheme says)."""

    api_key: SecretStr


class SignedCredentials(Settings):
    """Credentials with the secret that signs the provider's webhooks to this connection."""

    webhook_secret: SecretStr | None = None
    """Signs the provider's webhooks to this connection (optional; never logged or echoed)."""


def account_options(option: str, pattern: str) -> type[BaseModel]:
    """Options of one account name, ``option``, that must match ``pattern`` (one URL-safe
    label, so that it can move neither the host nor the path) and that
    ``HttpAdapter.account_url`` fills; optional, as a connection that gives its ``base_url``
    needs none."""
    model: type[BaseModel] = create_model(
        f"{option.title().replace('_', '')}Options",
        __config__=ConfigDict(extra="forbid", frozen=True),
        **{option: (str | None, Field(None, pattern=pattern))},  # type: ignore[call-overload]
    )
    return model


def exactly_one_of(*names: str) -> Any:
    """A model validator (assign it in the class body) requiring exactly one of the fields
    ``names`` to be given and non-empty. The error's type names them (what the connection error
    message shows): ``give_exactly_one_of_api_key_or_access_token``; no value is echoed."""

    def check(model: Any) -> Any:
        given = [n for n in names if _given(getattr(model, n))]
        if len(given) != 1:
            raise PydanticCustomError(
                f"give_exactly_one_of_{'_or_'.join(names)}", f"give exactly one of {' or '.join(names)}"
            )
        return model

    return model_validator(mode="after")(check)


def _given(value: Any) -> bool:
    secret = getattr(value, "get_secret_value", None)
    return bool(secret() if secret is not None else value)


def one_key_set(data: Any, model: str, sets: Sequence[Sequence[str]], both: tuple[str, str]) -> Any:
    """``data`` without its blank values, if it gives the keys of exactly one of ``sets``: keys
    of two sets are the error ``both`` (its type and message, reported at the first set's first
    key), a set begun but not finished (else the first set) reports each key it lacks as
    missing. Anything but a dict is left to the model."""
    if not isinstance(data, dict):
        return data
    given = {k for k, v in data.items() if v not in (None, "")}
    begun = [s for s in sets if given & set(s)]
    errors: list[InitErrorDetails] = []
    if len(begun) > 1:
        kind, message = both
        error = PydanticCustomError(kind, message)
        errors.append(InitErrorDetails(type=error, loc=(sets[0][0],), input=None))
    else:
        wanted = begun[0] if begun else sets[0]
        missing = [key for key in wanted if key not in given]
        errors.extend(InitErrorDetails(type="missing", loc=(key,), input=None) for key in missing)
    if errors:
        raise ValidationError.from_exception_data(model, errors)
    return {k: v for k, v in data.items() if v not in (None, "")}
