"""Lever's minimum-call model (``providers/calls.py``)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Final

from ..calls import CallModel, Cost, Key, Rule


def _candidates(nodes: Sequence[Mapping[str, Any]]) -> tuple[int, int]:
    # Lever lists opportunities, 100 a call: covering these contacts takes a listing call per
    # 100 of their opportunities, each followed by one read of all opportunities of its contacts.
    pages = max(1, math.ceil(sum(len(n.get("applications") or ()) for n in nodes) / 100))
    return 2 * pages, 2 * pages


CALL_MODEL: Final = CallModel(
    rules={
        "applications": Rule(Cost.FREE),  # the listing already read every opportunity of the contacts
        # tag names ride on the opportunities; /tags once, only when there are any
        "tags": Rule(Cost.ACCOUNT, account="tags", key=Key.TARGET),
        "currentStage": Rule(Cost.ACCOUNT, account="stages"),
        "stages": Rule(Cost.ACCOUNT, account="stages"),
        "rejectReason": Rule(Cost.ACCOUNT, account="archive_reasons"),
        "attachments": Rule(Cost.PER_KEY, per_application=2),  # files and resumes, per opportunity
    },
    default=Rule(Cost.PER_KEY),
    list_cost={"candidates": _candidates},
)
