"""Two hiregraph server processes against one PostgreSQL and one Redis.

A connection created through one worker is usable through the other, and together they
keep to one provider's rate limit: the simulated Greenhouse behind them enforces its
documented 50 requests per 10 s with real 429s, and must never have to send one.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tenancy.crypto import generate_key
from tenancy.keys import Scopes, issue_key
from tenancy.store_postgres import PostgresStore

from .services import POSTGRES_URL, REDIS_URL, need, unique

ROOT = Path(__file__).resolve().parents[2]
RATE_LIMIT = 50  # GreenhouseAdapter.rate_limit: 50 per 10 s


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path, deadline_s: float = 60.0) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            pytest.fail(f"{url} exited with {proc.returncode}: {log.read_text()[-2000:]}")
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"{url} did not become ready")


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[dict[str, Any]]:
    need("PostgreSQL", "127.0.0.1", 5432)
    need("Redis", "127.0.0.1", 6379)
    schema = unique("hg_scale")
    store = PostgresStore(POSTGRES_URL, schema=schema)
    asyncio.run(store.migrate())
    admin = asyncio.run(issue_key(store, Scopes("acme", admin=True))).key
    reader = asyncio.run(issue_key(store, Scopes("acme", read_only=True))).key
    env = {
        **os.environ,
        "HIREGRAPH_DATABASE_URL": f"{POSTGRES_URL}?options=-csearch_path%3D{schema}",
        "HIREGRAPH_REDIS_URL": REDIS_URL,
        "HIREGRAPH_REDIS_PREFIX": f"{schema}:",
        "HIREGRAPH_SECRET_KEYS": generate_key(),
        "HIREGRAPH_REQUIRE_KEYS": "1",
        # The simulator the stored connection reaches listens on loopback.
        "HIREGRAPH_ALLOW_PRIVATE_UPSTREAMS": "1",
        "PYTHONPATH": str(ROOT),
    }
    sim_port, ports = _free_port(), [_free_port(), _free_port()]
    sim = ["tests.tenancy.sim_server", "--port", str(sim_port), "--rate-limit", str(RATE_LIMIT)]
    server = ["uvicorn", "--factory", "graph.app:create_app", "--host", "127.0.0.1", "--log-level", "warning"]
    commands = [sim, *([*server, "--port", str(port)] for port in ports)]
    logs = [tmp_path / f"process-{i}.log" for i in range(len(commands))]
    procs = []
    for command, log in zip(commands, logs, strict=True):
        with log.open("wb") as out:
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", *command],
                    cwd=tmp_path,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            )
    try:
        _wait_ready(f"http://127.0.0.1:{sim_port}/_stats", procs[0], logs[0])
        for port, proc, log in zip(ports, procs[1:], logs[1:], strict=True):
            _wait_ready(f"http://127.0.0.1:{port}/readyz", proc, log)
        yield {
            "sim": f"http://127.0.0.1:{sim_port}",
            "workers": [f"http://127.0.0.1:{p}" for p in ports],
            "admin": admin,
            "reader": reader,
        }
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        asyncio.run(_cleanup(store, schema))


async def _cleanup(store: PostgresStore, schema: str) -> None:
    from redis import asyncio as aioredis

    await store.drop_schema()
    await store.aclose()
    redis = aioredis.Redis.from_url(REDIS_URL)
    keys = [k async for k in redis.scan_iter(match=f"{schema}:*")]
    if keys:
        await redis.delete(*keys)
    await redis.aclose()


async def _post(
    http: httpx.AsyncClient, url: str, key: str, query: str, connection: str | None = None
) -> Any:
    headers = {"Authorization": f"Bearer {key}"}
    if connection:
        headers["X-Hiregraph-Connection"] = connection
    response = await http.post(f"{url}/graphql", json={"query": query}, headers=headers)
    return response.json()


CREATE = """mutation($url: String!) { createConnection(input: {name: "gh", provider: "greenhouse",
  baseUrl: $url, credentials: [{key: "api_key", value: "sim-key"}]}) { name version } }"""
JOBS = "{ jobs(first: 1) { edges { node { id } } } }"


async def test_two_workers_share_connections_and_one_rate_budget(cluster: dict[str, Any]) -> None:
    one, two = cluster["workers"]
    async with httpx.AsyncClient(timeout=30.0) as http:
        made = await http.post(
            f"{one}/graphql",
            json={"query": CREATE, "variables": {"url": cluster["sim"]}},
            headers={"Authorization": f"Bearer {cluster['admin']}"},
        )
        assert made.json().get("data") == {"createConnection": {"name": "gh", "version": 1}}, made.text
        through_two = await _post(http, two, cluster["reader"], JOBS, "gh")
        assert "errors" not in through_two, through_two
        assert len(through_two["data"]["jobs"]["edges"]) == 1

        bodies = await asyncio.gather(
            *(_post(http, (one, two)[i % 2], cluster["reader"], JOBS, "gh") for i in range(2 * RATE_LIMIT))
        )
        stats = (await http.get(f"{cluster['sim']}/_stats")).json()
    codes = [e["extensions"]["code"] for b in bodies for e in b.get("errors", [])]
    assert set(codes) <= {"RATE_LIMITED"}, codes
    # Either worker alone would have allowed 50 in the window; together they sent no more.
    assert stats["rejected"] == 0, stats
    assert "RATE_LIMITED" in codes
    assert stats["served"] >= RATE_LIMIT
