"""Writing a run: ``report.json``, ``report.md`` (the tables) and ``ratios.png`` (the chart)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

CHART_HINT = "the chart needs matplotlib: pip install -e '.[bench]'"


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}" if value < 10 else f"{value:.1f}"
    return str(value)


COLUMNS = (
    ("scenario", "scenario"),
    ("provider", "provider"),
    ("max_concurrency", "in flight"),
    ("upstream_requests", "requests"),
    ("minimum_requests", "minimum"),
    ("request_ratio", "ratio"),
    ("wall_s", "wall s"),
    ("critical_path_s", "critical path s"),
    ("wall_ratio", "wall / path"),
    ("waiting_ratio", "(wall - cpu) / path"),
    ("naive_wall_s", "naive s"),
    ("handwritten_wall_s", "hand-written s"),
    ("speedup_vs_naive", "x naive"),
    ("speedup_vs_handwritten", "x hand-written"),
    ("objects", "objects"),
    ("errors", "field errors"),
    ("cpu_s", "cpu s"),
    ("cpu_zero_latency_s", "cpu s, no latency"),
    ("graphql_core_cpu_s", "graphql-core cpu s"),
    ("cpu_ratio", "cpu / floor"),
)


def markdown(report: Mapping[str, Any]) -> str:
    machine = report["machine"]
    plan = report["plan"]
    lines = [
        f"Run {report['generated_at']} on {machine['cpus']} CPUs (1-minute load average "
        f"{machine['load_average_1m'][0]} at start, {machine['load_average_1m'][1]} at end), "
        f"Python {machine['python']}; "
        f"injected latency {plan['latency_ms']} ms per upstream request; dataset {plan['size']} candidates, "
        f"scenario 1 reads {plan['pipeline_first']} of them (export: {plan['export_sizes']}); "
        f"median of {plan['repeats']} run(s); baselines run once; CPU against graphql-core: "
        f"medians of {plan.get('cpu_pairs', '-')} alternating pairs at zero latency.",
        "",
        "| " + " | ".join(title for _, title in COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    for row in report["results"]:
        lines.append("| " + " | ".join(_cell(row.get(key)) for key, _ in COLUMNS) + " |")
    limited = report.get("rate_limited")
    if limited:
        lines += [
            "",
            "Scenario 1 under each provider's documented rate limit, compressed in time "
            "(bench/ratelimited.py), against the naive resolvers:",
            "",
            "| provider | documented limit | scaled to | requests | naive requests | wall s | naive s "
            "| x naive | x from the limit alone | 429s, errors, over limit |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for row in limited:
            lines.append(
                f"| {row['provider']} | {row['documented_limit']} | {row['scaled_limit']} "
                f"| {row['upstream_requests']} | {row['naive_upstream_requests']} | {_cell(row['wall_s'])} "
                f"| {_cell(row['naive_wall_s'])} | {_cell(row['speedup_vs_naive'])} "
                f"| {_cell(row['rate_bound_speedup'])} "
                f"| {row['rejected_429']}, {row['errors']}, {row['over_limit']} |"
            )
    upstream = report.get("upstream_cpu")
    if upstream:
        low, high = upstream["cpu_ms_per_upstream_call_range"]
        lines += [
            "",
            "Gateway CPU per upstream call (bench/upstream_cpu.py): Ashby candidates -> applications "
            f"-> job, {upstream['first']} candidates of {upstream['size']}, simulator over "
            f"{upstream['transport']}, no injected latency, median of {upstream['runs']} runs:",
            "",
            "| provider | requests | cpu ms a request | cpu ms per upstream call | lowest - highest "
            "| httpx alone, ms per call | target | errors |",
            "|---|---|---|---|---|---|---|---|",
            f"| {upstream['provider']} | {upstream['upstream_requests']} | {upstream['cpu_ms_per_request']} "
            f"| {upstream['cpu_ms_per_upstream_call']} | {low} - {high} "
            f"| {upstream['httpx_alone_cpu_ms_per_upstream_call']} "
            f"| <= {upstream['target_ms_per_upstream_call']} | {upstream['errors']} |",
        ]
    load = report.get("throughput")
    if load:
        lines += [
            "",
            f"Throughput, scenario 3 on the sandbox, {load['concurrency']} concurrent clients, "
            f"{load['workers']} worker(s): {load['requests_per_s']} req/s over {load['requests']} requests "
            f"({load['failures']} failed); latency p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms, "
            f"p99 {load['p99_ms']} ms.",
        ]
    memory = report.get("memory")
    if memory:
        lines += [
            "",
            "| export size | peak RSS MB | RSS before MB | growth during export MB |",
            "|---|---|---|---|",
        ]
        for run in memory["runs"]:
            lines.append(
                f"| {run['size']} | {run['peak_rss_mb']} | {run['rss_before_mb']} | {run['export_growth_mb']} |"
            )
        lines.append(f"\nMemory flat as the export grows: {'yes' if memory['flat'] else 'no'}.")
    events = report.get("events")
    if events:
        lines += ["", *events_markdown(events)]
    return "\n".join(lines) + "\n"


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def events_markdown(events: Mapping[str, Any]) -> list[str]:
    """The events table (bench/events.py), or why it was skipped."""
    if "skipped" in events:
        return [f"Events: skipped ({events['skipped']})."]
    plan, one, two = events["plan"], events["one_worker"], events["two_workers"]
    restart = two["restart"]
    rows = [
        ("one worker", one["latency"], one["throughput"]),
        ("two workers, Redis", two["latency"], two["throughput"]),
    ]
    lines = [
        "Events (bench/events.py): out = the `events` subscription's message over a WebSocket; "
        f"latency: in = a signed {plan.get('webhook_provider', 'provider')} webhook delivery posted to "
        f"`POST /webhooks/<connection>`, one at a time ({plan['latency_events']} events, "
        f"{plan['pace_ms']:g} ms apart, to worker 1, subscribers on the last worker); events/s and "
        "under load: in = a `createCandidate` mutation sent over HTTP, with "
        f"{plan['producers']} writes in flight over every worker ({plan['throughput_events']} events), "
        f"{plan['subscribers_per_worker']} subscribers per worker; {events['duration_s']} s, 1-minute load "
        f"average {events['load_average_1m'][0]} at start, {events['load_average_1m'][1]} at end:",
        "",
        "| workers | latency p50 ms | latency p99 ms | events/s | writes/s | slowest write ms "
        "| latency p50 / p99 ms under load | lost | duplicated |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, latency, load in rows:
        lines.append(
            f"| {name} | {latency['p50_ms']} | {latency['p99_ms']} | {load['events_per_s']} "
            f"| {load['writes_per_s']} | {load['slowest_write_ms']} | {_ms(load['p50_ms'])} / {_ms(load['p99_ms'])} "
            f"| {latency['lost'] + load['lost']} | {latency['duplicated'] + load['duplicated']} |"
        )
    lines += [
        "",
        f"Worker restart: {restart['events']} events written through worker 1, worker 2 killed "
        f"(SIGKILL) after {restart['killed_after_events']} and started again ({restart['down_s']} s "
        f"down, {restart['written_while_down']} events written meanwhile, {restart['reconnects']} "
        f"reconnection attempts), {restart['subscribers']} subscribers: lost {restart['lost']}, "
        f"duplicated {restart['duplicated']}, failed writes {restart['failed_writes']}.",
    ]
    return lines


def chart(report: Mapping[str, Any], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    rows = report["results"]
    labels = [f"{r['scenario']}\n{r['provider']}" for r in rows]
    series = (
        ("requests / minimum", "request_ratio"),
        ("wall / critical path", "wall_ratio"),
        ("cpu / graphql-core", "cpu_ratio"),
    )
    figure, axes = plt.subplots(len(series), 1, figsize=(max(8, len(rows) * 0.6), 10), sharex=True)
    for axis, (title, key) in zip(axes, series, strict=True):
        axis.bar(range(len(rows)), [r.get(key) or 0 for r in rows])
        axis.axhline(1.0, color="black", linewidth=0.8)
        axis.set_ylabel(title)
    axes[-1].set_xticks(range(len(rows)), labels, rotation=90, fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return True


def write(report: Mapping[str, Any], directory: Path) -> list[str]:
    """Write the three files; returns notes for the console (e.g. the chart was skipped)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (directory / "report.md").write_text(markdown(report), encoding="utf-8")
    if chart(report, directory / "ratios.png"):
        return [f"wrote {directory}/report.json, report.md and ratios.png"]
    return [f"wrote {directory}/report.json and report.md; {CHART_HINT}"]
