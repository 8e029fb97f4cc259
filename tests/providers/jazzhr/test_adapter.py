"""JazzHR's quirks against a mocked API (respx, no network): the key as the ``apikey`` query
parameter, page numbers as path segments (100 a page, no totals, a short page is the last, a page
of one record may be the bare object), client pages cut from upstream ones, and errors that never
show the key."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import respx

from providers.base import Connection
from providers.errors import ProviderAuthError, ProviderBadInput
from providers.jazzhr import JazzHRAdapter
from providers.query import ListQuery
from providers.records import Resource

BASE = "https://api.resumatorapi.com/v1"
KEY = "jz-SECRET-key"


def applicant(n: int) -> dict[str, Any]:
    return {"id": f"prospect_{n:04d}", "first_name": "A", "last_name": str(n), "apply_date": "2024-01-02"}


@pytest.fixture
async def adapter() -> AsyncIterator[JazzHRAdapter]:
    connection = Connection(name="jz", provider="jazzhr", credentials={"api_key": KEY})
    async with httpx.AsyncClient() as http:
        made = JazzHRAdapter(connection, http)
        yield made
        await made.aclose()


@respx.mock
async def test_pages_are_path_segments_and_a_one_record_page_is_an_object(adapter: JazzHRAdapter) -> None:
    first = respx.get(f"{BASE}/applicants/page/1").respond(json=[applicant(n) for n in range(100)])
    second = respx.get(f"{BASE}/applicants/page/2").respond(json=applicant(100))  # the bare object
    ids: list[str] = []
    cursor: str | None = None
    while True:
        page = await adapter.list(Resource.CANDIDATE, ListQuery(page_size=100, cursor=cursor))
        ids += [r.id for r in page.records]
        if (cursor := page.next_cursor) is None:
            break
    assert ids == [f"prospect_{n:04d}" for n in range(101)]
    for route in (first, second):
        sent = route.calls.last.request
        assert sent.url.params["apikey"] == KEY
        assert "Authorization" not in sent.headers
        assert set(sent.url.params) == {"apikey"}  # no size, no page in the query


@respx.mock
async def test_a_smaller_client_page_is_cut_from_the_upstream_page(adapter: JazzHRAdapter) -> None:
    route = respx.get(f"{BASE}/applicants/page/1").respond(json=[applicant(n) for n in range(40)])
    first = await adapter.list(Resource.CANDIDATE, ListQuery(page_size=30))
    assert [r.id for r in first.records] == [f"prospect_{n:04d}" for n in range(30)]
    assert first.next_cursor is not None
    assert KEY not in first.next_cursor
    rest = await adapter.list(Resource.CANDIDATE, ListQuery(page_size=30, cursor=first.next_cursor))
    assert [r.id for r in rest.records] == [f"prospect_{n:04d}" for n in range(30, 40)]
    assert rest.next_cursor is None  # 40 < 100: the last page, with no totals to say so
    assert route.call_count == 2


@respx.mock
async def test_an_exactly_full_last_page_ends_with_an_empty_one(adapter: JazzHRAdapter) -> None:
    respx.get(f"{BASE}/jobs/page/1").respond(json=[{"id": f"job_{n}"} for n in range(100)])
    respx.get(f"{BASE}/jobs/page/2").respond(json=[])
    first = await adapter.list(Resource.JOB, ListQuery(page_size=100))
    assert first.next_cursor == "2"
    last = await adapter.list(Resource.JOB, ListQuery(page_size=100, cursor=first.next_cursor))
    assert (last.records, last.next_cursor) == ([], None)


@respx.mock
async def test_a_forged_cursor_is_refused_before_any_call(adapter: JazzHRAdapter) -> None:
    route = respx.get(url__startswith=BASE).respond(json=[])
    with pytest.raises(ProviderBadInput):
        await adapter.list(Resource.CANDIDATE, ListQuery(cursor="hg1:5:../users"))
    assert route.call_count == 0


@respx.mock
async def test_a_refused_key_is_an_auth_error_that_does_not_show_it(adapter: JazzHRAdapter) -> None:
    respx.get(f"{BASE}/applicants/page/1").respond(401, json={"error": "Invalid API key"})
    with pytest.raises(ProviderAuthError) as info:
        await adapter.list(Resource.CANDIDATE, ListQuery(page_size=10))
    assert KEY not in f"{info.value} {info.value!r}"


@respx.mock
async def test_a_candidates_files_are_read_under_its_id(adapter: JazzHRAdapter) -> None:
    # a parent's children are read from their first page without a number (JazzHR's page 1)
    route = respx.get(f"{BASE}/files/applicant_id/prospect_1").respond(
        json={"id": "file_1", "applicant_id": "prospect_1", "filename": "cv.pdf"}
    )
    found = await adapter.list_attachments_by_candidate_ids(["prospect_1"])  # type: ignore[attr-defined]
    assert [r.id for r in found["prospect_1"]] == ["file_1"]
    assert route.called


@respx.mock
async def test_a_candidates_applications_and_tags_come_from_its_detail(adapter: JazzHRAdapter) -> None:
    detail = {
        "id": "prospect_1",
        "email": "a@example.com",
        "jobs": [{"job_id": "job_7", "job_title": "Chef", "workflow_step_id": "step_2"}],
        "categories": [{"category_id": "cat_a", "name": "Referral"}],
    }
    route = respx.get(f"{BASE}/applicants/prospect_1").respond(json=detail)
    respx.get(f"{BASE}/applicants/prospect_2").respond(404, json={"error": "Not found"})
    apps = await adapter.list_applications_by_candidate_ids(["prospect_1", "prospect_2"])  # type: ignore[attr-defined]
    assert [(a.id, a.candidate_id, a.job_id) for a in apps["prospect_1"]] == [
        ("prospect_1:job_7", "prospect_1", "job_7")
    ]
    assert apps["prospect_2"] == []
    tags = await adapter.list_tags_by_candidate_ids(["prospect_1"])
    assert [(t.id, t.name) for t in tags["prospect_1"]] == [("cat_a", "Referral")]  # type: ignore[attr-defined]
    (by_id,) = await adapter.get_many(Resource.APPLICATION, ["prospect_1:job_7"])
    assert by_id is not None
    assert by_id.id == "prospect_1:job_7"
    (candidate,) = await adapter.get_many(Resource.CANDIDATE, ["prospect_1"])
    assert candidate is not None
    assert candidate.application_ids == ("prospect_1:job_7",)  # type: ignore[attr-defined]
    assert [r.id for r in candidate.embedded] == ["prospect_1:job_7"]  # loaded with it
    assert route.call_count == 4
