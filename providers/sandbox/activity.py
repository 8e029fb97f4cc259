"""Live hiring activity in a sandbox account: one realistic change at a time.

Each :meth:`SandboxActivity.step` picks a change the account allows now (an application moves
to its job's next stage, is rejected with a reason, a new candidate applies to an open job,
an interview is scheduled, an interviewer submits a scorecard) and makes it through the
adapter's own write methods, exactly like a mutation: one simulated call, one change set, the
indexes kept right, and reads see it at once. It reports what changed as neutral
``resource.action`` names (``application.stage_changed``…); the events layer logs them.

Which change and which records are drawn from ``rng``: the same seed and the same dataset give
the same sequence of changes (the timestamps are the wall clock's, like any write's).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from random import Random
from typing import TYPE_CHECKING, Final, TypeVar, cast

from ..records import (
    ApplicationRecord,
    CandidateRecord,
    EmailAddress,
    InterviewRecord,
    JobInterviewStageRecord,
    JobRecord,
    JobStatus,
    OverallRecommendation,
    Record,
    Resource,
)
from ..writes import ApplicationInput, CandidateInput, Rejection, StageMove
from . import vocabulary as V
from .interview_writes import OPEN_INTERVIEW, interview_kind

if TYPE_CHECKING:
    from .adapter import SandboxAdapter
    from .dataset import Dataset

R = Resource
T = TypeVar("T", bound=Record)

PROBES: Final = 64
"""Random records looked at to find one a change applies to: a step costs the same on a
2,000-candidate account as on a million-candidate one."""

_RECOMMENDATIONS: Final = (
    (OverallRecommendation.STRONG_YES, 2),
    (OverallRecommendation.YES, 4),
    (OverallRecommendation.NO, 3),
    (OverallRecommendation.DEFINITELY_NO, 1),
)


@dataclass(frozen=True)
class Happened:
    """One record a change wrote, and what happened to it (``application.stage_changed``)."""

    event: str
    resource: Resource
    record: Record


class SandboxActivity:
    """The live activity of one sandbox connection (``adapter``)."""

    def __init__(self, adapter: SandboxAdapter, rng: Random) -> None:
        self.adapter = adapter
        self.rng = rng
        # The kinds of change, with how often each is tried first.
        self.kinds: Sequence[tuple[Callable[[], Awaitable[list[Happened]]], int]] = (
            (self.advance, 35),
            (self.reject, 15),
            (self.apply, 20),
            (self.schedule, 15),
            (self.score, 15),
        )

    async def step(self) -> list[Happened]:
        """One change, of a kind drawn by weight (the next kinds in turn when the account
        offers none to make of it); empty only when nothing applies at all."""
        makers = [maker for maker, _ in self.kinds]
        first = self.rng.choices(range(len(makers)), weights=[w for _, w in self.kinds])[0]
        for maker in makers[first:] + makers[:first]:
            happened = await maker()
            if happened:
                return happened
        return []

    # -- finding records ----------------------------------------------------------------------
    @property
    def data(self) -> Dataset:
        return self.adapter.writable()

    def _probe(self, resource: Resource, kind: type[T], fits: Callable[[T], bool]) -> T | None:
        rows = self.data.records(resource)
        for _ in range(min(PROBES, len(rows))):
            record = rows[self.rng.randrange(len(rows))]
            if isinstance(record, kind) and fits(record):
                return record
        return None

    def _stages(self, job_id: str | None) -> list[JobInterviewStageRecord]:
        stages = self.data.children(R.JOB_INTERVIEW_STAGE, "job").get(job_id or "", ())
        return sorted(cast("Sequence[JobInterviewStageRecord]", stages), key=lambda s: s.position or 0)

    def _next_stage(self, app: ApplicationRecord) -> JobInterviewStageRecord | None:
        stages = self._stages(app.job_id)
        ids = [s.id for s in stages]
        at = ids.index(app.current_stage_id) if app.current_stage_id in ids else len(ids)
        return stages[at + 1] if at + 1 < len(stages) else None

    def _open(self, app: ApplicationRecord) -> bool:
        return app.rejected_at is None and self._next_stage(app) is not None

    # -- the changes --------------------------------------------------------------------------
    async def advance(self) -> list[Happened]:
        app = self._probe(R.APPLICATION, ApplicationRecord, self._open)
        stage = None if app is None else self._next_stage(app)
        if app is None or stage is None:
            return []
        moved = await self.adapter.move_application_stage(StageMove(app.id, stage.id), None)
        return [Happened("application.stage_changed", R.APPLICATION, moved)]

    async def reject(self) -> list[Happened]:
        app = self._probe(R.APPLICATION, ApplicationRecord, self._open)
        reasons = self.data.records(R.REJECT_REASON)
        if app is None:
            return []
        reason = reasons[self.rng.randrange(len(reasons))].id if reasons else None
        rejected = await self.adapter.reject_application(Rejection(app.id, reason), None)
        return [Happened("application.rejected", R.APPLICATION, rejected)]

    async def apply(self) -> list[Happened]:
        job = self._probe(R.JOB, JobRecord, lambda j: j.status is JobStatus.OPEN and bool(self._stages(j.id)))
        if job is None:
            return []
        first, last = self.rng.choice(V.FIRST_NAMES), self.rng.choice(V.LAST_NAMES)
        address = f"{first}.{last}.{self.rng.randrange(10_000)}@{self.rng.choice(V.PERSONAL_DOMAINS)}"
        person = CandidateInput(
            first_name=first,
            last_name=last,
            emails=(EmailAddress(email=address.lower(), type="personal", is_primary=True),),
            locations=(self.rng.choice(V.CITIES),),
        )
        source = self.rng.choices([s for s, _ in V.SOURCES], weights=[w for _, w in V.SOURCES])[0]
        app = await self.adapter.create_application(
            ApplicationInput(job_id=job.id, candidate=person, source=source), None
        )
        candidate = self.data.get(R.CANDIDATE, app.candidate_id or "")
        made = [Happened("application.created", R.APPLICATION, app)]
        if isinstance(candidate, CandidateRecord):
            made.insert(0, Happened("candidate.created", R.CANDIDATE, candidate))
        return made

    def _awaits_interview(self, app: ApplicationRecord) -> bool:
        if app.rejected_at is not None:
            return False
        stage = self.data.get(R.JOB_INTERVIEW_STAGE, app.current_stage_id or "")
        if interview_kind(cast("JobInterviewStageRecord | None", stage)) is None:
            return False
        booked = self.data.children(R.INTERVIEW, "application").get(app.id, ())
        return not any(
            i.job_interview_stage_id == app.current_stage_id and i.status in OPEN_INTERVIEW
            for i in cast("Sequence[InterviewRecord]", booked)
        )

    async def schedule(self) -> list[Happened]:
        app = self._probe(R.APPLICATION, ApplicationRecord, self._awaits_interview)
        job = None if app is None else self.data.get(R.JOB, app.job_id or "")
        if app is None or not isinstance(job, JobRecord):
            return []
        team = list(dict.fromkeys((*job.hiring_manager_ids, *job.recruiter_ids)))
        if not team:
            users = self.data.records(R.USER)
            team = [users[self.rng.randrange(len(users))].id] if users else []
        if not team:
            return []
        interviewers = self.rng.sample(team, min(len(team), 1 + self.rng.randrange(2)))
        # A working-hours slot one to seven days ahead, on the hour.
        day = datetime.now(UTC) + timedelta(days=1 + self.rng.randrange(7))
        start = day.replace(hour=9 + self.rng.randrange(8), minute=0, second=0, microsecond=0)
        interview = await self.adapter.schedule_interview(app.id, start, interviewers)
        return [Happened("interview.scheduled", R.INTERVIEW, interview)]

    def _awaits_feedback(self, interview: InterviewRecord) -> bool:
        if interview.status not in OPEN_INTERVIEW or not interview.interviewer_ids:
            return False
        cards = self.data.children(R.SCORECARD, "interview").get(interview.id, ())
        return len(cards) < len(interview.interviewer_ids)

    async def score(self) -> list[Happened]:
        interview = self._probe(R.INTERVIEW, InterviewRecord, self._awaits_feedback)
        if interview is None:
            return []
        cards = self.data.children(R.SCORECARD, "interview").get(interview.id, ())
        done = {getattr(c, "interviewer_id", None) for c in cards}
        interviewer = next(i for i in interview.interviewer_ids if i not in done)
        verdict = self.rng.choices([r for r, _ in _RECOMMENDATIONS], weights=[w for _, w in _RECOMMENDATIONS])
        scorecard, updated = await self.adapter.submit_scorecard(interview.id, interviewer, verdict[0])
        return [
            Happened("scorecard.submitted", R.SCORECARD, scorecard),
            Happened("interview.updated", R.INTERVIEW, updated),
        ]
