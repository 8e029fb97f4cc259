"""The sandbox's interview writes: scheduling an interview, submitting a scorecard.

hiregraph has no mutations for these yet; the sandbox's live activity (``activity.py``) makes
them, so an interview or a scorecard event can be watched. Like every sandbox write
(``writes.py``), each checks first, then lands as one change set through ``Dataset.apply``,
which keeps the indexes right.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import cast

from ..records import (
    ApplicationRecord,
    InterviewRecord,
    InterviewStatus,
    JobInterviewStageRecord,
    OverallRecommendation,
    Resource,
    ScorecardRecord,
)
from . import vocabulary as V
from .writes import SandboxWriter

R = Resource

_KINDS = dict(V.STAGES)
"""Stage name -> kind (``phone``, ``onsite``…), as the generator names its stages."""

OPEN_INTERVIEW = frozenset({InterviewStatus.SCHEDULED, InterviewStatus.AWAITING_FEEDBACK})


def interview_kind(stage: JobInterviewStageRecord | None) -> str | None:
    """The kind of interview a stage holds (None: a stage without interviews, like the review)."""
    kind = _KINDS.get((stage.name or "") if stage is not None else "")
    return kind if kind in V.INTERVIEW_MINUTES else None


def schedule_interview(
    w: SandboxWriter, application_id: str, start_at: datetime, interviewer_ids: Sequence[str]
) -> InterviewRecord:
    """An interview of the application's current stage, starting at ``start_at``."""
    app = w.data.get(R.APPLICATION, application_id)
    if not isinstance(app, ApplicationRecord) or app.rejected_at is not None:
        raise w.refused("applicationId", f"there is no open application '{application_id[:100]}'")
    stage = w.data.get(R.JOB_INTERVIEW_STAGE, app.current_stage_id or "")
    kind = interview_kind(cast("JobInterviewStageRecord | None", stage))
    if kind is None:
        raise w.refused("applicationId", "the application's stage holds no interviews")
    if not interviewer_ids or any(w.data.get(R.USER, u) is None for u in interviewer_ids):
        raise w.refused("interviewerIds", "the interviewers must be users of the account")
    now = w.clock()
    iid = w.data.next_id(R.INTERVIEW)
    if kind == "phone":
        location = "Phone"
    elif kind == "onsite":
        location = "Onsite"
    else:
        location = V.VIDEO_LOCATIONS[int(start_at.timestamp()) % len(V.VIDEO_LOCATIONS)]
    interview = InterviewRecord(
        id=iid,
        remote_id=iid,
        application_id=app.id,
        candidate_id=app.candidate_id,
        job_interview_stage_id=app.current_stage_id,
        organizer_id=interviewer_ids[0],
        interviewer_ids=tuple(interviewer_ids),
        location=location,
        start_at=start_at,
        end_at=start_at + timedelta(minutes=V.INTERVIEW_MINUTES[kind]),
        status=InterviewStatus.SCHEDULED,
        raw_status=InterviewStatus.SCHEDULED.value,
        created_at=now,
        updated_at=now,
    )
    w.data.apply([(R.INTERVIEW, interview)])
    return interview


def submit_scorecard(
    w: SandboxWriter, interview_id: str, interviewer_id: str, recommendation: OverallRecommendation
) -> tuple[ScorecardRecord, InterviewRecord]:
    """One interviewer's scorecard; the interview is then completed when every interviewer has
    submitted one, else awaits the rest of the feedback. Returns both records."""
    found = w.data.get(R.INTERVIEW, interview_id)
    if not isinstance(found, InterviewRecord) or found.status not in OPEN_INTERVIEW:
        raise w.refused("interviewId", f"there is no open interview '{interview_id[:100]}'")
    if interviewer_id not in found.interviewer_ids:
        raise w.refused("interviewerId", "only one of the interview's interviewers submits a scorecard")
    given = submitted_by(w, interview_id)
    if interviewer_id in given:
        raise w.refused("interviewerId", "this interviewer has already submitted a scorecard")
    now = w.clock()
    sid = w.data.next_id(R.SCORECARD)
    scorecard = ScorecardRecord(
        id=sid,
        remote_id=sid,
        application_id=found.application_id,
        candidate_id=found.candidate_id,
        interview_id=found.id,
        interviewer_id=interviewer_id,
        submitted_at=now,
        overall_recommendation=recommendation,
        raw_overall_recommendation=recommendation.value,
        created_at=now,
        updated_at=now,
    )
    done = given | {interviewer_id} >= set(found.interviewer_ids)
    status = InterviewStatus.COMPLETED if done else InterviewStatus.AWAITING_FEEDBACK
    interview = found.model_copy(update={"status": status, "raw_status": status.value, "updated_at": now})
    w.data.apply([(R.SCORECARD, scorecard), (R.INTERVIEW, interview)])
    return scorecard, interview


def submitted_by(w: SandboxWriter, interview_id: str) -> set[str]:
    """The interviewers who have submitted a scorecard for the interview."""
    cards = w.data.children(R.SCORECARD, "interview").get(interview_id, ())
    return {c.interviewer_id for c in cast("Sequence[ScorecardRecord]", cards) if c.interviewer_id}
