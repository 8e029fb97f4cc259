"""The kit's time formats and fan-out, which every provider reads through."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import BaseModel, ValidationError

from providers.kit.fanout import chunks, map_limited
from providers.kit.times import (
    AssumedUtcTimestamp,
    DayOrTimestamp,
    EpochMillis,
    UtcTimestamp,
    epoch_ms,
    epoch_ms_after,
    epoch_ms_before,
    from_epoch_ms,
    iso_z,
    iso_z_seconds,
    parse_iso,
)


class Stamps(BaseModel):
    aware: UtcTimestamp | None = None
    assumed: AssumedUtcTimestamp | None = None
    day: DayOrTimestamp | None = None
    millis: EpochMillis = None


def test_iso_timestamps_become_aware_utc() -> None:
    s = Stamps.model_validate(
        {"aware": "2024-03-01T12:00:00+02:00", "assumed": "2024-03-01T12:00:00", "day": "2024-03-01"}
    )
    assert s.aware == datetime(2024, 3, 1, 10, tzinfo=UTC)
    assert s.aware.tzinfo is UTC
    assert s.assumed == datetime(2024, 3, 1, 12, tzinfo=UTC)
    assert s.day == datetime(2024, 3, 1, tzinfo=UTC)
    with pytest.raises(ValidationError):
        Stamps.model_validate({"aware": "2024-03-01T12:00:00"})  # no offset: not a UtcTimestamp


def test_epoch_milliseconds_round_trip_and_bounds() -> None:
    assert Stamps.model_validate({"millis": "1700000000123"}).millis == 1_700_000_000_123
    when = from_epoch_ms(1_700_000_000_123)
    assert when == datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=UTC)
    assert epoch_ms(when) == 1_700_000_000_123
    assert from_epoch_ms(None) is None
    assert epoch_ms_after(when) == 1_700_000_000_124
    assert epoch_ms_before(when) == 1_700_000_000_122


def test_writers() -> None:
    when = datetime(2024, 1, 31, 14, 0, 0, 500, tzinfo=timezone(timedelta(hours=2)))
    assert iso_z(when) == "2024-01-31T12:00:00.000500Z"
    assert iso_z_seconds(when) == "2024-01-31T12:00:00Z"
    assert parse_iso("2024-01-31T12:00:00Z") == when.replace(microsecond=0)


async def test_map_limited_bounds_concurrency_and_keeps_order() -> None:
    active, peak = 0, 0

    async def work(n: int) -> int:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0.001)
        active -= 1
        return n * 2

    assert await map_limited(work, range(20), 3) == [n * 2 for n in range(20)]
    assert peak == 3
    peak = 0
    await map_limited(work, range(20))  # no bound of its own: the connection's policy caps it
    assert peak == 20


async def test_map_limited_cancels_the_rest_on_failure() -> None:
    finished: list[int] = []

    async def work(n: int) -> int:
        if n == 0:
            raise ValueError("boom")
        await asyncio.sleep(0.05)
        finished.append(n)
        return n

    with pytest.raises(ValueError, match="boom"):
        await map_limited(work, range(5), 5)
    await asyncio.sleep(0.1)
    assert finished == []


def test_chunks() -> None:
    assert chunks(["a", "b", "c"], 2) == [["a", "b"], ["c"]]
    assert chunks([], 2) == []
