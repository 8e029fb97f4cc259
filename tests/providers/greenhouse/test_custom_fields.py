"""The account's required custom fields, checked before any write (issue 12), through the
GraphQL app over simulated connections, counting what each connection sends upstream.

Greenhouse reads its candidate custom fields (``GET /v1/custom_fields/candidate``) once per
connection and keeps them; a new candidate without a value for a required one is refused with
BAD_USER_INPUT naming ``input.customFields.<name_key>``, and nothing is written. A provider
that takes no ``customFields`` answers NOT_SUPPORTED_BY_PROVIDER and reads nothing more."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import respx

from providers.base import ProviderAdapter
from providers.errors import ProviderResponseInvalid
from providers.writes import BY_MUTATION
from tests.shared import load_fixture
from tests.writes.support import client_for, error_of, post

from .helpers import BASE, adapter

CREATE = """
mutation($input: CandidateInput!, $actor: ID) {
  createCandidate(input: $input, actorId: $actor) { candidate { id name } }
}"""
UPDATE = """
mutation($input: UpdateCandidateInput!, $actor: ID) {
  updateCandidate(input: $input, actorId: $actor) { candidate { id title } }
}"""
APPLY = """
mutation($input: CreateApplicationInput!, $actor: ID) {
  createApplication(input: $input, actorId: $actor) { application { id } }
}"""
ADA: dict[str, Any] = {"firstName": "Ada", "lastName": "Lovelace"}
CLEARANCE: dict[str, Any] = {  # Harvest's custom field shape (GET_custom_fields_field_type.json)
    "id": 4001,
    "name": "Clearance",
    "active": True,
    "field_type": "candidate",
    "value_type": "short_text",
    "required": True,
    "name_key": "clearance",
    "custom_field_options": [],
}
FIELDS_PATH = "/v1/custom_fields/candidate"


@dataclass
class Upstream:
    """What one connection sends to its simulator."""

    adapter: ProviderAdapter
    sent: list[httpx.Request] = field(default_factory=list)

    def paths(self, method: str | None = None) -> list[str]:
        return [r.url.path for r in self.sent if method is None or r.method == method]

    def writes(self) -> list[httpx.Request]:
        return [r for r in self.sent if r.method != "GET"]


def watch(http: httpx.AsyncClient, name: str) -> Upstream:
    transport = http._transport
    assert isinstance(transport, httpx.ASGITransport)
    adapter = transport.app.state.pool.adapters[name]  # type: ignore[attr-defined]
    upstream = Upstream(adapter)

    async def record(request: httpx.Request) -> None:
        upstream.sent.append(request)

    assert adapter.http is not None
    adapter.http.event_hooks = {"request": [record], "response": []}
    return upstream


def simulator(upstream: Upstream) -> Any:
    assert upstream.adapter.http is not None
    return upstream.adapter.http._transport.app.state.simulator  # type: ignore[attr-defined]


def config(provider: str, **options: Any) -> dict[str, Any]:
    return {
        "connections": {"c": {"provider": provider, "simulated": True, "seed": 4243, "size": 30, **options}}
    }


@pytest.fixture
async def greenhouse() -> AsyncIterator[tuple[httpx.AsyncClient, Upstream, str]]:
    async with client_for(config("greenhouse")) as http:
        users = await post(http, "{ users(first: 1) { edges { node { id } } } }")
        actor = users["data"]["users"]["edges"][0]["node"]["id"]
        upstream = watch(http, "c")
        yield http, upstream, actor


async def test_a_missing_required_custom_field_is_refused_before_any_write(
    greenhouse: tuple[httpx.AsyncClient, Upstream, str],
) -> None:
    http, upstream, actor = greenhouse
    simulator(upstream).custom_fields.append(CLEARANCE)
    for given in (ADA, {**ADA, "customFields": [{"name": "clearance", "value": "  "}]}):
        error = error_of(await post(http, CREATE, {"input": given, "actor": actor}))
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert error["extensions"]["field"] == "input.customFields.clearance"
    assert upstream.writes() == []
    assert upstream.paths() == [FIELDS_PATH]  # read once for both attempts, and kept


async def test_a_given_required_custom_field_is_written(
    greenhouse: tuple[httpx.AsyncClient, Upstream, str],
) -> None:
    http, upstream, actor = greenhouse
    simulator(upstream).custom_fields.append(CLEARANCE)
    given = {**ADA, "customFields": [{"name": "clearance", "value": "secret"}]}
    made = await post(http, CREATE, {"input": given, "actor": actor})
    assert made["data"]["createCandidate"]["candidate"]["name"] == "Ada Lovelace"
    assert upstream.paths() == [FIELDS_PATH, "/v1/candidates"]
    (write,) = upstream.writes()
    assert json.loads(write.content)["custom_fields"] == [{"name_key": "clearance", "value": "secret"}]


async def test_none_required_one_read_then_only_the_write(
    greenhouse: tuple[httpx.AsyncClient, Upstream, str],
) -> None:
    http, upstream, actor = greenhouse
    for _ in range(2):
        made = await post(http, CREATE, {"input": ADA, "actor": actor})
        assert made["data"]["createCandidate"]["candidate"]["name"] == "Ada Lovelace"
    assert upstream.paths() == [FIELDS_PATH, "/v1/candidates", "/v1/candidates"]


async def test_an_inline_candidate_must_give_them_too(
    greenhouse: tuple[httpx.AsyncClient, Upstream, str],
) -> None:
    http, upstream, actor = greenhouse
    simulator(upstream).custom_fields.append(CLEARANCE)
    jobs = await post(http, "{ jobs(first: 1) { edges { node { id } } } }")
    job = jobs["data"]["jobs"]["edges"][0]["node"]["id"]
    given = {"jobId": job, "candidate": ADA, "onDuplicateCandidate": "CREATE"}
    error = error_of(await post(http, APPLY, {"input": given, "actor": actor}))
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "input.candidate.customFields.clearance"
    assert upstream.writes() == []


async def test_an_update_demands_nothing_and_reads_nothing_more(
    greenhouse: tuple[httpx.AsyncClient, Upstream, str],
) -> None:
    http, upstream, actor = greenhouse
    simulator(upstream).custom_fields.append(CLEARANCE)
    found = await post(http, "{ candidates(first: 1) { edges { node { id } } } }")
    cid = found["data"]["candidates"]["edges"][0]["node"]["id"]
    upstream.sent.clear()
    changed = await post(http, UPDATE, {"input": {"id": cid, "title": "CTO"}, "actor": actor})
    assert changed["data"]["updateCandidate"]["candidate"]["title"] == "CTO"
    assert FIELDS_PATH not in upstream.paths()
    assert [r.method for r in upstream.writes()] == ["PATCH"]


async def test_a_provider_without_custom_fields_refuses_them_and_reads_nothing_more() -> None:
    async with client_for(config("ashby")) as http:
        upstream = watch(http, "c")
        given = {**ADA, "customFields": [{"name": "clearance", "value": "secret"}]}
        error = error_of(await post(http, CREATE, {"input": given}))
        assert error["extensions"]["code"] == "NOT_SUPPORTED_BY_PROVIDER"
        assert error["extensions"]["field"] == "input.customFields"
        assert upstream.sent == []
        made = await post(http, CREATE, {"input": ADA})
        assert made["data"]["createCandidate"]["candidate"]["name"] == "Ada Lovelace"
        assert len(upstream.sent) == 1  # the write alone: no custom field read


async def test_a_custom_field_the_account_lacks_is_refused_by_greenhouse(
    greenhouse: tuple[httpx.AsyncClient, Upstream, str],
) -> None:
    """The gateway checks only what is required; Harvest's 422 (here the simulator's) names the rest."""
    http, upstream, actor = greenhouse
    given = {**ADA, "customFields": [{"name": "nope", "value": "x"}]}
    error = error_of(await post(http, CREATE, {"input": given, "actor": actor}))
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "input.customFields"
    assert upstream.paths() == [FIELDS_PATH, "/v1/candidates"]


# -- the hook on the adapter, against Harvest's documented answer (respx) -------------------------
CREATE_OP = BY_MUTATION["createCandidate"]


async def test_the_required_keys_come_from_harvests_answer_read_once() -> None:
    listed = [dict(f) for f in load_fixture("greenhouse", "GET_custom_fields_field_type.json")]
    listed[0]["required"] = True  # the docs' example field is optional
    hidden = {**listed[0], "name_key": "retired", "active": False}
    optional = {**listed[0], "name_key": "optional", "required": False}
    async with httpx.AsyncClient() as client:
        with respx.mock(base_url=BASE, assert_all_called=True) as mock:
            route = mock.get(FIELDS_PATH).mock(
                return_value=httpx.Response(200, json=[*listed, hidden, optional])
            )
            gh = adapter(client)
            assert await gh.required_custom_fields(CREATE_OP) == [listed[0]["name_key"]]
            assert await gh.required_custom_fields(CREATE_OP) == [listed[0]["name_key"]]
            assert await gh.required_custom_fields(BY_MUTATION["updateCandidate"]) == ()
    assert route.call_count == 1


@pytest.mark.parametrize("status", [403, 404])
async def test_a_key_that_may_not_read_them_writes_unchecked(status: int) -> None:
    async with httpx.AsyncClient() as client:
        with respx.mock(base_url=BASE) as mock:
            route = mock.get(FIELDS_PATH).mock(return_value=httpx.Response(status, json={"message": "no"}))
            gh = adapter(client)
            assert await gh.required_custom_fields(CREATE_OP) == []
            assert await gh.required_custom_fields(CREATE_OP) == []
    assert route.call_count == 1  # the refusal is kept too: not asked again per write


async def test_an_answer_that_is_no_list_is_invalid() -> None:
    async with httpx.AsyncClient() as client:
        with respx.mock(base_url=BASE) as mock:
            mock.get(FIELDS_PATH).mock(return_value=httpx.Response(200, json={"oops": True}))
            with pytest.raises(ProviderResponseInvalid):
                await adapter(client).required_custom_fields(CREATE_OP)
