"""hiregraph's own writes make their events at once (issue 13), and polling does not report
the same change a second time."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.app import create_app
from graph.settings import parse_settings
from tenancy.crypto import generate_key
from tenancy.events.types import LogScope

from .support import fresh_options, post, sandbox_config

SCOPE = LogScope("", "sandbox")
EVENTS = """query($types: [EventType!]) {
  events(types: $types) { events { type source recordId application { currentStage { id } } } }
}"""


@contextlib.asynccontextmanager
async def served(db: Path) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    app = create_app(parse_settings(sandbox_config(fresh_options())), database_url=f"sqlite:///{db}")
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
            yield app, http


async def _events(http: httpx.AsyncClient, *types: str) -> list[dict[str, Any]]:
    body = await post(http, EVENTS, {"types": list(types) or None}, **{"X-Hiregraph-Connection": "sandbox"})
    events: list[dict[str, Any]] = body["data"]["events"]["events"]
    return events


async def test_a_write_logs_its_event_and_polling_does_not_repeat_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    async with served(tmp_path / "db.sqlite3") as (app, http):
        poller = app.state.tenancy.events.poller
        adapter = app.state.pool.adapters["sandbox"]
        await poller.poll(SCOPE, adapter)  # polling's baseline: no events for what exists
        listed = await post(
            http,
            "{ applications(first: 50) { edges { node { id rejectedAt candidate { id } currentStage { id } job { stages { id } } } } } }",
        )
        node = next(
            e["node"]
            for e in listed["data"]["applications"]["edges"]
            # A rejected application cannot move: whatever the seed, pick one that can.
            if len(e["node"]["job"]["stages"]) > 1
            and e["node"]["currentStage"]
            and not e["node"]["rejectedAt"]
        )
        target = next(s["id"] for s in node["job"]["stages"] if s["id"] != node["currentStage"]["id"])
        moved = await post(
            http,
            f'mutation {{ moveApplicationStage(input: {{applicationId: "{node["id"]}", stageId: "{target}"}}) '
            "{ application { id } } }",
        )
        assert moved["data"]["moveApplicationStage"]["application"]["id"] == node["id"]

        (event,) = await _events(http, "APPLICATION_STAGE_CHANGED")
        assert (event["type"], event["source"], event["recordId"]) == (
            "APPLICATION_STAGE_CHANGED",
            "write",
            node["id"],
        )
        assert event["application"]["currentStage"]["id"] == target

        await poller.poll(SCOPE, adapter)
        assert [e["recordId"] for e in await _events(http)] == [node["id"]]  # nothing polled again

        candidate = node["candidate"]["id"]
        noted = await post(
            http,
            f'mutation {{ addNote(input: {{candidateId: "{candidate}", body: "x"}}) {{ note {{ id }} }} }}',
        )
        assert noted["data"]["addNote"]["note"]["id"]
        updates = await _events(http, "CANDIDATE_UPDATED")
        assert [(e["source"], e["recordId"]) for e in updates] == [("write", candidate)]
