"""``kit/utcparam.py``: a time filter sent in UTC in the provider's format, read back by its simulator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from providers.kit.utcparam import utc_param


def test_the_time_is_sent_in_utc_and_read_back() -> None:
    param = utc_param("newSince", "%Y-%m-%d %H:%M:%S")
    local = datetime(2024, 1, 1, 15, 0, 5, tzinfo=timezone(timedelta(hours=2)))
    assert param.name == "newSince"
    assert param.recheck
    assert param.format(local) == "2024-01-01 13:00:05"
    assert param.parse("2024-01-01 13:00:05") == datetime(2024, 1, 1, 13, 0, 5, tzinfo=UTC)


def test_recheck_can_be_turned_off() -> None:
    assert not utc_param("since", "%Y%m%d", recheck=False).recheck
