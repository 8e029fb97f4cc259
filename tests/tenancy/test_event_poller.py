"""Synthetic events by polling, against the sandbox and against provider simulators whose
records change between polls; on both stores."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import httpx
import pytest

from providers.base import Connection, ProviderAdapter
from providers.filters import matches
from providers.query import FilterName, ListQuery, Page
from providers.records import ApplicationRecord, JobRecord, Record, Resource
from providers.records.enums import JobStatus
from providers.registry import PROVIDERS
from providers.sandbox import Dataset, SandboxAdapter, generate
from tenancy.events.log import EventLog
from tenancy.events.poll_state import PollState
from tenancy.events.poller import Poller
from tenancy.events.types import Event, EventType, LogScope, NewEvent
from tenancy.store import Store

SCOPE = LogScope("", "watched")
SMALL: Mapping[str, Any] = {"seed": 7, "size": 20}


class Overlay(ProviderAdapter):
    """The sandbox as seen through the adapter interface, with some records replaced (what
    a change in the ATS looks like to a poller): replaced records are listed wherever their
    new values match the query's filter."""

    name = "overlay"
    fields = SandboxAdapter.fields
    native_filters = SandboxAdapter.native_filters
    native_sorts = SandboxAdapter.native_sorts

    def __init__(self, inner: SandboxAdapter) -> None:
        super().__init__(Connection(name="watched", provider="overlay"))
        self.inner = inner
        self.changed: dict[tuple[Resource, str], Record] = {}
        self.pages = 0

    @classmethod
    def can_list(cls, resource: Resource) -> bool:
        return SandboxAdapter.can_list(resource)

    async def list(self, resource: Resource, query: ListQuery) -> Page[Record]:
        page = await self.inner.list(resource, query)
        self.pages += 1
        mine = {i: r for (res, i), r in self.changed.items() if res is resource}
        active = query.filter.active()
        records = [r for r in page.records if r.id not in mine]
        changed = [r for r in mine.values() if matches(resource, r, query.filter, active)]
        if query.sort is not None and query.sort.descending:
            # Newest first: the changed records (just updated) lead the first page.
            return Page((changed if query.cursor is None else []) + records, page.next_cursor)
        if page.next_cursor is None:
            records += changed
        return Page(records, page.next_cursor)

    def change(self, resource: Resource, record_id: str, **values: Any) -> Record:
        current = self.changed.get((resource, record_id)) or self.inner.dataset.get(resource, record_id)
        assert current is not None
        updated = current.model_copy(update={"updated_at": _now(), **values})
        self.changed[(resource, record_id)] = updated
        return updated


def _now() -> datetime:
    return datetime.now(UTC) + timedelta(seconds=1)


class Recorder:
    def __init__(self, log: EventLog) -> None:
        self.log = log
        self.appended: list[Event] = []

    async def __call__(self, scope: LogScope, new: NewEvent) -> Event | None:
        event = await self.log.append(scope, new)
        if event is not None:
            self.appended.append(event)
        return event


def _other_stage(data: Dataset, app: ApplicationRecord) -> str:
    stages = [
        s.id for s in data.records(Resource.JOB_INTERVIEW_STAGE) if getattr(s, "job_id", None) == app.job_id
    ]
    return next(s for s in stages if s != app.current_stage_id)


def _open_application(data: Dataset) -> ApplicationRecord:
    return next(
        a
        for a in data.records(Resource.APPLICATION)
        if isinstance(a, ApplicationRecord) and a.rejected_at is None and a.current_stage_id
    )


async def test_sandbox_changes_become_events_once(store: Store) -> None:
    log = EventLog(store)
    recorder = Recorder(log)
    adapter = Overlay(SandboxAdapter(Connection("sandbox", "sandbox", options=dict(SMALL))))
    poller = Poller(PollState(store), recorder)

    # The first poll only records when polling began: existing records make no event.
    first = await poller.poll(SCOPE, adapter)
    assert {r.resource for r in first} == set(Poller.resources(adapter))
    assert recorder.appended == []
    assert await poller.poll(SCOPE, adapter) != []
    assert recorder.appended == []

    data = adapter.inner.dataset
    app = _open_application(data)
    stage = _other_stage(data, app)
    adapter.change(Resource.APPLICATION, app.id, current_stage_id=stage)
    job = next(
        j for j in data.records(Resource.JOB) if isinstance(j, JobRecord) and j.status is JobStatus.OPEN
    )
    adapter.change(Resource.JOB, job.id, status=JobStatus.CLOSED)
    await poller.poll(SCOPE, adapter)
    assert [(e.type, e.record_id) for e in recorder.appended] == [
        (EventType.APPLICATION_UPDATED, app.id),
        (EventType.JOB_UPDATED, job.id),
    ]  # never seen before: what changed is unknown

    # Unchanged records make no event, however often they are polled (the overlap re-reads them).
    recorder.appended.clear()
    await poller.poll(SCOPE, adapter)
    assert recorder.appended == []

    # Now that their previous state is known, the specific events follow.
    adapter.change(Resource.APPLICATION, app.id, current_stage_id=app.current_stage_id)
    adapter.change(Resource.JOB, job.id, status=JobStatus.OPEN)
    await poller.poll(SCOPE, adapter)
    adapter.change(Resource.JOB, job.id, status=JobStatus.CLOSED)
    adapter.change(Resource.APPLICATION, app.id, rejected_at=_now())
    await poller.poll(SCOPE, adapter)
    kinds = [e.type for e in recorder.appended]
    assert kinds == [
        EventType.APPLICATION_STAGE_CHANGED,
        EventType.JOB_UPDATED,
        EventType.APPLICATION_REJECTED,
        EventType.JOB_CLOSED,
    ]
    assert recorder.appended[0].data == {"previous": {"current_stage_id": stage, "rejected_at": None}}
    assert [e.seq for e in await log.read(SCOPE)] == [1, 2, 3, 4, 5, 6]


class NewestFirstOnly(Overlay):
    """A provider that cannot filter by update time but can list newest first."""

    native_filters: ClassVar[Mapping[Resource, frozenset[FilterName]]] = {}


async def test_without_an_updated_after_filter_newest_first_reads_stop_at_the_watermark(store: Store) -> None:
    recorder = Recorder(EventLog(store))
    adapter = NewestFirstOnly(
        SandboxAdapter(Connection("sandbox", "sandbox", options={"seed": 7, "size": 300}))
    )
    poller = Poller(PollState(store), recorder)
    await poller.poll_resource(SCOPE, adapter, Resource.CANDIDATE)
    some = adapter.inner.dataset.records(Resource.CANDIDATE)[5]
    adapter.change(Resource.CANDIDATE, some.id, title="Head of Polling")
    adapter.pages = 0
    await poller.poll_resource(SCOPE, adapter, Resource.CANDIDATE)
    assert [(e.type, e.record_id) for e in recorder.appended] == [(EventType.CANDIDATE_UPDATED, some.id)]
    # 300 candidates are 3 pages of 100: the first page already reaches older records, so it ends there.
    assert adapter.pages == 1


async def test_a_record_created_after_polling_began_is_new(store: Store) -> None:
    recorder = Recorder(EventLog(store))
    adapter = Overlay(SandboxAdapter(Connection("sandbox", "sandbox", options=dict(SMALL))))
    poller = Poller(PollState(store), recorder)
    await poller.poll(SCOPE, adapter)
    app = _open_application(adapter.inner.dataset)
    adapter.changed[(Resource.APPLICATION, "fresh")] = app.model_copy(
        update={"id": "fresh", "created_at": _now(), "updated_at": _now()}
    )
    await poller.poll(SCOPE, adapter)
    assert [(e.type, e.record_id) for e in recorder.appended] == [(EventType.APPLICATION_CREATED, "fresh")]


async def test_a_poll_interrupted_before_saving_snapshots_adds_nothing_twice(store: Store) -> None:
    log = EventLog(store)
    adapter = Overlay(SandboxAdapter(Connection("sandbox", "sandbox", options=dict(SMALL))))
    state = PollState(store)
    await Poller(state, Recorder(log)).poll(SCOPE, adapter)
    app = _open_application(adapter.inner.dataset)
    adapter.change(Resource.CANDIDATE, app.candidate_id or "", title="Chief Tester")

    class Crash(Exception):
        pass

    async def crash_after_append(scope: LogScope, new: NewEvent) -> Event | None:
        await log.append(scope, new)
        raise Crash

    with pytest.raises(Crash):
        await Poller(state, crash_after_append).poll_resource(SCOPE, adapter, Resource.CANDIDATE)
    retry = Recorder(log)
    await Poller(state, retry).poll(SCOPE, adapter)
    assert retry.appended == []  # the log refused the same change again
    assert [e.type for e in await log.read(SCOPE)] == [EventType.CANDIDATE_UPDATED]


# -- the same against provider simulators, whose dataset is swapped between polls ------------------


class SwappableApp:
    """An ASGI app forwarding to the simulator of the current dataset."""

    def __init__(self, provider: str, data: Dataset) -> None:
        simulation = PROVIDERS[provider].simulation()
        assert simulation is not None
        self.simulation = simulation
        self.set(data)

    def set(self, data: Dataset) -> None:
        self.data = data
        self.app = self.simulation.create(
            data, credentials=dict(self.simulation.credentials), faults=self.simulation.faults(0.0)
        )

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)


def _replaced(data: Dataset, resource: Resource, record: Record) -> Dataset:
    tables: dict[Resource, Sequence[Record]] = {r: list(data.records(r)) for r in Resource}
    tables[resource] = [record if r.id == record.id else r for r in tables[resource]]
    return Dataset(data.seed, data.size, tables)


@pytest.fixture
async def simulated(request: pytest.FixtureRequest) -> AsyncIterator[tuple[ProviderAdapter, SwappableApp]]:
    provider: str = request.param
    swappable = SwappableApp(provider, generate(SMALL["seed"], SMALL["size"]))
    cls = PROVIDERS[provider]
    simulation = swappable.simulation
    async with httpx.AsyncClient(transport=simulation.transport(swappable), timeout=10) as client:
        connection = Connection(
            name=f"{provider}-demo",
            provider=provider,
            base_url=simulation.base_url,
            credentials=dict(simulation.credentials),
            options=dict(simulation.options),
        )
        yield cls(connection, client), swappable


@pytest.mark.parametrize("simulated", ["ashby", "greenhouse", "lever", "workable"], indirect=True)
async def test_a_stage_change_in_a_simulated_provider_becomes_an_event(
    store: Store, simulated: tuple[ProviderAdapter, SwappableApp]
) -> None:
    adapter, swappable = simulated
    scope = LogScope("", adapter.connection.name)
    recorder = Recorder(EventLog(store))
    poller = Poller(PollState(store), recorder)
    await poller.poll_resource(scope, adapter, Resource.APPLICATION)

    data = swappable.data
    app = _open_application(data)
    moved = app.model_copy(update={"current_stage_id": _other_stage(data, app), "updated_at": _now()})
    swappable.set(_replaced(data, Resource.APPLICATION, moved))
    await poller.poll_resource(scope, adapter, Resource.APPLICATION)
    await poller.poll_resource(scope, adapter, Resource.APPLICATION)
    # A provider that dates updates is listed from a watermark, and a record polling never saw
    # before makes a generic event; one that does not is scanned whole, every record known.
    dated = "updated_at" in adapter.supported_fields(Resource.APPLICATION)
    first = EventType.APPLICATION_UPDATED if dated else EventType.APPLICATION_STAGE_CHANGED
    # The simulator renders ids in the provider's own format: the event names the record so.
    assert [e.type for e in recorder.appended] == [first]
    provider_id = recorder.appended[0].record_id
    (seen,) = await adapter.get_many(Resource.APPLICATION, [provider_id])
    assert isinstance(seen, ApplicationRecord)

    back = moved.model_copy(update={"current_stage_id": app.current_stage_id, "updated_at": _now()})
    swappable.set(_replaced(swappable.data, Resource.APPLICATION, back))
    await poller.poll_resource(scope, adapter, Resource.APPLICATION)
    assert [e.type for e in recorder.appended] == [first, EventType.APPLICATION_STAGE_CHANGED]
    assert recorder.appended[1].record_id == provider_id
    assert recorder.appended[1].data["previous"]["current_stage_id"] == seen.current_stage_id
    (now,) = await adapter.get_many(Resource.APPLICATION, [provider_id])
    assert isinstance(now, ApplicationRecord)
    assert now.current_stage_id != seen.current_stage_id
