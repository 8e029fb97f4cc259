"""Throughput and latency of scenario 3 under concurrent clients against ``hiregraph serve``.

The server is a real ``hiregraph serve --workers N`` process (default one worker, the
embedded default) on loopback, over a sandbox connection with the injected latency; the
clients are ``concurrency`` tasks in this process, each posting the document back to back,
so on a 2-core machine the clients and the workers share the cores.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx

from .child import child_server
from .scenarios import CANDIDATE_DETAIL


@contextlib.contextmanager
def serve(*, size: int, latency_ms: float, workers: int = 1) -> Iterator[str]:
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "bench.toml"
        config.write_text(
            f'[connections.sandbox]\nprovider = "sandbox"\nseed = 42\nsize = {size}\nlatency_ms = {latency_ms}\n',
            encoding="utf-8",
        )

        def command(port: int) -> list[str]:
            return [
                *(sys.executable, "-m", "graph.cli", "serve", "--config", str(config)),
                *("--port", str(port), "--log-level", "warning", "--workers", str(workers)),
            ]

        with child_server(
            command,
            what="hiregraph serve",
            ready=lambda url: httpx.get(f"{url}/healthz", timeout=1).status_code == 200,
            ready_within_s=60,
            env={**os.environ},
        ) as url:
            yield url


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


async def _drive(url: str, body: dict[str, Any], *, concurrency: int, duration_s: float) -> dict[str, Any]:
    latencies: list[float] = []
    failures = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:
        await client.post("/graphql", json=body)  # warm-up: the dataset and first imports
        stop = time.perf_counter() + duration_s

        async def one_client() -> None:
            nonlocal failures
            while time.perf_counter() < stop:
                start = time.perf_counter()
                response = await client.post("/graphql", json=body)
                elapsed = time.perf_counter() - start
                if response.status_code != 200 or "errors" in response.json():
                    failures += 1
                latencies.append(elapsed)

        began = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(concurrency)))
        spent = time.perf_counter() - began
    return {
        "requests": len(latencies),
        "failures": failures,
        "duration_s": round(spent, 3),
        "requests_per_s": round(len(latencies) / spent, 1) if spent else 0.0,
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
    }


async def throughput(
    *, size: int, latency_ms: float, concurrency: int, duration_s: float, candidate_id: str, workers: int = 1
) -> dict[str, Any]:
    body = {"query": CANDIDATE_DETAIL.document, "variables": {"id": candidate_id}}
    with serve(size=size, latency_ms=latency_ms, workers=workers) as url:
        measured = await _drive(url, body, concurrency=concurrency, duration_s=duration_s)
    return {
        "scenario": CANDIDATE_DETAIL.name,
        "provider": "sandbox",
        "workers": workers,
        "concurrency": concurrency,
        "latency_ms": latency_ms,
        "cpus": os.cpu_count(),
        **measured,
    }
