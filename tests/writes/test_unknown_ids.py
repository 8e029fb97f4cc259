"""An id a mutation's input gives that names no record of the account is BAD_USER_INPUT, as
docs/errors.md promises, on every connection: where the provider itself answers 404 (nothing
written), the gateway names the input field when the input gives one id. It was NOT_FOUND,
with no field, on the connections whose write goes straight to the provider's record path
(the code that means "a record gone while resolving a relationship")."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from gateway.errors import BadUserInput
from providers.registry import PROVIDERS
from providers.writes import BY_MUTATION
from resolvers.writes.validation import unknown_record

from .support import client_for, post

SIMULATED = sorted(name for name, cls in PROVIDERS.items() if cls.simulation() is not None)
UNKNOWN = "99999999"
"""A well-formed id (digits, as most providers' are) that no generated account holds."""
SINGLE_ID: dict[str, tuple[str, dict[str, Any], str]] = {
    "rejectApplication": ("RejectApplicationInput", {"applicationId": UNKNOWN}, "application { id }"),
    "hireApplication": ("ApplicationActionInput", {"applicationId": UNKNOWN}, "application { id }"),
    "unrejectApplication": ("ApplicationActionInput", {"applicationId": UNKNOWN}, "application { id }"),
    "addCandidateTags": ("CandidateTagsInput", {"candidateId": UNKNOWN, "tags": ["x"]}, "candidate { id }"),
    "updateCandidate": ("UpdateCandidateInput", {"id": UNKNOWN, "title": "x"}, "candidate { id }"),
}
"""Mutations whose input here gives one id: the target."""

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def http() -> AsyncIterator[httpx.AsyncClient]:
    connections: dict[str, Any] = {"sandbox": {"provider": "sandbox", "seed": 23, "size": 20}}
    connections |= {p: {"provider": p, "simulated": True, "seed": 23, "size": 20} for p in SIMULATED}
    async with client_for({"connections": connections}) as client:
        yield client


async def _actor(http: httpx.AsyncClient, connection: str) -> str | None:
    body = await post(
        http, "{ users(first: 1) { edges { node { id } } } }", **{"X-Hiregraph-Connection": connection}
    )
    edges = ((body.get("data") or {}).get("users") or {}).get("edges") or []
    return edges[0]["node"]["id"] if edges else None


@pytest.mark.parametrize("connection", ["sandbox", *SIMULATED])
async def test_an_unknown_target_id_is_bad_user_input_naming_it(
    http: httpx.AsyncClient, connection: str
) -> None:
    actor = await _actor(http, connection)
    for mutation, (input_type, given, selection) in SINGLE_ID.items():
        query = f"mutation($input: {input_type}!, $actor: ID) {{ {mutation}(input: $input, actorId: $actor) {{ {selection} }} }}"
        body = await post(
            http, query, {"input": given, "actor": actor}, **{"X-Hiregraph-Connection": connection}
        )
        errors = body.get("errors") or []
        assert len(errors) == 1, (mutation, body)
        extensions = errors[0]["extensions"]
        assert extensions["code"] in ("BAD_USER_INPUT", "NOT_SUPPORTED_BY_PROVIDER"), (mutation, errors)
        if extensions["code"] == "BAD_USER_INPUT" and "has no record" in errors[0]["message"]:
            target = BY_MUTATION[mutation].target
            assert extensions["field"] == f"input.{target}", (mutation, errors)


async def test_with_several_ids_given_each_is_listed_and_none_named() -> None:
    adapter = PROVIDERS[SIMULATED[0]]
    error = unknown_record(
        adapter, BY_MUTATION["moveApplicationStage"], frozenset({"applicationId", "stageId"})
    )
    assert isinstance(error, BadUserInput)
    assert "field" not in error.extensions
    assert "input.applicationId, input.stageId" in error.message
    one = unknown_record(adapter, BY_MUTATION["addNote"], frozenset({"candidateId", "body"}))
    assert one.extensions == {"field": "input.candidateId"}
