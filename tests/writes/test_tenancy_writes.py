"""Writes with keys and a database: a read-only key writes nothing (FORBIDDEN before any
check or call), idempotency records live in the database, and the operator settles an
unknown outcome with ``hiregraph idempotency``."""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from graph.app import create_app
from graph.settings import load_grants, parse_settings
from providers.records import Resource
from tenancy.cli import register
from tenancy.crypto import generate_key
from tenancy.idempotency import DatabaseIdempotency, IdempotencyRecord, record_id
from tenancy.keys import Scopes, issue_key
from tenancy.store import SqliteStore

from .support import ADA, CREATE_CANDIDATE, error_of, fresh_options

R = Resource

EVERY_MUTATION = [
    'createCandidate(input: {firstName: "A", lastName: "B"}) { candidate { id } }',
    'updateCandidate(input: {id: "cand_000001", title: "x"}) { candidate { id } }',
    'createApplication(input: {jobId: "job_0001", candidateId: "cand_000001"}) { application { id } }',
    'moveApplicationStage(input: {applicationId: "app_000001", stageId: "stage_000001"}) { application { id } }',
    'rejectApplication(input: {applicationId: "app_000001"}) { application { id } }',
    'unrejectApplication(input: {applicationId: "app_000001"}) { application { id } }',
    'hireApplication(input: {applicationId: "app_000001"}) { application { id } }',
    'addNote(input: {candidateId: "cand_000001", body: "x"}) { note { id } }',
    'uploadAttachment(input: {candidateId: "cand_000001", url: "https://example.com/a.pdf"}) { attachment { id } }',
    # Not a file: converting the input would refuse it, but the key is refused first.
    'uploadAttachment(input: {candidateId: "cand_000001", file: "not-a-file"}) { attachment { id } }',
    'addCandidateTags(input: {candidateId: "cand_000001", tags: ["x"]}) { candidate { id } }',
    'removeCandidateTags(input: {candidateId: "cand_000001", tags: ["x"]}) { candidate { id } }',
]


@pytest.fixture
async def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[dict[str, Any]]:
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    db = tmp_path / "writes.sqlite3"
    store = SqliteStore(db)
    await store.migrate()
    keys = {
        "writer": (await issue_key(store, Scopes("acme", ("demo",)), granted=frozenset({"demo"}))).key,
        "reader": (
            await issue_key(store, Scopes("acme", ("demo",), read_only=True), granted=frozenset({"demo"}))
        ).key,
    }
    keys["admin"] = (await issue_key(store, Scopes("acme", admin=True))).key
    await store.aclose()
    config = {"connections": {"demo": {"provider": "sandbox", **fresh_options(), "tenants": ["acme"]}}}
    app: Starlette = create_app(parse_settings(config), database_url=f"sqlite:///{db}", require_keys=True)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hiregraph.test") as http:
            yield {"http": http, "keys": keys, "data": app.state.pool.adapters["demo"].dataset, "db": db}


async def _post(
    s: dict[str, Any], who: str, query: str, variables: Any = None, connection: str | None = "demo"
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {s['keys'][who]}"}
    if connection is not None:
        headers["X-Hiregraph-Connection"] = connection
    response = await s["http"].post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize("mutation", EVERY_MUTATION)
async def test_a_read_only_key_writes_nothing(server: dict[str, Any], mutation: str) -> None:
    data = server["data"]
    version = data.version
    body = await _post(server, "reader", f"mutation {{ {mutation} }}")
    assert error_of(body)["extensions"]["code"] == "FORBIDDEN"
    assert body["extensions"]["upstream"]["requests"] == 0
    assert data.version == version


async def test_a_write_without_a_connection_is_forbidden(server: dict[str, Any]) -> None:
    # A tenant-wide key naming no connection reads nothing, and writes nothing either.
    body = await _post(server, "admin", CREATE_CANDIDATE, {"input": ADA}, connection=None)
    error = error_of(body)
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert "name a connection" in error["message"]
    assert body["extensions"]["upstream"]["requests"] == 0


async def test_idempotency_records_live_in_the_database(server: dict[str, Any]) -> None:
    first = await _post(server, "writer", CREATE_CANDIDATE, {"input": ADA, "key": "db-key"})
    again = await _post(server, "writer", CREATE_CANDIDATE, {"input": ADA, "key": "db-key"})
    made = first["data"]["createCandidate"]["candidate"]["id"]
    assert again["data"]["createCandidate"] == {
        "replayed": True,
        "candidate": first["data"]["createCandidate"]["candidate"],
    }
    store = SqliteStore(server["db"])
    try:
        stored = await DatabaseIdempotency(store).get(record_id("acme", "db-key"))
    finally:
        await store.aclose()
    assert stored is not None
    assert (stored.tenant, stored.state, stored.connection, stored.mutation, stored.result) == (
        "acme",
        "done",
        "demo",
        "createCandidate",
        {"resource": "candidate", "id": made},
    )
    # Nothing personal is stored: only hashes, names of things and ids.
    assert b"Lovelace" not in server["db"].read_bytes()
    assert b"db-key" not in server["db"].read_bytes()


def test_the_operator_settles_an_unknown_outcome(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("HIREGRAPH_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())

    def run(*argv: str) -> tuple[int, str]:
        parser = argparse.ArgumentParser(prog="hiregraph")
        register(parser.add_subparsers(dest="command", required=True), load_grants)
        args = parser.parse_args(argv)
        code = int(args.run(args))
        return code, capsys.readouterr().out

    assert run("db", "migrate")[0] == 0

    async def seed() -> None:
        store = SqliteStore(db)
        now = time.time()
        for key, tenant in (("lost-1", "acme"), ("lost-2", "")):
            await DatabaseIdempotency(store).claim(
                IdempotencyRecord(
                    record_id(tenant, key),
                    tenant,
                    "f",
                    "unknown",
                    "addNote",
                    "demo",
                    "cand_000001",
                    None,
                    now,
                    now,
                    now + 60,
                )
            )
        await store.aclose()

    async def state(tenant: str, key: str) -> IdempotencyRecord | None:
        store = SqliteStore(db)
        try:
            return await DatabaseIdempotency(store).get(record_id(tenant, key))
        finally:
            await store.aclose()

    asyncio.run(seed())
    code, out = run("idempotency", "unknown")
    assert code == 0
    assert out.count("mutation") == 0
    assert out.count("addNote") == 2
    assert "tenant=acme" in out
    assert "target=cand_000001" in out
    assert (
        run("idempotency", "done", "--tenant", "acme", "--key", "lost-1", "--record-id", "act_000099")[0] == 0
    )
    settled = asyncio.run(state("acme", "lost-1"))
    assert settled is not None
    assert settled.state == "done"
    assert settled.result == {"resource": "activity", "id": "act_000099"}
    assert run("idempotency", "clear", "--tenant", "", "--key", "lost-2")[0] == 0
    assert asyncio.run(state("", "lost-2")) is None
    assert run("idempotency", "clear", "--tenant", "", "--key", "lost-2")[0] == 1
    assert run("idempotency", "clear")[0] == 2
    assert "no write has an unknown outcome" in run("idempotency", "unknown")[1]
