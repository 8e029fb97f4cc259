"""Adapter tests for what Lever keeps under an opportunity (interviews, feedback, notes,
offers, files, resumes), EEO responses and application forms: calls per parent and ids."""

from __future__ import annotations

import httpx
import pytest
import respx

from providers.lever import LeverAdapter
from providers.query import ListQuery

from .conftest import BASE, fixture
from .respx_support import CONTACT, OPP, POSTING, expanded_opportunity, ok, params

pytestmark = pytest.mark.shared


# -- per-opportunity resources -----------------------------------------------------------------
async def test_interviews_by_candidate_one_call_per_opportunity(adapter: LeverAdapter) -> None:
    opps = [expanded_opportunity(f"opp-{i}", "contact-a" if i < 2 else "contact-b") for i in range(3)]
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        listing = mock.get("/opportunities").mock(return_value=ok({"data": opps, "hasNext": False}))
        per_opp = mock.get(path__regex=r"/opportunities/opp-\d/interviews$").mock(
            return_value=ok(fixture("GET_opportunities_id_interviews.json"))
        )
        by_candidate = await adapter.list_interviews_by_candidate_ids(["contact-a", "contact-b"])
    assert listing.call_count == 1
    assert per_opp.call_count == 3
    assert [i.id for i in by_candidate["contact-a"]] == [
        "opp-0:6ff55c8e-fe04-4eb4-835a-630b1c0da421",
        "opp-1:6ff55c8e-fe04-4eb4-835a-630b1c0da421",
    ]
    assert by_candidate["contact-b"][0].candidate_id == "contact-b"


async def test_get_interviews_by_composite_id(adapter: LeverAdapter) -> None:
    interview = fixture("GET_opportunities_id_interviews_id.json")["data"]
    wanted = f"{OPP}:{interview['id']}"
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        opp = mock.get(f"/opportunities/{OPP}").mock(return_value=ok({"data": expanded_opportunity()}))
        listing = mock.get(f"/opportunities/{OPP}/interviews").mock(
            return_value=ok({"data": [interview], "hasNext": False})
        )
        found = await adapter.get_interviews([wanted, f"{OPP}:missing", "not-composite"])
    assert opp.call_count == listing.call_count == 1  # one opportunity, read once
    assert found[0] is not None
    assert found[0].id == wanted
    assert found[0].candidate_id == CONTACT
    assert found[1] is None
    assert found[2] is None


async def test_scorecards_by_interview_and_deleted_feedback_skipped(adapter: LeverAdapter) -> None:
    feedback = fixture("GET_opportunities_id_feedback_id.json")["data"]
    feedback["interview"] = "int-1"
    deleted = dict(feedback, id="gone", deletedAt=1782977483895)
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get(f"/opportunities/{OPP}").mock(return_value=ok({"data": expanded_opportunity()}))
        mock.get(f"/opportunities/{OPP}/feedback").mock(
            return_value=ok({"data": [feedback, deleted], "hasNext": False})
        )
        by_interview = await adapter.list_scorecards_by_interview_ids([f"{OPP}:int-1", f"{OPP}:int-2"])
    assert [s.remote_id for s in by_interview[f"{OPP}:int-1"]] == [feedback["id"]]
    assert by_interview[f"{OPP}:int-2"] == []


async def test_attachments_read_files_and_resumes(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get(f"/opportunities/{OPP}").mock(return_value=ok({"data": expanded_opportunity()}))
        files = mock.get(f"/opportunities/{OPP}/files").mock(
            return_value=ok(fixture("GET_opportunities_id_files.json"))
        )
        resumes = mock.get(f"/opportunities/{OPP}/resumes").mock(
            return_value=ok(fixture("GET_opportunities_id_resumes.json"))
        )
        by_app = await adapter.list_attachments_by_application_ids([OPP])
    assert files.call_count == resumes.call_count == 1
    assert len(by_app[OPP]) == 5
    assert by_app[OPP][0].job_id == POSTING


async def test_offers_and_notes_by_application(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get(f"/opportunities/{OPP}").mock(return_value=ok({"data": expanded_opportunity()}))
        mock.get(f"/opportunities/{OPP}/offers").mock(
            return_value=ok(fixture("GET_opportunities_id_offers.json"))
        )
        offers = await adapter.list_offers_by_application_ids([OPP])
    assert [o.raw_status for o in offers[OPP]] == ["signed", "draft"]


async def test_missing_opportunity_gives_no_children(adapter: LeverAdapter) -> None:
    error = httpx.Response(404, json=fixture("ERROR_example.json"))
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/opportunities/gone").mock(return_value=error)
        mock.get("/opportunities/gone/notes").mock(return_value=error)
        found = await adapter.get_activities(["gone:note-1"])
    assert found == [None]


async def test_eeoc_list_asks_for_all_time(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/eeo/responses/pii").mock(return_value=ok(fixture("GET_eeo_responses_pii.json")))
        page = await adapter.list_eeocs(ListQuery(page_size=10))
    assert params(route.calls.last) == {"created_at_start": ["0"], "limit": ["10"]}
    assert [r.candidate_id for r in page.records][:1] == ["294f08fc-1aad-409a-a7e3-6455c1a04bca"]


async def test_form_fields_by_job_and_by_id(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get(f"/postings/{POSTING}/apply").mock(
            return_value=ok(fixture("GET_postings_id_apply.json"))
        )
        by_job = await adapter.list_job_form_fields_by_job_ids([POSTING])
        found = await adapter.get_job_form_fields([f"{POSTING}:eeoQuestions:race", f"{POSTING}:urls:nope"])
    assert route.call_count == 2
    assert len(by_job[POSTING]) == 12
    assert found[0] is not None
    assert found[0].label == "Race"
    assert found[1] is None


async def test_known_opportunities_are_not_read_again(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        mock.get("/archive_reasons").mock(return_value=ok(fixture("GET_archive_reasons.json")))
        mock.get("/opportunities").mock(return_value=ok({"data": [expanded_opportunity()], "hasNext": False}))
        single = mock.get(f"/opportunities/{OPP}")
        interviews = mock.get(f"/opportunities/{OPP}/interviews").mock(
            return_value=ok(fixture("GET_opportunities_id_interviews.json"))
        )
        await adapter.list_applications(ListQuery())
        by_app = await adapter.list_interviews_by_application_ids([OPP])
    assert single.call_count == 0
    assert interviews.call_count == 1
    assert by_app[OPP][0].candidate_id == CONTACT
