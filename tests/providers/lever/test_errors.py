"""Error mapping: Lever's HTTP statuses (bodies as in ``ERROR_example.json``), transport
failures and invalid payloads onto the provider error tree, never echoing a credential."""

from __future__ import annotations

import httpx
import pytest
import respx

from providers.errors import (
    ProviderAuthError,
    ProviderError,
    ProviderRateLimited,
    ProviderResponseInvalid,
    ProviderTimeout,
    ProviderUnavailable,
)
from providers.lever import LeverAdapter
from providers.query import ListQuery

from .conftest import API_KEY, BASE, CONNECTION, TOKEN, fixture, make_adapter

pytestmark = pytest.mark.shared


def assert_clean(error: ProviderError) -> None:
    text = f"{error} {error!r} {error.__cause__!r} {error.__context__!r}"
    assert API_KEY not in text
    assert TOKEN not in text
    assert error.provider == "lever"
    assert error.connection == CONNECTION


def error_body() -> dict[str, str]:
    body: dict[str, str] = fixture("ERROR_example.json")
    return body


@pytest.mark.parametrize("status", [401, 403])
@pytest.mark.parametrize("credential", [{"api_key": API_KEY}, {"access_token": TOKEN}])
async def test_auth_statuses(client: httpx.AsyncClient, status: int, credential: dict[str, str]) -> None:
    adapter = make_adapter(client, credentials=credential)
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/postings").mock(return_value=httpx.Response(status, json=error_body()))
        with pytest.raises(ProviderAuthError) as info:
            await adapter.list_jobs(ListQuery())
    assert route.call_count == 1  # never retried
    assert CONNECTION in str(info.value)
    assert_clean(info.value)


async def test_404_on_get_is_none(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/users/u1").mock(return_value=httpx.Response(404, json=error_body()))
        mock.get("/users/u2").mock(return_value=httpx.Response(200, json=fixture("GET_users_id.json")))
        found = await adapter.get_users(["u1", "u2"])
    assert found[0] is None
    assert found[1] is not None


async def test_429_honours_retry_after_then_raises(adapter: LeverAdapter) -> None:
    limited = httpx.Response(429, headers={"Retry-After": "0"}, json={"code": "TooManyRequests"})
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/tags").mock(side_effect=[limited, limited, limited])
        with pytest.raises(ProviderRateLimited) as info:
            await adapter.list_tags(ListQuery())
    assert route.call_count == 3  # reads are retried up to 3 attempts (providers/resilience)
    assert info.value.retry_after == 0
    assert_clean(info.value)


async def test_429_then_success(adapter: LeverAdapter) -> None:
    limited = httpx.Response(429, headers={"Retry-After": "0"})
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/tags").mock(
            side_effect=[limited, httpx.Response(200, json=fixture("GET_tags.json"))]
        )
        page = await adapter.list_tags(ListQuery())
    assert route.call_count == 2
    assert len(page.records) == 53


async def test_429_with_a_long_wait_is_reported_not_waited(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/tags").mock(return_value=httpx.Response(429, headers={"Retry-After": "120"}))
        with pytest.raises(ProviderRateLimited) as info:
            await adapter.list_tags(ListQuery())
    assert route.call_count == 1
    assert info.value.retry_after == 120


@pytest.mark.parametrize("status", [500, 503])
async def test_5xx_is_unavailable(adapter: LeverAdapter, status: int) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/stages").mock(return_value=httpx.Response(status, json=error_body()))
        with pytest.raises(ProviderUnavailable) as info:
            await adapter.list_job_interview_stages(ListQuery())
    assert_clean(info.value)


async def test_timeout(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/opportunities").mock(side_effect=httpx.ConnectTimeout("timed out"))
        with pytest.raises(ProviderTimeout) as info:
            await adapter.list_candidates(ListQuery())
    assert isinstance(info.value, ProviderUnavailable)
    assert_clean(info.value)


async def test_connection_error(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/users").mock(side_effect=httpx.ConnectError("refused"))
        with pytest.raises(ProviderUnavailable) as info:
            await adapter.list_users(ListQuery())
    assert_clean(info.value)


@pytest.mark.parametrize(
    "body",
    [
        {"data": {"not": "a list"}, "hasNext": False},  # wrong envelope
        {"data": [{"name": "no id, no contact"}], "hasNext": False},  # item misses required fields
        {"data": [{"id": "x", "contact": "c", "createdAt": "yesterday"}], "hasNext": False},
    ],
)
async def test_invalid_payload(adapter: LeverAdapter, body: object) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/opportunities").mock(return_value=httpx.Response(200, json=body))
        with pytest.raises(ProviderResponseInvalid) as info:
            await adapter.list_applications(ListQuery())
    assert "yesterday" not in str(info.value)  # the payload is not echoed
    assert_clean(info.value)


async def test_body_that_is_not_json(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/users/u1").mock(return_value=httpx.Response(200, text="<html>maintenance</html>"))
        with pytest.raises(ProviderResponseInvalid):
            await adapter.get_users(["u1"])
