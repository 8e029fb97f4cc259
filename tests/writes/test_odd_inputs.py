"""A mutation's ids and texts are checked as its input is read, on every connection alike: an id
that could not be one (the rule of a read's id argument) and a text holding a lone surrogate are
BAD_USER_INPUT naming the field, before any upstream call, and nothing is written.

Before, a lone surrogate was an INTERNAL_SERVER_ERROR wherever it met UTF-8 (the upstream
request's JSON, an error message echoing it), and the sandbox stored it: every later answer
holding the record failed. A URL with a control character failed inside httpx."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from providers.registry import PROVIDERS
from resolvers.writes import attachments

from .support import client_for

SIMULATED = sorted(name for name, cls in PROVIDERS.items() if cls.simulation() is not None)
DATA = {"seed": 17, "size": 20}
PROVIDER = "{ connectionProvider { actorRequired mutations { name required } } }"

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def http() -> AsyncIterator[httpx.AsyncClient]:
    connections: dict[str, Any] = {"sandbox": {"provider": "sandbox", **DATA}}
    connections |= {p: {"provider": p, "simulated": True, **DATA} for p in SIMULATED}
    async with client_for({"connections": connections}) as client:
        yield client


async def escaped(http: httpx.AsyncClient, query: str, variables: Any, connection: str) -> Any:
    """The body ASCII-escaped, so that a lone surrogate travels as ``\\ud800``."""
    response = await http.post(
        "/graphql",
        content=json.dumps({"query": query, "variables": variables}),
        headers={"Content-Type": "application/json", "X-Hiregraph-Connection": connection},
    )
    assert response.status_code == 200, response.text
    return response.json()


def refusal(body: Any) -> dict[str, Any]:
    """The one error's extensions, once it is BAD_USER_INPUT and nothing went upstream."""
    errors = body.get("errors") or []
    assert [e["extensions"]["code"] for e in errors] == ["BAD_USER_INPUT"], errors
    assert body["extensions"]["upstream"]["requests"] == 0
    extensions: dict[str, Any] = errors[0]["extensions"]
    return extensions


TAGS = """mutation($input: CandidateTagsInput!) {
  addCandidateTags(input: $input) { candidate { id tags { name } } } }"""


async def test_a_lone_surrogate_in_a_tag_is_refused_and_the_candidate_still_reads(
    http: httpx.AsyncClient,
) -> None:
    listed = await escaped(http, "{ candidates(first: 1) { edges { node { id } } } }", {}, "sandbox")
    candidate = listed["data"]["candidates"]["edges"][0]["node"]["id"]
    body = await escaped(
        http, TAGS, {"input": {"candidateId": candidate, "tags": ["ok", "\ud800"]}}, "sandbox"
    )
    assert refusal(body)["field"] == "input.tags.1"
    read = await escaped(
        http, "query($id: ID!) { candidate(id: $id) { tags { name } } }", {"id": candidate}, "sandbox"
    )
    assert "errors" not in read
    assert {"name": "ok"} not in read["data"]["candidate"]["tags"]


def _mutation_with_an_id(mutations: list[dict[str, Any]]) -> tuple[str, str] | None:
    """An offered mutation and one of its required input fields that is an id."""
    for m in mutations:
        for field in m["required"]:
            if field == "id" or field.endswith("Id"):
                return m["name"], field
    return None


INPUT_TYPES = {
    "updateCandidate": "UpdateCandidateInput",
    "addCandidateTags": "CandidateTagsInput",
    "removeCandidateTags": "CandidateTagsInput",
    "createApplication": "CreateApplicationInput",
    "moveApplicationStage": "MoveApplicationStageInput",
    "rejectApplication": "RejectApplicationInput",
    "unrejectApplication": "ApplicationActionInput",
    "hireApplication": "ApplicationActionInput",
    "addNote": "AddNoteInput",
    "uploadAttachment": "UploadAttachmentInput",
}
REQUIRED_TEXTS = {"body": "a note", "tags": ["a"], "candidate": {"firstName": "A"}}


@pytest.mark.parametrize("connection", ["sandbox", *SIMULATED])
@pytest.mark.parametrize(
    ("value", "reason"),
    [("\ud800", "unpaired surrogate"), ("a/b", "slash"), ("..", "relative path segment"), ("", "empty")],
    ids=["surrogate", "slash", "dot-dot", "empty"],
)
async def test_an_id_that_cannot_be_one_is_refused_before_any_call(
    http: httpx.AsyncClient, connection: str, value: str, reason: str
) -> None:
    offered = (await escaped(http, PROVIDER, {}, connection))["data"]["connectionProvider"]
    found = _mutation_with_an_id(offered["mutations"])
    if found is None:
        pytest.skip(f"{connection} offers no mutation taking an id")
    mutation, field = found
    required = next(m["required"] for m in offered["mutations"] if m["name"] == mutation)
    given: dict[str, Any] = {f: REQUIRED_TEXTS.get(f, "1") for f in required}
    given[field] = value
    query = f"mutation($input: {INPUT_TYPES[mutation]}!) {{ {mutation}(input: $input) {{ __typename }} }}"
    extensions = refusal(await escaped(http, query, {"input": given}, connection))
    assert extensions["field"] == f"input.{field}"
    # and the actor, where it is taken: held to the same rule
    with_actor = f"mutation($input: {INPUT_TYPES[mutation]}!, $a: ID) {{ {mutation}(input: $input, actorId: $a) {{ __typename }} }}"
    body = await escaped(http, with_actor, {"input": {**given, field: "1"}, "a": value}, connection)
    assert refusal(body)["field"] == "actorId"


async def test_a_url_with_a_control_character_is_refused(
    http: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fetch() -> httpx.AsyncClient:
        raise AssertionError("nothing is fetched")

    monkeypatch.setattr(attachments, "client_factory", no_fetch)
    listed = await escaped(http, "{ candidates(first: 1) { edges { node { id } } } }", {}, "sandbox")
    candidate = listed["data"]["candidates"]["edges"][0]["node"]["id"]
    query = "mutation($input: UploadAttachmentInput!) { uploadAttachment(input: $input) { __typename } }"
    for url in ("https://files.example.com/a\x00.pdf", "https://files.example.com/\ud800.pdf"):
        body = await escaped(http, query, {"input": {"candidateId": candidate, "url": url}}, "sandbox")
        assert refusal(body)["field"] == "input.url"
