"""The adapter against a mocked Breezy (respx): the company in the path and the raw token in
``Authorization``, each position's candidates paged by ``page``/``page_size`` until a short
page, the account read once and kept, the gateway's own paging over it, and the errors.

Shapes: the candidate list's documented answer (a bare array) and error bodies,
https://developer.breezy.hr/docs/company-position-candidates (400 ``missingAccessToken``,
401 ``invalidAccessToken``); a position as in https://developer.breezy.hr/reference/webhook-events.
``page_size`` 50 at most is a third-party claim (https://lava.so/docs/gateway/providers/breezy).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Final

import httpx
import pytest
import respx

from providers.base import Connection
from providers.breezy.adapter import MAX_PAGE, BreezyAdapter
from providers.errors import ConnectionConfigError, ProviderAuthError, ProviderResponseInvalid
from providers.query import ListQuery
from providers.records import ApplicationRecord, CandidateRecord, Resource

R = Resource
COMPANY: Final = "5a0c1e2f3b4c"
BASE: Final = f"https://api.breezy.hr/v3/company/{COMPANY}"
TOKEN: Final = "breezy_pat_s3cr3t"


def person(i: int, position: str) -> dict[str, Any]:
    return {
        "_id": f"{position}{i:04x}",
        "name": f"C{i}",
        "email_address": f"c{i}@example.com",
        "stage": {"id": "applied", "name": "Applied", "type": {"id": "applied", "name": "Applied"}},
        "tags": [],
    }


POSITIONS: Final = [
    {"_id": "p1", "name": "One", "state": "published"},
    {"_id": "p2", "name": "Two", "state": "draft"},
]


@pytest.fixture
async def adapter() -> AsyncIterator[BreezyAdapter]:
    connection = Connection(
        name="bz", provider="breezy", credentials={"access_token": TOKEN}, options={"company_id": COMPANY}
    )
    async with httpx.AsyncClient() as http:
        yield BreezyAdapter(connection, http)


def test_a_connection_names_its_company() -> None:
    with pytest.raises(ConnectionConfigError, match="company_id"):
        BreezyAdapter(Connection(name="bz", provider="breezy", credentials={"access_token": TOKEN}))


@respx.mock
async def test_positions_then_each_positions_candidates_page_by_page(adapter: BreezyAdapter) -> None:
    positions = respx.get(f"{BASE}/positions").respond(json=POSITIONS)
    one = respx.get(f"{BASE}/position/p1/candidates")
    one.side_effect = [
        httpx.Response(200, json=[person(i, "p1") for i in range(MAX_PAGE)]),
        httpx.Response(200, json=[person(i, "p1") for i in range(MAX_PAGE, MAX_PAGE + 3)]),
    ]
    two = respx.get(f"{BASE}/position/p2/candidates").respond(json=[person(1, "p2"), person(99, "p2")])
    page = await adapter.list(R.CANDIDATE, ListQuery(page_size=30))
    assert len(page.records) == 30
    assert page.next_cursor == "30"
    sent = positions.calls.last.request
    assert sent.headers["Authorization"] == TOKEN  # the token as is, no scheme
    assert [dict(c.request.url.params) for c in one.calls] == [
        {"page_size": "50", "page": "1"},
        {"page_size": "50", "page": "2"},
    ]
    assert two.call_count == 1  # a short first page is the last
    # c1 applied to both positions: one person, two applications
    everyone = await adapter.list(R.CANDIDATE, ListQuery(page_size=100))
    assert len(everyone.records) == MAX_PAGE + 3 + 1
    c1 = next(c for c in everyone.records if isinstance(c, CandidateRecord) and c.name == "C1")
    assert c1.application_ids == ("p1-p10001", "p2-p20001")
    # the account is kept: the second listing, reads by id and the applications cost nothing
    assert (positions.call_count, one.call_count, two.call_count) == (1, 2, 1)
    apps = await adapter.get_many(R.APPLICATION, ["p2-p20063", "p1-nope"])
    assert isinstance(apps[0], ApplicationRecord)
    assert apps[0].job_id == "p2"
    assert apps[1] is None
    assert (positions.call_count, one.call_count, two.call_count) == (1, 2, 1)


@respx.mock
async def test_applications_and_jobs_page_from_the_kept_tables(adapter: BreezyAdapter) -> None:
    respx.get(f"{BASE}/positions").respond(json=POSITIONS)
    respx.get(f"{BASE}/position/p1/candidates").respond(json=[person(i, "p1") for i in range(3)])
    respx.get(f"{BASE}/position/p2/candidates").respond(json=[person(i, "p2") for i in range(2)])
    first = await adapter.list(R.APPLICATION, ListQuery(page_size=4))
    rest = await adapter.list(R.APPLICATION, ListQuery(page_size=4, cursor=first.next_cursor))
    assert [a.id for a in (*first.records, *rest.records)] == [
        "p1-p10000",
        "p1-p10001",
        "p1-p10002",
        "p2-p20000",
        "p2-p20001",
    ]
    assert rest.next_cursor is None
    jobs = await adapter.list(R.JOB, ListQuery(page_size=1))
    assert [j.id for j in jobs.records] == ["p1"]
    assert jobs.next_cursor == "1"


@respx.mock
async def test_an_invalid_token_is_an_auth_error_without_the_token(adapter: BreezyAdapter) -> None:
    body = {"error": {"type": "invalidAccessToken", "message": "access token is invalid"}}
    respx.get(f"{BASE}/positions").respond(401, json=body)
    with pytest.raises(ProviderAuthError) as raised:
        await adapter.list(R.CANDIDATE, ListQuery(page_size=5))
    assert TOKEN not in f"{raised.value} {raised.value!r}"


@respx.mock
async def test_a_candidate_list_that_is_not_an_array_is_invalid(adapter: BreezyAdapter) -> None:
    respx.get(f"{BASE}/positions").respond(json=POSITIONS[:1])
    respx.get(f"{BASE}/position/p1/candidates").respond(json={"candidates": []})
    with pytest.raises(ProviderResponseInvalid):
        await adapter.list(R.CANDIDATE, ListQuery(page_size=5))
