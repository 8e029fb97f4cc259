"""Events at run time: settings from the environment, which connections are polled, and a
poll round over the layer's real targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from providers.records import Resource
from tenancy.events.service import EventService, EventSettings, EventSettingsError
from tenancy.events.types import LogScope

from .admin_app import admin_app


def test_settings_default_and_parse() -> None:
    default = EventSettings.from_env({})
    assert default.retention_s == 30 * 86400
    assert default.poll_interval_s == 60
    assert default.poll == ()
    assert default.webhooks.max_age_s == 24 * 3600
    assert not default.allow_private_targets
    given = EventSettings.from_env(
        {
            "HIREGRAPH_EVENTS_RETENTION_DAYS": "7",
            "HIREGRAPH_EVENTS_POLL": " demo , acme/main ",
            "HIREGRAPH_EVENTS_POLL_INTERVAL_S": "15",
            "HIREGRAPH_WEBHOOKS_MAX_AGE_H": "2",
            "HIREGRAPH_ALLOW_PRIVATE_UPSTREAMS": "1",
        }
    )
    assert given.retention_s == 7 * 86400
    assert given.poll == ("demo", "acme/main")
    assert given.poll_interval_s == 15
    assert given.webhooks.max_age_s == 7200
    assert given.allow_private_targets


@pytest.mark.parametrize("value", ["0", "-1", "soon", "inf"])
def test_malformed_settings_fail_loudly(value: str) -> None:
    with pytest.raises(EventSettingsError, match="HIREGRAPH_EVENTS_POLL_INTERVAL_S"):
        EventSettings.from_env({"HIREGRAPH_EVENTS_POLL_INTERVAL_S": value})


async def test_a_server_without_a_store_keeps_events_in_memory_and_offers_no_webhooks() -> None:
    service = await EventService.open(None, {})
    try:
        assert service.dispatcher is None
        assert await service.log.bounds(LogScope("", "demo")) == (0, 0)
    finally:
        await service.aclose()


async def test_the_layer_polls_the_named_static_and_stored_connections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HIREGRAPH_EVENTS_POLL", "demo,acme/main")
    monkeypatch.setenv("HIREGRAPH_EVENTS_POLL_INTERVAL_S", "3600")
    async with admin_app(tmp_path, monkeypatch) as app:
        await app.create(name="main", provider="sandbox", options={"size": 20})
        await app.create(name="other", provider="sandbox", options={"size": 20})
        layer = app.app.state.tenancy
        targets = await layer.poll_targets()
        assert sorted((s.tenant, s.connection) for s, _ in targets) == [("", "demo"), ("acme", "main")]
        # A round records each watched resource's baseline: nothing changed yet, no event.
        assert await layer.events.poll_round(layer.poll_targets) == 0
        state = layer.events.poller.state
        assert await state.watermark(LogScope("acme", "main"), Resource.APPLICATION) is not None
