"""``hiregraph connections webhooks setup``: registration through the provider's API (respx
stands in for it; nothing leaves the machine) or the printed steps, and the secret saved."""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from graph.settings import load_grants, load_static_connections
from providers.ashby.webhooks import ACTIONS as ASHBY_ACTIONS
from providers.lever.webhooks import EVENTS as LEVER_EVENTS
from providers.registry import PROVIDERS
from tenancy.cli import register
from tenancy.crypto import generate_key
from tenancy.runtime import Tenancy

from ..shared import load_fixture

Run = Callable[..., tuple[int, str, str]]
PUBLIC = "https://hooks.example.test/"
URL = "https://hooks.example.test/webhooks/acme/main"


@pytest.fixture
def hiregraph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    monkeypatch.setenv("HIREGRAPH_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    # Stored connections otherwise use the public-only client, whose own transport respx
    # cannot stand in for; the calls still never leave the process.
    monkeypatch.setenv("HIREGRAPH_ALLOW_PRIVATE_UPSTREAMS", "1")

    def run(*argv: str) -> tuple[int, str, str]:
        parser = argparse.ArgumentParser(prog="hiregraph")
        register(parser.add_subparsers(dest="command", required=True), load_grants, load_static_connections)
        args = parser.parse_args(argv)
        code = int(args.run(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def stored_credentials() -> dict[str, Any]:
    async def read() -> dict[str, Any]:
        async with httpx.AsyncClient() as http:
            t = await Tenancy.open(http, PROVIDERS)
            try:
                conn = await t.connections.get("acme", "main")
                return t.source.box.decrypt(conn.secret)
            finally:
                await t.aclose()

    return asyncio.run(read())


def add(run: Run, provider: str, *credentials: str) -> None:
    argv = ["connections", "add", "main", "--tenant", "acme", "--provider", provider, "--no-test"]
    for c in credentials:
        argv += ["--credential", c]
    assert run(*argv)[0] == 0


def setup(run: Run) -> tuple[int, str, str]:
    return run("connections", "webhooks", "setup", "main", "--tenant", "acme", "--public-url", PUBLIC)


def test_lever_registers_each_event_and_keeps_every_signature_token(hiregraph: Run) -> None:
    add(hiregraph, "lever", "api_key=lk")
    recorded = load_fixture("lever", "POST_webhooks.json")
    sent: list[dict[str, Any]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        body = json.loads(json.dumps(recorded))
        body["data"]["configuration"]["signatureToken"] = f"token-{len(sent)}"
        return httpx.Response(201, json=body)

    with respx.mock(assert_all_called=True) as mock:
        mock.post("https://api.lever.co/v1/webhooks").mock(side_effect=answer)
        code, out, err = setup(hiregraph)
    assert code == 0, err
    assert sent == [{"event": e, "url": URL} for e in LEVER_EVENTS]
    assert f"webhook URL: {URL}" in out
    assert "token-1" not in out
    saved = stored_credentials()
    assert saved["webhook_secret"] == ",".join(f"token-{i}" for i in range(1, len(LEVER_EVENTS) + 1))
    assert saved["api_key"] == "lk"


def test_a_refused_registration_saves_nothing(hiregraph: Run) -> None:
    add(hiregraph, "lever", "api_key=lk")
    with respx.mock() as mock:
        mock.post("https://api.lever.co/v1/webhooks").mock(return_value=httpx.Response(403, json={}))
        code, _, err = setup(hiregraph)
    assert code == 1
    assert "registering the webhooks failed" in err
    assert "webhook_secret" not in stored_credentials()


def test_ashby_registers_each_action_with_one_generated_secret(hiregraph: Run) -> None:
    add(hiregraph, "ashby", "api_key=ak")
    sent: list[dict[str, Any]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(200, json={"success": True, "results": {"id": f"wh-{len(sent)}"}})

    with respx.mock(assert_all_called=True) as mock:
        mock.post("https://api.ashbyhq.com/webhook.create").mock(side_effect=answer)
        code, _, err = setup(hiregraph)
    assert code == 0, err
    secret = stored_credentials()["webhook_secret"]
    assert len(secret) >= 32
    assert sent == [{"webhookType": a, "requestUrl": URL, "secretToken": secret} for a in ASHBY_ACTIONS]


def test_workable_subscribes_and_signs_with_the_account_token(hiregraph: Run) -> None:
    add(hiregraph, "workable", "api_token=wt", "subdomain=acme")
    sent: list[dict[str, Any]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(201, json=load_fixture("workable", "POST_subscriptions.json"))

    with respx.mock(assert_all_called=True) as mock:
        mock.post("https://acme.workable.com/spi/v3/subscriptions").mock(side_effect=answer)
        code, _, err = setup(hiregraph)
    assert code == 0, err
    assert sent == [
        {"target": URL, "event": "candidate_created"},
        {"target": URL, "event": "candidate_moved"},
    ]
    assert stored_credentials()["webhook_secret"] == "wt"


def test_greenhouse_prints_the_manual_steps_with_a_saved_secret(hiregraph: Run) -> None:
    add(hiregraph, "greenhouse", "api_key=gk")
    with respx.mock():  # any call to a provider would fail the test
        code, out, err = setup(hiregraph)
    assert code == 0, err
    secret = stored_credentials()["webhook_secret"]
    assert f"Endpoint URL: {URL}" in out
    assert f"Secret key: {secret}" in out
    assert "Dev Center" in out


def test_a_provider_without_webhooks_is_refused(hiregraph: Run) -> None:
    add(hiregraph, "sandbox")
    code, _, err = setup(hiregraph)
    assert code == 2
    assert "sends no webhooks" in err


# -- static connections (the server's config file) ------------------------------------------------

STATIC_URL = "https://hooks.example.test/webhooks/ops-lever"


def static_config(tmp_path: Path, name: str, provider: str, **credentials: str) -> Path:
    path = tmp_path / "hiregraph.toml"
    lines = [f"[connections.{name}]", f'provider = "{provider}"', f"[connections.{name}.credentials]"]
    lines += [f'{key} = "{value}"' for key, value in credentials.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def setup_static(run: Run, name: str, config: Path, *more: str) -> tuple[int, str, str]:
    argv = [
        "connections",
        "webhooks",
        "setup",
        name,
        "--static",
        "--config",
        str(config),
        "--public-url",
        PUBLIC,
    ]
    return run(*argv, *more)


def test_a_static_lever_connection_registers_and_prints_the_secret_for_the_config(
    hiregraph: Run, tmp_path: Path
) -> None:
    config = static_config(tmp_path, "ops-lever", "lever", api_key="lk")
    recorded = load_fixture("lever", "POST_webhooks.json")
    sent: list[dict[str, Any]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        assert request.headers["authorization"].startswith("Basic ")  # the config's key
        sent.append(json.loads(request.content))
        body = json.loads(json.dumps(recorded))
        body["data"]["configuration"]["signatureToken"] = f"token-{len(sent)}"
        return httpx.Response(201, json=body)

    with respx.mock(assert_all_called=True) as mock:
        mock.post("https://api.lever.co/v1/webhooks").mock(side_effect=answer)
        code, out, err = setup_static(hiregraph, "ops-lever", config)
    assert code == 0, err
    # the receiver's URL for a static connection has no tenant in it
    assert sent == [{"event": e, "url": STATIC_URL} for e in LEVER_EVENTS]
    assert f"webhook URL: {STATIC_URL}" in out
    tokens = ",".join(f"token-{i}" for i in range(1, len(LEVER_EVENTS) + 1))
    assert f'  [connections.ops-lever.credentials]\n  webhook_secret = "{tokens}"' in out
    assert not (tmp_path / "cli.sqlite3").exists()  # no store opened: nothing is saved anywhere


def test_a_static_greenhouse_connection_keeps_the_secret_its_config_has(
    hiregraph: Run, tmp_path: Path
) -> None:
    config = static_config(tmp_path, "ops-gh", "greenhouse", api_key="gk", webhook_secret="already-set")
    with respx.mock():  # any call to a provider would fail the test
        code, out, err = setup_static(hiregraph, "ops-gh", config)
    assert code == 0, err
    assert "Endpoint URL: https://hooks.example.test/webhooks/ops-gh" in out
    assert "Secret key: already-set" in out
    assert "the config file's webhook_secret stays the signing secret" in out
    assert "[connections.ops-gh.credentials]" not in out


def test_a_static_connection_the_config_lacks_or_with_a_tenant_is_refused(
    hiregraph: Run, tmp_path: Path
) -> None:
    config = static_config(tmp_path, "ops-gh", "greenhouse", api_key="gk")
    code, _, err = setup_static(hiregraph, "nowhere", config)
    assert code == 2
    assert "the config file has no connection 'nowhere' (it has: ops-gh)" in err
    code, _, err = setup_static(hiregraph, "ops-gh", config, "--tenant", "acme")
    assert code == 2
    assert "--static and --tenant exclude each other" in err
    code, _, err = setup_static(hiregraph, "ops-gh", tmp_path / "missing.toml")
    assert code == 2
    assert "does not exist" in err
