"""The parent keys a resource can be listed by, as in ``list_<plural>_by_<parent>_ids``.

This is the contract's reverse relationships written as data: the loaders, the types and
the coverage matrix read it, and an adapter declares support by defining the method.
"""

from __future__ import annotations

from typing import Final

from .query import FilterName
from .records import Resource

CHILD_RELATIONS: Final[dict[Resource, tuple[str, ...]]] = {
    Resource.ACTIVITY: ("candidate",),
    Resource.APPLICATION: ("candidate", "job"),
    Resource.ATTACHMENT: ("candidate", "application"),
    Resource.DEPARTMENT: ("parent",),
    Resource.EEOC: ("candidate",),
    Resource.INTERVIEW: ("candidate", "application", "job", "organizer"),
    Resource.JOB: ("department", "office", "hiring_manager", "recruiter"),
    Resource.JOB_FORM_FIELD: ("job",),
    Resource.JOB_INTERVIEW_STAGE: ("job",),
    Resource.OFFER: ("candidate", "application", "job"),
    Resource.OFFICE: ("parent",),
    Resource.SCORECARD: ("candidate", "application", "interview"),
    Resource.TAG: ("candidate",),
}

PARENT_FILTERS: Final[dict[str, FilterName]] = {
    "candidate": FilterName.CANDIDATE_ID,
    "job": FilterName.JOB_ID,
    "application": FilterName.APPLICATION_ID,
}
"""A parent key whose children can also be read through a list filter, one parent at a time."""
