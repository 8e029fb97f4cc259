"""A write the Teamtailor simulator refuses changes nothing a read shows: a document whose later
part is refused (an update's tags, a merge's tags, an undoing of a rejection that is none) is
refused before its first part is written, and members of the wrong type are a JSON:API 422
pointing at them, not the simulator's 500."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Final, cast

import httpx
import pytest

from providers.records import ApplicationRecord, CandidateRecord, Resource
from providers.sandbox import Dataset, generate
from providers.teamtailor.simulator import API_VERSION, SIMULATION, create_simulator
from providers.teamtailor.simulator.render import number

R = Resource
BASE: Final = SIMULATION.base_url
DATA: Final[Dataset] = generate(11, 30)
HEADERS: Final = {
    "Authorization": f"Token token={SIMULATION.credentials['api_key']}",
    "X-Api-Version": API_VERSION,
    "Content-Type": "application/vnd.api+json",
}


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    app = create_simulator(DATA, credentials=dict(SIMULATION.credentials))
    async with httpx.AsyncClient(transport=SIMULATION.transport(app), headers=HEADERS) as client:
        yield client


def _pointer(answer: httpx.Response) -> str:
    assert answer.status_code == 422, answer.text
    return cast("str", answer.json()["errors"][0]["source"]["pointer"])


async def _unchanged(http: httpx.AsyncClient, path: str, send: Any) -> httpx.Response:
    before = (await http.get(f"{BASE}{path}")).json()
    answer = await send
    assert (await http.get(f"{BASE}{path}")).json() == before
    return cast("httpx.Response", answer)


async def test_an_update_with_refused_tags_changes_nothing(http: httpx.AsyncClient) -> None:
    person = number(DATA.records(R.CANDIDATE)[0].id)
    doc = {"data": {"id": person, "type": "candidates", "attributes": {"first-name": "Changed", "tags": 3}}}
    path = f"/candidates/{person}"
    answer = await _unchanged(http, path, http.patch(f"{BASE}{path}", json=doc))
    assert _pointer(answer) == "/data/attributes/tags"


async def test_a_merge_with_refused_tags_changes_nothing(http: httpx.AsyncClient) -> None:
    person = cast("CandidateRecord", DATA.records(R.CANDIDATE)[0])
    email = person.emails[0].email
    attributes = {"first-name": "Changed", "email": email, "merge": True, "tags": 3}
    doc = {"data": {"type": "candidates", "attributes": attributes}}
    path = f"/candidates/{number(person.id)}"
    answer = await _unchanged(http, path, http.post(f"{BASE}/candidates", json=doc))
    assert _pointer(answer) == "/data/attributes/tags"


async def test_a_move_with_an_undoing_of_no_rejection_changes_nothing(http: httpx.AsyncClient) -> None:
    stages = DATA.children(R.JOB_INTERVIEW_STAGE, "job")
    app = next(
        a
        for a in cast("list[ApplicationRecord]", DATA.records(R.APPLICATION))
        if a.rejected_at is None and len(stages.get(a.job_id or "", ())) > 1
    )
    other = next(s for s in stages[app.job_id or ""] if s.id != app.current_stage_id)
    doc = {
        "data": {
            "id": number(app.id),
            "type": "job-applications",
            "attributes": {"rejected-at": None},
            "relationships": {"stage": {"data": {"type": "stages", "id": number(other.id)}}},
        }
    }
    path = f"/job-applications/{number(app.id)}"
    answer = await _unchanged(http, path, http.patch(f"{BASE}{path}", json=doc))
    assert _pointer(answer) == "/data/id"


@pytest.mark.parametrize(
    ("attributes", "pointer"),
    [
        (3, "/data/attributes"),
        ({"first-name": 3}, "/data/attributes/first-name"),
        ({"first-name": "Ada", "last-name": []}, "/data/attributes/last-name"),
        ({"first-name": "Ada", "email": 3}, "/data/attributes/email"),
        ({"first-name": "Ada", "tags": [3]}, "/data/attributes/tags"),
        ({"first-name": "Ada", "tags": "vip"}, "/data/attributes/tags"),  # not the tags v, i, p
    ],
)
async def test_a_candidate_of_the_wrong_shape_is_refused(
    http: httpx.AsyncClient, attributes: Any, pointer: str
) -> None:
    doc = {"data": {"type": "candidates", "attributes": attributes}}
    answer = await _unchanged(http, "/candidates", http.post(f"{BASE}/candidates", json=doc))
    assert _pointer(answer) == pointer


async def test_relationships_that_are_no_object_are_refused(http: httpx.AsyncClient) -> None:
    doc = {"data": {"type": "notes", "attributes": {"note": "n"}, "relationships": 3}}
    answer = await _unchanged(http, "/notes", http.post(f"{BASE}/notes", json=doc))
    assert _pointer(answer) == "/data/relationships"
