"""Account data that turns a candidate's stage name and disqualification text into ids.

A candidate names its stage (``"Phone Screen"``) and its disqualification reason (the reason's
text), not their ids. The ids come from ``GET /jobs/{shortcode}/stages`` (one call per job) and
``GET /disqualification_reasons`` (one call per account). The fetchers given here are the
API's cached reads (``client.TABLES_TTL_S``): a page of candidates costs its own call plus, at
most once per TTL, one call per job on the page and one for the reasons, only when a candidate
on it is disqualified with a reason.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable

from ..kit.fanout import map_limited
from .client import FAN_OUT
from .mapping import Lookups, stage_keys
from .payloads import WorkableCandidate, WorkableDisqualificationReason, WorkableStage

StagesFetcher = Callable[[str], Awaitable[list[WorkableStage] | None]]
ReasonsFetcher = Callable[[], Awaitable[list[WorkableDisqualificationReason]]]


class Directory:
    def __init__(self, stages: StagesFetcher, reasons: ReasonsFetcher) -> None:
        self._fetch_stages = stages
        self._fetch_reasons = reasons

    async def lookups(self, candidates: Iterable[WorkableCandidate]) -> Lookups:
        candidates = list(candidates)
        jobs = sorted({c.job.shortcode for c in candidates if c.job is not None and c.stage})
        wants_reasons = any(c.disqualified and c.disqualification_reason for c in candidates)

        async def reasons() -> list[WorkableDisqualificationReason]:
            return await self._fetch_reasons() if wants_reasons else []

        by_job, found = await asyncio.gather(map_limited(self._fetch_stages, jobs, FAN_OUT), reasons())
        return Lookups(
            stages={j: stage_keys(s or []) for j, s in zip(jobs, by_job, strict=True)},
            reasons={r.description: r.id for r in found if r.description},
        )
