"""Timestamps as many APIs write them that ``kit/times.py`` does not cover."""

from __future__ import annotations

from datetime import datetime


def iso_seconds(value: datetime) -> str:
    """ISO 8601 to the second with the value's own offset (``2019-02-05T21:03:16+00:00``)."""
    return value.isoformat(timespec="seconds")
