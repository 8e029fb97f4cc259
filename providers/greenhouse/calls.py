"""Greenhouse's minimum-call model (``providers/calls.py``)."""

from __future__ import annotations

from typing import Final

from ..calls import CallModel, Cost, Rule

CALL_MODEL: Final = CallModel(
    rules={
        "applications": Rule(Cost.FREE),  # embedded in the candidate
        "attachments": Rule(Cost.FREE),  # embedded in the candidate
        "departments": Rule(Cost.FREE),  # embedded in the job
        "offices": Rule(Cost.FREE),  # embedded in the job
        "rejectReason": Rule(Cost.FREE),  # embedded in the application
    },
    default=Rule(Cost.PER_KEY),
)
