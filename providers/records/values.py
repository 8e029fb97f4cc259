"""Value objects embedded in records (they have no identity of their own)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EmailAddress(Value):
    email: str
    type: str | None = None
    is_primary: bool | None = None


class PhoneNumber(Value):
    number: str
    type: str | None = None
    extension: str | None = None


class Url(Value):
    url: str
    type: str | None = None


class Source(Value):
    id: str | None = None
    name: str | None = None


class Team(Value):
    id: str | None = None
    name: str | None = None


class Compensation(Value):
    min: Decimal | None = None
    max: Decimal | None = None
    currency: str | None = None
    period: str | None = None


class FormFieldOption(Value):
    label: str
    value: str | None = None


class FormValue(Value):
    question: str
    answer: str | None = None
