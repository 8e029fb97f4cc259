"""The sandbox's minimum-call model (``providers/calls.py``)."""

from __future__ import annotations

from typing import Final

from ..calls import CallModel, Cost, Key, Rule

# By-id and by-parent batch reads of every resource, 500 keys per call; a candidate lists
# the ids of its applications, tags and attachments, so none listed means none to read.
CALL_MODEL: Final = CallModel(
    rules={
        "applications": Rule(Cost.BATCH, size=500, key=Key.TARGET),
        "tags": Rule(Cost.BATCH, size=500, key=Key.TARGET),
        "attachments": Rule(Cost.BATCH, size=500, key=Key.TARGET),
    },
    default=Rule(Cost.BATCH, size=500),
    http=False,
)
