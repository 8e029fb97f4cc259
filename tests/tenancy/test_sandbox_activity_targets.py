"""Which sandbox connections the live activity changes: the static ones the operator names,
stored (tenant) ones only when named ``tenant/name`` (or ``*``), each logged in its own log."""

from __future__ import annotations

from pathlib import Path

import pytest

from tenancy.events.types import EventSource, LogScope
from tenancy.layer import TenancyLayer

from .admin_app import admin_app


async def _targets(layer: TenancyLayer) -> list[tuple[str, str]]:
    found = await layer.activity_targets()
    return sorted((scope.tenant, scope.connection) for scope, _ in found)


async def test_stored_connections_get_activity_only_when_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HIREGRAPH_SANDBOX_ACTIVITY", "demo,acme/main")
    monkeypatch.setenv("HIREGRAPH_SANDBOX_ACTIVITY_S", "3600")  # rounds run by hand below
    async with admin_app(tmp_path, monkeypatch) as app:
        await app.create(name="main", provider="sandbox", options={"size": 20})
        await app.create(name="other", provider="sandbox", options={"size": 20})
        layer = app.app.state.tenancy
        assert await _targets(layer) == [("", "demo"), ("acme", "main")]
        added = await layer.live.round()
        assert {(e.scope.tenant, e.scope.connection) for e in added} == {("", "demo"), ("acme", "main")}
        assert {e.source for e in added} == {EventSource.SANDBOX}
        # The stored connection's events are in its tenant's log; the unnamed one has none.
        assert (await layer.events.log.bounds(LogScope("acme", "main")))[1] >= 1
        assert await layer.events.log.bounds(LogScope("acme", "other")) == (0, 0)


async def test_a_static_name_does_not_reach_a_stored_connection_of_that_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HIREGRAPH_SANDBOX_ACTIVITY", "demo,main")
    monkeypatch.setenv("HIREGRAPH_SANDBOX_ACTIVITY_S", "3600")
    async with admin_app(tmp_path, monkeypatch) as app:
        await app.create(name="main", provider="sandbox", options={"size": 20})
        assert await _targets(app.app.state.tenancy) == [("", "demo")]
