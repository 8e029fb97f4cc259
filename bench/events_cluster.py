"""``hiregraph serve`` workers for the events bench: separate processes on loopback sharing one
PostgreSQL database (a schema of their own per run) and, for more than one worker, one Redis.

A worker can be killed with SIGKILL (no shutdown hook runs, as when a machine dies) and
started again on the same port, so clients reconnect to the same URL.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Final

import httpx
from redis import asyncio as aioredis

from tenancy.crypto import generate_key
from tenancy.store_postgres import PostgresStore

from .child import free_port, wait_ready
from .events_webhooks import WebhookSource

POSTGRES_URL: Final = os.environ.get(
    "HIREGRAPH_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REDIS_URL: Final = os.environ.get("HIREGRAPH_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
ROOT: Final = Path(__file__).resolve().parents[1]


def services_missing() -> str | None:
    """Why the events bench cannot run here (PostgreSQL or Redis not listening), else None."""
    for name, url, port in (("PostgreSQL", POSTGRES_URL, 5432), ("Redis", REDIS_URL, 6379)):
        host_port = httpx.URL(url.replace("postgresql://", "http://").replace("redis://", "http://"))
        host, port = host_port.host, host_port.port or port
        try:
            with socket.create_connection((host, port), timeout=1.0):
                pass
        except OSError:
            return f"{name} is not reachable at {host}:{port}"
    return None


class Worker:
    """One ``hiregraph serve`` process, restartable on its port."""

    def __init__(self, command: Sequence[str], env: dict[str, str], cwd: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._command = [*command, "--port", str(self.port)]
        self._env, self._cwd, self._log = env, cwd, log
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self._log.open("ab") as out:
            self._proc = subprocess.Popen(
                self._command, cwd=self._cwd, env=self._env, stdout=out, stderr=subprocess.STDOUT
            )
        wait_ready(
            self.url,
            self._proc,
            "hiregraph serve",
            lambda url: httpx.get(f"{url}/readyz", timeout=1).status_code == 200,
            60,
        )

    def kill(self) -> None:
        """SIGKILL: the process dies mid-stream, its sockets closed by the kernel."""
        if self._proc is not None:
            self._proc.send_signal(signal.SIGKILL)
            self._proc.wait()

    def stop(self) -> None:
        if self._proc is None or self._proc.poll() is not None:
            return
        self._proc.terminate()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


def _config(connections: Sequence[str], webhooks: Mapping[str, WebhookSource]) -> str:
    # Sandbox connections with no injected latency: the bench measures the events path, and
    # its subscribers select only the event's own fields (each worker's sandbox is its own, so
    # a record created through one worker is not in another's). A connection taking webhooks
    # is a simulated one of the provider that signs them, with the secret they are signed with.
    return "".join(
        webhooks[name].config(name)
        if name in webhooks
        else f'[connections.{name}]\nprovider = "sandbox"\nseed = 42\nsize = 50\nlatency_ms = 0\n\n'
        for name in connections
    )


@asynccontextmanager
async def cluster(
    workers: int, connections: Sequence[str], webhooks: Mapping[str, WebhookSource] | None = None
) -> AsyncIterator[list[Worker]]:
    """``workers`` servers on one fresh PostgreSQL schema (and one Redis when there are two or
    more), serving the sandbox ``connections`` (those in ``webhooks``: connections taking that
    source's signed deliveries); everything is removed on the way out."""
    schema = f"hg_evbench_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    store = PostgresStore(POSTGRES_URL, schema=schema)
    await store.migrate()
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "events.toml"
        config.write_text(_config(connections, webhooks or {}), encoding="utf-8")
        env = {
            **os.environ,
            "HIREGRAPH_DATABASE_URL": f"{POSTGRES_URL}?options=-csearch_path%3D{schema}",
            "HIREGRAPH_SECRET_KEYS": generate_key(),
            "PYTHONPATH": str(ROOT),
        }
        env.pop("HIREGRAPH_REDIS_URL", None)
        if workers > 1:
            env["HIREGRAPH_REDIS_URL"] = REDIS_URL
            env["HIREGRAPH_REDIS_PREFIX"] = f"{schema}:"
        command = [
            sys.executable,
            "-m",
            "graph.cli",
            "serve",
            "--config",
            str(config),
            "--log-level",
            "warning",
        ]
        started = [Worker(command, env, Path(tmp), Path(tmp) / f"worker-{i}.log") for i in range(workers)]
        try:
            # in parallel: each spends seconds importing and building its sandbox
            await asyncio.gather(*(asyncio.to_thread(w.start) for w in started))
            yield started
        finally:
            for worker in started:
                worker.stop()
            await _cleanup(store, f"{schema}:")


async def _cleanup(store: PostgresStore, prefix: str) -> None:
    await store.drop_schema()
    await store.aclose()
    redis = aioredis.Redis.from_url(REDIS_URL)
    try:
        keys = [k async for k in redis.scan_iter(match=f"{prefix}*")]
        if keys:
            await redis.delete(*keys)
    finally:
        await redis.aclose()
