"""Gateway CPU per upstream call, on issue 11's shape: Ashby candidates -> applications -> job.

On Ashby every application and every job is its own ``*.info`` call, so the query is almost
all upstream calls (11 candidates: 25 on the ``ashby-demo`` dataset) and its CPU, divided by
the calls, is what the gateway spends per call: httpx, the resilience guard, the envelope and
payload parsing, the mapping, and its share of the GraphQL execution.

The simulator runs in its own process, served by uvicorn over loopback
(``bench/simulator_server.py``), so this process's CPU is the gateway's alone, and the calls
go through the same socket path (the shared client's pool, h11) as against the real API; an
in-process simulator would both add its CPU and skip that path. The gateway's client is built as the
server builds it (``providers.http.upstream_client``) and kept across runs, warm like a
server's; each run gets a fresh ``ConnectionPool``, so the adapter's caches start cold. No
latency is injected (on this kind of machine CPU grows with the time spent asleep between
bursts; see ``bench/cpu.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import statistics
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

import httpx

from graph.connections import ConnectionPool
from graph.settings import Settings, parse_settings
from providers.http import upstream_client
from providers.registry import PROVIDERS

from .child import child_server
from .measure import Execution, execute
from .scenarios import CANDIDATE_JOBS

TARGET_MS: Final = 1.0
"""Issue 11's target: at most 1.0 ms of gateway CPU per upstream call on this shape."""
ROOT: Final = Path(__file__).resolve().parent.parent


def simulator_process(provider: str, *, seed: int, size: int) -> contextlib.AbstractContextManager[str]:
    """``provider``'s simulator in a child process on loopback; yields its base URL."""

    def command(port: int) -> list[str]:
        return [
            *(sys.executable, "-m", "bench.simulator_server", provider, "--port", str(port)),
            *("--seed", str(seed), "--size", str(size)),
        ]

    def answers(url: str) -> bool:
        httpx.post(f"{url}/ready", timeout=1)  # any answer will do
        return True

    # The dataset is built before the port opens.
    return child_server(command, what="the simulator", ready=answers, ready_within_s=120, cwd=ROOT)


def loopback_settings(provider: str, url: str) -> Settings:
    simulation = PROVIDERS[provider].simulation()
    assert simulation is not None
    connection = {"provider": provider, "base_url": url, "credentials": dict(simulation.credentials)}
    # as in bench/measure.py: the budget and deadline must not cut the measured query short
    upstream = {"operation_budget": 1_000_000, "operation_deadline_s": 600.0}
    return parse_settings({"connections": {provider: connection}, "upstream": upstream}, "bench")


def probed_providers(among: Iterable[str]) -> list[str]:
    """The providers of ``among`` that declare the row's shape (``cpu_probe_first``)."""
    return [p for p in among if p in PROVIDERS and PROVIDERS[p].cpu_probe_first is not None]


async def _run_once(settings: Settings, client: httpx.AsyncClient, first: int) -> Execution:
    pool = ConnectionPool(settings, client)
    try:
        document = CANDIDATE_JOBS.document
        return await execute(pool.get(None), settings, document, {"first": first}, naive=False)
    finally:
        await pool.aclose()


async def _recorded(settings: Settings, client: httpx.AsyncClient, first: int) -> list[httpx.Request]:
    """The requests of one (unmeasured) run, as sent."""
    sent: list[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        sent.append(request)

    client.event_hooks = {"request": [record], "response": []}
    try:
        await _run_once(settings, client, first)
    finally:
        client.event_hooks = {"request": [], "response": []}
    return sent


async def _httpx_alone_ms(client: httpx.AsyncClient, sent: list[httpx.Request]) -> float:
    """CPU per call of sending ``sent`` with the same client and decoding each body as JSON,
    one Ashby method at a time and each method's calls together, as the gateway's rounds
    go: what the HTTP client alone costs, the part of the row the gateway cannot go under."""
    rounds: dict[str, list[httpx.Request]] = {}
    for request in sent:
        rounds.setdefault(request.url.path, []).append(request)

    async def one(request: httpx.Request) -> None:
        response = await client.request(
            request.method, request.url, headers=request.headers, content=request.content
        )
        response.json()

    start = time.process_time()
    for requests in rounds.values():
        await asyncio.gather(*(one(r) for r in requests))
    return (time.process_time() - start) * 1000 / len(sent)


async def upstream_cpu_row(
    provider: str, *, size: int, runs: int, seed: int = 42, warm_up: int = 2
) -> dict[str, Any]:
    """The row: CPU per upstream call, median of ``runs`` runs after ``warm_up`` unmeasured ones."""
    first = PROVIDERS[provider].cpu_probe_first
    assert first is not None, f"{provider} declares no cpu_probe_first"
    with simulator_process(provider, seed=seed, size=size) as url:
        settings = loopback_settings(provider, url)
        client = upstream_client(settings.http_timeout_s)
        try:
            for _ in range(warm_up):
                await _run_once(settings, client, first)
            gc.collect()
            gc.freeze()
            measured = [await _run_once(settings, client, first) for _ in range(runs)]
            sent = await _recorded(settings, client, first)
            alone = sorted([await _httpx_alone_ms(client, sent) for _ in range(runs)])
        finally:
            await client.aclose()
    requests = measured[0].requests
    per_call = sorted(r.cpu_s * 1000 / r.requests for r in measured if r.requests)
    return {
        "scenario": CANDIDATE_JOBS.name,
        "provider": provider,
        "transport": "loopback (simulator in its own process)",
        "size": size,
        "first": first,
        "runs": runs,
        "upstream_requests": requests,
        "errors": max(r.errors for r in measured),
        "cpu_ms_per_request": round(statistics.median(r.cpu_s * 1000 for r in measured), 2),
        "cpu_ms_per_upstream_call": round(statistics.median(per_call), 3) if per_call else None,
        "cpu_ms_per_upstream_call_range": [round(per_call[0], 3), round(per_call[-1], 3)]
        if per_call
        else None,
        "httpx_alone_cpu_ms_per_upstream_call": round(statistics.median(alone), 3),
        "target_ms_per_upstream_call": TARGET_MS,
    }
