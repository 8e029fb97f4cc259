"""Idempotency keys end to end: a retry writes nothing, another write under a used key is
refused, a concurrent duplicate waits (or gets IN_PROGRESS), an unknown outcome stays unknown;
and with PostgreSQL two workers racing on one key make exactly one write."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from graph.app import create_app
from graph.settings import parse_settings
from providers.errors import ProviderAuthError, ProviderTimeout
from providers.records import CandidateRecord, Resource
from providers.sandbox.adapter import SandboxAdapter
from providers.writes import Actor, CandidateInput
from tenancy.crypto import generate_key
from tenancy.idempotency import DatabaseIdempotency, record_id
from tenancy.store_postgres import PostgresStore

from ..tenancy.services import POSTGRES_URL, need, unique
from .support import (
    ADA,
    CREATE_CANDIDATE,
    client_for,
    dataset_of,
    error_of,
    fresh_options,
    post,
    sandbox_config,
)

R = Resource


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(sandbox_config(fresh_options())) as client:
        yield client


async def test_a_retry_answers_the_first_result_and_writes_nothing(http: httpx.AsyncClient) -> None:
    data = dataset_of(http)
    version, count = data.version, data.counts()[R.CANDIDATE]
    first = await post(http, CREATE_CANDIDATE, {"input": ADA, "key": "k-1"})
    again = await post(http, CREATE_CANDIDATE, {"input": ADA, "key": "k-1"})
    assert first["data"]["createCandidate"]["replayed"] is False
    assert again["data"]["createCandidate"]["replayed"] is True
    assert again["data"]["createCandidate"]["candidate"] == first["data"]["createCandidate"]["candidate"]
    assert (data.version, data.counts()[R.CANDIDATE]) == (version + 1, count + 1)
    # The replay wrote nothing upstream: it read the stored object (one get) and no more.
    assert again["extensions"]["upstream"]["requests"] <= first["extensions"]["upstream"]["requests"]


async def test_the_same_key_for_another_write_is_refused(http: httpx.AsyncClient) -> None:
    await post(http, CREATE_CANDIDATE, {"input": ADA, "key": "k-2"})
    version = dataset_of(http).version
    other = await post(http, CREATE_CANDIDATE, {"input": {**ADA, "title": "Countess"}, "key": "k-2"})
    assert error_of(other)["extensions"] == {"code": "IDEMPOTENCY_KEY_REUSED", "field": "idempotencyKey"}
    note = await post(
        http,
        'mutation { addNote(input: {candidateId: "cand_000001", body: "x"}, idempotencyKey: "k-2") { note { id } } }',
    )
    assert error_of(note)["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert dataset_of(http).version == version


async def test_the_header_names_the_one_mutation_of_a_request(http: httpx.AsyncClient) -> None:
    headers = {"Idempotency-Key": "hdr-1"}
    first = await post(http, CREATE_CANDIDATE, {"input": ADA}, **headers)
    again = await post(http, CREATE_CANDIDATE, {"input": ADA}, **headers)
    assert again["data"]["createCandidate"]["replayed"] is True
    assert (
        again["data"]["createCandidate"]["candidate"]["id"]
        == first["data"]["createCandidate"]["candidate"]["id"]
    )
    two = (
        'mutation { a: addNote(input: {candidateId: "cand_000001", body: "x"}) { note { id } } '
        'b: addNote(input: {candidateId: "cand_000001", body: "y"}) { note { id } } }'
    )
    body = await post(http, two, **{"Idempotency-Key": "hdr-2"})
    assert {e["extensions"]["code"] for e in body["errors"]} == {"BAD_USER_INPUT"}
    # Two mutations behind one fragment spread at the root are two mutations all the same.
    version = dataset_of(http).version
    spread = (
        "mutation { ...Notes } fragment Notes on Mutation { "
        'a: addNote(input: {candidateId: "cand_000001", body: "x"}) { note { id } } '
        '... on Mutation { b: addNote(input: {candidateId: "cand_000001", body: "y"}) { note { id } } } }'
    )
    body = await post(http, spread, **{"Idempotency-Key": "hdr-3"})
    assert {e["extensions"]["code"] for e in body["errors"]} == {"BAD_USER_INPUT"}
    assert dataset_of(http).version == version
    batch = await http.post(
        "/graphql", json=[{"query": CREATE_CANDIDATE, "variables": {"input": ADA}}], headers=headers
    )
    assert batch.status_code == 400
    assert batch.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    differ = await post(http, CREATE_CANDIDATE, {"input": ADA, "key": "other"}, **headers)
    assert error_of(differ)["extensions"]["field"] == "idempotencyKey"


async def test_a_concurrent_duplicate_waits_for_the_first() -> None:
    async with client_for(sandbox_config(fresh_options(), latency_ms=150)) as http:
        data = dataset_of(http)
        version = data.version
        bodies = await asyncio.gather(
            *(post(http, CREATE_CANDIDATE, {"input": ADA, "key": "race"}) for _ in range(5))
        )
        ids = {b["data"]["createCandidate"]["candidate"]["id"] for b in bodies}
        replayed = sorted(b["data"]["createCandidate"]["replayed"] for b in bodies)
        assert len(ids) == 1
        assert replayed == [False, True, True, True, True]
        assert data.version == version + 1


async def test_a_duplicate_that_waits_too_long_gets_in_progress() -> None:
    config = sandbox_config(fresh_options(), latency_ms=400)
    config["limits"] = {"idempotency_wait_s": 0.05}
    async with client_for(config) as http:
        data = dataset_of(http)
        version = data.version
        first, second = await asyncio.gather(
            post(http, CREATE_CANDIDATE, {"input": ADA, "key": "slow"}),
            _later(post(http, CREATE_CANDIDATE, {"input": ADA, "key": "slow"})),
        )
        assert first["data"]["createCandidate"]["replayed"] is False
        assert error_of(second)["extensions"] == {"code": "IN_PROGRESS", "retryAfter": 1}
        assert data.version == version + 1


async def _later(call: Any) -> Any:
    await asyncio.sleep(0.05)
    return await call


class Flaky(SandboxAdapter):
    """Writes, then loses the answer (a timeout after sending); or refuses outright."""

    name = "flaky-sandbox"
    mode = "timeout"

    async def create_candidate(self, input: CandidateInput, actor: Actor | None) -> CandidateRecord:
        if Flaky.mode == "refuse":
            raise ProviderAuthError("refused", provider=self.name)
        if Flaky.mode == "ok":
            return await super().create_candidate(input, actor)
        await super().create_candidate(input, actor)
        raise ProviderTimeout("flaky did not answer within 10 s", provider=self.name)


@pytest.fixture
def flaky() -> Iterator[type[Flaky]]:
    Flaky.mode = "timeout"
    yield Flaky
    Flaky.mode = "timeout"


async def test_an_unknown_outcome_is_never_written_twice(flaky: type[Flaky]) -> None:
    config = {"connections": {"sandbox": {"provider": "flaky-sandbox", **fresh_options()}}}
    async with client_for(config, {"flaky-sandbox": flaky}) as http:
        data = dataset_of(http)
        count = data.counts()[R.CANDIDATE]
        for _ in range(2):
            body = await post(http, CREATE_CANDIDATE, {"input": ADA, "key": "lost"})
            error = error_of(body)
            assert error["extensions"]["code"] == "WRITE_OUTCOME_UNKNOWN"
            assert "may or may not have been applied" in error["message"]
        assert data.counts()[R.CANDIDATE] == count + 1
        # Without a key it is still an unknown outcome, never a blind retry.
        body = await post(http, CREATE_CANDIDATE, {"input": ADA})
        assert error_of(body)["extensions"]["code"] == "WRITE_OUTCOME_UNKNOWN"
        assert data.counts()[R.CANDIDATE] == count + 2
        # A definite refusal frees its key: the corrected retry goes ahead.
        flaky.mode = "refuse"
        refused = await post(http, CREATE_CANDIDATE, {"input": ADA, "key": "fresh"})
        assert error_of(refused)["extensions"]["code"] == "UPSTREAM_AUTH_FAILED"
        assert data.counts()[R.CANDIDATE] == count + 2
        flaky.mode = "ok"
        retried = await post(http, CREATE_CANDIDATE, {"input": ADA, "key": "fresh"})
        assert retried["data"]["createCandidate"]["replayed"] is False
        assert data.counts()[R.CANDIDATE] == count + 3


def _adapter(http: httpx.AsyncClient) -> SandboxAdapter:
    transport = http._transport
    assert isinstance(transport, httpx.ASGITransport)
    adapter = transport.app.state.pool.adapters["sandbox"]  # type: ignore[attr-defined]
    assert isinstance(adapter, SandboxAdapter)
    return adapter


@asynccontextmanager
async def _worker(url: str, options: dict[str, Any]) -> AsyncIterator[httpx.AsyncClient]:
    app: Starlette = create_app(
        parse_settings(sandbox_config(options, latency_ms=100)), database_url=url, require_keys=False
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hiregraph.test") as client:
            yield client


async def test_two_workers_on_one_postgresql_database_write_once(monkeypatch: pytest.MonkeyPatch) -> None:
    need("PostgreSQL", "127.0.0.1", 5432)
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    schema = unique("hg_idem")
    admin = PostgresStore(POSTGRES_URL, schema=schema)
    await admin.migrate()
    # Each worker opens its own store through the URL, in this test's schema.
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    options = fresh_options()
    try:
        async with _worker(url, options) as one, _worker(url, options) as two:
            # Two processes in front of one ATS account: the second worker's sandbox is pointed
            # at the first one's account (each process would otherwise have its own).
            account = dataset_of(one)
            _adapter(two)._dataset = account
            version = account.version
            bodies = await asyncio.gather(
                *(post(w, CREATE_CANDIDATE, {"input": ADA, "key": "pg-race"}) for w in (one, two, one, two))
            )
            ids = {b["data"]["createCandidate"]["candidate"]["id"] for b in bodies}
            assert len(ids) == 1
            assert sorted(b["data"]["createCandidate"]["replayed"] for b in bodies) == [
                False,
                True,
                True,
                True,
            ]
            assert account.version == version + 1
            stored = await DatabaseIdempotency(admin).get(record_id("", "pg-race"))
            assert stored is not None
            assert stored.state == "done"
            assert stored.result == {
                "resource": "candidate",
                "id": ids.pop(),
            }
    finally:
        await admin.drop_schema()
        await admin.aclose()
