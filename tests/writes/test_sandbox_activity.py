"""The sandbox's live activity at the adapter: realistic changes through the sandbox's own
write methods, the same ones under the same seed, and indexes right after every one."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from random import Random
from typing import Any, cast

import pytest

from providers.base import Connection
from providers.errors import WriteRefused
from providers.records import (
    ApplicationRecord,
    InterviewRecord,
    InterviewStatus,
    OverallRecommendation,
    Resource,
    ScorecardRecord,
)
from providers.sandbox.activity import SandboxActivity
from providers.sandbox.adapter import SandboxAdapter

from .support import fresh_options
from .test_sandbox_writes import assert_indexes_match_records, data_keys

R = Resource


def _adapter(options: dict[str, Any] | None = None) -> SandboxAdapter:
    built = SandboxAdapter(Connection("sandbox", "sandbox", options=options or fresh_options()))
    data = built.writable()
    for resource, parent in data_keys(data):
        data.children(resource, parent)
    return built


async def _run(adapter: SandboxAdapter, seed: int, steps: int) -> list[tuple[str, str]]:
    activity = SandboxActivity(adapter, Random(seed))
    return [(h.event, h.record.id) for _ in range(steps) for h in await activity.step()]


async def test_every_kind_of_change_happens_and_the_dataset_stays_whole() -> None:
    adapter = _adapter()
    data = adapter.writable()
    version = data.version
    activity = SandboxActivity(adapter, Random(5))
    kinds: Counter[str] = Counter()
    for _ in range(150):
        happened = await activity.step()
        assert happened, "the account always offers a change to make"
        for h in happened:
            kinds[h.event] += 1
            # Reads see it at once: the record written is the record the dataset holds.
            assert data.get(h.resource, h.record.id) is h.record
    # One dataset change per step, like one write.
    assert data.version == version + 150
    assert set(kinds) == {
        "application.stage_changed",
        "application.rejected",
        "application.created",
        "candidate.created",
        "interview.scheduled",
        "scorecard.submitted",
        "interview.updated",
    }
    assert kinds["candidate.created"] == kinds["application.created"]
    assert kinds["scorecard.submitted"] == kinds["interview.updated"]
    assert_indexes_match_records(data)


async def test_the_same_seed_makes_the_same_changes() -> None:
    account = fresh_options()  # two connections on one generated account
    one, two = await _run(_adapter(account), 11, 40), await _run(_adapter(account), 11, 40)
    assert one == two
    assert await _run(_adapter(account), 12, 40) != one


async def test_the_changes_are_ones_the_pipeline_allows() -> None:
    adapter = _adapter()
    data = adapter.writable()
    activity = SandboxActivity(adapter, Random(3))
    for _ in range(120):
        for h in await activity.step():
            if h.event == "application.stage_changed":
                app = cast("ApplicationRecord", h.record)
                assert app.rejected_at is None
            if h.event == "scorecard.submitted":
                card = cast("ScorecardRecord", h.record)
                interview = cast("InterviewRecord", data.get(R.INTERVIEW, card.interview_id or ""))
                assert card.interviewer_id in interview.interviewer_ids
                assert card.application_id == interview.application_id
            if h.event == "interview.scheduled":
                interview = cast("InterviewRecord", h.record)
                assert interview.status is InterviewStatus.SCHEDULED
                assert interview.start_at is not None
                assert interview.start_at > datetime.now(UTC)


async def test_the_interview_writes_refuse_what_the_account_does_not_allow() -> None:
    adapter = _adapter()
    data = adapter.writable()
    version = data.version
    soon = datetime.now(UTC) + timedelta(days=1)
    with pytest.raises(WriteRefused):
        await adapter.schedule_interview("no-such-application", soon, ["x"])
    done = next(
        i for i in data.records(R.INTERVIEW) if cast("InterviewRecord", i).status is InterviewStatus.COMPLETED
    )
    interviewer = cast("InterviewRecord", done).interviewer_ids[0]
    with pytest.raises(WriteRefused):
        await adapter.submit_scorecard(done.id, interviewer, OverallRecommendation.YES)
    assert data.version == version
    assert_indexes_match_records(data)
