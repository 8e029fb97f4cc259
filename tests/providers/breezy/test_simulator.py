"""The simulator renders the sandbox as Breezy sends it, and the adapter over it reads the
sandbox back (the mapping and its inverse agree): a round trip per candidate."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from providers.base import Connection
from providers.breezy.adapter import BreezyAdapter
from providers.breezy.simulator import COMPANY, SIMULATION, create_simulator, hex_id
from providers.records import (
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    CandidateRecord,
    JobInterviewStageRecord,
    Resource,
    TagRecord,
)
from providers.sandbox import generate

R = Resource
DATA = generate(11, 12)
TOKEN = SIMULATION.credentials["access_token"]


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    app = create_simulator(DATA, credentials=SIMULATION.credentials)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=SIMULATION.base_url
    ) as client:
        yield client


async def test_a_positions_candidates_are_a_bare_array_paged_by_number(http: httpx.AsyncClient) -> None:
    job = max(DATA.records(R.JOB), key=lambda j: len(DATA.children(R.APPLICATION, "job").get(j.id, ())))
    apps = DATA.children(R.APPLICATION, "job")[job.id]
    assert len(apps) > 1
    path = f"/position/{hex_id(job.id)}/candidates"
    auth = {"Authorization": TOKEN}
    pages = [(await http.get(path, params={"page_size": 1, "page": n}, headers=auth)).json() for n in (1, 2)]
    whole = (await http.get(path, params={"page_size": 50}, headers=auth)).json()
    assert isinstance(whole, list)
    assert len(whole) == len(apps)
    assert pages == [whole[:1], whole[1:2]]
    assert {"_id", "name", "email_address", "stage", "source", "tags", "creation_date"} <= set(whole[0])


async def test_auth_and_unknown_positions(http: httpx.AsyncClient) -> None:
    refused = await http.get("/positions", headers={"Authorization": f"Bearer {TOKEN}"})
    assert refused.status_code == 401
    assert refused.json()["error"]["type"] == "invalidAccessToken"
    missing = await http.get("/position/ffffffffffff/candidates", headers={"Authorization": TOKEN})
    assert missing.status_code == 404
    assert http.base_url.path == f"/v3/company/{COMPANY}/"


async def test_every_candidate_reads_back_as_the_sandbox_has_it(http: httpx.AsyncClient) -> None:
    adapter = BreezyAdapter(
        Connection(
            name="bz", provider="breezy", base_url=SIMULATION.base_url, credentials={"access_token": TOKEN}
        ),
        http,
    )
    people = [c for c in DATA.records(R.CANDIDATE) if isinstance(c, CandidateRecord)]
    found = await adapter.get_many(R.CANDIDATE, [hex_id(c.id) for c in people])
    tags = {t.id: t.name for t in DATA.records(R.TAG) if isinstance(t, TagRecord)}
    for want, got in zip(people, found, strict=True):
        assert isinstance(got, CandidateRecord)
        # Breezy has one e-mail address and one phone number per candidate
        assert got.name == want.name
        assert [e.email for e in got.emails] == [e.email for e in want.emails if e.is_primary]
        assert [n.number for n in got.phones] == [n.number for n in want.phones[:1]]
        assert set(got.tag_ids or ()) == {tags[t] for t in want.tag_ids or ()}
        apps = [
            a for a in DATA.children(R.APPLICATION, "candidate")[want.id] if isinstance(a, ApplicationRecord)
        ]
        read = {r.id: r for r in got.embedded if isinstance(r, ApplicationRecord)}
        assert set(read) == {f"{hex_id(a.job_id or '')}-{hex_id(want.id)}" for a in apps}
        stages = {r.id: r for r in got.embedded if isinstance(r, JobInterviewStageRecord)}
        files = {r.file_name for r in got.embedded if isinstance(r, AttachmentRecord)}
        resumes = DATA.children(R.ATTACHMENT, "candidate").get(want.id, ())
        assert files == {
            f.file_name
            for f in resumes
            if isinstance(f, AttachmentRecord) and f.attachment_type is AttachmentType.RESUME
        }
        for a in apps:
            r = read[f"{hex_id(a.job_id or '')}-{hex_id(want.id)}"]
            assert r.applied_at == a.applied_at
            assert r.source == a.source
            if a.current_stage_id:
                stage = DATA.get(R.JOB_INTERVIEW_STAGE, a.current_stage_id)
                assert isinstance(stage, JobInterviewStageRecord)
                assert r.current_stage_id == f"{hex_id(a.job_id or '')}-{hex_id(stage.id)}"
                assert stages[r.current_stage_id].name == stage.name
