"""Auth declared on the adapter classes (``providers/auth.py``) and the ``TokenSource`` hook
through which tenancy shares stored tokens without knowing the provider."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import httpx
import pytest
import respx
from pydantic import BaseModel, SecretStr

from providers.auth import Basic, BearerHeader, OAuth2ClientCredentials, OAuth2Refresh, QueryKey
from providers.base import Connection, IssuedToken
from providers.query import ListQuery
from providers.records import Resource
from providers.registry import PROVIDERS

V3 = {"client_id": "cid", "client_secret": "csecret", "user_id": "7"}


class Keys(BaseModel):
    api_key: SecretStr | None = None
    token: str | None = None


def test_every_provider_with_credentials_declares_how_it_authenticates() -> None:
    for name, cls in PROVIDERS.items():
        takes_credentials = bool(cls.credentials_model.model_fields)
        assert bool(cls.auth_schemes) == takes_credentials, name


def test_oauth_grants_are_read_from_the_declaration() -> None:
    refresh = {n for n, cls in PROVIDERS.items() if cls.auth_scheme(OAuth2Refresh) is not None}
    exchange = {n for n, cls in PROVIDERS.items() if cls.auth_scheme(OAuth2ClientCredentials) is not None}
    assert refresh == {"lever"}
    assert exchange == {"greenhouse"}


async def test_static_schemes_send_the_credential_they_name_and_skip_an_empty_one() -> None:
    request = httpx.Request("GET", "https://api.test/x")
    assert Basic("api_key").auth(Keys(api_key=SecretStr(""))) is None
    basic = Basic("api_key").auth(Keys(api_key=SecretStr("k1")))
    assert basic is not None
    assert next(basic.auth_flow(request)).headers["Authorization"] == "Basic azE6"  # base64("k1:")
    with_password = Basic("api_key", password="x").auth(Keys(api_key=SecretStr("k1")))
    assert with_password is not None
    assert next(with_password.auth_flow(request)).headers["Authorization"] == "Basic azE6eA=="  # "k1:x"
    header = BearerHeader("token", header="X-Api-Key", prefix="").auth(Keys(token="t1"))
    assert header is not None
    assert next(header.auth_flow(request)).headers["X-Api-Key"] == "t1"
    assert "t1" not in repr(header)
    assert "t1" not in repr(vars(header))  # a SecretStr, even in the auth's attributes


class Recorded:
    """A ``TokenSource`` that renews through the adapter the first time, then keeps the token."""

    def __init__(self) -> None:
        self.token: str | None = None
        self.refused: list[str] = []

    async def access_token(
        self, renew: Callable[[], Awaitable[IssuedToken]], *, refused: str | None = None
    ) -> str:
        if refused is not None:
            self.refused.append(refused)
        if self.token is None or self.token == refused:
            self.token = (await renew()).access_token
        return self.token


@pytest.mark.parametrize(("credentials", "shared"), [({"api_key": "k"}, 0), (V3, 1)])
async def test_only_auths_that_obtain_their_own_tokens_take_a_source(
    credentials: dict[str, str], shared: int
) -> None:
    connection = Connection(name="c", provider="greenhouse", credentials=credentials)
    async with httpx.AsyncClient() as http:
        assert PROVIDERS["greenhouse"](connection, http).share_tokens(Recorded()) == shared


async def test_a_shared_source_gets_tokens_through_the_adapters_own_exchange() -> None:
    base, token_url = "https://harvest.test", "https://auth.test/token"
    connection = Connection(
        name="c", provider="greenhouse", base_url=base, credentials=V3, options={"token_url": token_url}
    )
    source = Recorded()
    async with httpx.AsyncClient() as http:
        adapter = PROVIDERS["greenhouse"](connection, http)
        adapter.share_tokens(source)
        with respx.mock(assert_all_called=True) as mock:
            issued = mock.post(token_url).mock(
                side_effect=[
                    httpx.Response(200, json={"access_token": "t1", "expires_in": 3600}),
                    httpx.Response(200, json={"access_token": "t2", "expires_in": 3600}),
                ]
            )
            users = mock.get(f"{base}/v3/users").mock(
                side_effect=[httpx.Response(401), httpx.Response(200, json=[])]
            )
            await adapter.list(Resource.USER, ListQuery(page_size=1))
        assert issued.call_count == 2
        assert source.refused == ["t1"]
        assert users.calls.last.request.headers["Authorization"] == "Bearer t2"


async def test_a_query_key_rides_in_the_url_and_stays_out_of_reprs() -> None:
    request = httpx.Request("GET", "https://api.test/x/page/2?a=1")
    assert QueryKey("api_key", "apikey").auth(Keys(api_key=SecretStr(""))) is None
    auth = QueryKey("api_key", "apikey").auth(Keys(api_key=SecretStr("k 1")))
    assert auth is not None
    sent = next(auth.auth_flow(request))
    assert sent.url.path == "/x/page/2"
    assert dict(sent.url.params) == {"a": "1", "apikey": "k 1"}
    assert "k 1" not in repr(auth)
    assert "k 1" not in repr(vars(auth))


def test_httpx_request_log_lines_do_not_show_a_query_key(caplog: pytest.LogCaptureFixture) -> None:
    """httpx logs each request's URL at INFO: the key's value is redacted in that record."""
    auth = QueryKey("api_key", "apikey").auth(Keys(api_key=SecretStr("s3cret-key")))
    assert auth is not None
    url = next(auth.auth_flow(httpx.Request("GET", "https://api.test/x?a=1"))).url
    with caplog.at_level(logging.INFO, logger="httpx"):
        logging.getLogger("httpx").info('HTTP Request: %s %s "%s %d"', "GET", url, "HTTP/1.1", 200)
    assert "s3cret-key" not in caplog.text
    assert "apikey=%5Bredacted%5D" in caplog.text
    assert "a=1" in caplog.text
