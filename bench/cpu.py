"""CPU per resolved object: hiregraph on the sandbox against the graphql-core floor.

Both sides resolve the same in-memory dataset with no injected latency, alternately, in
pairs whose order flips each time, and the medians of the pairs are compared. Why not the
CPU of the timed rows: on this kind of machine the same work costs more CPU the longer the
process sleeps between bursts (caches and clocks cool down while it waits for upstream).
Measured on the 10,000-candidate export, whose Python call count per page stays within
0.3 %, a page cost 12.9 ms of CPU at 0 ms of latency and 14.7, 18.1 and 18.5 ms at 5, 20 and
50 ms; the floor never sleeps. Waiting is what a gateway does, so the rows keep
their own CPU; the framework comparison takes it out of both sides.
"""

from __future__ import annotations

import gc
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .floor import Floor
from .measure import Harness
from .scenarios import Scenario

CPU_KEYS = ("cpu_zero_latency_s", "graphql_core_cpu_s", "cpu_ratio", "cpu_ratio_pairs", "cpu_ratio_range")


@dataclass(frozen=True)
class CpuComparison:
    cpu_s: float
    """hiregraph, median of the pairs."""
    floor_cpu_s: float
    """graphql-core, median of the pairs."""
    pair_ratios: list[float]

    @property
    def ratio(self) -> float:
        return self.cpu_s / self.floor_cpu_s

    def as_row(self) -> dict[str, Any]:
        spread = sorted(self.pair_ratios)
        return {
            "cpu_zero_latency_s": round(self.cpu_s, 4),
            "graphql_core_cpu_s": round(self.floor_cpu_s, 4),
            "cpu_ratio": round(self.ratio, 2),
            "cpu_ratio_pairs": len(spread),
            "cpu_ratio_range": [round(spread[0], 2), round(spread[-1], 2)] if spread else None,
        }


async def compare(
    scenario: Scenario, floor: Floor, *, size: int, variables: Mapping[str, Any], pairs: int
) -> CpuComparison:
    harness = Harness("sandbox", size=size, latency_ms=0)
    floor_cpu(floor, scenario, variables)  # builds the floor's indexes
    await harness.run(scenario, variables, keep=False)  # and hiregraph's per-type caches
    # what earlier rows left on the heap would otherwise be rescanned by whichever side
    # happens to trigger a full collection
    gc.collect()
    gc.freeze()
    ours: list[float] = []
    theirs: list[float] = []
    for i in range(pairs):
        if i % 2:
            theirs.append(floor_cpu(floor, scenario, variables))
            ours.append((await harness.run(scenario, variables, keep=False)).cpu_s)
        else:
            ours.append((await harness.run(scenario, variables, keep=False)).cpu_s)
            theirs.append(floor_cpu(floor, scenario, variables))
    return CpuComparison(
        cpu_s=statistics.median(ours),
        floor_cpu_s=statistics.median(theirs),
        pair_ratios=[a / b for a, b in zip(ours, theirs, strict=True)],
    )


def floor_cpu(floor: Floor, scenario: Scenario, variables: Mapping[str, Any]) -> float:
    """The floor's CPU for the scenario, following its pages like the harness does."""
    if not scenario.paginated:
        return floor.cpu_s(scenario.document, variables)[0]
    spent, after = 0.0, None
    while True:
        cpu, data = floor.cpu_s(scenario.document, {**variables, "after": after})
        spent += cpu
        info = data[scenario.root_field]["pageInfo"]
        if not info["hasNextPage"]:
            return spent
        after = info["endCursor"]
