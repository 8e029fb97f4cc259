"""The sandbox's live activity in a served app: uvicorn on a loopback port, the activity at a
fast rate, its events in the ``events`` query and in a subscription over a real WebSocket;
none when it is off or the connection is not marked; a clean stop at shutdown."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from websockets.asyncio.client import connect

from graph.app import create_app
from graph.cli import WEBSOCKETS
from graph.settings import SettingsError, default_settings, parse_settings
from providers.errors import ConnectionConfigError
from tenancy.events.activity import ActivitySettings

from ..serving import on_loopback

README = Path(__file__).resolve().parents[2] / "README.md"
INTERVAL_S = 0.1
CONFIG: dict[str, Any] = {
    "connections": {
        "demo": {"provider": "sandbox", "seed": 7, "size": 20},
        "quiet": {"provider": "sandbox", "seed": 7, "size": 20},
    },
    "sandbox_activity": {"connections": ["demo"], "interval_s": INTERVAL_S, "seed": 1},
}
EVENTS = """query($after: String) {
  events(after: $after, first: 100) {
    events { cursor type source recordId application { id currentStage { name } } candidate { name } }
    endCursor
  }
}"""


@asynccontextmanager
async def serve(config: Mapping[str, Any], tmp_path: Path) -> AsyncIterator[tuple[int, Starlette]]:
    app = create_app(parse_settings(config), database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    async with on_loopback(app, http="h11", ws=WEBSOCKETS) as port:
        yield port, app


@pytest.fixture(autouse=True)
def _activity_from_config(monkeypatch: pytest.MonkeyPatch) -> None:
    # The suite turns the activity off through the environment (tests/conftest.py): here the
    # config decides.
    monkeypatch.delenv("HIREGRAPH_SANDBOX_ACTIVITY_S", raising=False)
    monkeypatch.delenv("HIREGRAPH_SANDBOX_ACTIVITY", raising=False)


def _readme_subscription() -> str:
    """The README's live-events example (the quick start promises it works on ./dev serve)."""
    blocks = re.findall(r"```graphql\n(.*?)```", README.read_text(), re.DOTALL)
    (found,) = [b for b in blocks if b.lstrip().startswith("subscription")]
    return found


def _version(app: Starlette, name: str) -> int:
    version: int = app.state.pool.adapters[name].dataset.version
    return version


async def _events(port: int, connection: str, after: str | None = None) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", trust_env=False) as client:
        answer = await client.post(
            "/graphql",
            json={"query": EVENTS, "variables": {"after": after}},
            headers={"X-Hiregraph-Connection": connection},
        )
    body = answer.json()
    assert "errors" not in body, body
    found: dict[str, Any] = body["data"]["events"]
    return found


async def test_the_activity_changes_the_marked_sandbox_at_its_rate_and_logs_each_change(
    tmp_path: Path,
) -> None:
    async with serve(CONFIG, tmp_path) as (port, app):
        start, quiet = _version(app, "demo"), _version(app, "quiet")
        began = time.monotonic()
        await asyncio.sleep(1.0)
        changes = _version(app, "demo") - start
        elapsed = time.monotonic() - began
        # One change per interval (the first after one interval), never more.
        assert 0.5 * elapsed / INTERVAL_S - 1 <= changes <= elapsed / INTERVAL_S + 1, (changes, elapsed)
        assert _version(app, "quiet") == quiet  # not marked: never changed
        assert "live sandbox activity on demo, one change every 0.1 s" in app.state.tenancy.notice(
            "127.0.0.1"
        )
        page = await _events(port, "demo")
        events = page["events"]
        assert len(events) >= changes
        assert {e["source"] for e in events} == {"sandbox"}
        for event in events:
            # Every event's record exists: what the activity logged, reads see.
            if event["type"].startswith("APPLICATION"):
                assert event["application"]["id"] == event["recordId"]
                assert event["application"]["currentStage"]["name"]
            if event["type"].startswith("CANDIDATE"):
                assert event["candidate"]["name"]
        assert (await _events(port, "quiet"))["events"] == []
    # Shut down: the task has stopped, between changes, and changes nothing more.
    live = app.state.tenancy.live
    assert live is not None
    assert live._task is None
    stopped = _version(app, "demo")
    await asyncio.sleep(3 * INTERVAL_S)
    assert _version(app, "demo") == stopped


async def test_a_subscription_shows_the_activity_live_over_a_real_socket(tmp_path: Path) -> None:
    async with serve(CONFIG, tmp_path) as (port, _):
        ws = await connect(f"ws://127.0.0.1:{port}/graphql", subprotocols=["graphql-transport-ws"])  # type: ignore[list-item]
        try:
            await ws.send(json.dumps({"type": "connection_init", "payload": {"connection": "demo"}}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            query = _readme_subscription()
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
            seen = []
            for _ in range(5):
                message = json.loads(await asyncio.wait_for(ws.recv(), 10))
                assert message["type"] == "next", message
                assert "errors" not in message["payload"], message
                seen.append(message["payload"]["data"]["events"])
        finally:
            await ws.close()
    assert {e["source"] for e in seen} == {"sandbox"}
    cursors = [e["cursor"] for e in seen]
    assert len(set(cursors)) == 5


async def test_no_activity_when_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIREGRAPH_SANDBOX_ACTIVITY_S", "0")
    async with serve(CONFIG, tmp_path) as (port, app):
        start = _version(app, "demo")
        await asyncio.sleep(5 * INTERVAL_S)
        assert _version(app, "demo") == start
        assert app.state.tenancy.live is None
        assert "live sandbox activity" not in app.state.tenancy.notice("127.0.0.1")
        assert (await _events(port, "demo"))["events"] == []


def test_the_embedded_default_marks_its_sandbox_and_a_config_file_marks_none() -> None:
    assert default_settings().sandbox_activity == ActivitySettings(connections=("sandbox",))
    plain = parse_settings({"connections": {"demo": {"provider": "sandbox"}}})
    assert not plain.sandbox_activity.enabled
    # Stored connections only when named (tenant/name) or with *.
    marked = ActivitySettings(connections=("sandbox",))
    assert not marked.wants("acme", "sandbox")
    assert ActivitySettings(connections=("acme/sandbox",)).wants("acme", "sandbox")
    env = marked.with_env(
        {"HIREGRAPH_SANDBOX_ACTIVITY": "demo, acme/x", "HIREGRAPH_SANDBOX_ACTIVITY_S": "0.5"}
    )
    assert env == ActivitySettings(connections=("demo", "acme/x"), interval_s=0.5)


@pytest.mark.parametrize("table", [{"interval_s": -1}, {"connections": "demo"}, {"seed": "x"}, {"rate": 1}])
def test_a_bad_activity_setting_fails_at_start_up(table: dict[str, Any]) -> None:
    with pytest.raises(SettingsError, match="sandbox_activity"):
        parse_settings({"connections": {"demo": {"provider": "sandbox"}}, "sandbox_activity": table})


def test_a_bad_activity_environment_fails_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIREGRAPH_SANDBOX_ACTIVITY_S", "often")
    with pytest.raises(ConnectionConfigError, match="HIREGRAPH_SANDBOX_ACTIVITY_S"):
        create_app(parse_settings(CONFIG))
