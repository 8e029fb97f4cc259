"""The sandbox adapter: the whole contract, checked against brute force over its own dataset."""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, cast

import pytest

from providers.base import Connection, ProviderAdapter
from providers.errors import ConnectionConfigError, UnsupportedOperation
from providers.filters import RESOURCE_FILTERS
from providers.metering import UpstreamMeter, current_meter
from providers.query import Filter, FilterName, ListQuery, Sort, SortField
from providers.records import CandidateRecord, Record, Resource, TimestampedRecord
from providers.registry import PROVIDERS
from providers.relations import CHILD_RELATIONS
from providers.sandbox import Dataset, SandboxAdapter
from providers.sandbox.adapter import SandboxOptions

from . import support
from .support import make_adapter

R = Resource
F = FilterName
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)
FAR_AHEAD = datetime(2100, 1, 1, tzinfo=UTC)
TIMESTAMPED = [r for r in Resource if issubclass(r.record_type, TimestampedRecord)]
RELATIONS = [(r, p) for r, parents in CHILD_RELATIONS.items() for p in parents]


@pytest.fixture
def meter() -> Iterator[UpstreamMeter]:
    meter = UpstreamMeter()
    token = current_meter.set(meter)
    yield meter
    current_meter.reset(token)


async def read_all(adapter: ProviderAdapter, resource: Resource, query: ListQuery) -> list[Record]:
    out: list[Record] = []
    cursor: str | None = None
    while True:
        page = await adapter.list(resource, ListQuery(query.filter, query.sort, query.page_size, cursor))
        assert len(page.records) <= query.page_size
        out.extend(page.records)
        if page.next_cursor is None:
            return out
        assert page.records, "no empty page before the end"
        cursor = page.next_cursor


# -- declaration ----------------------------------------------------------------------------------
def test_registered() -> None:
    assert PROVIDERS["sandbox"] is SandboxAdapter
    assert SandboxAdapter.name == "sandbox"
    assert SandboxAdapter.title == "Sandbox"


def test_capabilities() -> None:
    for resource in Resource:
        assert SandboxAdapter.can_list(resource)
        assert SandboxAdapter.can_get(resource)
        assert SandboxAdapter.child_relations(resource) == CHILD_RELATIONS.get(resource, ())
        assert SandboxAdapter.supported_fields(resource) == resource.field_names()
        for name in F:
            assert SandboxAdapter.filters_natively(resource, name) == (name in RESOURCE_FILTERS[resource])
        sorts = {Sort(f, d) for f in SortField for d in (False, True)}
        expected = sorts if resource in TIMESTAMPED else set()
        assert {s for s in sorts if SandboxAdapter.sorts_natively(resource, s)} == expected
    assert R.JOB_FORM_FIELD not in TIMESTAMPED
    assert SandboxAdapter.max_batch_size == 500
    assert SandboxAdapter.max_page_size == 500


def test_methods_are_real_class_attributes() -> None:
    names = [f"list_{r.plural}" for r in Resource] + [f"get_{r.plural}" for r in Resource]
    names += [f"list_{r.plural}_by_{p}_ids" for r, p in RELATIONS]
    assert len(names) == 17 * 2 + 25
    for name in names:
        method = SandboxAdapter.__dict__[name]
        assert asyncio.iscoroutinefunction(method)
        assert method.__name__ == name
        assert method.__doc__


def test_options() -> None:
    assert make_adapter().settings == SandboxOptions(seed=7, size=50, latency_ms=0)
    assert SandboxAdapter(Connection(name="s", provider="sandbox")).settings == SandboxOptions()
    for bad in ({"size": 0}, {"size": 1_000_001}, {"latency_ms": -1}, {"colour": "red"}, {"seed": "x"}):
        with pytest.raises(ConnectionConfigError):
            make_adapter(**bad)


def test_dataset_is_shared_between_connections() -> None:
    assert make_adapter().dataset is make_adapter().dataset
    assert make_adapter(seed=8).dataset is not make_adapter().dataset


# -- listing ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("resource", list(Resource))
async def test_paging_yields_every_record_once_in_order(adapter: SandboxAdapter, resource: Resource) -> None:
    expected = [r.id for r in adapter.dataset.records(resource)]
    meter = UpstreamMeter()
    token = current_meter.set(meter)
    try:
        records = await read_all(adapter, resource, ListQuery(page_size=7))
    finally:
        current_meter.reset(token)
    assert [r.id for r in records] == expected
    assert meter.requests == max(1, math.ceil(len(expected) / 7))


async def test_page_boundaries(adapter: SandboxAdapter) -> None:
    first = await adapter.list_candidates(ListQuery(page_size=50))  # type: ignore[attr-defined]
    assert len(first.records) == 50
    assert first.next_cursor is None
    page = await adapter.list_candidates(ListQuery(page_size=20, cursor="40"))  # type: ignore[attr-defined]
    assert [r.id for r in page.records] == [f"cand_{n:06d}" for n in range(41, 51)]
    assert page.next_cursor is None
    past = await adapter.list_candidates(ListQuery(page_size=20, cursor="999"))  # type: ignore[attr-defined]
    assert list(past.records) == []
    assert past.next_cursor is None


async def test_page_size_is_capped() -> None:
    adapter = make_adapter(seed=42, size=2000)
    page = await adapter.list(R.CANDIDATE, ListQuery(page_size=10_000))
    assert len(page.records) == 500
    assert page.next_cursor == "500"


@pytest.mark.parametrize("cursor", ["abc", "-1", "1.5", "", " 3", "\u0663", "0x10"])
async def test_malformed_cursor(adapter: SandboxAdapter, cursor: str) -> None:
    with pytest.raises(ValueError, match="cursor"):
        await adapter.list(R.CANDIDATE, ListQuery(cursor=cursor))


async def test_bad_page_size(adapter: SandboxAdapter) -> None:
    with pytest.raises(ValueError, match="page_size"):
        await adapter.list(R.CANDIDATE, ListQuery(page_size=0))


def _values(data: Dataset, resource: Resource, name: FilterName) -> list[Any]:
    """Filter values worth trying: taken from the data (some in another case), plus misses."""
    records: list[Any] = list(data.records(resource))
    middle = records[len(records) // 2]
    if name in (F.CREATED_AFTER, F.CREATED_BEFORE):
        return [middle.created_at, records[0].created_at, LONG_AGO, FAR_AHEAD]
    if name in (F.UPDATED_AFTER, F.UPDATED_BEFORE):
        return [middle.updated_at, records[-1].updated_at, LONG_AGO, FAR_AHEAD]
    if name is F.STAGE_ID:
        attribute = "current_stage_id" if resource is R.APPLICATION else "job_interview_stage_id"
        return [getattr(middle, attribute), "stage_999999"]
    if name is F.JOB_ID and resource is R.CANDIDATE:
        application = data.get(R.APPLICATION, middle.application_ids[0])
        return [application.job_id, "job_9999"]  # type: ignore[union-attr]
    if name in (F.JOB_ID, F.CANDIDATE_ID, F.APPLICATION_ID):
        present = [getattr(r, name.value) for r in records if getattr(r, name.value)]
        return [present[len(present) // 2], present[0], "nope"]
    if name is F.EMAIL:
        address = middle.emails[-1].email
        return [address, address.upper(), "nobody@example.com", address[:-1]]
    if name is F.TAGS:
        names = {t.id: t.name for t in data.records(R.TAG)}  # type: ignore[attr-defined]
        tagged = [r for r in records if len(r.tag_ids) >= 2]
        both = tuple(names[t] for t in tagged[0].tag_ids[:2])
        return [(both[0].upper(),), both, (both[0], "no such tag"), ()]
    text = [getattr(r, name.value) for r in records if getattr(r, name.value)]
    sample = text[len(text) // 2]
    return [sample, sample[1:4].swapcase(), "zzzz-no-match"]


FILTER_CASES = [(r, n) for r in Resource for n in sorted(RESOURCE_FILTERS[r])]


@pytest.mark.parametrize(("resource", "name"), FILTER_CASES)
async def test_each_filter(adapter: SandboxAdapter, resource: Resource, name: FilterName) -> None:
    data = adapter.dataset
    outcomes = []
    for value in _values(data, resource, name):
        flt = Filter(**{name.value: value})
        expected = [r.id for r in support.filtered(data, resource, flt)]
        got = await read_all(adapter, resource, ListQuery(flt, page_size=11))
        assert [r.id for r in got] == expected, (name, value)
        outcomes.append(len(expected))
    assert any(outcomes), "some value matches"
    assert not all(n == len(data.records(resource)) for n in outcomes), "some value excludes"


@pytest.mark.parametrize("resource", TIMESTAMPED)
async def test_time_bounds_are_exclusive(adapter: SandboxAdapter, resource: Resource) -> None:
    record = cast("TimestampedRecord", adapter.dataset.records(resource)[0])
    for name, stamp in (("created", record.created_at), ("updated", record.updated_at)):
        for side in ("after", "before"):
            flt = Filter(**cast("Any", {f"{name}_{side}": stamp}))
            got = await read_all(adapter, resource, ListQuery(flt, page_size=500))
            assert record.id not in {r.id for r in got}
            assert all(getattr(r, f"{name}_at") != stamp for r in got)


async def test_combined_filters(adapter: SandboxAdapter) -> None:
    data = adapter.dataset
    candidate = cast("CandidateRecord", data.records(R.CANDIDATE)[0])
    application = data.get(R.APPLICATION, (candidate.application_ids or ())[0])
    assert application is not None
    tag = cast("Any", data.get(R.TAG, (candidate.tag_ids or ())[0])).name
    cases = [
        (R.CANDIDATE, Filter(job_id=application.job_id, tags=(tag,))),  # type: ignore[attr-defined]
        (R.CANDIDATE, Filter(job_id=application.job_id, created_after=candidate.created_at)),  # type: ignore[attr-defined]
        (R.CANDIDATE, Filter(email=candidate.emails[0].email, name=candidate.last_name)),
        (R.CANDIDATE, Filter(tags=(tag,), name="a", updated_before=data.reference)),
        (R.APPLICATION, Filter(candidate_id=candidate.id, stage_id=application.current_stage_id)),  # type: ignore[attr-defined]
        (R.APPLICATION, Filter(job_id=application.job_id, created_before=application.created_at)),  # type: ignore[attr-defined]
        (R.INTERVIEW, Filter(candidate_id=candidate.id, application_id=application.id)),
        (R.SCORECARD, Filter(application_id=application.id, candidate_id="cand_000002")),
        (R.USER, Filter(name="a", email="nobody@example.com")),
    ]
    for resource, flt in cases:
        expected = [r.id for r in support.filtered(data, resource, flt)]
        got = await read_all(adapter, resource, ListQuery(flt, page_size=5))
        assert [r.id for r in got] == expected, flt
    assert any(support.filtered(data, resource, flt) for resource, flt in cases)


@pytest.mark.parametrize("resource", TIMESTAMPED)
@pytest.mark.parametrize("field", list(SortField))
@pytest.mark.parametrize("descending", [False, True])
async def test_sorts(adapter: SandboxAdapter, resource: Resource, field: SortField, descending: bool) -> None:
    records = list(adapter.dataset.records(resource))
    got = await read_all(adapter, resource, ListQuery(sort=Sort(field, descending), page_size=13))
    # Ties stay in id order in both directions.
    position = {r.id: n for n, r in enumerate(records)}
    sign = -1 if descending else 1

    def key(r: Record) -> tuple[float, int]:
        return (sign * getattr(r, field.value).timestamp(), position[r.id])

    assert [r.id for r in got] == [r.id for r in sorted(records, key=key)]


async def test_sort_with_filter_and_ties(adapter: SandboxAdapter) -> None:
    data = adapter.dataset
    # Attachments share their application's timestamp: plenty of ties.
    flt = Filter(created_after=datetime(2025, 1, 1, tzinfo=UTC))
    got = await read_all(adapter, R.ATTACHMENT, ListQuery(flt, Sort(SortField.CREATED_AT, True), 4))
    expected = support.filtered(data, R.ATTACHMENT, flt)
    order = {r.id: n for n, r in enumerate(expected)}
    expected.sort(key=lambda r: (-cast("Any", r).created_at.timestamp(), order[r.id]))
    assert [r.id for r in got] == [r.id for r in expected]


async def test_unsupported_filter_and_sort(adapter: SandboxAdapter) -> None:
    with pytest.raises(UnsupportedOperation, match="filtering applications by name"):
        await adapter.list(R.APPLICATION, ListQuery(Filter(name="x")))
    with pytest.raises(UnsupportedOperation, match="sorting job_form_fields"):
        await adapter.list(R.JOB_FORM_FIELD, ListQuery(sort=Sort(SortField.CREATED_AT)))


async def test_repeated_query_is_cached(adapter: SandboxAdapter) -> None:
    query = ListQuery(Filter(name="a"), Sort(SortField.UPDATED_AT, True), 5)
    first = await adapter.list(R.CANDIDATE, query)
    again = await adapter.list(R.CANDIDATE, query)
    assert first.records == again.records
    assert len(adapter._selections) == 1


async def test_uncacheable_filter_still_works(adapter: SandboxAdapter) -> None:
    flt = Filter(tags=cast("Any", ["Referral"]))
    got = await read_all(adapter, R.CANDIDATE, ListQuery(flt, page_size=500))
    assert [r.id for r in got] == [r.id for r in support.filtered(adapter.dataset, R.CANDIDATE, flt)]
    assert got


# -- get-many and by-parent -------------------------------------------------------------------------
@pytest.mark.parametrize("resource", list(Resource))
async def test_get_many_aligns_with_ids(adapter: SandboxAdapter, resource: Resource) -> None:
    records = adapter.dataset.records(resource)
    ids = [records[-1].id, "unknown", records[0].id, records[-1].id, ""]
    got = await adapter.get_many(resource, ids)
    assert support.ids(got) == [records[-1].id, None, records[0].id, records[-1].id, None]
    assert got[0] is records[-1]
    assert await adapter.get_many(resource, []) == []


async def test_batch_limits(adapter: SandboxAdapter) -> None:
    with pytest.raises(ValueError, match="at most 500"):
        await adapter.get_many(R.CANDIDATE, [f"x{i}" for i in range(501)])
    with pytest.raises(ValueError, match="at most 500"):
        await adapter.list_children(R.APPLICATION, "candidate", ["x"] * 501)
    with pytest.raises(TypeError):
        await adapter.get_many(R.CANDIDATE, "cand_000001")
    assert len(await adapter.get_many(R.CANDIDATE, [f"x{i}" for i in range(500)])) == 500
    assert len(await adapter.get_many(R.CANDIDATE, ["x"] * 501)) == 501  # repeats are read once


@pytest.mark.parametrize(("resource", "parent"), RELATIONS)
async def test_by_parent(adapter: SandboxAdapter, resource: Resource, parent: str) -> None:
    expected = support.children(adapter.dataset, resource, parent)
    assert expected, "the small dataset has children for every relation"
    parents = sorted(expected)
    for start in range(0, len(parents), 500):
        batch = [*parents[start : start + 499], "unknown"]
        got = await adapter.list_children(resource, parent, batch)
        assert list(got) == batch
        assert {k: [r.id for r in v] for k, v in got.items()} == {k: expected.get(k, []) for k in batch}
        assert got["unknown"] == []


async def test_by_parent_through_the_class_method(adapter: SandboxAdapter) -> None:
    candidate = adapter.dataset.records(R.CANDIDATE)[0]
    got = await adapter.list_applications_by_candidate_ids([candidate.id])  # type: ignore[attr-defined]
    assert [r.id for r in got[candidate.id]] == list(cast("CandidateRecord", candidate).application_ids or ())


def test_remote_data_is_the_record_as_json(adapter: SandboxAdapter) -> None:
    for resource in Resource:
        record = adapter.dataset.records(resource)[0]
        payload = adapter.raw_record(record)
        assert payload["id"] == record.id
        assert "remote_data" not in payload
        assert "embedded" not in payload
        assert json.loads(json.dumps(payload)) == payload
    activity = adapter.dataset.records(R.ACTIVITY)[0]
    assert adapter.raw_record(activity)["from"] == list(cast("Any", activity).from_)


# -- metering -----------------------------------------------------------------------------------------
async def test_every_call_is_one_request(adapter: SandboxAdapter, meter: UpstreamMeter) -> None:
    await adapter.list(R.CANDIDATE, ListQuery(page_size=500))
    assert meter.requests == 1
    await adapter.list(R.CANDIDATE, ListQuery(Filter(tags=("python",)), Sort(SortField.CREATED_AT), 3))
    assert meter.requests == 2
    await adapter.get_many(R.CANDIDATE, [f"cand_{n:06d}" for n in range(1, 60)])
    assert meter.requests == 3
    await adapter.list_children(R.INTERVIEW, "job", [j.id for j in adapter.dataset.records(R.JOB)])
    assert meter.requests == 4
    await adapter.list_jobs_by_department_ids(["dept_0001"])  # type: ignore[attr-defined]
    assert meter.requests == 5
    with pytest.raises(ValueError, match="cursor"):
        await adapter.list(R.CANDIDATE, ListQuery(cursor="?"))
    assert meter.requests == 6, "a refused call still went upstream"


async def test_latency_is_simulated(meter: UpstreamMeter) -> None:
    adapter = make_adapter(latency_ms=30)
    await adapter.get_many(R.CANDIDATE, ["cand_000001"])
    assert meter.requests == 1
    assert meter.wait_s >= 0.025


async def test_latency_sleeps_inside_the_metered_call(
    meter: UpstreamMeter, monkeypatch: pytest.MonkeyPatch
) -> None:
    sleeps: list[tuple[float, int]] = []

    async def fake_sleep(seconds: float) -> None:
        sleeps.append((seconds, meter._in_flight))

    monkeypatch.setattr("providers.sandbox.adapter.asyncio.sleep", fake_sleep)
    adapter = make_adapter(latency_ms=250)
    await adapter.list(R.JOB, ListQuery())
    await adapter.get_many(R.JOB, ["job_0001"])
    await adapter.list_children(R.JOB_INTERVIEW_STAGE, "job", ["job_0001"])
    assert sleeps == [(0.25, 1)] * 3
    await make_adapter().list(R.JOB, ListQuery())
    assert len(sleeps) == 3, "no sleep without latency"
    assert meter.requests == 4


async def test_without_a_meter(adapter: SandboxAdapter) -> None:
    assert current_meter.get() is None
    page = await adapter.list(R.ORGANIZATION, ListQuery())
    assert [r.id for r in page.records] == ["org_0001"]
