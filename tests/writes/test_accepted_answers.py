"""A write the provider accepted, whose answer cannot be read, is WRITE_OUTCOME_UNKNOWN end to
end: the idempotency key is kept, and a retry with it answers so again instead of writing a
second time. (Answered UPSTREAM_INVALID_RESPONSE, the key was released, and the retry made a
second candidate.) The contract over every provider's writes is
``tests/providers/contract/test_write_answers.py``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest

from providers.kit.adapter import HttpAdapter

from .support import ADA, client_for, error_of, post

CONNECTION = "greenhouse"
WRITE = ("POST", "/v1/candidates")
CREATE = """
mutation($input: CandidateInput!, $key: String, $actor: ID) {
  createCandidate(input: $input, idempotencyKey: $key, actorId: $actor) { candidate { id } }
}"""
USER = "{ users(first: 1) { edges { node { id } } } }"


@dataclass
class Unreadable(httpx.AsyncBaseTransport):
    """Passes every request to ``inner``, counting the candidate creates it passes; the 2xx
    answers to them come back as a body that is not JSON (Greenhouse applied them all the same)."""

    inner: httpx.AsyncBaseTransport
    creates: list[int] = field(default_factory=list)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if (request.method, request.url.path) != WRITE:
            return response
        self.creates.append(response.status_code)
        await response.aread()
        return httpx.Response(response.status_code, content=b"<html>upstream proxy</html>", request=request)


@pytest.fixture
async def wired() -> AsyncIterator[tuple[httpx.AsyncClient, Unreadable]]:
    config = {
        "connections": {CONNECTION: {"provider": "greenhouse", "simulated": True, "seed": 5, "size": 20}}
    }
    async with client_for(config) as http:
        transport = http._transport
        assert isinstance(transport, httpx.ASGITransport)
        adapter = transport.app.state.pool.adapters[CONNECTION]  # type: ignore[attr-defined]
        assert isinstance(adapter, HttpAdapter)
        client = adapter.upstream.client
        unreadable = Unreadable(client._transport)
        client._transport = unreadable  # the simulator's answers pass through it from now on
        yield http, unreadable


async def test_an_unreadable_answer_to_an_accepted_write_keeps_the_key_and_writes_once(
    wired: tuple[httpx.AsyncClient, Unreadable],
) -> None:
    http, unreadable = wired
    users = await post(http, USER)
    given = {"input": ADA, "key": "accepted-1", "actor": users["data"]["users"]["edges"][0]["node"]["id"]}
    first = await post(http, CREATE, given)
    error = error_of(first)
    assert error["extensions"]["code"] == "WRITE_OUTCOME_UNKNOWN", error
    assert "accepted the write" in error["message"]
    assert len(unreadable.creates) == 1
    assert 200 <= unreadable.creates[0] < 300

    again = await post(http, CREATE, given)
    assert error_of(again)["extensions"]["code"] == "WRITE_OUTCOME_UNKNOWN"
    assert len(unreadable.creates) == 1  # the retry wrote nothing
