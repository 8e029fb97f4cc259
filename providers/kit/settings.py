"""What connection credential and option models share: frozen, unknown keys refused
(:class:`Settings`), and a choice of exactly one credential among several
(:func:`exactly_one_of`, named in the error without echoing any value)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError


class Settings(BaseModel):
    """A connection's credentials or options: frozen, unknown keys refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


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
