"""Lever's minimum-call model (``providers/calls.py``)."""

from __future__ import annotations

from typing import Final

from ..calls import CallModel, Cost, Key, Rule
from ..kit.listcost import upstream_pages

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
    # Lever lists opportunities, 100 a call: covering these contacts takes a listing call per
    # 100 of their opportunities, each followed by one read of all opportunities of its contacts.
    list_cost={"candidates": upstream_pages(100, of="applications", requests_per_page=2)},
)
