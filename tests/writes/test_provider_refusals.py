"""A provider's refusal of a write's input (HTTP 400/409/422) through the whole stack: the
client gets BAD_USER_INPUT naming its own input field and the provider's reasons, the write
was sent once and never retried, the idempotency key is free for the corrected retry, and a
read answered 400 is still the gateway's fault (UPSTREAM_INVALID_RESPONSE), not the client's.

The upstream is a Harvest-shaped server on loopback answering with the 422 body Greenhouse
documents (fixtures/providers/greenhouse/README.md, "Errors")."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from providers.errors import ProviderRefusedInput, Reason
from providers.greenhouse import GreenhouseAdapter
from providers.writes import BY_MUTATION
from resolvers.writes.validation import refused_field
from tests.serving import on_loopback
from tests.writes.support import client_for, error_of, post

REFUSAL = {
    "message": "Validation error",
    "errors": [
        {"message": "can't be blank", "field": "first_name"},
        {"message": "is invalid", "field": "email_addresses"},
    ],
}
CREATE = """
mutation($input: CandidateInput!, $key: String) {
  createCandidate(input: $input, idempotencyKey: $key) { candidate { id } }
}"""


class Harvest:
    def __init__(self) -> None:
        self.writes: list[dict[str, Any]] = []
        self.reads = 0

    async def candidates(self, request: Request) -> JSONResponse:
        if request.method == "GET":
            self.reads += 1
            return JSONResponse({"message": "per_page must be an integer"}, status_code=400)
        self.writes.append(await request.json())
        return JSONResponse(REFUSAL, status_code=422)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/v1/candidates", self.candidates, methods=["GET", "POST"])])


@pytest.fixture
async def harvest() -> AsyncIterator[tuple[Harvest, httpx.AsyncClient]]:
    upstream = Harvest()
    async with on_loopback(upstream.app()) as port:
        config = {
            "connections": {
                "gh": {
                    "provider": "greenhouse",
                    "base_url": f"http://127.0.0.1:{port}",
                    "credentials": {"api_key": "gh-secret-key"},
                    "actor_id": "42",
                }
            }
        }
        async with client_for(config) as http:
            yield upstream, http


async def test_the_refusal_names_the_input_field_and_says_why(
    harvest: tuple[Harvest, httpx.AsyncClient],
) -> None:
    upstream, http = harvest
    body = await post(
        http, CREATE, {"input": {"firstName": " ", "lastName": "L", "emails": [{"email": "x"}]}}
    )
    error = error_of(body)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "input.firstName"
    assert error["extensions"]["providerErrors"] == [
        {"message": "can't be blank", "field": "first_name"},
        {"message": "is invalid", "field": "email_addresses"},
    ]
    assert "first_name: can't be blank" in error["message"]
    assert "gh-secret-key" not in str(body)
    assert len(upstream.writes) == 1  # refused input is never retried


async def test_the_key_is_free_for_the_corrected_retry(harvest: tuple[Harvest, httpx.AsyncClient]) -> None:
    upstream, http = harvest
    given = {"input": {"firstName": "A", "lastName": "L"}, "key": "refused-once"}
    first = error_of(await post(http, CREATE, given))
    second = error_of(await post(http, CREATE, given))
    # a refusal changed nothing, so it is not stored as the key's outcome: the retry is sent
    assert first["extensions"]["code"] == second["extensions"]["code"] == "BAD_USER_INPUT"
    assert len(upstream.writes) == 2


async def test_a_read_answered_400_is_not_the_clients_fault(
    harvest: tuple[Harvest, httpx.AsyncClient],
) -> None:
    upstream, http = harvest
    error = error_of(await post(http, "{ candidates(first: 2) { edges { node { id } } } }"))
    assert error["extensions"]["code"] == "UPSTREAM_INVALID_RESPONSE"
    assert "providerErrors" not in error["extensions"]
    assert upstream.reads >= 1


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        (("email_addresses",), "input.emails"),  # Greenhouse's body key, from its table
        (("first-name",), "input.firstName"),  # a JSON:API pointer's dashed attribute
        (("nothing_we_send", "last_name"), "input.lastName"),  # the first one the input has
        (("On-Behalf-Of",), "actorId"),
        (("nothing_we_send",), ""),
        ((), ""),
    ],
)
def test_the_input_field_a_refusal_names(fields: tuple[str, ...], named: str) -> None:
    refusal = ProviderRefusedInput("refused", reasons=tuple(Reason("bad", f) for f in fields))
    assert refused_field(GreenhouseAdapter, BY_MUTATION["createCandidate"], refusal) == named
