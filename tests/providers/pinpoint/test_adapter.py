"""The adapter against a mocked Pinpoint (respx): the subdomain host and the ``X-API-KEY``
header (https://developers.pinpointhq.com/docs/authentication), page numbers, the extra fields
and includes each read sends, the errors the fixtures README lists, and candidates grouped
from applications by e-mail."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import respx

from providers.base import Connection
from providers.errors import (
    ConnectionConfigError,
    ProviderAuthError,
    ProviderRateLimited,
    ProviderResponseInvalid,
)
from providers.pinpoint.adapter import PinpointAdapter
from providers.query import Filter, ListQuery
from providers.records import ApplicationRecord, CandidateRecord, Resource

BASE = "https://acme.pinpointhq.com/api/v1"
R = Resource


def application(i: int, email: str) -> dict[str, Any]:
    attributes = {"email": email, "first_name": f"P{i}", "job_id": "9", "stage_id": "3", "tags": []}
    return {"id": str(i), "type": "applications", "attributes": attributes}


@pytest.fixture
async def adapter() -> AsyncIterator[PinpointAdapter]:
    connection = Connection(
        name="pp", provider="pinpoint", credentials={"api_key": "pp-key"}, options={"subdomain": "acme"}
    )
    async with httpx.AsyncClient() as http:
        yield PinpointAdapter(connection, http)


@respx.mock
async def test_every_call_sends_the_key_on_the_subdomain_with_the_extra_fields(
    adapter: PinpointAdapter,
) -> None:
    route = respx.get(f"{BASE}/applications").respond(json={"data": [], "meta": {}})
    await adapter.list(R.APPLICATION, ListQuery(page_size=5))
    sent = route.calls.last.request
    assert sent.headers["X-API-KEY"] == "pp-key"
    assert "Authorization" not in sent.headers
    assert sent.headers["Accept"] == "application/vnd.api+json"
    assert sent.url.params["extra_fields[applications]"] == "attachments,tags"
    assert (sent.url.params["page[number]"], sent.url.params["page[size]"]) == ("1", "5")


async def test_without_a_base_url_the_subdomain_is_required() -> None:
    with pytest.raises(ConnectionConfigError, match="subdomain"):
        PinpointAdapter(Connection(name="pp", provider="pinpoint", credentials={"api_key": "k"}))
    proxied = Connection(
        name="pp", provider="pinpoint", base_url="https://proxy.test/pp", credentials={"api_key": "k"}
    )
    adapter = PinpointAdapter(proxied)
    try:
        assert adapter.base_url == "https://proxy.test/pp"
    finally:
        await adapter.aclose()


@pytest.mark.parametrize("subdomain", ["evil.com/x", "a.b", "", "-x", "x" * 64, "acme#"])
def test_a_subdomain_is_one_dns_label(subdomain: str) -> None:
    connection = Connection(
        name="pp", provider="pinpoint", credentials={"api_key": "k"}, options={"subdomain": subdomain}
    )
    with pytest.raises(ConnectionConfigError):
        PinpointAdapter(connection)


@respx.mock
async def test_a_full_page_asks_the_next_number_and_a_short_one_ends(adapter: PinpointAdapter) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        number = request.url.params["page[number]"]
        items = (
            [application(1, "a@x.io"), application(2, "b@x.io")]
            if number == "1"
            else [application(3, "c@x.io")]
        )
        return httpx.Response(200, json={"data": items})

    route = respx.get(f"{BASE}/applications").mock(side_effect=answer)
    first = await adapter.list(R.APPLICATION, ListQuery(page_size=2))
    assert first.next_cursor == "2:2"
    second = await adapter.list(R.APPLICATION, ListQuery(page_size=2, cursor=first.next_cursor))
    assert [a.id for a in second.records] == ["3"]
    assert second.next_cursor is None
    assert route.calls.last.request.url.params["page[number]"] == "2"


@respx.mock
async def test_candidates_are_the_applications_grouped_by_email(adapter: PinpointAdapter) -> None:
    apps = [application(1, "Ann@x.io"), application(2, "bo@x.io"), application(3, "ann@X.io")]
    route = respx.get(f"{BASE}/applications").respond(json={"data": apps})
    page = await adapter.list(R.CANDIDATE, ListQuery(page_size=1))
    (ann,) = page.records
    assert isinstance(ann, CandidateRecord)
    assert (ann.id, ann.application_ids) == ("ann@x.io", ("1", "3"))
    assert {r.id for r in ann.embedded if isinstance(r, ApplicationRecord)} == {"1", "3"}
    after = await adapter.list(R.CANDIDATE, ListQuery(page_size=1, cursor=page.next_cursor))
    assert [c.id for c in after.records] == ["bo@x.io"]
    assert after.next_cursor is None
    assert [c and c.id for c in await adapter.get_many(R.CANDIDATE, ["bo@x.io", "nobody@x.io"])] == [
        "bo@x.io",
        None,
    ]
    by_email = await adapter.list(R.CANDIDATE, ListQuery(Filter(email="ANN@x.io"), page_size=5))
    assert [c.id for c in by_email.records] == ["ann@x.io"]
    assert route.call_count == 1  # the people table is read once and kept
    assert route.calls.last.request.url.params["sort"] == "id"


@respx.mock
async def test_interviews_include_their_parts_users_and_stages_come_with_jobs(
    adapter: PinpointAdapter,
) -> None:
    interviews = respx.get(f"{BASE}/interviews").respond(json={"data": []})
    jobs = respx.get(f"{BASE}/jobs").respond(json={"data": []})
    respx.get(f"{BASE}/applications").respond(json={"data": []})
    await adapter.list(R.INTERVIEW, ListQuery(page_size=5))
    await adapter.list_children(R.JOB_INTERVIEW_STAGE, "job", ["9"])
    assert interviews.calls.last.request.url.params["include"] == "interview_parts.interviewing_users"
    assert jobs.calls.last.request.url.params["include"] == "stages"


def errors(status: int) -> dict[str, Any]:
    return {"errors": [{"status": str(status), "title": "nope"}]}


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (401, ProviderAuthError),
        (403, ProviderAuthError),
        (400, ProviderResponseInvalid),
        (422, ProviderResponseInvalid),
    ],
)
@respx.mock
async def test_errors(adapter: PinpointAdapter, status: int, error: type[Exception]) -> None:
    respx.get(f"{BASE}/jobs").respond(status, json=errors(status))
    with pytest.raises(error):
        await adapter.list(R.JOB, ListQuery(page_size=5))


@respx.mock
async def test_a_missing_record_is_none_and_429_is_rate_limited(adapter: PinpointAdapter) -> None:
    respx.get(f"{BASE}/jobs/9").respond(404, json=errors(404))
    assert await adapter.get_many(R.JOB, ["9"]) == [None]
    # users are a table read whole (one read for any number of interviewers)
    route = respx.get(f"{BASE}/users").respond(429, json=errors(429), headers={"Retry-After": "0"})
    with pytest.raises(ProviderRateLimited):
        await adapter.get_many(R.USER, ["1"])
    assert route.called


@respx.mock
async def test_a_list_answer_without_data_is_invalid(adapter: PinpointAdapter) -> None:
    respx.get(f"{BASE}/jobs").respond(json={"jobs": []})
    with pytest.raises(ProviderResponseInvalid):
        await adapter.list(R.JOB, ListQuery(page_size=5))


async def test_reject_reasons_cost_nothing(adapter: PinpointAdapter) -> None:
    found = await adapter.get_many(R.REJECT_REASON, ["Under-qualified for this role"])
    assert [r and r.name for r in found] == ["Under-qualified for this role"]  # type: ignore[attr-defined]
