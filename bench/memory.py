"""Peak memory of scenario 4 as the export grows: each size runs in a fresh interpreter.

The child builds the sandbox dataset first (it is the provider's memory, not the gateway's),
notes its resident set, exports every candidate a page of 100 at a time, and reports its
peak resident set; the growth attributable to the export is the difference.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Sequence
from typing import Any


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


async def _child(size: int) -> dict[str, Any]:
    from providers.sandbox.dataset import dataset

    from .measure import Harness
    from .scenarios import BIG_EXPORT

    # Held while measuring: the registry shares a dataset but frees it once nothing uses it.
    _held = dataset(42, size)
    harness = Harness("sandbox", size=size, latency_ms=0)
    before_kb = _status_kb("VmRSS")
    # a streaming export keeps no page once written
    result = await harness.run(BIG_EXPORT, {}, keep=False)
    exported = result.rows
    return {
        "size": size,
        "exported": exported,
        "rss_before_mb": round(before_kb / 1024, 1),
        "peak_rss_mb": round(_status_kb("VmHWM") / 1024, 1),
        "export_growth_mb": round((_status_kb("VmHWM") - before_kb) / 1024, 1),
    }


def measure(sizes: Sequence[int]) -> dict[str, Any]:
    runs = []
    for size in sizes:
        out = subprocess.run(
            [sys.executable, "-m", "bench.memory", str(size)], check=True, capture_output=True, text=True
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    growth = [r["export_growth_mb"] for r in runs]
    return {
        "scenario": "big_export",
        "provider": "sandbox",
        "runs": runs,
        "flat": bool(growth) and max(growth) - min(growth) <= max(16.0, 0.25 * max(growth)),
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(_child(int(sys.argv[1])))))
