"""Credentials given as one of several sets of keys (an API key, or an OAuth client's id,
secret and user): the ``mode="before"`` validation a credentials model runs, naming the keys
at fault and never their values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError


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
