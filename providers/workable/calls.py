"""Workable's minimum-call model (``providers/calls.py``)."""

from __future__ import annotations

from typing import Final

from ..calls import CallModel, Cost, Key, Rule


def _job_part(stage_id: str) -> str:
    return stage_id.split(":", 1)[0]


CALL_MODEL: Final = CallModel(
    rules={
        "applications": Rule(Cost.FREE),  # a Workable candidate is its own one application
        # all stages of a job at once
        "currentStage": Rule(Cost.PER_KEY, key=Key.TARGET, group=_job_part),
        "creditedTo": Rule(Cost.ACCOUNT, account="members"),
        "interviewers": Rule(Cost.ACCOUNT, account="members"),
        "hiringManagers": Rule(Cost.ACCOUNT, account="members"),
        "departments": Rule(Cost.ACCOUNT, account="departments"),
        "rejectReason": Rule(Cost.ACCOUNT, account="disqualification_reasons"),
    },
    default=Rule(Cost.PER_KEY),
    concurrency=10,
)
