"""Running one scenario in-process against one connection, and its two wall-time baselines.

Each run gets a fresh connection pool (so provider caches start cold, as the minimum model
assumes) and executes the document exactly as the HTTP endpoint does: the schema, a typed
``Context``, and the operation's upstream meter in its context variable. Every HTTP request an
adapter sends to its simulator is recorded, which the hand-written baseline replays.
"""

from __future__ import annotations

import contextlib
import json
import statistics
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from graph.connections import ConnectionPool
from graph.context import Context
from graph.errors import format_error
from graph.schema import schema
from graph.settings import Settings, parse_settings
from providers.base import ProviderAdapter
from providers.metering import current_meter
from providers.registry import PROVIDERS
from providers.sandbox.dataset import dataset

from .naive import NaiveLoaders
from .scenarios import Scenario

CANDIDATE_WITH_APPLICATIONS = "{ candidates(first: 50) { edges { node { id applications { id } } } } }"


def connection_options(provider: str, *, size: int, latency_ms: float, seed: int = 42) -> dict[str, Any]:
    options: dict[str, Any] = {"provider": provider, "seed": seed, "size": size, "latency_ms": latency_ms}
    if PROVIDERS[provider].simulation() is not None:
        options["simulated"] = True
    return options


def bench_settings(
    provider: str, *, size: int, latency_ms: float, max_concurrency: int | None = None
) -> Settings:
    # The per-operation budget and deadline protect a server from expensive queries; the
    # benchmark measures what a query costs, so they must not cut it short.
    upstream: dict[str, Any] = {"operation_budget": 1_000_000, "operation_deadline_s": 600.0}
    if max_concurrency is not None:
        upstream["max_concurrency"] = max_concurrency
    config = {
        "connections": {provider: connection_options(provider, size=size, latency_ms=latency_ms)},
        "upstream": upstream,
    }
    return parse_settings(config, "bench")


@dataclass
class Execution:
    data: Any
    errors: int
    requests: int
    wall_s: float
    cpu_s: float
    pages: int = 1
    rows: int = 0
    page_edges: list[list[Any]] = field(default_factory=list)
    sent: list[httpx.Request] = field(default_factory=list)
    error_codes: list[str | None] = field(default_factory=list)


def count_objects(value: Any) -> int:
    """Objects in a response: every JSON object below ``data`` (records and value objects)."""
    if isinstance(value, Mapping):
        return 1 + sum(count_objects(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_objects(v) for v in value)
    return 0


def root_nodes(scenario: Scenario, data: Any) -> list[Mapping[str, Any]]:
    root = (data or {}).get(scenario.root_field)
    if root is None:
        return []
    if scenario.by_id:
        return [root]
    return [e["node"] for e in root.get("edges", ()) if e and e.get("node")]


class Harness:
    """One provider connection (a fresh pool per run) and the scenario runner over it."""

    def __init__(
        self, provider: str, *, size: int, latency_ms: float, max_concurrency: int | None = None
    ) -> None:
        self.provider = provider
        self.settings = bench_settings(
            provider, size=size, latency_ms=latency_ms, max_concurrency=max_concurrency
        )
        # Every run builds a fresh pool, and the dataset registry shares a dataset only while
        # something holds it: the harness does, so its runs all serve one dataset, built once.
        options = self.settings.connections[provider].options
        self.dataset = dataset(options["seed"], options["size"])

    @contextlib.asynccontextmanager
    async def pool(self) -> AsyncIterator[tuple[ProviderAdapter, list[httpx.Request]]]:
        pool = ConnectionPool(self.settings)
        adapter = pool.get(self.provider)
        sent: list[httpx.Request] = []
        if adapter.http is not None:

            async def record(request: httpx.Request) -> None:
                sent.append(request)

            adapter.http.event_hooks = {"request": [record], "response": []}
        try:
            yield adapter, sent
        finally:
            await pool.aclose()

    async def variables(self, scenario: Scenario) -> dict[str, Any]:
        if not scenario.by_id:
            return {}
        async with self.pool() as (adapter, _):
            result = await execute(adapter, self.settings, CANDIDATE_WITH_APPLICATIONS, {}, naive=False)
        nodes = [e["node"] for e in result.data["candidates"]["edges"]]
        richest = max(nodes, key=lambda n: len(n.get("applications") or ()))
        return {"id": richest["id"]}

    async def execute(self, document: str, variables: Mapping[str, Any] | None = None) -> Execution:
        """One operation on a fresh pool (for checks outside the scenarios)."""
        async with self.pool() as (adapter, sent):
            result = await execute(adapter, self.settings, document, variables or {}, naive=False)
            result.sent = list(sent)
            return result

    async def run(
        self, scenario: Scenario, variables: Mapping[str, Any], *, naive: bool = False, keep: bool = True
    ) -> Execution:
        async with self.pool() as (adapter, sent):
            if not scenario.paginated:
                result = await execute(adapter, self.settings, scenario.document, variables, naive=naive)
                result.sent = list(sent)
                return result
            total = Execution(
                data={scenario.root_field: {"edges": []}}, errors=0, requests=0, wall_s=0, cpu_s=0
            )
            total.pages = 0
            after: str | None = None
            while True:
                page = await execute(
                    adapter, self.settings, scenario.document, {**variables, "after": after}, naive=naive
                )
                total.pages += 1
                total.errors += page.errors
                total.error_codes += page.error_codes
                total.requests += page.requests
                total.wall_s += page.wall_s
                total.cpu_s += page.cpu_s
                connection = (page.data or {}).get(scenario.root_field) or {}
                edges = connection.get("edges") or ()
                total.rows += len(edges)
                if keep:
                    total.page_edges.append(list(edges))
                    total.data[scenario.root_field]["edges"].extend(edges)
                info = connection.get("pageInfo") or {}
                after = info.get("endCursor")
                if not info.get("hasNextPage") or not after:
                    break
            total.sent = list(sent)
            return total

    async def replay_sequentially(self, requests: Sequence[httpx.Request]) -> float:
        """Wall time of sending ``requests`` one after another with a plain httpx client."""
        async with self.pool() as (adapter, _):
            client = adapter.http
            assert client is not None
            start = time.perf_counter()
            for sent in requests:
                copy = httpx.Request(sent.method, sent.url, headers=sent.headers, content=sent.content)
                response = await client.send(copy)
                await response.aread()
            return time.perf_counter() - start


async def execute(
    adapter: ProviderAdapter, settings: Settings, document: str, variables: Mapping[str, Any], *, naive: bool
) -> Execution:
    """One operation as the HTTP endpoint runs it: the schema, a typed context, the operation's
    upstream meter in its context variable, and the response encoded."""
    ctx = Context(adapter=adapter, settings=settings, request_id="bench")
    if naive:
        ctx.loaders = NaiveLoaders(adapter)
    token = current_meter.set(ctx.meter)
    cpu = time.process_time()
    start = time.perf_counter()
    try:
        result = await schema.execute(document, variable_values=dict(variables), context_value=ctx)
        # the endpoint's encoding is part of what a client waits for
        json.dumps(result.data, default=str)
    finally:
        current_meter.reset(token)
    wall = time.perf_counter() - start
    spent = time.process_time() - cpu
    # classified after the clocks stop: the codes are the harness's bookkeeping
    codes = [format_error(e, "bench").get("extensions", {}).get("code") for e in result.errors or ()]
    return Execution(
        data=result.data,
        errors=len(codes),
        error_codes=codes,
        requests=ctx.meter.requests,
        wall_s=wall,
        cpu_s=spent,
    )


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0
