"""Record-level filters for the Workable simulator, so that a listing renders only its page.

The simulator used to render every event and compare the rendered ``candidate.id`` and
``job.shortcode`` with the query; that costs more CPU per request than the gateway it serves.
These lookups select the same records through the dataset's indexes: a Workable id matches a
record exactly when the id the renderer would give it is that string.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from ...records import InterviewRecord, JobRecord, Resource
from .ids import from_hex, hex_id, shortcode

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource
T = TypeVar("T")


def window(
    keyed: Sequence[tuple[str, T]], since: str | None, limit: int, render: Callable[[T], Any]
) -> list[tuple[str, Any]]:
    """What keyset paging reads of ``(workable id, record)`` pairs, rendered: the pairs from
    ``since`` on, in id order, up to one past the page (its id is the next ``since_id``)."""
    ordered = sorted(keyed, key=lambda pair: pair[0])
    if since:
        ordered = [pair for pair in ordered if pair[0] >= since]
    return [(workable_id, render(record)) for workable_id, record in ordered[: limit + 1]]


class EventLookup:
    """Interviews by the ``candidate_id`` and ``shortcode`` filters of ``GET /events``."""

    def __init__(self, dataset: Dataset) -> None:
        self.data = dataset

    def interviews(self, candidate: str | None, code: str | None) -> Sequence[InterviewRecord]:
        found: Sequence[Any] = self.data.records(R.INTERVIEW)
        if candidate:
            found = self._of_application(candidate)
        if code:
            of_job = {id(i) for i in self._of_job(code)}
            found = [i for i in found if id(i) in of_job]
        return found

    def _of_application(self, candidate: str) -> Sequence[Any]:
        # an event names its application only when the application exists
        application_id = from_hex(candidate)
        if hex_id(application_id) != candidate or self.data.get(R.APPLICATION, application_id) is None:
            return ()
        return self.data.children(R.INTERVIEW, "application").get(application_id, ())

    def _of_job(self, code: str) -> Sequence[Any]:
        # the index follows interview -> application -> job id; the event shows a job only if it exists
        job_id = from_hex(code)
        if shortcode(job_id) != code or not isinstance(self.data.get(R.JOB, job_id), JobRecord):
            return ()
        return self.data.children(R.INTERVIEW, "job").get(job_id, ())
