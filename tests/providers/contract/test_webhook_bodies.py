"""Contract: a signed but broken webhook delivery is a typed answer, never a crash or a bad
event. Each provider that declares a webhook scheme has its deliveries (simulated, its declared
envelope filled in, its published and hand-built examples) sent with one leaf of the body
rewritten at a time (``webhook_faults.py``), signed again with the test secret, signed with
another secret, and with the original (now stale) signature:

- to the scheme itself (``verify``, ``sent_at``, ``parse``): only ``WebhookRefused`` or
  ``WebhookMalformed`` may be raised, a delivery signed with another secret is refused, and
  an accepted one is an event the log knows about a real id (or no event);
- through the receiver (``POST /webhooks/<connection>``) over a store and the provider's
  simulator: 200, 400 (malformed) or 401 (refused) and never a 500, every event logged names
  a real id, and no answer or log line holds the secret."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Final

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from providers.webhooks import WebhookMalformed, WebhookRefused, WebhookScheme
from tenancy.events.log import EventLog
from tenancy.events.poll_state import PollState
from tenancy.events.poller import Poller
from tenancy.events.receiver import WebhookReceiver, WebhookTarget
from tenancy.events.types import LogScope
from tenancy.store import SqliteStore

from .harness import simulated
from .webhook_faults import (
    AT,
    OTHER_SECRET,
    SECRET,
    Broken,
    chosen,
    is_id,
    nonsense,
    provider_of,
    samples,
    schemes,
)

PER_SAMPLE: Final = 150
"""Mutations read by each scheme per sample, drawn with a seed of the sample's label (tens of
thousands in all for Greenhouse's published examples; a bounded draw finds the same classes)."""

PER_SAMPLE_HTTP: Final = 20
"""Mutations posted to the receiver per sample: each one is a request, a store write and a
read from the simulator, so fewer; the whole contract stays well within a minute."""

SCHEMES: Final = [pytest.param(s, id=s.provider) for s in schemes()]


def problem(scheme: WebhookScheme, sent: Broken) -> str | None:
    """What is wrong with how ``scheme`` takes ``sent``, or None."""
    try:
        scheme.verify(sent.headers, sent.body, SECRET)
        if sent.refused:
            return "accepted although no signature with this secret covers it"
        if scheme.timestamped:
            scheme.sent_at(sent.headers, sent.body)
        delivery = scheme.parse(sent.headers, sent.body)
    except WebhookRefused:
        return None
    except WebhookMalformed:
        return "read as malformed before its signature was proven" if sent.refused else None
    except Exception as exc:  # any other is what the contract reports
        return f"raised {exc!r:.200}"
    return nonsense(delivery)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_sweep_starts_from_deliveries_that_make_events(scheme: WebhookScheme) -> None:
    """Each provider has a delivery its scheme reads into an event, so the sweep reaches the
    path that logs one (not only refusals and dropped deliveries)."""
    made = [scheme.parse(s.headers, s.body).event for s in samples(scheme)]
    assert any(made), f"{scheme.provider}: no sample delivery makes an event"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_broken_body_is_refused_or_read_into_a_sound_event(scheme: WebhookScheme) -> None:
    found = [f"{sent.label}: {p}" for sent in chosen(scheme, PER_SAMPLE) if (p := problem(scheme, sent))]
    assert found == []


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    opened = SqliteStore(tmp_path / "webhooks.sqlite3")
    await opened.migrate()
    yield opened
    await opened.aclose()


@pytest.mark.parametrize("scheme", SCHEMES)
async def test_the_receiver_answers_a_broken_body_200_400_or_401(
    scheme: WebhookScheme, store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    found: list[str] = []
    async with simulated(provider_of(scheme)) as sim:
        adapter = sim.adapter()
        scope = LogScope("", adapter.connection.name)
        log = EventLog(store)
        poller = Poller(PollState(store), log.append, clock=lambda: AT)

        async def find(tenant: str, name: str) -> WebhookTarget:
            return WebhookTarget(scope, adapter, SECRET)

        receiver = WebhookReceiver(find, lambda: poller, clock=lambda: AT)
        app = Starlette(routes=[Route("/webhooks/{connection}", receiver.handle, methods=["POST"])])
        # a 500 comes back as an answer here, not raised into the test
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://hiregraph") as http:
            for sent in chosen(scheme, PER_SAMPLE_HTTP):
                answer = await http.post("/webhooks/contract", content=sent.body, headers=dict(sent.headers))
                expected = {401} if sent.refused else {200, 400, 401}
                if answer.status_code not in expected:
                    found.append(f"{sent.label}: answered {answer.status_code} {answer.text[:200]}")
                if SECRET in answer.text or OTHER_SECRET in answer.text:
                    found.append(f"{sent.label}: the answer holds the secret")
    for event in await EventLog(store).read(scope, limit=100_000):
        if not is_id(event.record_id):
            found.append(f"an event was logged about {event.record_id[:40]!r}")
    assert found == []
    assert not [r for r in caplog.records if SECRET in r.getMessage() or OTHER_SECRET in r.getMessage()]
