"""``hiregraph connections|keys|secrets``, as an operator runs them."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.settings import load_grants
from tenancy.cli import register
from tenancy.crypto import generate_key
from tenancy.migrations import MIGRATIONS

RAW = "gh-cli-raw-secret-31b"
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def hiregraph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, Run]:
    db = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("HIREGRAPH_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())

    def run(*argv: str) -> tuple[int, str, str]:
        parser = argparse.ArgumentParser(prog="hiregraph")
        register(parser.add_subparsers(dest="command", required=True), load_grants)
        args = parser.parse_args(argv)
        code = int(args.run(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return db, run


def test_keys_are_printed_once(hiregraph: tuple[Path, Run]) -> None:
    _, run = hiregraph
    # A key may name only a connection its tenant has.
    assert run("connections", "add", "main", "--tenant", "acme", "--provider", "sandbox", "--no-test")[0] == 0
    code, out, err = run(
        "keys",
        "create",
        "--tenant",
        "acme",
        "--connection",
        "main",
        "--read-only",
        "--origin",
        "https://app.test",
    )
    assert code == 0
    key = out.strip()
    assert key.startswith("hg_live_")
    assert "only time" in err
    code, listed, _ = run("keys", "list")
    assert key not in listed
    assert "read-only" in listed
    key_id = key.split("_")[2]
    assert run("keys", "revoke", key_id)[0] == 0
    assert run("keys", "revoke", key_id)[0] == 1
    assert "revoked" in run("keys", "list", "--tenant", "acme")[1]
    assert run("keys", "create", "--tenant", "acme", "--admin", "--read-only")[0] == 2


def test_connections_lifecycle(hiregraph: tuple[Path, Run], tmp_path: Path) -> None:
    db, run = hiregraph
    code, out, _ = run(
        "connections",
        "add",
        "main",
        "--tenant",
        "acme",
        "--provider",
        "sandbox",
        "--option",
        "seed=7",
        "--option",
        "size=60",
    )
    assert code == 0, out
    assert "credentials tested" in out
    secret_file = tmp_path / "api_key"
    secret_file.write_text(RAW + "\n")
    code, out, _ = run(
        "connections",
        "add",
        "gh",
        "--tenant",
        "acme",
        "--provider",
        "greenhouse",
        "--base-url",
        "https://harvest.test",
        "--credential",
        f"api_key=@{secret_file}",
        "--no-test",
    )
    assert code == 0
    code, listed, _ = run("connections", "list")
    assert "acme\tmain\tsandbox" in listed
    assert "acme\tgh\tgreenhouse https://harvest.test" in listed
    assert RAW not in listed
    assert run("connections", "test", "main", "--tenant", "acme")[0] == 0
    assert run("connections", "add", "main", "--tenant", "acme", "--provider", "sandbox")[0] == 2
    assert run("connections", "add", "x", "--provider", "nope")[0] == 2
    assert run("secrets", "rotate")[0] == 0
    assert run("connections", "remove", "gh", "--tenant", "acme")[0] == 0
    assert run("connections", "remove", "gh", "--tenant", "acme")[0] == 1
    assert RAW.encode() not in db.read_bytes()


def test_secrets_generate_key(hiregraph: tuple[Path, Run]) -> None:
    _, run = hiregraph
    code, out, _ = run("secrets", "generate-key")
    assert code == 0
    assert len(out.strip()) == 44
    code, out, _ = run("db", "migrate")
    assert f"schema at version {MIGRATIONS[-1].version}" in out
