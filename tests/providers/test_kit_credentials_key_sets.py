"""The kit's credentials given as one of several key sets (``kit/credentials.py``)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError, model_validator

from providers.kit.credentials import one_key_set

BOTH = ("give_either_key_or_client_not_both", "give either key or client id + secret, not both")


class KeySetCreds(BaseModel):
    key: str | None = None
    client_id: str | None = None
    client_secret: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _one(cls, data: Any) -> Any:
        return one_key_set(data, cls.__name__, (("key",), ("client_id", "client_secret")), BOTH)


@pytest.mark.parametrize(
    ("data", "kept"),
    [
        ({"key": "k", "client_id": ""}, {"key": "k"}),
        ({"client_id": "c", "client_secret": "s", "key": None}, {"client_id": "c", "client_secret": "s"}),
    ],
)
def test_one_whole_set_is_kept_without_blank_values(data: dict[str, Any], kept: dict[str, str]) -> None:
    assert KeySetCreds.model_validate(data).model_dump(exclude_none=True) == kept


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, [("missing", ("key",))]),
        ({"client_secret": "HUSH"}, [("missing", ("client_id",))]),
        ({"key": "HUSH", "client_id": "c"}, [(BOTH[0], ("key",))]),
    ],
)
def test_the_keys_at_fault_are_named_never_their_values(
    data: dict[str, Any], errors: list[tuple[str, tuple[str, ...]]]
) -> None:
    with pytest.raises(ValidationError) as info:
        KeySetCreds.model_validate(data)
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == errors
    assert "HUSH" not in str(info.value)


def test_anything_but_a_dict_is_left_to_the_model() -> None:
    assert one_key_set(None, "KeySetCreds", (("key",),), BOTH) is None
