"""A write the Greenhouse simulator refuses changes nothing: a body whose later part is refused
is refused before its first part is written (an update's tags, a create's second application
to one job), and a field of the wrong type is Harvest's 422, not the simulator's 500."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from typing import Any, cast

import httpx
import pytest

from providers.greenhouse.simulator import encode_id
from providers.records import CandidateRecord, Resource
from providers.sandbox import Dataset

from .sim import BASE, KEY, app, client, small_dataset

R = Resource


@pytest.fixture
async def harvest() -> AsyncIterator[tuple[Dataset, httpx.AsyncClient, dict[str, str]]]:
    data = small_dataset().fork()
    user = str(encode_id(data.records(R.USER)[0].id))
    auth = {"Authorization": "Basic " + base64.b64encode(f"{KEY}:".encode()).decode()}
    async with client(app(data)) as http:
        yield data, http, {**auth, "On-Behalf-Of": user}


def _refused(answer: httpx.Response, field: str) -> None:
    assert answer.status_code == 422, answer.text
    assert answer.json()["message"] == "Validation error"
    assert answer.json()["errors"][0]["field"] == field


async def test_an_update_with_refused_tags_leaves_the_candidate_as_it_was(harvest: Any) -> None:
    data, http, headers = harvest
    person = cast("CandidateRecord", data.records(R.CANDIDATE)[0])
    body = {"first_name": "Changed", "tags": 3}
    answer = await http.patch(f"{BASE}/v1/candidates/{encode_id(person.id)}", json=body, headers=headers)
    _refused(answer, "tags")
    assert data.get(R.CANDIDATE, person.id) == person


async def test_two_applications_to_one_job_make_no_candidate(harvest: Any) -> None:
    data, http, headers = harvest
    job = encode_id(data.records(R.JOB)[0].id)
    before = len(data.records(R.CANDIDATE))
    body = {"first_name": "Ada", "last_name": "Lovelace", "applications": [{"job_id": job}, {"job_id": job}]}
    _refused(await http.post(f"{BASE}/v1/candidates", json=body, headers=headers), "input.jobId")
    assert len(data.records(R.CANDIDATE)) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"first_name": 3}, "first_name"),
        ({"first_name": "Ada", "last_name": []}, "last_name"),
        ({"first_name": "Ada", "title": {"a": 1}}, "title"),
        ({"first_name": "Ada", "applications": 3}, "applications"),
        (
            {"first_name": "Ada", "email_addresses": [{"value": "a@example.com", "type": 3}]},
            "email_addresses",
        ),
    ],
)
async def test_a_field_of_the_wrong_type_is_refused(harvest: Any, body: dict[str, Any], field: str) -> None:
    data, http, headers = harvest
    before = len(data.records(R.CANDIDATE))
    _refused(await http.post(f"{BASE}/v1/candidates", json=body, headers=headers), field)
    assert len(data.records(R.CANDIDATE)) == before


async def test_a_title_of_the_wrong_type_is_not_kept(harvest: Any) -> None:
    data, http, headers = harvest
    person = data.records(R.CANDIDATE)[0]
    answer = await http.patch(
        f"{BASE}/v1/candidates/{encode_id(person.id)}", json={"title": 3}, headers=headers
    )
    _refused(answer, "title")
    assert data.get(R.CANDIDATE, person.id) == person


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("activity_feed/notes", {"body": "b", "visibility": []}, "visibility"),
        ("attachments", {"filename": "a.txt", "content": "ünï", "type": "resume"}, "content"),
    ],
)
async def test_a_note_or_file_of_the_wrong_shape_is_refused(
    harvest: Any, path: str, body: dict[str, Any], field: str
) -> None:
    data, http, headers = harvest
    person = data.records(R.CANDIDATE)[0]
    body = {**body, "user_id": headers["On-Behalf-Of"]}
    _refused(
        await http.post(f"{BASE}/v1/candidates/{encode_id(person.id)}/{path}", json=body, headers=headers),
        field,
    )


async def test_a_token_request_of_no_text_is_refused(harvest: Any) -> None:
    _data, http, _headers = harvest
    answer = await http.post(
        f"{BASE}/token", content=b"\xff\xfe", headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert answer.status_code == 401
    assert answer.json() == {"error": "invalid_client"}
