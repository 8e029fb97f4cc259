"""The base of every provider's wire models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidatorFunctionWrapHandler, model_validator


class WireModel(BaseModel):
    """A provider payload: lenient to fields the provider adds, and keeping the JSON object it
    was parsed from, which becomes the record's ``remoteData`` exactly as received."""

    model_config = ConfigDict(extra="allow", frozen=True)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_raw(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        model = handler(data)
        if isinstance(data, dict) and isinstance(model, WireModel):
            # An attribute beside the fields, not a pydantic private attribute: declaring one
            # makes pydantic run a post-init hook on every instance, once per class of its
            # inheritance chain, which cost three times the validation itself
            # (bench/upstream_cpu.py). Not a field, so never dumped.
            object.__setattr__(model, "_raw", data)
        return model

    @property
    def raw(self) -> dict[str, Any]:
        """The JSON object exactly as the provider sent it ({} for a model not parsed from one)."""
        raw: dict[str, Any] = self.__dict__.get("_raw", {})
        return raw
