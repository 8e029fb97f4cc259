"""``iso_epoch_s``: a webhook's ISO time read without failing the delivery."""

from __future__ import annotations

from datetime import UTC, datetime

from providers.kit.times import iso_epoch_s


def test_iso_strings_with_z_or_an_offset_are_epoch_seconds() -> None:
    expected = datetime(2024, 5, 1, 12, 0, tzinfo=UTC).timestamp()
    assert iso_epoch_s("2024-05-01T12:00:00Z") == expected
    assert iso_epoch_s("2024-05-01T14:00:00+02:00") == expected


def test_anything_else_is_none() -> None:
    assert [iso_epoch_s(v) for v in (None, 1714564800, "yesterday", "")] == [None, None, None, None]
