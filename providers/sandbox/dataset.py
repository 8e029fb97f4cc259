"""The sandbox dataset: a whole, consistent ATS account generated from a seed.

``generate(seed, size)`` is deterministic (one ``random.Random(seed)``, no wall clock: time is
anchored at :data:`~providers.sandbox.builder.REFERENCE`); ``size`` is the number of
candidates, and everything else scales with it, with floors so that even a tiny dataset has
every resource and relationship. ``dataset(seed, size)`` is the cached one that connections
share.

A :class:`Dataset` holds each resource's records in id order, and builds indexes on first use:
by id, and by parent for every ``(resource, parent)`` pair of ``CHILD_RELATIONS`` plus a few
the sandbox adapter filters with (see :data:`INDEX_KEYS`).
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Final, cast

from ..records import CandidateRecord, Record, Resource
from . import changes
from .builder import PREFIXES, REFERENCE, Tables, paused_gc
from .candidates import CandidateBuilder
from .organization import build_company

R = Resource

KeyFunction = Callable[["Dataset", Record], Iterable[str]]


def _attribute(name: str) -> KeyFunction:
    def keys(_: Dataset, record: Record) -> Iterable[str]:
        value = getattr(record, name)
        if value is None:
            return ()
        return (value,) if isinstance(value, str) else cast("tuple[str, ...]", value)

    return keys


def _interview_job(data: Dataset, record: Record) -> Iterable[str]:
    application = data.get(R.APPLICATION, getattr(record, "application_id", None) or "")
    job_id = getattr(application, "job_id", None)
    return (job_id,) if job_id else ()


def _candidate_jobs(data: Dataset, record: Record) -> Iterable[str]:
    applications = data.by_id(R.APPLICATION)
    ids = getattr(record, "application_ids", None) or ()
    return dict.fromkeys(job for a in ids if (job := getattr(applications.get(a), "job_id", None)))


def _addresses(_: Dataset, record: Record) -> Iterable[str]:
    return dict.fromkeys(e.email.casefold() for e in getattr(record, "emails", ()))


INDEX_KEYS: Final[dict[tuple[Resource, str], KeyFunction]] = {
    (R.ACTIVITY, "candidate"): _attribute("candidate_id"),
    (R.APPLICATION, "candidate"): _attribute("candidate_id"),
    (R.APPLICATION, "job"): _attribute("job_id"),
    (R.APPLICATION, "stage"): _attribute("current_stage_id"),
    (R.ATTACHMENT, "candidate"): _attribute("candidate_id"),
    (R.ATTACHMENT, "application"): _attribute("application_id"),
    (R.ATTACHMENT, "job"): _attribute("job_id"),
    (R.CANDIDATE, "email"): _addresses,
    (R.CANDIDATE, "job"): _candidate_jobs,
    (R.CANDIDATE, "tag"): _attribute("tag_ids"),
    (R.DEPARTMENT, "parent"): _attribute("parent_id"),
    (R.EEOC, "candidate"): _attribute("candidate_id"),
    (R.INTERVIEW, "candidate"): _attribute("candidate_id"),
    (R.INTERVIEW, "application"): _attribute("application_id"),
    (R.INTERVIEW, "job"): _interview_job,
    (R.INTERVIEW, "organizer"): _attribute("organizer_id"),
    (R.INTERVIEW, "stage"): _attribute("job_interview_stage_id"),
    (R.JOB, "department"): _attribute("department_ids"),
    (R.JOB, "office"): _attribute("office_ids"),
    (R.JOB, "hiring_manager"): _attribute("hiring_manager_ids"),
    (R.JOB, "recruiter"): _attribute("recruiter_ids"),
    (R.JOB_FORM_FIELD, "job"): _attribute("job_id"),
    (R.JOB_INTERVIEW_STAGE, "job"): _attribute("job_id"),
    (R.OFFER, "candidate"): _attribute("candidate_id"),
    (R.OFFER, "application"): _attribute("application_id"),
    (R.OFFER, "job"): _attribute("job_id"),
    (R.OFFICE, "parent"): _attribute("parent_id"),
    (R.SCORECARD, "candidate"): _attribute("candidate_id"),
    (R.SCORECARD, "application"): _attribute("application_id"),
    (R.SCORECARD, "interview"): _attribute("interview_id"),
    (R.USER, "email"): _addresses,
}
"""How each index finds a record's keys. Besides the parents of ``CHILD_RELATIONS``:
``(CANDIDATE, "job")`` holds the candidates who applied to a job, ``(CANDIDATE, "tag")`` those
carrying a tag, ``(CANDIDATE | USER, "email")`` records by case-folded address. ``(TAG,
"candidate")``, a candidate's tags, is read from ``candidate.tag_ids`` (see :meth:`Dataset.children`)."""


class Dataset:
    """Every record of a generated sandbox account, with lazily built indexes."""

    def __init__(self, seed: int, size: int, tables: Mapping[Resource, Sequence[Record]]) -> None:
        self.seed = seed
        self.size = size
        self.reference: datetime = REFERENCE
        self._records: dict[Resource, Sequence[Record]] = {r: tuple(tables.get(r, ())) for r in Resource}
        self._by_id: dict[Resource, dict[str, Record]] = {}
        self._children: dict[tuple[Resource, str], dict[str, tuple[Record, ...]]] = {}
        self._widths = id_widths(size)
        self.version = 0
        """Bumped by every change set: caches of selections compare it (``providers/sandbox/changes.py``)."""
        self.answers: dict[str, tuple[tuple[str, str | None], ...]] = {}
        """Application form answers given by writes, per application id (the record has no field
        for them; ``remoteData`` shows them)."""
        self.files: dict[str, bytes] = {}
        """The bytes of attachments uploaded by writes, per attachment id."""
        self.writable = False
        """Only a fork (:meth:`fork`) takes writes: the generated dataset is shared, read-only,
        by every connection with the same seed and size, whichever tenant owns it."""

    def __repr__(self) -> str:
        return f"Dataset(seed={self.seed}, size={self.size})"

    def records(self, resource: Resource) -> Sequence[Record]:
        """All records of ``resource``, in creation order (which is id order)."""
        return self._records[resource]

    def counts(self) -> dict[Resource, int]:
        return {r: len(rows) for r, rows in self._records.items()}

    def by_id(self, resource: Resource) -> Mapping[str, Record]:
        index = self._by_id.get(resource)
        if index is None:
            with paused_gc():
                index = self._by_id[resource] = {r.id: r for r in self._records[resource]}
        return index

    def get(self, resource: Resource, id: str) -> Record | None:
        return self.by_id(resource).get(id)

    def children(self, resource: Resource, parent: str) -> Mapping[str, Sequence[Record]]:
        """Records of ``resource`` by parent id, each list in id order (parents without any are absent)."""
        key = (resource, parent)
        index = self._children.get(key)
        if index is None:
            with paused_gc():
                index = self._children[key] = self._build_children(resource, parent)
        return index

    # -- writes (``changes.py``) -------------------------------------------------------------
    def fork(self) -> Dataset:
        """A private, writable account that starts as this one. Records are shared until
        written (a table becomes the fork's own list on its first write); indexes built so far
        are copied (shallowly), so the fork need not build them again."""
        twin = Dataset(self.seed, self.size, self._records)
        twin._by_id = {resource: dict(index) for resource, index in self._by_id.items()}
        twin._children = {key: dict(index) for key, index in self._children.items()}
        twin.writable = True
        return twin

    def next_id(self, resource: Resource) -> str:
        """The id a new record of ``resource`` gets: the next in creation (and string) order."""
        return f"{PREFIXES[resource]}_{len(self._records[resource]) + 1:0{self._widths[resource]}d}"

    def apply(self, puts: Sequence[tuple[Resource, Record]]) -> None:
        """Put these records (new ids appended, known ids replaced) as one change set."""
        if not self.writable:
            raise RuntimeError("a shared sandbox dataset is never written: write to a fork()")
        changes.apply(self, puts)

    def put_record(self, resource: Resource, record: Record) -> None:
        rows = self._records[resource]
        if not isinstance(rows, list):
            rows = self._records[resource] = list(rows)
        index = self.by_id(resource)
        if record.id in index:
            rows[bisect_left(rows, record.id, key=_record_id)] = record
        else:
            rows.append(record)
        self._by_id[resource][record.id] = record

    def built_indexes(self) -> list[tuple[Resource, str]]:
        return list(self._children)

    def built_index(self, key: tuple[Resource, str]) -> dict[str, tuple[Record, ...]] | None:
        """The index if it has been built (None: it will be built, from the records, on first use)."""
        return self._children.get(key)

    def index_keys(self, key: tuple[Resource, str], record: Record) -> Iterable[str]:
        return INDEX_KEYS[key](self, record)

    def _build_children(self, resource: Resource, parent: str) -> dict[str, tuple[Record, ...]]:
        if (resource, parent) == (R.TAG, "candidate"):
            tags = self.by_id(R.TAG)
            return {
                c.id: tuple(tags[t] for t in cast("CandidateRecord", c).tag_ids or ())
                for c in self._records[R.CANDIDATE]
                if cast("CandidateRecord", c).tag_ids
            }
        keys = INDEX_KEYS.get((resource, parent))
        if keys is None:
            raise KeyError(f"the sandbox has no index of {resource.plural} by {parent}")
        grouped: dict[str, list[Record]] = {}
        for record in self._records[resource]:
            for key in keys(self, record):
                grouped.setdefault(key, []).append(record)
        return {k: tuple(v) for k, v in grouped.items()}


def _record_id(record: Record) -> str:
    return record.id


def _digits(n: int) -> int:
    return len(str(max(n, 1)))


def id_widths(size: int) -> dict[Resource, int]:
    """Zero-padding per resource, wide enough for the most records ``size`` candidates can have,
    so that ids sort (as strings) in creation order."""
    per_candidate = {
        R.CANDIDATE: 1,
        R.EEOC: 1,
        R.APPLICATION: 3,
        R.OFFER: 10,
        R.ACTIVITY: 20,
        R.ATTACHMENT: 20,
        R.INTERVIEW: 100,
        R.SCORECARD: 100,
    }
    widths = {r: max(6, _digits(size * n)) for r, n in per_candidate.items()}
    for resource in (R.ORGANIZATION, R.DEPARTMENT, R.OFFICE, R.USER, R.JOB, R.TAG, R.REJECT_REASON):
        widths[resource] = 4
    widths[R.JOB_INTERVIEW_STAGE] = widths[R.JOB_FORM_FIELD] = 6
    return widths


def generate(seed: int = 42, size: int = 2000) -> Dataset:
    """A fresh dataset of ``size`` candidates (and everything around them) for ``seed``."""
    if size < 1:
        raise ValueError("size must be at least 1")
    with paused_gc():
        tables = Tables(seed, id_widths(size))
        company = build_company(tables, size)
        CandidateBuilder(tables, company, size).build()
        return Dataset(seed, size, tables.rows)


_live: weakref.WeakValueDictionary[tuple[int, int], Dataset] = weakref.WeakValueDictionary()
_live_lock = threading.Lock()


def dataset(seed: int = 42, size: int = 2000) -> Dataset:
    """The shared dataset for ``(seed, size)``: connections with the same options reuse it.

    Shared, not kept: the registry holds datasets weakly, so one is freed as soon as no
    connection uses it (a deleted stored connection's dataset, hundreds of MB at large sizes,
    must not outlive it). Safe to call from worker threads (generation runs off the event loop);
    two threads asking at once may both generate, and the first registered wins.
    """
    key = (seed, size)
    with _live_lock:
        found = _live.get(key)
    if found is not None:
        return found
    fresh = generate(seed, size)
    with _live_lock:
        return _live.setdefault(key, fresh)
