"""Account data that turns a candidate's stage name and disqualification text into ids.

A candidate names its stage (``"Phone Screen"``) and its disqualification reason (the reason's
text), not their ids. The ids come from ``GET /jobs/{shortcode}/stages`` (one call per job) and
``GET /disqualification_reasons`` (one call per account). Both change rarely, so they are kept
for ``TTL_S`` seconds per adapter (a connection's adapter is shared by its requests): a page of
candidates costs its own call plus, at most once per TTL, one call per job on the page and one
for the reasons.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Final

from .concurrency import run_limited
from .mapping import Lookups, stage_keys
from .payloads import WorkableCandidate, WorkableDisqualificationReason, WorkableStage

TTL_S: Final = 300.0

StagesFetcher = Callable[[str], Awaitable[list[WorkableStage] | None]]
ReasonsFetcher = Callable[[], Awaitable[list[WorkableDisqualificationReason]]]


class Directory:
    def __init__(self, stages: StagesFetcher, reasons: ReasonsFetcher, ttl_s: float = TTL_S) -> None:
        self._fetch_stages = stages
        self._fetch_reasons = reasons
        self._ttl = ttl_s
        self._stages: dict[str, tuple[float, dict[str, str]]] = {}
        self._reasons: tuple[float, dict[str, str]] | None = None

    def _fresh(self, stamp: float) -> bool:
        return time.monotonic() - stamp < self._ttl

    def remember_stages(self, shortcode: str, stages: Sequence[WorkableStage]) -> None:
        """Keep a job's stages read for another purpose (listing stages)."""
        self._stages[shortcode] = (time.monotonic(), stage_keys(list(stages)))

    async def _stage_table(self, shortcode: str) -> None:
        stages = await self._fetch_stages(shortcode)
        self._stages[shortcode] = (time.monotonic(), stage_keys(stages or []))

    async def _reason_table(self) -> None:
        reasons = await self._fetch_reasons()
        table = {r.description: r.id for r in reasons if r.description}
        self._reasons = (time.monotonic(), table)

    async def lookups(self, candidates: Iterable[WorkableCandidate]) -> Lookups:
        candidates = list(candidates)
        jobs = {c.job.shortcode for c in candidates if c.job is not None and c.stage}
        missing = sorted(j for j in jobs if j not in self._stages or not self._fresh(self._stages[j][0]))
        calls: list[Callable[[], Awaitable[None]]]
        calls = [functools.partial(self._stage_table, j) for j in missing]
        wants_reasons = any(c.disqualified and c.disqualification_reason for c in candidates)
        if wants_reasons and (self._reasons is None or not self._fresh(self._reasons[0])):
            calls.append(self._reason_table)
        await run_limited(calls)
        stages: Mapping[str, Mapping[str, str]] = {j: self._stages[j][1] for j in jobs if j in self._stages}
        reasons = self._reasons[1] if self._reasons else {}
        return Lookups(stages=stages, reasons=reasons)
