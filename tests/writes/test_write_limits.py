"""The write limits are read and checked like the others ([limits] in the config file)."""

from __future__ import annotations

import pytest

from graph.settings import SettingsError, parse_settings

from .support import sandbox_config


def test_write_limits_are_configurable() -> None:
    config = sandbox_config({})
    config["limits"] = {"idempotency_retention_s": 3600, "idempotency_wait_s": 2.5, "max_upload_bytes": 5}
    settings = parse_settings(config)
    assert (settings.idempotency_retention_s, settings.idempotency_wait_s, settings.max_upload_bytes) == (
        3600,
        2.5,
        5,
    )
    defaults = parse_settings(sandbox_config({}))
    assert (defaults.idempotency_retention_s, defaults.max_upload_bytes) == (86_400, 10_000_000)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("idempotency_retention_s", 59, "at least 60"),
        ("idempotency_wait_s", 0, "more than 0"),
        ("max_upload_bytes", 0, "at least 1"),
        ("max_upload_bytes", "10MB", "must be a number"),
    ],
)
def test_a_bad_write_limit_stops_the_start(key: str, value: object, message: str) -> None:
    config = sandbox_config({})
    config["limits"] = {key: value}
    with pytest.raises(SettingsError, match=message):
        parse_settings(config)
