"""The time formats providers send and take, read as timezone-aware UTC datetimes.

- ISO 8601 with ``Z`` or an offset (Greenhouse, Ashby): :data:`UtcTimestamp`.
- ISO 8601 without an offset, documented as UTC (Workable): :data:`AssumedUtcTimestamp`.
- A bare ``YYYY-MM-DD`` day where a timestamp is expected (Greenhouse offers): :data:`DayOrTimestamp`.
- Epoch milliseconds, sometimes quoted (Lever): :data:`EpochMillis`, :func:`from_epoch_ms`.

The writers (:func:`iso_z`, :func:`iso_z_seconds`, :func:`epoch_ms_after`, ...) format the
unified filters' bounds for a provider's query parameters.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from typing import Annotated, Any, Final

from pydantic import AfterValidator, AwareDatetime, BeforeValidator

_DAY: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def as_utc(value: datetime) -> datetime:
    """An aware datetime moved to UTC."""
    return value.astimezone(UTC)


def assume_utc(value: datetime) -> datetime:
    """A naive datetime taken as UTC, an aware one moved to UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _day_as_midnight(value: Any) -> Any:
    if isinstance(value, str) and _DAY.match(value):
        return f"{value}T00:00:00Z"
    return value


def _digits_as_int(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return value


UtcTimestamp = Annotated[AwareDatetime, AfterValidator(as_utc)]
"""An ISO-8601 timestamp with ``Z`` or an offset (a naive one is rejected), normalised to UTC."""
AssumedUtcTimestamp = Annotated[datetime, AfterValidator(assume_utc)]
"""An ISO-8601 timestamp whose provider documents UTC, so a missing offset means UTC."""
DayOrTimestamp = Annotated[AwareDatetime, BeforeValidator(_day_as_midnight), AfterValidator(as_utc)]
"""A timestamp, or a bare ``YYYY-MM-DD`` day read as midnight UTC (e.g. Greenhouse ``offer.sent_at``)."""
EpochMillis = Annotated[int | None, BeforeValidator(_digits_as_int)]
"""Epoch milliseconds, kept as the integer on the wire; digit strings (seen in documentation
examples) are accepted. :func:`from_epoch_ms` makes it a datetime."""


def from_epoch_ms(value: int | None) -> datetime | None:
    """Epoch milliseconds -> aware UTC datetime."""
    if value is None:
        return None
    return datetime.fromtimestamp(value / 1000, tz=UTC)


def to_epoch_ms(value: datetime) -> float:
    """Aware datetime -> epoch milliseconds (fractional)."""
    return value.timestamp() * 1000


def epoch_ms_after(bound: datetime) -> int:
    """The inclusive epoch-ms lower bound that means "strictly after ``bound``"."""
    return math.floor(to_epoch_ms(bound)) + 1


def epoch_ms_before(bound: datetime) -> int:
    """The inclusive epoch-ms upper bound that means "strictly before ``bound``"."""
    return math.ceil(to_epoch_ms(bound)) - 1


def iso_z(value: datetime) -> str:
    """ISO 8601 in UTC with ``Z`` (microseconds kept when present)."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def iso_z_seconds(value: datetime) -> str:
    """ISO 8601 in UTC to the second, with ``Z`` (``2024-01-31T12:00:00Z``)."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_z_millis(value: datetime) -> str:
    """ISO 8601 in UTC to the millisecond, with ``Z`` (``2024-01-31T12:00:00.000Z``)."""
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(value: str) -> datetime:
    """An ISO-8601 string with ``Z`` or an offset (as clients send it in query parameters)."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def iso_epoch_s(value: object) -> float | None:
    """Epoch seconds of an ISO-8601 string with ``Z`` or an offset (None: not a string, or not
    ISO 8601): a time a webhook delivery may carry, read without failing the delivery."""
    if not isinstance(value, str):
        return None
    try:
        return parse_iso(value).timestamp()
    except ValueError:
        return None


def parse_instant(value: str | None) -> datetime | None:
    """A time a client sends in a query parameter, ISO 8601 or epoch seconds, in UTC (None: none
    or unreadable): the server side of ``iso_z_seconds`` and its kind (simulators)."""
    if not value:
        return None
    try:
        return parse_iso(value).astimezone(UTC)
    except ValueError:
        pass
    try:
        return datetime.fromtimestamp(float(value), UTC) if value.isdigit() else None
    except (OverflowError, OSError, ValueError):  # a number of seconds past year 9999
        return None


def epoch_ms(value: datetime | None) -> int | None:
    """Aware datetime -> whole epoch milliseconds, as providers send them (simulators render these)."""
    return None if value is None else round(to_epoch_ms(value))


def _epoch_ms_as_datetime(value: Any) -> Any:
    value = _digits_as_int(value)  # some documentation examples quote the milliseconds
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return from_epoch_ms(int(value))
        except (OverflowError, OSError):  # past what a datetime holds: pydantic reports a ValueError
            raise ValueError("epoch milliseconds out of range") from None
    return value


EpochMillisTime = Annotated[AwareDatetime | None, BeforeValidator(_epoch_ms_as_datetime)]
"""Epoch milliseconds (digit strings accepted) read as an aware UTC datetime; an ISO string
still parses. :data:`EpochMillis` keeps the integer instead."""


def iso_seconds(value: datetime) -> str:
    """ISO 8601 to the second with the value's own offset (``2019-02-05T21:03:16+00:00``)."""
    return value.isoformat(timespec="seconds")
