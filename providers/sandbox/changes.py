"""Writing to a sandbox dataset: one change set at a time, indexes kept right as it lands.

A change set is a list of records to put (a record whose id exists replaces it in place, a
new id is appended: new ids are always the largest, so id order holds). Every index the
dataset has already built is updated for exactly the records that changed, with the keys
each had before and has after, so a read right after a write sees it through any filter or
relationship, and nothing is rebuilt from scratch. Nothing is validated here: the sandbox's
write methods check everything first, so a change set never fails half-way.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

from ..records import CandidateRecord, Record, Resource

if TYPE_CHECKING:
    from .dataset import Dataset

R = Resource

Keys = dict[tuple[Resource, str], dict[str, frozenset[str]]]


def _insert(rows: tuple[Record, ...], record: Record) -> tuple[Record, ...]:
    at = bisect_left(rows, record.id, key=_id)
    if at < len(rows) and rows[at].id == record.id:
        return (*rows[:at], record, *rows[at + 1 :])
    return (*rows[:at], record, *rows[at:])


def _id(record: Record) -> str:
    return record.id


def _remove(rows: tuple[Record, ...], record_id: str) -> tuple[Record, ...]:
    return tuple(r for r in rows if r.id != record_id)


def _key_sets(data: Dataset, changed: Iterable[tuple[Resource, Record]]) -> Keys:
    """For every built index over a changed resource, each changed record's keys (now)."""
    found: Keys = {}
    for index in data.built_indexes():
        resource, _ = index
        if index == (R.TAG, "candidate"):
            continue  # keyed by candidate, not by tag: handled on its own below
        for changed_resource, record in changed:
            if changed_resource is resource:
                found.setdefault(index, {})[record.id] = frozenset(data.index_keys(index, record))
    return found


def apply(data: Dataset, puts: Sequence[tuple[Resource, Record]]) -> None:
    """Put every record of ``puts`` into ``data``, updating its built indexes."""
    current = [(res, old) for res, rec in puts if (old := data.get(res, rec.id)) is not None]
    before = _key_sets(data, current)
    for resource, record in puts:
        data.put_record(resource, record)
    after = _key_sets(data, puts)
    for index, keyed in after.items():
        table = data.built_index(index)
        if table is None:
            continue
        for resource, record in puts:
            if resource is not index[0]:
                continue
            old_keys = before.get(index, {}).get(record.id, frozenset())
            new_keys = keyed.get(record.id, frozenset())
            for key in old_keys - new_keys:
                remaining = _remove(table.get(key, ()), record.id)
                if remaining:
                    table[key] = remaining
                else:
                    table.pop(key, None)
            for key in new_keys:
                table[key] = _insert(table.get(key, ()), record)
    tags = data.built_index((R.TAG, "candidate"))
    if tags is not None:
        for resource, record in puts:
            if resource is R.CANDIDATE:
                tag_ids = cast("CandidateRecord", record).tag_ids or ()
                by_id = data.by_id(R.TAG)
                if tag_ids:
                    tags[record.id] = tuple(by_id[t] for t in tag_ids)
                else:
                    tags.pop(record.id, None)
    data.version += 1
