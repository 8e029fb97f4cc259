"""The adapter against a mocked Recruitee (respx): the company id in the path and the bearer
token, ``limit``/``offset`` paging ending at a short page, offers read whole and paged by the
gateway, applications and the CV read through their candidate, and the errors. Payloads are
trimmed from the recorded ones (``shared/fixtures/providers/recruitee``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import respx

from providers.base import Connection
from providers.errors import ConnectionConfigError, ProviderAuthError, ProviderResponseInvalid
from providers.query import ListQuery
from providers.records import ApplicationRecord, JobInterviewStageRecord, JobRecord, Resource
from providers.recruitee.adapter import RecruiteeAdapter

BASE = "https://api.recruitee.com/c/89564"
R = Resource


def candidate(i: int, placements: int = 1) -> dict[str, Any]:
    return {
        "id": i,
        "name": f"C{i}",
        "emails": [f"c{i}@example.com"],
        "phones": [],
        "placements": [
            {"id": 100 * i + n, "candidate_id": i, "offer_id": 7, "stage_id": 70 + n}
            for n in range(placements)
        ],
    }


OFFER = {"id": 7, "title": "DevOps", "status": "published", "kind": "job", "type": "Offer"}


def stage(i: int) -> dict[str, Any]:
    return {"id": i, "name": f"S{i}", "position": i, "type": "Stage"}


def page(ids: range, references: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"candidates": [candidate(i) for i in ids], "references": references or [], "generated_at": "x"}


@pytest.fixture
async def adapter() -> AsyncIterator[RecruiteeAdapter]:
    connection = Connection(
        name="rt",
        provider="recruitee",
        credentials={"api_token": "rt-token"},
        options={"company_id": "89564"},
    )
    async with httpx.AsyncClient() as http:
        yield RecruiteeAdapter(connection, http)


@respx.mock
async def test_calls_go_under_the_company_with_the_bearer_token(adapter: RecruiteeAdapter) -> None:
    route = respx.get(f"{BASE}/candidates").respond(json=page(range(1, 3)))
    found = await adapter.list(R.CANDIDATE, ListQuery(page_size=5))
    assert [c.id for c in found.records] == ["1", "2"]
    assert found.next_cursor is None  # a short page is the last
    sent = route.calls.last.request
    assert sent.headers["Authorization"] == "Bearer rt-token"
    assert dict(sent.url.params) == {"limit": "5"}


@respx.mock
async def test_a_full_page_pages_on_by_offset(adapter: RecruiteeAdapter) -> None:
    route = respx.get(f"{BASE}/candidates")
    route.side_effect = [
        httpx.Response(200, json=page(range(1, 3))),
        httpx.Response(200, json=page(range(3, 4))),
    ]
    first = await adapter.list(R.CANDIDATE, ListQuery(page_size=2))
    assert first.next_cursor == "2"
    second = await adapter.list(R.CANDIDATE, ListQuery(page_size=2, cursor=first.next_cursor))
    assert [c.id for c in second.records] == ["3"]
    assert second.next_cursor is None
    assert dict(route.calls.last.request.url.params) == {"limit": "2", "offset": "2"}


@respx.mock
async def test_each_candidate_gets_the_references_its_placements_name(adapter: RecruiteeAdapter) -> None:
    body = page(range(1, 3), [OFFER, stage(70), {"id": 99, "type": "Stage", "name": "other"}])
    respx.get(f"{BASE}/candidates").respond(json=body)
    found = await adapter.list(R.CANDIDATE, ListQuery(page_size=5))
    first = found.records[0]
    stages = [r for r in first.embedded if isinstance(r, JobInterviewStageRecord)]
    assert [(s.id, s.job_id) for s in stages] == [("70", "7")]
    assert [r.id for r in first.embedded if isinstance(r, JobRecord)] == ["7"]
    # the stage is known once referenced (Recruitee has no stage endpoint in the sources read)
    assert await adapter.get_many(R.JOB_INTERVIEW_STAGE, ["70", "99"]) == [stages[0], None]


@respx.mock
async def test_applications_by_id_read_each_candidate_once(adapter: RecruiteeAdapter) -> None:
    detail = {"candidate": candidate(4, placements=2), "references": [OFFER]}
    route = respx.get(f"{BASE}/candidates/4").respond(json=detail)
    missing = respx.get(f"{BASE}/candidates/5").respond(404, json={"error": "Not found"})
    found = await adapter.get_many(R.APPLICATION, ["4-400", "4-401", "5-500", "nodash"])
    assert [a.id if a else None for a in found] == ["4-400", "4-401", None, None]
    assert isinstance(found[0], ApplicationRecord)
    assert found[0].job_id == "7"
    assert route.call_count == 1
    assert missing.call_count == 1


@respx.mock
async def test_offers_are_read_once_and_paged_by_the_gateway(adapter: RecruiteeAdapter) -> None:
    offers = [{**OFFER, "id": i} for i in range(1, 4)]
    route = respx.get(f"{BASE}/offers").respond(json={"offers": offers})
    first = await adapter.list(R.JOB, ListQuery(page_size=2))
    second = await adapter.list(R.JOB, ListQuery(page_size=2, cursor=first.next_cursor))
    assert [j.id for j in (*first.records, *second.records)] == ["1", "2", "3"]
    assert second.next_cursor is None
    assert await adapter.get_many(R.JOB, ["3", "8"]) == [second.records[0], None]
    assert route.call_count == 1  # the table is kept
    assert dict(route.calls.last.request.url.params) == {"scope": "default,archived", "view_mode": "brief"}


async def test_tags_and_reasons_are_their_names_without_a_call(adapter: RecruiteeAdapter) -> None:
    (tag,) = await adapter.get_many(R.TAG, ["Senior"])
    (reason,) = await adapter.get_many(R.REJECT_REASON, ["Wrong skill set"])
    assert tag is not None
    assert tag.name == "Senior"
    assert reason is not None
    assert reason.name == "Wrong skill set"


@respx.mock
async def test_errors(adapter: RecruiteeAdapter) -> None:
    respx.get(f"{BASE}/candidates").respond(401, json={"error": "Unauthorized"})
    with pytest.raises(ProviderAuthError):
        await adapter.list(R.CANDIDATE, ListQuery(page_size=5))
    respx.get(f"{BASE}/offers").respond(json={"offers": "malformed"})
    with pytest.raises(ProviderResponseInvalid):
        await adapter.list(R.JOB, ListQuery(page_size=5))


def test_the_company_id_is_required_and_one_path_segment() -> None:
    credentials = {"api_token": "rt-token"}
    with pytest.raises(ConnectionConfigError, match="company_id"):
        RecruiteeAdapter(Connection(name="rt", provider="recruitee", credentials=credentials))
    with pytest.raises(ConnectionConfigError) as refused:
        RecruiteeAdapter(
            Connection(
                name="rt", provider="recruitee", credentials=credentials, options={"company_id": "../x"}
            )
        )
    assert "../x" not in str(refused.value)
    given = Connection(
        name="rt", provider="recruitee", credentials=credentials, base_url="https://proxy.test/c/1"
    )
    assert RecruiteeAdapter(given).base_url == "https://proxy.test/c/1"


def test_placements_tags_and_the_cv_are_read_per_candidate_never_listed() -> None:
    for resource in (R.APPLICATION, R.TAG, R.ATTACHMENT):
        assert not RecruiteeAdapter.can_list(resource)
        assert RecruiteeAdapter.can_list_children(resource, "candidate")
