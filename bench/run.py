"""The benchmark run: every scenario x provider, the baselines, throughput and memory."""

from __future__ import annotations

import asyncio
import gc
import os
import platform
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from providers.registry import PROVIDERS as REGISTRY

from .cpu import CPU_KEYS, compare
from .events import FULL_EVENTS, QUICK_EVENTS, EventsPlan, events_rows
from .floor import FLOOR_SCENARIOS, Floor
from .load import throughput
from .measure import Execution, Harness, count_objects, median, root_nodes
from .memory import measure as measure_memory
from .minimum import Minimum, minimum
from .ratelimited import RATE_LIMITED_PROVIDERS, rate_limited_rows
from .scenarios import CANDIDATE_DETAIL, PIPELINE_REVIEW, SCENARIOS, Scenario
from .upstream_cpu import probed_providers, upstream_cpu_row

PROVIDERS = tuple(name for name, cls in REGISTRY.items() if cls.call_model is not None)
"""Every registered provider that declares its minimum-call model, in the registry's order."""


def _over_http(provider: str) -> bool:
    # A provider with a simulator is reached over HTTP (its simulator's), so the connection's
    # max_concurrency caps it; an in-process one has no upstream to cap.
    return REGISTRY[provider].simulation() is not None


@dataclass(frozen=True)
class Plan:
    latency_ms: float
    size: int
    """Candidates in the dataset of scenarios 1-3."""
    export_sizes: Mapping[str, int]
    """Candidates exported in scenario 4, per provider (the default under key "*")."""
    repeats: int
    memory_sizes: Sequence[int]
    load_seconds: float
    pipeline_first: int = 50
    """Candidates of scenario 1 (its document's default is 50)."""
    concurrency: int = 32
    providers: Sequence[str] = PROVIDERS
    scenarios: Sequence[Scenario] = SCENARIOS
    baselines: frozenset[str] = frozenset({"pipeline_review", "job_board", "candidate_detail"})
    """Scenarios that also run the naive and hand-written baselines (once each)."""
    load: bool = True
    rate_limited: bool = True
    """Scenario 1 again on each provider with a documented rate limit, under that limit
    (compressed in time), against the naive resolvers: ``bench/ratelimited.py``."""
    workers: int = 1
    """``hiregraph serve`` workers for the throughput run."""
    cpu_pairs: int = 9
    """Alternating hiregraph / graphql-core runs at zero latency for the CPU comparison."""
    wider_caps: Sequence[int] = (500,)
    """Scenario 1 again on each HTTP provider with this many requests in flight instead of
    the default ``[upstream] max_concurrency``: what batching gains when the cap is lifted."""
    upstream_cpu_runs: int = 15
    """Runs of the gateway-CPU-per-upstream-call row (``bench/upstream_cpu.py``; 0: skipped)."""
    upstream_cpu_size: int = 2000
    """Candidates of that row's dataset: ashby-demo's, where 11 candidates make 25 calls."""
    events: EventsPlan | None = None
    """The events rows (``bench/events.py``; None: skipped): latency, events/s, a worker restart."""

    def export_size(self, provider: str) -> int:
        return self.export_sizes.get(provider, self.export_sizes["*"])


QUICK = Plan(
    latency_ms=20,
    size=200,
    pipeline_first=20,
    export_sizes={"*": 200},
    repeats=1,
    memory_sizes=(100, 1000),
    load_seconds=3,
    baselines=frozenset({"pipeline_review"}),
    wider_caps=(),
    cpu_pairs=3,
    rate_limited=False,
    upstream_cpu_runs=5,
    events=QUICK_EVENTS,
)
FULL = Plan(
    latency_ms=50,
    size=500,
    export_sizes={"*": 1000, "sandbox": 10_000},
    repeats=3,
    memory_sizes=(100, 1000, 10_000),
    load_seconds=15,
    events=FULL_EVENTS,
)


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return round(a / b, 2)


def _minimum(scenario: Scenario, provider: str, result: Execution, cap: int) -> Minimum:
    if not scenario.paginated:
        nodes = root_nodes(scenario, result.data)
        return minimum(provider, scenario.root_field, nodes, by_id=scenario.by_id, max_concurrency=cap)
    total = Minimum(0, 0, [])
    for edges in result.page_edges:
        nodes = [e["node"] for e in edges if e and e.get("node")]
        page = minimum(provider, scenario.root_field, nodes, max_concurrency=cap)
        total.requests += page.requests
        total.rounds += page.rounds
    return total


async def measure_row(
    plan: Plan, scenario: Scenario, provider: str, floor: Floor | None, *, cap: int | None = None
) -> dict[str, Any]:
    size = plan.export_size(provider) if scenario.paginated else plan.size
    harness = Harness(provider, size=size, latency_ms=plan.latency_ms, max_concurrency=cap)
    variables = await harness.variables(scenario)
    # The dataset is the provider's memory, not the gateway's: keep full collections from
    # rescanning it during the timed runs (the floor runs in this process too, and gains
    # the same). `hiregraph serve` freezes its start-up objects the same way.
    gc.collect()
    gc.freeze()
    if scenario is PIPELINE_REVIEW:
        variables["first"] = plan.pipeline_first
    # only the first run's pages feed the minimum model; keeping every run's would grow the
    # heap the collector scans
    runs = [await harness.run(scenario, variables, keep=i == 0) for i in range(plan.repeats)]
    first = runs[0]
    model = _minimum(scenario, provider, first, harness.settings.upstream.max_concurrency)
    wall = median([r.wall_s for r in runs])
    cpu = median([r.cpu_s for r in runs])
    critical = model.rounds * plan.latency_ms / 1000
    naive_wall = naive_requests = handwritten = None
    if scenario.name in plan.baselines and not scenario.paginated:
        naive = await harness.run(scenario, variables, naive=True)
        naive_wall, naive_requests = naive.wall_s, naive.requests
        if first.sent:
            handwritten = await harness.replay_sequentially(first.sent)
    objects = count_objects(first.data)
    framework: dict[str, Any] = dict.fromkeys(CPU_KEYS)
    if floor is not None and provider == "sandbox" and scenario.name in FLOOR_SCENARIOS:
        comparison = await compare(scenario, floor, size=size, variables=variables, pairs=plan.cpu_pairs)
        framework = comparison.as_row()
    return {
        "scenario": scenario.name,
        "provider": provider,
        "size": size,
        "latency_ms": plan.latency_ms,
        "max_concurrency": harness.settings.upstream.max_concurrency if _over_http(provider) else None,
        "pages": first.pages,
        "upstream_requests": first.requests,
        "minimum_requests": model.requests,
        "request_ratio": _ratio(first.requests, model.requests),
        "minimum_rounds": model.rounds,
        "wall_s": round(wall, 4),
        "critical_path_s": round(critical, 4),
        "wall_ratio": _ratio(wall, critical),
        # wall time not spent computing (one process, so CPU delays the next round): ~1.0
        # means no waiting beyond the minimum's rounds, whatever the CPU cost
        "waiting_ratio": _ratio(max(0.0, wall - cpu), critical),
        "naive_wall_s": None if naive_wall is None else round(naive_wall, 4),
        "naive_upstream_requests": naive_requests,
        "handwritten_wall_s": None if handwritten is None else round(handwritten, 4),
        "handwritten_requests": len(first.sent) if handwritten is not None else None,
        "speedup_vs_naive": _ratio(naive_wall, wall),
        "speedup_vs_handwritten": _ratio(handwritten, wall),
        "objects": objects,
        "errors": first.errors,
        "cpu_s": round(cpu, 4),
        **framework,
        "cpu_s_per_10k_objects": round(cpu / objects * 10_000, 3) if objects else None,
    }


async def _candidate_id(plan: Plan) -> str:
    harness = Harness("sandbox", size=plan.size, latency_ms=0)
    return str((await harness.variables(CANDIDATE_DETAIL))["id"])


async def run(plan: Plan, *, log: Any = print) -> dict[str, Any]:
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    results = []
    for scenario in plan.scenarios:
        floor = Floor(size=plan.export_size("sandbox") if scenario.paginated else plan.size)
        for provider in plan.providers:
            row = await measure_row(plan, scenario, provider, floor)
            log(
                f"bench: {scenario.name:<17} {provider:<10} requests {row['upstream_requests']}"
                f" (min {row['minimum_requests']}), wall {row['wall_s']:.3f}s"
                f" (critical path {row['critical_path_s']:.3f}s)"
            )
            results.append(row)
    for cap in plan.wider_caps:
        for provider in plan.providers:
            if _over_http(provider) and PIPELINE_REVIEW in plan.scenarios:
                row = await measure_row(plan, PIPELINE_REVIEW, provider, None, cap=cap)
                log(
                    f"bench: {PIPELINE_REVIEW.name} {provider} with {cap} in flight: wall {row['wall_s']:.3f}s"
                )
                results.append(row)
    limited = None
    if plan.rate_limited and PIPELINE_REVIEW in plan.scenarios:
        limited = await rate_limited_rows(
            [p for p in plan.providers if p in RATE_LIMITED_PROVIDERS],
            size=plan.size,
            latency_ms=plan.latency_ms,
            first=plan.pipeline_first,
            log=log,
        )
    upstream_cpu = None
    probed = probed_providers(plan.providers) if plan.upstream_cpu_runs else []
    if probed:
        upstream_cpu = await upstream_cpu_row(
            probed[0], size=plan.upstream_cpu_size, runs=plan.upstream_cpu_runs
        )
        log(f"bench: gateway cpu {upstream_cpu['cpu_ms_per_upstream_call']} ms per upstream call")
    load = None
    if plan.load:
        load = await throughput(
            size=plan.size,
            latency_ms=plan.latency_ms,
            concurrency=plan.concurrency,
            duration_s=plan.load_seconds,
            candidate_id=await _candidate_id(plan),
            workers=plan.workers,
        )
        log(f"bench: throughput {load['requests_per_s']} req/s, p99 {load['p99_ms']} ms")
    memory = await asyncio.to_thread(measure_memory, plan.memory_sizes) if plan.memory_sizes else None
    events = await events_rows(plan.events, log=log) if plan.events is not None else None
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            # other processes on the machine inflate wall and CPU numbers: say how busy it was
            "load_average_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        },
        "plan": {
            "latency_ms": plan.latency_ms,
            "size": plan.size,
            "pipeline_first": plan.pipeline_first,
            "export_sizes": dict(plan.export_sizes),
            "repeats": plan.repeats,
            "cpu_pairs": plan.cpu_pairs,
        },
        "results": results,
        "rate_limited": limited,
        "upstream_cpu": upstream_cpu,
        "throughput": load,
        "memory": memory,
        "events": events,
        "duration_s": round(time.perf_counter() - started, 1),
    }
