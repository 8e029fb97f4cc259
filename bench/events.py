"""Events in the bench: event-in to subscriber-out latency, events/s through one worker and
through two workers fanned out by Redis, and a run with a worker killed and restarted mid-stream
that must lose and duplicate nothing.

"In" is, for the latency rows, a signed provider webhook posted to ``POST /webhooks/<connection>``
of a ``hiregraph serve`` worker (made by the provider's own ``WebhookScheme.simulate``, picked
through the registry: ``events_webhooks.py``); for the events/s and restart runs, a
``createCandidate`` mutation posted over HTTP (the write path, which logs its event before it
answers). The clock starts when the request is sent. "Out" is the ``next`` message of an
``events`` subscription arriving over a real WebSocket (graphql-transport-ws), on another
worker process for the latency rows. Every worker is its own process on loopback, sharing one
PostgreSQL schema (the log) and, with two, one Redis (the fan-out); clients run in this process.

Lost and duplicated are counted against the log itself, read back at the end through the
``events`` query: each subscriber must have received every event in it exactly once. An
acknowledged write whose event is not in the log counts as lost too.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import httpx

from .events_clients import Producer, Subscriber, WebhookProducer, read_log, stop
from .events_cluster import Worker, cluster, services_missing
from .events_webhooks import SUBSCRIBED, WebhookSource, webhook_source
from .load import percentile

LATENCY, THROUGHPUT, RESTART = "latency", "throughput", "restart"
CONNECTIONS: Final = (LATENCY, THROUGHPUT, RESTART)
SETTLE_S: Final = 30.0
"""How long subscribers get, once the producers are done, to receive everything in the log."""


@dataclass(frozen=True)
class EventsPlan:
    latency_events: int
    """Events of the latency rows, written one at a time, ``pace_s`` apart."""
    throughput_events: int
    restart_events: int
    producers: int = 8
    """Writes in flight in the throughput and restart runs."""
    subscribers: int = 2
    """Subscribers per worker."""
    pace_s: float = 0.02
    restart_pace_s: float = 0.01
    """Each restart-run writer's pause between writes, so the stream outlasts the restart."""


QUICK_EVENTS = EventsPlan(latency_events=20, throughput_events=60, restart_events=80)
FULL_EVENTS = EventsPlan(latency_events=300, throughput_events=1500, restart_events=1000)


@dataclass
class Phase:
    """One run's clients and what they saw."""

    producer: Producer
    subscribers: list[Subscriber]
    tasks: list[asyncio.Task[None]]


async def _open(
    workers: Sequence[Worker], producer: Producer, per_worker: int, event_type: str = "CANDIDATE_CREATED"
) -> Phase:
    connection = producer.connection
    subscribers = [Subscriber(w.url, connection, event_type) for w in workers for _ in range(per_worker)]
    tasks = [asyncio.create_task(s.run()) for s in subscribers]
    await asyncio.wait_for(asyncio.gather(*(s.subscribed.wait() for s in subscribers)), 30)
    # the subscribe message is on its way: give the servers a moment to register it, so the
    # first events are timed live, not replayed
    await asyncio.sleep(0.3)
    return Phase(producer, subscribers, tasks)


async def _settle(phase: Phase, newest: int) -> float:
    """Wait until every subscriber has reached event ``newest``; when the last did."""
    deadline = time.monotonic() + SETTLE_S
    while time.monotonic() < deadline:
        for task in phase.tasks:
            if task.done() and task.exception() is not None:
                raise RuntimeError("a subscriber failed") from task.exception()
        if all(s.last_seq >= newest for s in phase.subscribers):
            break
        await asyncio.sleep(0.01)
    await stop(phase.tasks)
    return max((r.at for s in phase.subscribers for r in s.received if r.seq <= newest), default=0.0)


def _tally(phase: Phase, log: list[tuple[int, str, str]]) -> dict[str, Any]:
    expected = {seq for seq, _, _ in log}
    lost = duplicated = 0
    for subscriber in phase.subscribers:
        seqs = [r.seq for r in subscriber.received]
        duplicated += len(seqs) - len(set(seqs))
        lost += len(expected - set(seqs))
    # ids repeat across workers (one sandbox each): compare counts, not sets
    logged = Counter(record_id for _, record_id, _ in log)
    acknowledged = Counter(record_id for _, record_id in phase.producer.sent)
    unlogged = sum((acknowledged - logged).values())
    return {
        "events": len(log),
        "subscribers": len(phase.subscribers),
        "lost": lost + unlogged * len(phase.subscribers),
        "duplicated": duplicated,
        "acknowledged_without_event": unlogged,
        "failed_writes": phase.producer.failed,
        "sources": dict(Counter(source for _, _, source in log)),
    }


def _latencies(phase: Phase) -> list[float] | None:
    """Send-to-receipt times of each subscriber's first receipt of each event; None when the
    writes went through several workers (their ids overlap, so an event's write is unknown)."""
    if len({url for url, _ in phase.producer.sent}) > 1:
        return None
    sent = {record_id: at for (_, record_id), at in phase.producer.sent.items()}
    found = []
    for subscriber in phase.subscribers:
        seen = set()
        for r in subscriber.received:
            started = sent.get(r.record_id)
            if started is not None and r.seq not in seen:
                seen.add(r.seq)
                found.append(r.at - started)
    return found


def _ms(values: list[float] | None, q: float) -> float | None:
    return None if values is None else round(percentile(values, q) * 1000, 1)


async def latency_run(
    http: httpx.AsyncClient, workers: Sequence[Worker], plan: EventsPlan, webhooks: WebhookSource
) -> dict[str, Any]:
    """Signed provider webhooks, one at a time, to the first worker's receiver; timed at the
    subscribers of the last (another process when there are two)."""
    source, target = workers[0], workers[-1]
    producer = WebhookProducer(http, LATENCY, source=webhooks)
    phase = await _open([target], producer, plan.subscribers, SUBSCRIBED)
    await phase.producer.run([source.url], plan.latency_events, concurrency=1, pace_s=plan.pace_s)
    log = await read_log(http, source.url, LATENCY)
    await _settle(phase, log[-1][0] if log else 0)
    values = _latencies(phase)
    return {
        **_tally(phase, log),
        "p50_ms": _ms(values, 50),
        "p99_ms": _ms(values, 99),
        "max_ms": _ms(values, 100),
        "samples": len(values or ()),
    }


async def throughput_run(
    http: httpx.AsyncClient, workers: Sequence[Worker], plan: EventsPlan
) -> dict[str, Any]:
    """``producers`` writes in flight, spread over every worker, followed by ``subscribers``
    on every worker: events/s from the first write sent until every write is acknowledged and
    every subscriber has every event."""
    phase = await _open(workers, Producer(http, THROUGHPUT), plan.subscribers)
    began = time.perf_counter()
    await phase.producer.run([w.url for w in workers], plan.throughput_events, concurrency=plan.producers)
    written = time.perf_counter() - began
    log = await read_log(http, workers[0].url, THROUGHPUT)
    # through the system: until every write is acknowledged and every event delivered (a
    # write's event can reach the subscribers before its own answer reaches the writer)
    delivered = max(await _settle(phase, log[-1][0] if log else 0) - began, written)
    values = _latencies(phase)
    return {
        **_tally(phase, log),
        "writes_per_s": round(len(phase.producer.sent) / written, 1) if written else 0.0,
        "events_per_s": round(len(log) / delivered, 1) if delivered > 0 else 0.0,
        "slowest_write_ms": round(phase.producer.slowest_s * 1000, 1),
        "p50_ms": _ms(values, 50),
        "p99_ms": _ms(values, 99),
    }


async def restart_run(http: httpx.AsyncClient, workers: Sequence[Worker], plan: EventsPlan) -> dict[str, Any]:
    """Writes through the first worker while subscribers follow on both; once a third of the
    writes are acknowledged the second worker is killed (SIGKILL) and started again, and its
    subscribers resume from their last cursor."""
    survivor, victim = workers[0], workers[-1]
    phase = await _open(workers, Producer(http, RESTART), plan.subscribers)
    third = asyncio.Event()
    phase.producer.milestone = (plan.restart_events // 3, third)
    producing = asyncio.create_task(
        phase.producer.run(
            [survivor.url], plan.restart_events, concurrency=plan.producers, pace_s=plan.restart_pace_s
        )
    )
    await asyncio.wait_for(third.wait(), SETTLE_S)
    killed_at = len(phase.producer.sent)
    victim.kill()
    began = time.perf_counter()
    await asyncio.to_thread(victim.start)
    down_s = time.perf_counter() - began
    await producing
    log = await read_log(http, survivor.url, RESTART)
    await _settle(phase, log[-1][0] if log else 0)
    moved = [s for s in phase.subscribers if s.url == victim.url]
    return {
        **_tally(phase, log),
        "killed_after_events": killed_at,
        "written_while_down": sum(1 for s in phase.producer.sent.values() if began <= s <= began + down_s),
        "down_s": round(down_s, 2),
        "reconnects": sum(s.reconnects for s in moved),
    }


async def events_rows(plan: EventsPlan, *, log: Any = print) -> dict[str, Any]:
    """Every events row, or why they could not run (PostgreSQL or Redis missing)."""
    missing = services_missing()
    if missing is not None:
        log(f"bench: events skipped: {missing}")
        return {"skipped": missing}
    webhooks = webhook_source()
    if webhooks is None:
        reason = "no registered provider simulates a signed webhook delivery (WebhookScheme.simulate)"
        log(f"bench: events skipped: {reason}")
        return {"skipped": reason}
    taking = {LATENCY: webhooks}
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    async with httpx.AsyncClient(timeout=30) as http:
        async with cluster(1, CONNECTIONS, taking) as one:
            single = {
                LATENCY: await latency_run(http, one, plan, webhooks),
                THROUGHPUT: await throughput_run(http, one, plan),
            }
        log(f"bench: events, one worker: {single[THROUGHPUT]['events_per_s']} events/s")
        async with cluster(2, CONNECTIONS, taking) as two:
            pair = {
                LATENCY: await latency_run(http, two, plan, webhooks),
                THROUGHPUT: await throughput_run(http, two, plan),
                RESTART: await restart_run(http, two, plan),
            }
        log(
            f"bench: events, two workers: {pair[THROUGHPUT]['events_per_s']} events/s, latency p50 "
            f"{pair[LATENCY]['p50_ms']} ms p99 {pair[LATENCY]['p99_ms']} ms; restart: lost "
            f"{pair[RESTART]['lost']}, duplicated {pair[RESTART]['duplicated']}"
        )
    return {
        "plan": {
            "latency_events": plan.latency_events,
            "throughput_events": plan.throughput_events,
            "restart_events": plan.restart_events,
            "producers": plan.producers,
            "subscribers_per_worker": plan.subscribers,
            "pace_ms": plan.pace_s * 1000,
            "webhook_provider": webhooks.provider,
        },
        "one_worker": single,
        "two_workers": pair,
        "duration_s": round(time.perf_counter() - started, 1),
        # clients and workers share the machine's cores: say how busy it was
        "load_average_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
