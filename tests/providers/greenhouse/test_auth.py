"""Credentials validation and Harvest v3 OAuth (client credentials) with cursor paging."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import parse_qs

import httpx
import pytest
import respx

from providers.errors import ConnectionConfigError, ProviderAuthError, UnsupportedOperation
from providers.greenhouse import GreenhouseCredentials
from providers.query import ListQuery

from .helpers import API_KEY, BASE, CLIENT_SECRET, TOKEN_URL, V3_CREDENTIALS, adapter, basic

OPTIONS = {"token_url": TOKEN_URL}


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


def token(value: str = "tok-1", expires_in: int = 3600) -> httpx.Response:
    return httpx.Response(200, json={"access_token": value, "token_type": "Bearer", "expires_in": expires_in})


def test_secrets_never_print() -> None:
    creds = GreenhouseCredentials.model_validate({"api_key": API_KEY})
    assert API_KEY not in repr(creds)
    assert API_KEY not in str(creds)
    v3 = GreenhouseCredentials.model_validate(V3_CREDENTIALS)
    assert CLIENT_SECRET not in repr(v3)
    assert v3.uses_oauth
    assert not creds.uses_oauth


@pytest.mark.parametrize(
    ("credentials", "expected"),
    [
        ({}, ["missing credential 'api_key'"]),
        ({"client_id": "c"}, ["missing credential 'client_secret'", "missing credential 'user_id'"]),
        ({"client_secret": CLIENT_SECRET, "user_id": "7"}, ["missing credential 'client_id'"]),
        ({"api_key": API_KEY, **V3_CREDENTIALS}, ["api_key", "client_id_secret_user_id_not_both"]),
        ({"api_key": API_KEY, "token": "x"}, ["unknown credential 'token'"]),
    ],
)
async def test_exactly_one_credential_set(
    client: httpx.AsyncClient, credentials: dict[str, str], expected: list[str]
) -> None:
    with pytest.raises(ConnectionConfigError) as info:
        adapter(client, credentials=credentials)
    message = str(info.value)
    assert "acme-greenhouse" in message
    for part in expected:
        assert part in message
    assert API_KEY not in message
    assert CLIENT_SECRET not in message


async def test_v3_token_then_bearer_and_cursor_only_paging(client: httpx.AsyncClient) -> None:
    gh = adapter(client, credentials=V3_CREDENTIALS, options=OPTIONS)
    with respx.mock(assert_all_called=True) as mock:
        token_route = mock.post(TOKEN_URL).mock(return_value=token())
        listing = mock.get(f"{BASE}/v3/candidates").mock(
            side_effect=[
                httpx.Response(
                    200, json=[{"id": 1}], headers={"Link": f'<{BASE}/v3/candidates?cursor=abc>; rel="next"'}
                ),
                httpx.Response(200, json=[{"id": 2}]),
            ]
        )
        first = await gh.list_candidates(ListQuery(page_size=1))
        second = await gh.list_candidates(ListQuery(page_size=1, cursor=first.next_cursor))
    assert [r.id for r in (*first.records, *second.records)] == ["1", "2"]
    assert token_route.call_count == 1  # cached for the second page
    token_request = token_route.calls.last.request
    assert token_request.headers["Authorization"] == basic("client-42", CLIENT_SECRET)
    assert parse_qs(token_request.content.decode()) == {"grant_type": ["client_credentials"], "sub": ["777"]}
    one, two = (c.request for c in listing.calls)
    assert one.headers["Authorization"] == "Bearer tok-1"
    assert dict(one.url.params) == {"per_page": "1"}
    assert dict(two.url.params) == {"cursor": "abc"}  # the cursor is the only parameter
    assert two.headers["Authorization"] == "Bearer tok-1"


async def test_v3_refreshes_once_on_401_then_gives_up(client: httpx.AsyncClient) -> None:
    gh = adapter(client, credentials=V3_CREDENTIALS, options=OPTIONS)
    with respx.mock(assert_all_called=True) as mock:
        token_route = mock.post(TOKEN_URL).mock(side_effect=[token("old"), token("new"), token("newer")])
        users = mock.get(f"{BASE}/v3/users").mock(
            side_effect=[
                httpx.Response(200, json=[]),
                httpx.Response(401),
                httpx.Response(200, json=[{"id": 3}]),
                httpx.Response(401),
                httpx.Response(401),
            ]
        )
        await gh.list_users(ListQuery())
        again = await gh.list_users(ListQuery())
        with pytest.raises(ProviderAuthError) as info:
            await gh.list_users(ListQuery())
    assert [r.id for r in again.records] == ["3"]
    assert [c.request.headers["Authorization"] for c in users.calls] == [
        "Bearer old",
        "Bearer old",
        "Bearer new",
        "Bearer new",
        "Bearer newer",
    ]
    assert token_route.call_count == 3
    assert CLIENT_SECRET not in str(info.value)


async def test_v3_token_renewed_before_expiry(client: httpx.AsyncClient) -> None:
    gh = adapter(client, credentials=V3_CREDENTIALS, options=OPTIONS)
    with respx.mock(assert_all_called=True) as mock:
        token_route = mock.post(TOKEN_URL).mock(side_effect=[token("short", expires_in=30), token("long")])
        tags = mock.get(f"{BASE}/v3/tags/candidate").mock(return_value=httpx.Response(200, json=[]))
        await gh.list_tags(ListQuery())
        await gh.list_tags(ListQuery())
    assert token_route.call_count == 2  # 30 s is inside the refresh margin
    assert tags.calls.last.request.headers["Authorization"] == "Bearer long"


async def test_v3_token_refused_is_an_auth_error(client: httpx.AsyncClient) -> None:
    gh = adapter(client, credentials=V3_CREDENTIALS, options=OPTIONS)
    with respx.mock(assert_all_called=True) as mock:
        mock.post(TOKEN_URL).mock(return_value=httpx.Response(401, json={"error": "invalid_client"}))
        with pytest.raises(ProviderAuthError) as info:
            await gh.list_jobs(ListQuery())
    assert "acme-greenhouse" in info.value.message
    assert CLIENT_SECRET not in str(info.value)


async def test_v3_applications_by_candidate_use_the_filtered_list(client: httpx.AsyncClient) -> None:
    gh = adapter(client, credentials=V3_CREDENTIALS, options=OPTIONS)
    with respx.mock(assert_all_called=True) as mock:
        mock.post(TOKEN_URL).mock(return_value=token())
        route = mock.get(f"{BASE}/v3/applications").mock(
            return_value=httpx.Response(
                200, json=[{"id": 10, "candidate_id": 1}, {"id": 11, "candidate_id": 2}]
            )
        )
        apps = await gh.list_applications_by_candidate_ids(["1", "2", "3"])
    assert route.call_count == 1
    assert dict(route.calls.last.request.url.params) == {"candidate_ids": "1,2,3", "per_page": "500"}
    assert {k: [a.id for a in v] for k, v in apps.items()} == {"1": ["10"], "2": ["11"], "3": []}


async def test_v3_has_no_activity_feed(client: httpx.AsyncClient) -> None:
    gh = adapter(client, credentials=V3_CREDENTIALS, options=OPTIONS)
    with pytest.raises(UnsupportedOperation):
        await gh.list_activities_by_candidate_ids(["1"])
