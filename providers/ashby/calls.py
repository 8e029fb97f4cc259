"""Ashby's minimum-call model (``providers/calls.py``)."""

from __future__ import annotations

from typing import Final

from ..calls import CallModel, Cost, Key, Rule

CALL_MODEL: Final = CallModel(
    rules={
        "applications": Rule(Cost.PER_KEY, key=Key.TARGET),  # application.info per id the candidate lists
        "currentStage": Rule(Cost.FREE),  # embedded in application.info
        "creditedTo": Rule(Cost.FREE),  # creditedToUser, embedded in application.info
        "interviewer": Rule(Cost.FREE),  # submittedByUser, embedded in the feedback
        "tags": Rule(Cost.FREE),  # embedded in the candidate
        "attachments": Rule(Cost.FREE),  # the candidate's file handles, embedded
        "rejectReason": Rule(Cost.FREE),  # archiveReason, embedded in application.info
        "departments": Rule(Cost.ACCOUNT, account="department.list"),
        "offices": Rule(Cost.FREE),  # job.info expands its location
    },
    default=Rule(Cost.PER_KEY),
)
