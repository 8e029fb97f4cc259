"""Upstream failures map onto the provider error tree, and no message carries the token.

Workable answers errors as ``{"error": "<message>"}`` (README "Errors"; recorded 404 in
``PATCH_candidates_id_update_custom_attribute_value.json``).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx

from providers import http as upstream_http
from providers.errors import (
    ProviderAuthError,
    ProviderError,
    ProviderRateLimited,
    ProviderResponseInvalid,
    ProviderTimeout,
    ProviderUnavailable,
)
from providers.query import ListQuery
from providers.workable import WorkableAdapter
from tests.shared import load_fixture

from .conftest import BASE, TOKEN

pytestmark = pytest.mark.shared


def fx(name: str) -> Any:
    return load_fixture("workable", name)


def assert_clean(error: ProviderError) -> None:
    assert TOKEN not in str(error)
    assert TOKEN not in repr(error)
    assert error.provider == "workable"
    assert error.connection == "acme-workable"


@pytest.mark.parametrize("status", [401, 403])
async def test_refused_credentials(adapter: WorkableAdapter, status: int) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/jobs").respond(status, json={"error": "Not authorized"})
        with pytest.raises(ProviderAuthError) as info:
            await adapter.list_jobs(ListQuery())
    assert "acme-workable" in str(info.value)
    assert str(status) in str(info.value)
    assert_clean(info.value)


async def test_404_on_a_get_is_none_in_place(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/events/10e0d9a").respond(json=fx("GET_events_id.json"))
        router.get("/events/gone").respond(
            404, json=fx("PATCH_candidates_id_update_custom_attribute_value.json")
        )
        found = await adapter.get_interviews(["gone", "10e0d9a", "gone"])
    assert [r.id if r else None for r in found] == [None, "10e0d9a", None]


async def test_429_waits_retry_after_once_then_succeeds(
    adapter: WorkableAdapter, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr(upstream_http.asyncio, "sleep", fake_sleep)  # type: ignore[attr-defined]
    limited = httpx.Response(429, headers={"Retry-After": "3", "X-Rate-Limit-Remaining": "0"}, json={})
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.get("/departments")
        route.side_effect = [limited, httpx.Response(200, json=fx("GET_departments.json"))]
        page = await adapter.list_departments(ListQuery())
    assert waits == [3.0]
    assert route.call_count == 2
    assert len(page.records) == 12


async def test_429_twice_is_rate_limited_with_retry_after(
    adapter: WorkableAdapter, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr(upstream_http.asyncio, "sleep", fake_sleep)  # type: ignore[attr-defined]
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.get("/candidates/27273038").respond(429, headers={"Retry-After": "2"}, json={})
        with pytest.raises(ProviderRateLimited) as info:
            await adapter.get_candidates(["27273038"])
    assert waits == [2.0, 2.0]
    assert route.call_count == 3  # reads are retried up to 3 attempts (providers/resilience)
    assert info.value.retry_after == 2.0
    assert_clean(info.value)


async def test_5xx_is_unavailable(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/members").respond(500, text="boom")
        with pytest.raises(ProviderUnavailable) as info:
            await adapter.list_users(ListQuery())
    assert_clean(info.value)


async def test_timeout_is_provider_timeout(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/events").mock(side_effect=httpx.ConnectTimeout("timed out"))
        with pytest.raises(ProviderTimeout) as info:
            await adapter.list_interviews(ListQuery())
    assert_clean(info.value)


@pytest.mark.parametrize(
    "body",
    [
        {"jobs": [{"title": "no shortcode"}]},  # a job without its identifier
        {"jobs": "not a list"},
        {"paging": {"next": None}},  # the collection key is missing
        [1, 2],
    ],
)
async def test_invalid_payload_is_response_invalid(adapter: WorkableAdapter, body: Any) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/jobs").respond(json=body)
        with pytest.raises(ProviderResponseInvalid) as info:
            await adapter.list_jobs(ListQuery())
    assert_clean(info.value)


async def test_a_body_that_is_not_json_is_response_invalid(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/departments").respond(200, text="<html>maintenance</html>")
        with pytest.raises(ProviderResponseInvalid):
            await adapter.list_departments(ListQuery())


async def test_one_failure_in_a_fan_out_fails_the_batch_and_leaves_nothing_running(
    adapter: WorkableAdapter,
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/j3"):
            return httpx.Response(503, json={"error": "down"})
        return httpx.Response(200, json=fx("GET_jobs_shortcode.json"))

    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get(url__regex=r"/jobs/j\d$").mock(side_effect=answer)
        with pytest.raises(ProviderUnavailable):
            await adapter.get_jobs([f"j{n}" for n in range(8)])
