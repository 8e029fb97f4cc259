"""The watch over one adapter write (``providers/acceptance.py``): which of its write requests
the provider accepted, kept apart for writes made at once, and what an error after one becomes
(``ProviderAdapter.write``)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from providers import acceptance
from providers.ashby.adapter import AshbyAdapter
from providers.errors import ProviderResponseInvalid, WriteOutcomeUnknown, WriteRefused
from providers.greenhouse.adapter import GreenhouseAdapter
from providers.records import Resource
from providers.writes import Actor, CandidateInput, NoteInput

from .contract.harness import simulated


async def test_writes_made_at_once_each_keep_their_own_watch() -> None:
    started = asyncio.Event()

    async def write(accepted: bool) -> acceptance.Acceptance:
        with acceptance.watching() as answered:
            await started.wait()  # both watches are open before either notes anything
            acceptance.note_write(accepted)
            await asyncio.sleep(0)
            return answered

    tasks = [asyncio.ensure_future(write(True)), asyncio.ensure_future(write(False))]
    await asyncio.sleep(0)
    started.set()
    one, other = await asyncio.gather(*tasks)
    assert (one.accepted, other.accepted) == (1, 0)
    acceptance.note_write(True)  # outside any write: noted nowhere, and no error


def test_a_refusal_in_a_2xx_answer_takes_its_acceptance_back() -> None:
    with acceptance.watching() as answered:
        acceptance.note_write(True)
        acceptance.refused_after_all()
        assert (answered.accepted, answered.failed_after) == (0, False)
        acceptance.note_write(True)
        acceptance.note_write(True)
        acceptance.refused_after_all()
        assert (answered.accepted, answered.failed_after) == (1, True)


def test_a_repeatable_write_request_does_not_count_as_written() -> None:
    with acceptance.watching() as answered:
        acceptance.note_write(True)
        acceptance.repeatable()
        acceptance.note_write(False)
        assert (answered.accepted, answered.failed_after) == (0, False)


async def test_a_write_an_rpc_api_refuses_in_a_200_stays_a_refusal() -> None:
    """Ashby answers a refused write HTTP 200 with ``success: false``: nothing was written, so
    the refusal is the write's outcome (the key is released), not an unknown one."""
    async with simulated(AshbyAdapter) as sim:
        given = NoteInput("no-such-candidate", "a note")
        with pytest.raises(WriteRefused):
            await sim.adapter().write("add_note", Resource.ACTIVITY, given, None)
    assert sim.faults.requests == 1


async def _create(monkeypatch: pytest.MonkeyPatch, raised: Exception, *, after_write: bool) -> Any:
    """Greenhouse's ``create_candidate`` against its simulator, failing with ``raised`` while
    reading the accepted write's answer (``after_write``) or before anything is sent."""

    def failing(self: GreenhouseAdapter, body: Any) -> Any:
        raise raised

    async def refused_early(self: GreenhouseAdapter, input: Any, actor: Any) -> Any:
        raise raised

    if after_write:
        monkeypatch.setattr(GreenhouseAdapter, "_candidate", failing)
    else:
        monkeypatch.setattr(GreenhouseAdapter, "create_candidate", refused_early)
    async with simulated(GreenhouseAdapter) as sim:
        adapter = sim.adapter()
        given = CandidateInput(first_name="Ada", last_name="Lovelace")
        try:
            await adapter.write("create_candidate", Resource.CANDIDATE, given, Actor("1"))
        except Exception as exc:  # what the tests look at
            return exc
    raise AssertionError("the write succeeded")


async def test_a_crash_reading_an_accepted_write_is_an_unknown_outcome_and_logged(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, "hiregraph.errors"):
        raised = await _create(monkeypatch, KeyError("secret-payload-value"), after_write=True)
    assert isinstance(raised, WriteOutcomeUnknown)
    assert raised.message == (
        "Greenhouse accepted the write, but its result could not be read (an internal error while reading it)"
    )
    assert isinstance(raised.__cause__, KeyError)
    assert [r.exc_info[0] for r in caplog.records if r.exc_info] == [KeyError]


async def test_a_provider_error_after_an_accepted_write_is_an_unknown_outcome(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    invalid = ProviderResponseInvalid("greenhouse sent a payload that does not match", provider="greenhouse")
    raised = await _create(monkeypatch, invalid, after_write=True)
    assert isinstance(raised, WriteOutcomeUnknown)
    assert raised.__cause__ is invalid
    assert "(greenhouse sent a payload that does not match)" in raised.message


async def test_an_error_before_any_write_request_is_left_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    invalid = ProviderResponseInvalid("read before the write", provider="greenhouse")
    assert await _create(monkeypatch, invalid, after_write=False) is invalid
    crash = TypeError("a bug before anything was sent")
    assert await _create(monkeypatch, crash, after_write=False) is crash
