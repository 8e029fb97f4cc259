"""The generated dataset: determinism, size, ids, record types and the indexes."""

from __future__ import annotations

import gc
import weakref
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import pytest
from pydantic import BaseModel, Field

from providers.records import (
    RECORD_TYPES,
    EmailAddress,
    JobRecord,
    Record,
    Resource,
    TimestampedRecord,
    Url,
)
from providers.relations import CHILD_RELATIONS
from providers.sandbox import Dataset, generate
from providers.sandbox.builder import PREFIXES, REFERENCE, constructor
from providers.sandbox.dataset import dataset

from . import support

R = Resource


def test_same_seed_same_dataset() -> None:
    first, second = generate(3, 120), generate(3, 120)
    for resource in Resource:
        assert list(first.records(resource)) == list(second.records(resource)), resource
        assert [repr(r) for r in first.records(resource)] == [repr(r) for r in second.records(resource)]


def test_other_seed_other_dataset() -> None:
    a, b = generate(3, 120), generate(4, 120)
    assert a.records(R.CANDIDATE) != b.records(R.CANDIDATE)
    assert [c.name for c in a.records(R.CANDIDATE)] != [c.name for c in b.records(R.CANDIDATE)]  # type: ignore[attr-defined]


def test_size_is_the_candidate_count() -> None:
    for size in (1, 20, 333):
        assert len(generate(11, size).records(R.CANDIDATE)) == size
    with pytest.raises(ValueError, match="size"):
        generate(1, 0)


def test_cached_dataset_is_shared_while_used_and_freed_after() -> None:
    held = dataset(5, 30)
    assert dataset(5, 30) is held
    assert dataset(6, 30) is not held
    gone = weakref.ref(held)
    del held
    gc.collect()
    # Nothing uses it any more: the cache must not keep it (a deleted connection's dataset).
    assert gone() is None


def test_counts_at_default_size(default_data: Dataset) -> None:
    counts = default_data.counts()
    print({r.value: n for r, n in counts.items()})
    assert counts[R.ORGANIZATION] == 1
    assert counts[R.CANDIDATE] == 2000
    assert counts[R.DEPARTMENT] == 12
    assert counts[R.OFFICE] == 8
    assert counts[R.USER] == 60
    assert counts[R.JOB] == 40
    assert counts[R.REJECT_REASON] == 10
    assert 20 <= counts[R.TAG] <= 30
    assert 2600 <= counts[R.APPLICATION] <= 3400
    assert 40 * 5 <= counts[R.JOB_INTERVIEW_STAGE] <= 40 * 8
    assert counts[R.JOB_FORM_FIELD] >= 40 * 10
    assert 2000 <= counts[R.INTERVIEW] <= 8000
    assert 2000 <= counts[R.SCORECARD] <= 12000
    assert 60 <= counts[R.OFFER] <= 600
    assert 2000 <= counts[R.ACTIVITY] <= 10000
    assert 2000 <= counts[R.ATTACHMENT] <= 6000
    assert counts[R.EEOC] == 800


@pytest.mark.parametrize(("seed", "size"), [(1, 1), (2, 1), (42, 20), (7, 20), (8, 20), (9, 3)])
def test_small_datasets_have_every_resource_and_relationship(seed: int, size: int) -> None:
    data = generate(seed, size)
    for resource in Resource:
        assert data.records(resource), resource
    for resource, parents in CHILD_RELATIONS.items():
        for parent in parents:
            assert data.children(resource, parent), (resource, parent)


def test_ids(default_data: Dataset) -> None:
    for resource in Resource:
        records = default_data.records(resource)
        ids = [r.id for r in records]
        assert ids == sorted(ids), f"{resource}: creation order is id order"
        assert len(set(ids)) == len(ids)
        width = len(ids[0]) - len(PREFIXES[resource]) - 1
        for n, record in enumerate(records, start=1):
            assert record.id == f"{PREFIXES[resource]}_{n:0{width}d}"
            assert record.remote_id == record.id
            assert record.remote_data is None
            assert record.embedded == ()
    assert default_data.records(R.CANDIDATE)[122].id == "cand_000123"
    assert default_data.records(R.JOB)[6].id == "job_0007"


def _shape(value: Any) -> Any:
    """The exact types inside a value (a str in place of an enum, or a list in place of a tuple,
    compares equal but has another shape)."""
    if isinstance(value, tuple):
        return (tuple, tuple(_shape(v) for v in value))
    if isinstance(value, BaseModel):
        return (type(value), tuple((k, _shape(v)) for k, v in vars(value).items()))
    return type(value)


def _sample(data: Dataset, resource: Resource, count: int = 60) -> list[Record]:
    records = data.records(resource)
    step = max(1, len(records) // count)
    return list(records[::step])


@pytest.mark.parametrize("resource", list(Resource))
def test_records_survive_validation(default_data: Dataset, resource: Resource) -> None:
    model = RECORD_TYPES[resource]
    for record in _sample(default_data, resource):
        assert type(record) is model
        again = model.model_validate(record.model_dump())
        assert again == record
        assert _shape(again) == _shape(record)
        assert model.model_validate_json(record.model_dump_json()) == record


def _walk(value: Any) -> list[Any]:
    if isinstance(value, tuple):
        return [x for v in value for x in _walk(v)]
    if isinstance(value, BaseModel):
        return [x for v in vars(value).values() for x in _walk(v)]
    return [value]


def test_value_types(default_data: Dataset) -> None:
    seen: set[type] = set()
    for resource in Resource:
        for record in default_data.records(resource):
            for value in _walk(record):
                seen.add(type(value))
                assert not isinstance(value, list | dict | set)
                if isinstance(value, datetime):
                    assert value.tzinfo is not None
                    assert value.utcoffset() is not None
                    assert not value.utcoffset()
                    assert value.microsecond == 0
    assert {datetime, date, Decimal, str, int, bool, type(None)} <= seen
    assert any(issubclass(t, Enum) for t in seen)


def test_every_declared_field_is_filled(default_data: Dataset) -> None:
    plumbing = {"id", "remote_id", "remote_data", "embedded"}
    for resource in Resource:
        for field in RECORD_TYPES[resource].model_fields:
            if field in plumbing or field.startswith("raw_"):
                continue
            filled = [r for r in default_data.records(resource) if getattr(r, field) not in (None, (), "")]
            assert filled, f"{resource}.{field} is never filled"


def test_raw_values_only_with_other(default_data: Dataset) -> None:
    for resource in Resource:
        raw_fields = [f for f in RECORD_TYPES[resource].model_fields if f.startswith("raw_")]
        for record in default_data.records(resource):
            for raw in raw_fields:
                mapped = getattr(record, raw.removeprefix("raw_"))
                assert (getattr(record, raw) is not None) == (mapped == "other"), (record.id, raw)


def test_timestamps_exist(default_data: Dataset) -> None:
    for resource in Resource:
        for record in default_data.records(resource):
            if isinstance(record, TimestampedRecord):
                assert record.created_at is not None
                assert record.updated_at is not None
                assert record.created_at <= record.updated_at <= REFERENCE, record.id


def test_constructor_matches_model_construct() -> None:
    values: dict[str, Any] = {
        "id": "job_1",
        "name": "Engineer",
        "locations": ("Remote",),
        "job_posting_urls": (Url(url="https://example.com"),),
    }
    fast, slow = constructor(JobRecord)(**values), JobRecord.model_construct(None, **values)
    assert fast == slow
    assert list(vars(fast).items()) == list(vars(slow).items())
    assert fast.model_fields_set == slow.model_fields_set == set(values)
    assert repr(fast) == repr(slow)


def test_constructor_falls_back_for_models_it_does_not_cover() -> None:
    class Aliased(BaseModel):
        x: int = Field(alias="y")

    assert constructor(Aliased) == Aliased.model_construct


def test_shared_fields_set_is_never_mutated_through_copies() -> None:
    build = constructor(EmailAddress)
    a, b = build(email="a@example.com"), build(email="b@example.com")
    assert a.model_fields_set is b.model_fields_set
    c = a.model_copy(update={"type": "work"})
    assert c.model_fields_set == {"email", "type"}
    assert a.model_fields_set == b.model_fields_set == {"email"}
    with pytest.raises(Exception, match="frozen"):
        a.type = "home"  # type: ignore[misc]


@pytest.mark.parametrize(("resource", "parent"), [(r, p) for r, ps in CHILD_RELATIONS.items() for p in ps])
def test_child_indexes(small_data: Dataset, resource: Resource, parent: str) -> None:
    index = small_data.children(resource, parent)
    expected = support.children(small_data, resource, parent)
    assert {k: [r.id for r in v] for k, v in index.items()} == expected


def test_by_id_index(small_data: Dataset) -> None:
    for resource in Resource:
        for record in small_data.records(resource):
            assert small_data.get(resource, record.id) is record
        assert small_data.get(resource, "nope") is None


def test_unknown_index(small_data: Dataset) -> None:
    with pytest.raises(KeyError, match="no index"):
        small_data.children(R.TAG, "job")
