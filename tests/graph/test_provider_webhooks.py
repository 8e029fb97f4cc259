"""Providers' own webhooks through the real app (ASGI, and once through uvicorn on loopback):
signed deliveries become events in the connection's log, readable through the ``events``
query with their record resolved; refused deliveries change nothing; a retry makes one event.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from graph.app import create_app
from graph.settings import parse_settings
from providers.registry import PROVIDERS
from tenancy.crypto import generate_key
from tenancy.events.types import LogScope

from ..shared import fixture_path

SECRET = "whsec-test"
DATA = {"seed": 5, "size": 20}


def _credentials(provider: str, **more: str) -> dict[str, str]:
    simulation = PROVIDERS[provider].simulation()
    assert simulation is not None
    return {**simulation.credentials, **more}


CONFIG: Mapping[str, Any] = {
    "connections": {
        "gh": {
            "provider": "greenhouse",
            "simulated": True,
            **DATA,
            "credentials": _credentials("greenhouse", webhook_secret=SECRET),
        },
        "lv": {
            "provider": "lever",
            "simulated": True,
            **DATA,
            "credentials": _credentials("lever", webhook_secret=SECRET),
        },
        "nosecret": {"provider": "greenhouse", "simulated": True, **DATA},
        "sb": {"provider": "sandbox", **DATA},
    }
}
EVENTS = """query { events(first: 50) {
  events { type recordId source application { id currentStage { name } } }
} }"""


def sign(body: bytes) -> str:
    return hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()


def stage_change(application_id: str) -> bytes:
    """Greenhouse's published stage-change example, about one of the simulator's applications."""
    example = json.loads(fixture_path("greenhouse", "webhooks/candidate_stage_change.json").read_bytes())
    example["payload"]["application"]["id"] = int(application_id)
    return json.dumps(example).encode()


def lever_body(opportunity: str, triggered_ms: int) -> bytes:
    token = "b" * 48
    signature = hmac.new(SECRET.encode(), f"{token}{triggered_ms}".encode(), hashlib.sha256).hexdigest()
    body = {
        "event": "candidateStageChange",
        "triggeredAt": triggered_ms,
        "token": token,
        "signature": signature,
    }
    return json.dumps({**body, "data": {"opportunityId": opportunity}}).encode()


@contextlib.asynccontextmanager
async def served(db: Path) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    app = create_app(parse_settings(CONFIG), database_url=f"sqlite:///{db}", require_keys=False)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
            yield app, http


@pytest.fixture
async def server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    async with served(tmp_path / "hooks.sqlite3") as s:
        yield s


async def _gql(http: httpx.AsyncClient, query: str, connection: str) -> Any:
    response = await http.post(
        "/graphql", json={"query": query}, headers={"X-Hiregraph-Connection": connection}
    )
    return response.json()


async def _application(http: httpx.AsyncClient, connection: str) -> str:
    body = await _gql(http, "{ applications(first: 1) { edges { node { id } } } }", connection)
    return str(body["data"]["applications"]["edges"][0]["node"]["id"])


async def _logged(app: Any, scope: LogScope) -> list[Any]:
    return list(await app.state.tenancy.events.log.read(scope))


async def test_a_signed_greenhouse_delivery_is_one_event_the_events_query_resolves(
    server: tuple[Any, httpx.AsyncClient],
) -> None:
    app, http = server
    application = await _application(http, "gh")
    body = stage_change(application)
    headers = {
        "Signature": f"sha256 {sign(body)}",
        "Greenhouse-Event-ID": "evt-42",
        "Content-Type": "application/json",
    }
    first = await http.post("/webhooks/gh", content=body, headers=headers)
    assert first.status_code == 200, first.text
    assert first.json() == {"received": True, "event": "application.stage_changed", "duplicate": False}
    again = await http.post("/webhooks/gh", content=body, headers=headers)  # the provider's retry
    assert again.json()["duplicate"] is True
    events = (await _gql(http, EVENTS, "gh"))["data"]["events"]["events"]
    assert len(events) == 1
    (event,) = events
    assert (event["type"], event["recordId"], event["source"]) == (
        "APPLICATION_STAGE_CHANGED",
        application,
        "webhook",
    )
    assert event["application"]["id"] == application
    assert event["application"]["currentStage"]["name"]
    (logged,) = await _logged(app, LogScope("", "gh"))
    assert logged.data == {"providerEvent": "candidate_stage_change"}


@pytest.mark.parametrize(
    "headers",
    [{}, {"Signature": "sha256 " + "0" * 64}, {"Signature": "sha256"}],
    ids=["missing", "wrong", "empty"],
)
async def test_a_bad_signature_is_401_and_changes_nothing(
    server: tuple[Any, httpx.AsyncClient], headers: dict[str, str]
) -> None:
    app, http = server
    body = stage_change(await _application(http, "gh"))
    response = await http.post("/webhooks/gh", content=body, headers={**headers, "Greenhouse-Event-ID": "e1"})
    assert response.status_code == 401
    assert SECRET not in response.text
    assert sign(body) not in response.text
    assert await _logged(app, LogScope("", "gh")) == []


async def test_a_stale_lever_delivery_is_401_and_a_fresh_one_is_logged(
    server: tuple[Any, httpx.AsyncClient],
) -> None:
    app, http = server
    opportunity = await _application(http, "lv")
    now_ms = int(time.time() * 1000)
    stale = await http.post("/webhooks/lv", content=lever_body(opportunity, now_ms - 301_000))
    assert stale.status_code == 401
    assert "300 s" in stale.json()["error"]
    assert await _logged(app, LogScope("", "lv")) == []
    fresh = await http.post("/webhooks/lv", content=lever_body(opportunity, now_ms))
    assert fresh.status_code == 200, fresh.text
    (event,) = await _logged(app, LogScope("", "lv"))
    assert (event.record_id, event.occurred_at) == (opportunity, now_ms / 1000)


def _with_application_id(value: Any) -> bytes:
    example = json.loads(fixture_path("greenhouse", "webhooks/candidate_stage_change.json").read_bytes())
    example["payload"]["application"]["id"] = value
    return json.dumps(example).encode()


async def test_a_signed_body_that_cannot_be_read_is_400_and_changes_nothing(
    server: tuple[Any, httpx.AsyncClient],
) -> None:
    """Refused as the receiver refuses any body it cannot read (400, not a 500: Greenhouse
    retries every non-200 alike, and the body, not the server, is at fault)."""
    app, http = server
    nested = b"[" * 100_000
    headers = {"Signature": f"sha256 {sign(nested)}", "Greenhouse-Event-ID": "evt-nested"}
    response = await http.post("/webhooks/gh", content=nested, headers=headers)
    assert response.status_code == 400, response.text
    assert response.json() == {"error": "the delivery's body is JSON nested too deeply to read"}
    assert await _logged(app, LogScope("", "gh")) == []


@pytest.mark.parametrize("application_id", [{"id": 1}, "\ud800", "  ", "a\u0000b", 10**400])
async def test_a_signed_delivery_about_no_real_id_is_acknowledged_and_logs_nothing(
    server: tuple[Any, httpx.AsyncClient], application_id: Any
) -> None:
    """As a delivery without a record id: 200 with no event (not a 500 from a store that
    cannot encode the id, nor an event about a blank or made-up one)."""
    app, http = server
    body = _with_application_id(application_id)
    headers = {"Signature": f"sha256 {sign(body)}", "Greenhouse-Event-ID": "evt-no-id"}
    response = await http.post("/webhooks/gh", content=body, headers=headers)
    assert (response.status_code, response.json()) == (200, {"received": True, "event": None})
    assert await _logged(app, LogScope("", "gh")) == []


async def test_refusals_name_what_is_missing(server: tuple[Any, httpx.AsyncClient]) -> None:
    _, http = server
    unknown = await http.post("/webhooks/nope", content=b"{}")
    assert (unknown.status_code, unknown.json()["error"]) == (
        404,
        "no connection 'nope' in this server's static connections",
    )
    sandbox = await http.post("/webhooks/sb", content=b"{}")
    assert sandbox.status_code == 404
    assert "not a provider that sends webhooks" in sandbox.json()["error"]
    unset = await http.post("/webhooks/nosecret", content=b"{}")
    assert unset.status_code == 404
    assert "no webhook_secret" in unset.json()["error"]
    assert (await http.get("/webhooks/gh")).status_code == 405
    big = await http.post("/webhooks/gh", content=b"x" * (1024 * 1024 + 1))
    assert big.status_code == 413


async def test_a_tenants_stored_connection_takes_webhooks_at_its_tenant_path(
    server: tuple[Any, httpx.AsyncClient],
) -> None:
    app, http = server
    tenancy = app.state.tenancy.tenancy
    credentials = {"api_key": "k", "webhook_secret": SECRET}
    await tenancy.connections.create("acme", "hr", "greenhouse", credentials, validate=False)
    body = stage_change("77")
    headers = {"Signature": f"sha256 {sign(body)}", "Greenhouse-Event-ID": "evt-stored"}
    assert (await http.post("/webhooks/other/hr", content=body, headers=headers)).status_code == 404
    response = await http.post("/webhooks/acme/hr", content=body, headers=headers)
    assert response.status_code == 200, response.text
    (event,) = await _logged(app, LogScope("acme", "hr"))
    assert (event.record_id, event.source.value) == ("77", "webhook")
    assert await _logged(app, LogScope("", "gh")) == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _uvicorn(app: Any) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(1000):
        if server.started:
            break
        thread.join(0.01)
    assert server.started
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


async def test_a_delivery_through_uvicorn_on_loopback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    app = create_app(
        parse_settings(CONFIG), database_url=f"sqlite:///{tmp_path / 'u.sqlite3'}", require_keys=False
    )
    with _uvicorn(app) as url:
        async with httpx.AsyncClient(base_url=url, trust_env=False) as http:
            application = await _application(http, "gh")
            body = stage_change(application)
            headers = {"Signature": f"sha256 {sign(body)}", "Greenhouse-Event-ID": "evt-uv"}
            started = time.perf_counter()
            response = await http.post("/webhooks/gh", content=body, headers=headers)
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, response.text
            assert elapsed < 2.0  # providers time out slow receivers
            events = (await _gql(http, EVENTS, "gh"))["data"]["events"]["events"]
            assert [(e["recordId"], e["application"]["id"]) for e in events] == [(application, application)]
