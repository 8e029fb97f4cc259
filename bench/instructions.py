"""CPU per operation in instructions: hiregraph against the graphql-core floor, under callgrind.

CPU seconds on a shared 2-core VM move by tens of percent between runs; instruction counts
do not (valgrind's callgrind counts every instruction the interpreter executes, the same
for the same work). This runs a scenario on the sandbox, in-process and at zero latency,
``2 + n`` times and 2 times for each side under ``valgrind --tool=callgrind``; the difference
divided by ``n`` is one run of the scenario (every page, for the export) without start-up,
imports and warm-up.

    python -m bench.instructions pipeline_review [--runs N]
    python -m bench.instructions big_export --size 2000

Slow (callgrind runs Python about 50 times slower): a minute or two per side. Needs valgrind.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .floor import Floor
from .measure import Harness
from .scenarios import SCENARIOS, Scenario

WARM_UP = 2


def _scenario(name: str) -> Scenario:
    return next(s for s in SCENARIOS if s.name == name)


async def _operations(scenario: Scenario, side: str, size: int, runs: int) -> None:
    if side == "floor":
        floor = Floor(size=size)
        for _ in range(runs):
            after: str | None = None
            while True:
                _, data = floor.cpu_s(scenario.document, {"after": after} if scenario.paginated else {})
                info = data[scenario.root_field].get("pageInfo") if scenario.paginated else None
                if not info or not info["hasNextPage"]:
                    break
                after = info["endCursor"]
        return
    harness = Harness("sandbox", size=size, latency_ms=0)
    for _ in range(runs):
        await harness.run(scenario, {}, keep=False)


def _instructions(scenario: Scenario, side: str, size: int, runs: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable]
        command += ["-m", "bench.instructions", scenario.name, "--size", str(size)]
        command += ["--side", side, "--runs", str(runs)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no instruction count: {done.stderr[-500:]}")
    return int(found.group(1))


def per_operation(scenario: Scenario, side: str, size: int, runs: int) -> float:
    """Instructions of one run of ``scenario`` on ``side`` ("hiregraph" or "floor")."""
    base = _instructions(scenario, side, size, WARM_UP)
    more = _instructions(scenario, side, size, WARM_UP + runs)
    return (more - base) / runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.instructions", description=__doc__.split("\n")[0])
    parser.add_argument("scenario", choices=[s.name for s in SCENARIOS])
    parser.add_argument("--size", type=int, default=500, help="sandbox candidates (500)")
    parser.add_argument("--runs", type=int, default=4, help="operations measured per side (4)")
    parser.add_argument("--side", choices=["hiregraph", "floor"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    scenario = _scenario(args.scenario)
    if args.side is not None:  # the process callgrind runs
        asyncio.run(_operations(scenario, args.side, args.size, args.runs))
        return 0
    if shutil.which("valgrind") is None:
        print("bench.instructions needs valgrind (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    ours = per_operation(scenario, "hiregraph", args.size, args.runs)
    floor = per_operation(scenario, "floor", args.size, args.runs)
    print(
        f"{scenario.name} on {args.size} candidates: hiregraph {ours / 1e6:.1f}M instructions a run, "
        f"graphql-core floor {floor / 1e6:.1f}M, ratio {ours / floor:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
