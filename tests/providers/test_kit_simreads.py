"""A simulator's provider-neutral read pieces (``kit/simreads.py``)."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

from providers.kit.simreads import by_id_handler, sandbox_id_of, updated_since, uuid_of
from providers.records import JobRecord


def test_sandbox_ids_round_trip_through_uuids() -> None:
    made = uuid_of("cand-0042")
    assert len(made) == 36
    assert sandbox_id_of(made) == "cand-0042"
    assert sandbox_id_of("not-a-uuid") is None
    assert sandbox_id_of("ffffffff-ffff-ffff-ffff-ffffffffffff") is None  # not ASCII


def test_updated_since_keeps_the_later_records_only() -> None:
    at = datetime(2024, 1, 2, tzinfo=UTC)
    jobs = [
        JobRecord(id="old", remote_id="old", updated_at=datetime(2024, 1, 1, tzinfo=UTC)),
        JobRecord(id="new", remote_id="new", updated_at=datetime(2024, 1, 3, tzinfo=UTC)),
        JobRecord(id="none", remote_id="none"),
    ]
    assert [j.id for j in updated_since(jobs, at)] == ["new"]
    assert len(updated_since(jobs, None)) == 3


async def test_by_id_handler_renders_the_record_or_answers_missing() -> None:
    jobs = {"j1": JobRecord(id="j1", remote_id="j1", name="Chef")}
    handler = by_id_handler(jobs.get, lambda j: {"title": j.name}, lambda: Response(status_code=404))
    app = Starlette(routes=[Route("/jobs/{id}", handler)])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://sim") as client:
        assert (await client.get("/jobs/j1")).json() == {"title": "Chef"}
        assert (await client.get("/jobs/j2")).status_code == 404
