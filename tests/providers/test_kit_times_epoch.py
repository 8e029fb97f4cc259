"""``providers/kit/times.py``: epoch milliseconds read as aware UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import BaseModel, ValidationError

from providers.kit.times import EpochMillisTime


class Stamped(BaseModel):
    at: EpochMillisTime = None


def test_epoch_milliseconds_become_utc_datetimes() -> None:
    expected = datetime(2016, 7, 19, 18, 37, tzinfo=UTC)
    assert Stamped(at=1468953420000).at == expected
    assert Stamped.model_validate({"at": "1468953420000"}).at == expected  # quoted in examples
    assert Stamped(at=1468953420000.0).at == expected
    assert Stamped.model_validate({"at": None}).at is None
    assert Stamped().at is None


def test_an_iso_string_still_parses_and_a_bool_is_no_time() -> None:
    assert Stamped.model_validate({"at": "2016-07-19T18:37:00Z"}).at == datetime(
        2016, 7, 19, 18, 37, tzinfo=UTC
    )
    with pytest.raises(ValidationError):
        Stamped.model_validate({"at": True})


def test_milliseconds_past_what_a_datetime_holds_are_a_validation_error() -> None:
    """Not an OverflowError: the adapter's parse turns only validation errors into an invalid answer."""
    with pytest.raises(ValidationError):
        Stamped.model_validate({"at": 10**30})
