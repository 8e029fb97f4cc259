"""Workable's minimum-call model (``providers/calls.py``). How stages, members, departments and
disqualification reasons are read by id (with their job, or as account tables) comes from the
adapter's declarations; only what they cannot say is written here."""

from __future__ import annotations

from typing import Final

from ..calls import CallModel, Cost, Rule

CALL_MODEL: Final = CallModel(
    rules={"applications": Rule(Cost.FREE)},  # a Workable candidate is its own one application
    default=Rule(Cost.PER_KEY),
    concurrency=10,
)
