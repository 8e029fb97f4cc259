"""A change seen both by a provider's webhook and by polling makes one event, whichever sees
it first: a delivery is logged under the key polling gives the same change (the record read
through the adapter and hashed as a poll would). Against the providers' simulators, their
deliveries made by ``WebhookScheme.simulate`` and posted to the real receiver."""

from __future__ import annotations

import itertools
import time

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from providers.base import ProviderAdapter
from providers.records import ApplicationRecord, Resource
from tenancy.events.log import EventLog
from tenancy.events.poll_state import PollState
from tenancy.events.poller import Poller
from tenancy.events.receiver import WebhookReceiver, WebhookTarget
from tenancy.events.types import EventSource, EventType, LogScope
from tenancy.store import Store

from .test_event_poller import (
    Recorder,
    SwappableApp,
    _now,
    _open_application,
    _other_stage,
    _replaced,
    simulated,
)

__all__ = ["simulated"]  # the fixture, shared with the poller's simulator tests

SECRET = "hook-secret"
STAGE = EventType.APPLICATION_STAGE_CHANGED
_deliveries = itertools.count(1)


class Setup:
    def __init__(self, store: Store, adapter: ProviderAdapter) -> None:
        self.adapter = adapter
        self.scope = LogScope("", adapter.connection.name)
        self.log = EventLog(store)
        self.recorder = Recorder(self.log)
        self.poller = Poller(PollState(store), self.recorder)

        async def find(tenant: str, name: str) -> WebhookTarget | None:
            return WebhookTarget(self.scope, adapter, SECRET)

        receiver = WebhookReceiver(find, lambda: self.poller)
        self.app = Starlette(routes=[Route("/webhooks/{connection}", receiver.handle, methods=["POST"])])

    async def deliver(
        self, kind: EventType, record_id: str, delivery_id: str | None = None
    ) -> dict[str, object]:
        scheme = type(self.adapter).webhooks
        assert scheme is not None
        made = scheme.simulate(
            kind.value, record_id, SECRET, delivery_id=delivery_id or f"d{next(_deliveries)}", at=time.time()
        )
        assert made is not None
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hiregraph") as client:
            response = await client.post(
                f"/webhooks/{self.scope.connection}", content=made.body, headers=dict(made.headers)
            )
        assert response.status_code == 200, response.text
        answer: dict[str, object] = response.json()
        return answer

    async def sources(self) -> list[tuple[EventType, str, EventSource]]:
        return [(e.type, e.record_id, e.source) for e in await self.log.read(self.scope)]


@pytest.fixture
async def setup(store: Store, simulated: tuple[ProviderAdapter, SwappableApp]) -> Setup:
    return Setup(store, simulated[0])


@pytest.mark.parametrize("simulated", ["greenhouse", "lever"], indirect=True)
async def test_a_stage_change_seen_by_both_makes_one_event_whichever_comes_first(
    setup: Setup, simulated: tuple[ProviderAdapter, SwappableApp]
) -> None:
    adapter, swappable = simulated
    poll = setup.poller.poll_resource
    await poll(setup.scope, adapter, Resource.APPLICATION)  # polling begins
    data = swappable.data
    app = _open_application(data)
    moved = app.model_copy(update={"current_stage_id": _other_stage(data, app), "updated_at": _now()})
    swappable.set(_replaced(data, Resource.APPLICATION, moved))

    # Polling first: the webhook arriving after it finds the change logged.
    await poll(setup.scope, adapter, Resource.APPLICATION)
    (polled,) = await setup.sources()
    record_id = polled[1]
    assert await setup.deliver(STAGE, record_id) == {
        "received": True,
        "event": STAGE.value,
        "duplicate": True,
    }
    assert len(await setup.sources()) == 1

    # The webhook first: the poll after it finds the change logged.
    (seen,) = await adapter.get_many(Resource.APPLICATION, [record_id])
    assert isinstance(seen, ApplicationRecord)
    back = moved.model_copy(update={"current_stage_id": app.current_stage_id, "updated_at": _now()})
    swappable.set(_replaced(swappable.data, Resource.APPLICATION, back))
    assert (await setup.deliver(STAGE, record_id))["duplicate"] is False
    await poll(setup.scope, adapter, Resource.APPLICATION)
    await poll(setup.scope, adapter, Resource.APPLICATION)
    assert await setup.sources() == [polled, (STAGE, record_id, EventSource.WEBHOOK)]
    (event,) = await setup.log.read(setup.scope, 1)
    # the webhook's event says where the application was, as a polled one does
    assert event.data["previous"]["current_stage_id"] == seen.current_stage_id


@pytest.mark.parametrize("simulated", ["greenhouse"], indirect=True)
async def test_a_delivery_about_a_record_that_cannot_be_read_is_kept_by_its_delivery_id(
    setup: Setup, simulated: tuple[ProviderAdapter, SwappableApp]
) -> None:
    # A record the provider no longer has (deleted since): nothing to hash, one event per delivery.
    first = await setup.deliver(EventType.CANDIDATE_UPDATED, "987654321", "gone-1")
    retry = await setup.deliver(EventType.CANDIDATE_UPDATED, "987654321", "gone-1")
    other = await setup.deliver(EventType.CANDIDATE_UPDATED, "987654321", "gone-2")
    assert [first["duplicate"], retry["duplicate"], other["duplicate"]] == [False, True, False]
    assert len(await setup.sources()) == 2
