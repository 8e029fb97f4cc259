"""Upstream failures map onto the provider error tree, and never leak the credential."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

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
from providers.query import ListQuery

from .helpers import API_KEY, BASE, adapter, basic


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waited: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)  # what providers/http.py waits with
    return waited


def remember(exc: ProviderError) -> None:
    """No error message or representation contains the credential."""
    for text in (str(exc), repr(exc), exc.message, str(exc.__cause__ or "")):
        assert API_KEY not in text


@pytest.mark.parametrize("status", [401, 403])
async def test_auth_refusals(client: httpx.AsyncClient, status: int) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/v1/candidates").mock(return_value=httpx.Response(status, json={"message": "no"}))
        with pytest.raises(ProviderAuthError) as info:
            await adapter(client).list_candidates(ListQuery())
    assert route.call_count == 1  # never retried
    assert route.calls.last.request.headers["Authorization"] == basic(API_KEY)
    assert "acme-greenhouse" in info.value.message
    assert info.value.resource == "candidate"
    remember(info.value)


async def test_404_on_get_is_none_but_on_a_list_it_is_an_error(client: httpx.AsyncClient) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/v1/users/9").mock(return_value=httpx.Response(404))
        mock.get("/v1/scorecards/9").mock(return_value=httpx.Response(404))
        assert await adapter(client).get_users(["9"]) == [None]
        assert await adapter(client).get_scorecards(["9"]) == [None]


async def test_429_retry_after_is_honoured_once_then_raised(
    client: httpx.AsyncClient, sleeps: list[float]
) -> None:
    limited = httpx.Response(429, headers={"Retry-After": "2", "X-RateLimit-Limit": "50"})
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/v1/offers").mock(return_value=limited)
        with pytest.raises(ProviderRateLimited) as info:
            await adapter(client).list_offers(ListQuery())
    assert route.call_count == 3  # reads are retried up to 3 attempts (providers/resilience)
    assert sleeps == [2.0, 2.0]
    assert info.value.retry_after == 2.0
    remember(info.value)


async def test_429_then_success(client: httpx.AsyncClient, sleeps: list[float]) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/v1/tags/candidate").mock(
            side_effect=[
                httpx.Response(429, headers={"Retry-After": "1"}),
                httpx.Response(200, json=[{"id": 1}]),
            ]
        )
        result = await adapter(client).list_tags(ListQuery())
    assert [t.id for t in result.records] == ["1"]
    assert route.call_count == 2
    assert sleeps == [1.0]


async def test_5xx_is_unavailable(client: httpx.AsyncClient) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/v1/jobs").mock(return_value=httpx.Response(500, text="oops"))
        with pytest.raises(ProviderUnavailable) as info:
            await adapter(client).list_jobs(ListQuery())
    remember(info.value)


async def test_timeout(client: httpx.AsyncClient) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/v1/jobs/1").mock(side_effect=httpx.ConnectTimeout("slow"))
        with pytest.raises(ProviderTimeout) as info:
            await adapter(client).get_jobs(["1"])
    assert isinstance(info.value, ProviderUnavailable)
    remember(info.value)


@pytest.mark.parametrize(
    "body",
    [
        [{"id": "not-an-int", "first_name": "x"}],
        {"candidates": []},  # an envelope where the docs show a bare array
        [{"id": 1, "created_at": "2017-08-15T03:31:46"}],  # a timestamp without an offset
    ],
)
async def test_invalid_payload(client: httpx.AsyncClient, body: object) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/v1/candidates").mock(return_value=httpx.Response(200, json=body))
        with pytest.raises(ProviderResponseInvalid) as info:
            await adapter(client).list_candidates(ListQuery())
    assert "candidate" in info.value.message
    remember(info.value)


async def test_not_json(client: httpx.AsyncClient) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/v1/users").mock(return_value=httpx.Response(200, text="<html>maintenance</html>"))
        with pytest.raises(ProviderResponseInvalid) as info:
            await adapter(client).list_users(ListQuery())
    remember(info.value)
