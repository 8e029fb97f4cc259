"""One audit line per write attempt, on the ``hiregraph.audit`` logger.

The line names who (tenant), where (connection), what (mutation, target record id), how it
ended (``done``, ``replayed`` or an error code) and the request id, and nothing a person
could be identified by: no names, e-mail addresses, notes, file names or input values.
"""

from __future__ import annotations

import logging
from typing import Final

log: Final = logging.getLogger("hiregraph.audit")


def audit(
    *, tenant: str, connection: str, mutation: str, target: str | None, outcome: str, request_id: str
) -> None:
    log.info(
        "write tenant=%s connection=%s mutation=%s target=%s outcome=%s request=%s",
        tenant or "-",
        connection,
        mutation,
        _safe(target),
        outcome,
        request_id or "-",
    )


def _safe(target: str | None) -> str:
    """An id as the line can carry it: one that holds an e-mail address (a provider whose
    candidate id is the person's address) is not written out."""
    if not target:
        return "-"
    return "[withheld: personal data]" if "@" in target else target[:200]
