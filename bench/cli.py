"""``hiregraph bench [--quick] [--output DIR] [--latency-ms MS] [--workers N]`` (arguments parsed in graph/cli.py)."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import logging
from pathlib import Path

from .report import write
from .run import FULL, QUICK, run


def main(args: argparse.Namespace) -> int:
    plan = QUICK if args.quick else FULL
    if args.latency_ms is not None:
        plan = dataclasses.replace(plan, latency_ms=args.latency_ms)
    if args.workers is not None:
        plan = dataclasses.replace(plan, workers=args.workers)
    # one log line per upstream request would cost more CPU than the gateway being measured
    logging.getLogger("httpx").setLevel(logging.WARNING)
    report = asyncio.run(run(plan))
    for note in write(report, Path(args.output)):
        print(f"bench: {note}")
    return 0
