"""addCandidateTags / removeCandidateTags on Ashby: the account's tags read once, a missing
name created, then one ``candidate.addTag`` / ``candidate.removeTag`` per tag; the last answer
(the candidate) is the result. No exchange of these endpoints was recorded: the answers here
follow Ashby's reference (https://developers.ashbyhq.com/reference/candidatetaglist,
https://developers.ashbyhq.com/reference/candidate-tag (candidateTag.create),
https://developers.ashbyhq.com/docs/candidateaddtag, and the changelog entry
https://developers.ashbyhq.com/changelog/2026-02-27-add-candidate-remove-tag: removeTag takes
``candidateId`` and ``tagId`` and answers the candidate); the candidate is the recorded
``candidate.create`` answer."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx

from gateway.errors import ErrorCode, provider_error_code
from providers.ashby import AshbyAdapter
from providers.errors import ProviderError
from providers.writes import TagChange
from resolvers.writes.path import maybe_sent
from tests.shared import load_fixture

from .conftest import BASE

pytestmark = pytest.mark.shared

CANDIDATE = "00000000-0000-0000-0000-0000000000c1"
PYTHON = "00000000-0000-0000-0000-0000000000f1"
REMOTE = "00000000-0000-0000-0000-0000000000f2"
TAGS = {
    "success": True,
    "moreDataAvailable": False,
    "results": [{"id": PYTHON, "title": "Python", "isArchived": False}],
}


def candidate_answer() -> Any:
    return load_fixture("ashby", "POST_candidate.create.json")


def bodies(route: respx.Route) -> list[Any]:
    return [json.loads(call.request.content) for call in route.calls]


async def test_add_reads_the_tags_creates_the_missing_one_and_adds_each(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        listed = router.post("/candidateTag.list").respond(json=TAGS)
        created = router.post("/candidateTag.create").respond(
            json={"success": True, "results": {"id": REMOTE, "title": "Remote", "isArchived": False}}
        )
        added = router.post("/candidate.addTag").respond(json=candidate_answer())
        record = await adapter.add_candidate_tags(TagChange(CANDIDATE, ("python", "Remote", "PYTHON")), None)
    assert listed.call_count == 1
    assert bodies(created) == [{"title": "Remote"}]
    assert bodies(added) == [
        {"candidateId": CANDIDATE, "tagId": PYTHON},
        {"candidateId": CANDIDATE, "tagId": REMOTE},
    ]
    assert record.id == candidate_answer()["results"]["id"]


async def test_remove_sends_one_call_per_known_tag_and_skips_unknown_names(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/candidateTag.list").respond(json=TAGS)
        removed = router.post("/candidate.removeTag").respond(json=candidate_answer())
        await adapter.remove_candidate_tags(TagChange(CANDIDATE, ("python", "never-made")), None)
    assert bodies(removed) == [{"candidateId": CANDIDATE, "tagId": PYTHON}]


async def test_removing_only_unknown_names_writes_nothing_and_answers_the_candidate(
    adapter: AshbyAdapter,
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        router.post("/candidateTag.list").respond(json=TAGS)
        removed = router.post("/candidate.removeTag")
        info = router.post("/candidate.info").respond(json=candidate_answer())
        record = await adapter.remove_candidate_tags(TagChange(CANDIDATE, ("never-made",)), None)
    assert removed.call_count == 0
    assert info.call_count == 1
    assert record.id == candidate_answer()["results"]["id"]


@pytest.mark.parametrize(
    ("failure", "code", "unknown"),
    [
        (
            httpx.Response(200, json={"success": False, "errors": ["invalid_input"]}),
            ErrorCode.BAD_USER_INPUT,
            False,
        ),
        (
            httpx.Response(422, json={"success": False, "errors": ["invalid_input"]}),
            ErrorCode.BAD_USER_INPUT,
            False,
        ),
        (httpx.Response(503), ErrorCode.UPSTREAM_UNAVAILABLE, False),
        (httpx.ReadTimeout("sent, no answer"), ErrorCode.UPSTREAM_TIMEOUT, True),
    ],
)
async def test_a_failed_add_is_sent_once_and_stops(
    adapter: AshbyAdapter, failure: Any, code: ErrorCode, unknown: bool
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/candidateTag.list").respond(
            json={**TAGS, "results": [*TAGS["results"], {"id": REMOTE, "title": "Remote"}]}
        )
        added = router.post("/candidate.addTag")
        if isinstance(failure, httpx.Response):
            added.respond(failure.status_code, content=failure.content)
        else:
            added.mock(side_effect=failure)
        with pytest.raises(ProviderError) as info:
            await adapter.add_candidate_tags(TagChange(CANDIDATE, ("Python", "Remote")), None)
    assert added.call_count == 1  # never retried, and the second tag is not attempted
    assert provider_error_code(info.value) is code
    assert maybe_sent(info.value) is unknown
