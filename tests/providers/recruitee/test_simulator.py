"""The simulator renders the sandbox as Recruitee sends it, and the adapter over it reads the
sandbox back (the mapping and its inverse agree): a round trip per candidate."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from providers.base import Connection
from providers.records import ApplicationRecord, CandidateRecord, RejectReasonRecord, Resource, TagRecord
from providers.recruitee.adapter import RecruiteeAdapter
from providers.recruitee.simulator import COMPANY, SIMULATION, create_simulator, number
from providers.sandbox import generate

R = Resource
DATA = generate(11, 12)
TOKEN = SIMULATION.credentials["api_token"]


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    app = create_simulator(DATA, credentials=SIMULATION.credentials)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=SIMULATION.base_url
    ) as client:
        yield client


async def test_the_list_omits_tags_and_the_cv_and_names_only_its_references(http: httpx.AsyncClient) -> None:
    body = (
        await http.get("/candidates", params={"limit": 5}, headers={"Authorization": f"Bearer {TOKEN}"})
    ).json()
    assert len(body["candidates"]) == 5
    assert all("tags" not in c and "cv_url" not in c for c in body["candidates"])
    named = {
        (k, p[key])
        for c in body["candidates"]
        for p in c["placements"]
        for k, key in (("Offer", "offer_id"), ("Stage", "stage_id"))
    }
    assert {(r["type"], r["id"]) for r in body["references"]} == named
    detail = (await http.get("/candidates/1", headers={"Authorization": f"Bearer {TOKEN}"})).json()
    assert set(detail) == {"candidate", "references"}
    assert "tags" in detail["candidate"]


async def test_auth_and_unknown_records(http: httpx.AsyncClient) -> None:
    assert (await http.get("/candidates")).status_code == 401
    assert (await http.get("/candidates", headers={"Authorization": "Bearer wrong"})).status_code == 401
    missing = await http.get("/candidates/999", headers={"Authorization": f"Bearer {TOKEN}"})
    assert missing.status_code == 404
    assert http.base_url.path == f"/c/{COMPANY}/"


async def test_every_candidate_reads_back_as_the_sandbox_has_it(http: httpx.AsyncClient) -> None:
    adapter = RecruiteeAdapter(
        Connection(
            name="rt", provider="recruitee", base_url=SIMULATION.base_url, credentials={"api_token": TOKEN}
        ),
        http,
    )
    people = [c for c in DATA.records(R.CANDIDATE) if isinstance(c, CandidateRecord)]
    found = await adapter.get_many(R.CANDIDATE, [str(number(c.id)) for c in people])
    tags = {t.id: t.name for t in DATA.records(R.TAG) if isinstance(t, TagRecord)}
    reasons = {r.id: r.name for r in DATA.records(R.REJECT_REASON) if isinstance(r, RejectReasonRecord)}
    for want, got in zip(people, found, strict=True):
        assert isinstance(got, CandidateRecord)
        # Recruitee's e-mails and phones are bare strings: their types do not travel
        assert got.name == want.name
        assert [e.email for e in got.emails] == [
            e.email for e in sorted(want.emails, key=lambda e: not e.is_primary)
        ]
        assert [n.number for n in got.phones] == [n.number for n in want.phones]
        assert got.tag_ids == tuple(tags[t] for t in want.tag_ids or ())
        apps = [
            a
            for a in DATA.children(R.APPLICATION, "candidate").get(want.id, ())
            if isinstance(a, ApplicationRecord)
        ]
        read = [r for r in got.embedded if isinstance(r, ApplicationRecord)]
        assert [a.id for a in read] == [f"{number(want.id)}-{number(a.id)}" for a in apps]
        for a, r in zip(apps, read, strict=True):
            assert r.job_id == str(number(a.job_id or ""))
            assert r.current_stage_id == (str(number(a.current_stage_id)) if a.current_stage_id else None)
            assert r.reject_reason_id == (reasons[a.reject_reason_id] if a.reject_reason_id else None)
            assert r.applied_at == a.applied_at
