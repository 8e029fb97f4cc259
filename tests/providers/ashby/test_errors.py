"""Error mapping: HTTP statuses (via ``providers.http``) and Ashby's ``success: false``
envelopes (HTTP 200; ``ERROR_example.json``) onto the provider error tree."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import respx

from providers.ashby import AshbyAdapter
from providers.errors import (
    ProviderAuthError,
    ProviderError,
    ProviderRateLimited,
    ProviderResponseInvalid,
    ProviderTimeout,
    ProviderUnavailable,
)
from providers.query import ListQuery
from tests.shared import load_fixture

from .conftest import API_KEY, BASE, CONNECTION

pytestmark = pytest.mark.shared

ID = "00000000-0000-0000-0000-000000000001"


def assert_clean(error: ProviderError) -> None:
    text = f"{error} {error!r} {error.__cause__!r}"
    assert API_KEY not in text
    assert error.provider == "ashby"
    assert error.connection == CONNECTION


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    seen: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        seen.append(seconds)

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)  # what stamina waits with
    return seen


@pytest.mark.parametrize("status", [401, 403])
async def test_auth_statuses(adapter: AshbyAdapter, status: int) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/candidate.list").respond(status, json={"success": False, "errors": ["unauthorized"]})
        with pytest.raises(ProviderAuthError) as info:
            await adapter.list_candidates(ListQuery())
    assert CONNECTION in str(info.value)
    assert_clean(info.value)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("invalid_api_key", ProviderAuthError),
        ("missing_permission_candidatesRead", ProviderAuthError),
        ("internal_server_error", ProviderUnavailable),
        ("rate_limit_exceeded", ProviderRateLimited),
    ],
)
async def test_success_false_codes(adapter: AshbyAdapter, code: str, error: type[ProviderError]) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/candidate.list").respond(200, json={"success": False, "errors": [code]})
        with pytest.raises(error) as info:
            await adapter.list_candidates(ListQuery())
    assert code in str(info.value)
    assert_clean(info.value)


async def test_documented_error_example_is_an_invalid_request(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/job.info").respond(200, json=load_fixture("ashby", "ERROR_example.json"))
        router.post("/jobPosting.list").respond(json=load_fixture("ashby", "POST_jobPosting.list.json"))
        with pytest.raises(ProviderResponseInvalid, match="invalid_input") as info:
            await adapter.get_jobs([ID])
    assert_clean(info.value)


async def test_error_info_code_is_read_too(adapter: AshbyAdapter) -> None:
    payload = {"success": False, "errors": [], "errorInfo": {"code": "application_not_found", "message": "x"}}
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/application.info").respond(200, json=payload)
        assert await adapter.get_applications([ID]) == [None]


async def test_404_on_a_get_is_none(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/user.info").respond(404)
        assert await adapter.get_users([ID]) == [None]


async def test_429_honours_retry_after_then_raises(adapter: AshbyAdapter, sleeps: list[float]) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/candidate.list").respond(429, headers={"Retry-After": "2"})
        with pytest.raises(ProviderRateLimited) as info:
            await adapter.list_candidates(ListQuery())
    assert route.call_count == 3  # reads are retried up to 3 attempts (providers/resilience)
    assert sleeps == [2.0, 2.0]
    assert info.value.retry_after == 2.0
    assert_clean(info.value)


async def test_429_then_success(adapter: AshbyAdapter, sleeps: list[float]) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/user.list").mock(
            side_effect=[
                httpx.Response(429, headers={"Retry-After": "1"}),
                httpx.Response(200, json=load_fixture("ashby", "POST_user.list.json")),
            ]
        )
        page = await adapter.list_users(ListQuery())
    assert route.call_count == 2
    assert sleeps == [1.0]
    assert len(page.records) > 0


async def test_429_asking_too_long_a_wait_is_reported_at_once(
    adapter: AshbyAdapter, sleeps: list[float]
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/user.list").respond(429, headers={"Retry-After": "3600"})
        with pytest.raises(ProviderRateLimited):
            await adapter.list_users(ListQuery())
    assert route.call_count == 1
    assert sleeps == []


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_are_unavailable(adapter: AshbyAdapter, status: int) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/department.list").respond(status)
        with pytest.raises(ProviderUnavailable) as info:
            await adapter.list_departments(ListQuery())
    assert_clean(info.value)


async def test_timeout(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/candidate.info").mock(side_effect=httpx.ConnectTimeout("slow"))
        with pytest.raises(ProviderTimeout) as info:
            await adapter.get_candidates([ID])
    assert_clean(info.value)


@pytest.mark.parametrize(
    "payload",
    [
        {"results": []},  # no success flag
        {"success": True, "results": {"not": "a list"}},
        {"success": True, "results": [{"name": "no id"}]},
        {"success": True, "results": [{"id": "x", "createdAt": "yesterday"}]},
        ["not", "an", "envelope"],
    ],
)
async def test_invalid_payloads(adapter: AshbyAdapter, payload: Any) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/candidate.list").respond(200, json=payload)
        with pytest.raises(ProviderResponseInvalid) as info:
            await adapter.list_candidates(ListQuery())
    assert_clean(info.value)


async def test_a_body_that_is_not_json(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/candidate.list").respond(200, text="<html>maintenance</html>")
        with pytest.raises(ProviderResponseInvalid):
            await adapter.list_candidates(ListQuery())
