"""Interviews, offers, scorecards and activities: mapping and adapter calls.

Ashby has no recorded example of these endpoints. Every payload below follows the response
schema of the OpenAPI spec (``shared/fixtures/providers/ashby/_reference/ashby-openapi.json``:
``/interviewSchedule.list``, ``/offer.list``, ``/offer.info``, ``/applicationFeedback.list``,
``/candidate.listNotes``); users embedded in them are the recorded ``POST_user.info.json``.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
import respx

from providers.ashby import AshbyAdapter
from providers.ashby.payloads import AshbyFeedback, AshbyInterviewSchedule, AshbyNote, AshbyOffer
from providers.query import Filter, ListQuery
from providers.records import (
    ActivityType,
    FormValue,
    InterviewStatus,
    OfferStatus,
    Resource,
    UserRecord,
)
from tests.shared import load_fixture

from . import reads as mp
from .conftest import BASE

pytestmark = pytest.mark.shared


def uid(n: int) -> str:
    return f"00000000-0000-0000-0000-{n:012x}"


def user() -> Any:
    return load_fixture("ashby", "POST_user.info.json")["results"]


def schedule(status: str = "Scheduled") -> dict[str, Any]:
    return {
        "id": uid(10),
        "status": status,
        "applicationId": uid(11),
        "interviewStageId": uid(12),
        "interviewEvents": [
            {
                "id": uid(13),
                "interviewId": uid(14),
                "interviewScheduleId": uid(10),
                "interviewerUserIds": [uid(1), uid(2)],
                "createdAt": "2024-03-01T10:00:00.000Z",
                "startTime": "2024-03-05T15:00:00.000Z",
                "endTime": "2024-03-05T16:00:00.000Z",
                "feedbackLink": "https://app.ashbyhq.com/feedback/x",
                "location": None,
                "meetingLink": "https://meet.example.com/abc",
                "hasSubmittedFeedback": False,
            },
            {
                "id": uid(15),
                "interviewId": uid(14),
                "interviewScheduleId": uid(10),
                "interviewerUserIds": [uid(3)],
                "createdAt": "2024-03-01T10:00:00.000Z",
                "startTime": "2024-03-05T16:00:00.000Z",
                "endTime": "2024-03-05T17:00:00.000Z",
                "feedbackLink": "https://app.ashbyhq.com/feedback/y",
                "location": "Room 4",
                "hasSubmittedFeedback": True,
            },
        ],
    }


def offer(offer_status: str | None = "CandidateAccepted") -> dict[str, Any]:
    version = {
        "id": uid(21),
        "startDate": "2024-05-01",
        "salary": {"currencyCode": "USD", "value": 150000},
        "createdAt": "2024-04-02T09:00:00.000Z",
        "customFields": [],
        "fileHandles": [],
        "author": user(),
    }
    first = {**version, "id": uid(22), "createdAt": "2024-04-01T09:00:00.000Z"}
    out = {
        "id": uid(20),
        "decidedAt": "2024-04-05T12:00:00.000Z",
        "applicationId": uid(11),
        "acceptanceStatus": "Accepted",
        "latestVersion": version,
        "versions": [first, version],
    }
    if offer_status:
        out["offerStatus"] = offer_status
    return out


def feedback() -> dict[str, Any]:
    return {
        "id": uid(30),
        "formDefinition": {
            "sections": [
                {
                    "fields": [
                        {
                            "isRequired": True,
                            "field": {"id": uid(31), "type": "Score", "path": "overall", "title": "Overall"},
                        },
                        {
                            "isRequired": False,
                            "field": {"id": uid(32), "type": "RichText", "path": "notes", "title": "Notes"},
                        },
                    ]
                }
            ]
        },
        "submittedValues": {"notes": "Strong systems design.", "overall": {"score": 4}, "extra": ["a", "b"]},
        "submittedByUser": user(),
        "interviewId": uid(14),
        "feedbackFormDefinitionId": uid(33),
        "applicationHistoryId": uid(34),
        "applicationId": uid(11),
        "submittedAt": "2024-03-05T18:00:00.000Z",
    }


def note() -> dict[str, Any]:
    return {
        "id": uid(40),
        "createdAt": "2024-02-10T08:30:00.000Z",
        "content": "Great call.",
        "author": {"id": uid(1), "firstName": "Test", "lastName": "User1", "email": "user1@example.com"},
    }


# -- mapping --------------------------------------------------------------------------------


def test_interview_schedule_events_become_interviews() -> None:
    raw = schedule()
    first, second = mp.to_interviews(AshbyInterviewSchedule.model_validate(raw))
    assert (first.id, first.application_id, first.job_interview_stage_id) == (uid(13), uid(11), uid(12))
    assert first.interviewer_ids == (uid(1), uid(2))
    assert first.location == "https://meet.example.com/abc"  # no room: the meeting link
    assert second.location == "Room 4"
    assert first.start_at == datetime(2024, 3, 5, 15, tzinfo=UTC)
    assert first.end_at == datetime(2024, 3, 5, 16, tzinfo=UTC)
    assert first.created_at == datetime(2024, 3, 1, 10, tzinfo=UTC)
    assert (first.status, first.raw_status) == (InterviewStatus.SCHEDULED, "Scheduled")
    assert first.remote_data == raw["interviewEvents"][0]
    assert first.candidate_id is None
    assert first.organizer_id is None


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("WaitingOnFeedback", InterviewStatus.AWAITING_FEEDBACK),
        ("Complete", InterviewStatus.COMPLETED),
        ("Cancelled", InterviewStatus.CANCELLED),
        ("WaitingOnCandidateBooking", InterviewStatus.OTHER),
    ],
)
def test_interview_status_table(raw: str, status: InterviewStatus) -> None:
    (interview, _) = mp.to_interviews(AshbyInterviewSchedule.model_validate(schedule(raw)))
    assert (interview.status, interview.raw_status) == (status, raw)


def test_offer() -> None:
    raw = offer()
    record = mp.to_offer(AshbyOffer.model_validate(raw))
    assert (record.id, record.application_id, record.creator_id) == (uid(20), uid(11), uid(1))
    assert (record.status, record.raw_status) == (OfferStatus.ACCEPTED, "CandidateAccepted")
    assert record.start_date == date(2024, 5, 1)
    assert record.closed_at == datetime(2024, 4, 5, 12, tzinfo=UTC)
    assert record.created_at == datetime(2024, 4, 1, 9, tzinfo=UTC)  # first version
    assert record.updated_at == datetime(2024, 4, 2, 9, tzinfo=UTC)  # latest version
    assert record.remote_data == raw
    (author,) = record.embedded
    assert isinstance(author, UserRecord)
    assert author.id == uid(1)


@pytest.mark.parametrize(
    ("offer_status", "status", "raw"),
    [
        ("WaitingOnOfferApproval", OfferStatus.APPROVAL_SENT, "WaitingOnOfferApproval"),
        ("WaitingOnCandidateResponse", OfferStatus.SENT, "WaitingOnCandidateResponse"),
        ("CandidateRejected", OfferStatus.DECLINED, "CandidateRejected"),
        ("OfferCancelled", OfferStatus.OTHER, "OfferCancelled"),
        (None, OfferStatus.ACCEPTED, "Accepted"),  # no offerStatus: acceptanceStatus
    ],
)
def test_offer_status_table(offer_status: str | None, status: OfferStatus, raw: str) -> None:
    record = mp.to_offer(AshbyOffer.model_validate(offer(offer_status)))
    assert (record.status, record.raw_status) == (status, raw)


def test_feedback_is_a_scorecard_in_form_order() -> None:
    raw = feedback()
    record = mp.to_scorecard(AshbyFeedback.model_validate(raw))
    assert (record.id, record.application_id, record.interviewer_id) == (uid(30), uid(11), uid(1))
    assert record.submitted_at == datetime(2024, 3, 5, 18, tzinfo=UTC)
    assert record.form_values == (
        FormValue(question="Overall", answer='{"score": 4}'),
        FormValue(question="Notes", answer="Strong systems design."),
        FormValue(question="extra", answer="a, b"),
    )
    assert record.overall_recommendation is None  # no documented field for it
    assert record.interview_id is None  # interviewId names an interview definition
    assert record.remote_data == raw


def test_note_is_an_activity() -> None:
    record = mp.to_activity(AshbyNote.model_validate(note()), uid(5))
    assert (record.id, record.candidate_id, record.actor_id) == (uid(40), uid(5), uid(1))
    assert (record.activity_type, record.raw_activity_type) == (ActivityType.NOTE, None)
    assert record.body == "Great call."
    assert record.created_at == datetime(2024, 2, 10, 8, 30, tzinfo=UTC)
    assert record.embedded == ()  # the author is a stub, not a complete user


# -- adapter --------------------------------------------------------------------------------


def body(route: respx.Route, index: int = 0) -> Any:
    return json.loads(route.calls[index].request.content)


async def test_list_interviews_filters_by_application_and_stage(adapter: AshbyAdapter) -> None:
    page = {"success": True, "results": [schedule()], "moreDataAvailable": True, "nextCursor": "n1"}
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/interviewSchedule.list").respond(json=page)
        result = await adapter.list_interviews(ListQuery(Filter(application_id=uid(11), stage_id=uid(12))))
    assert body(route) == {"limit": 100, "applicationId": uid(11), "interviewStageId": uid(12)}
    assert [i.id for i in result.records] == [uid(13), uid(15)]
    assert result.next_cursor == "n1"


async def test_interviews_by_application_one_listing_per_application(adapter: AshbyAdapter) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        app = json.loads(request.content)["applicationId"]
        return httpx.Response(
            200,
            json={
                "success": True,
                "results": [{**schedule(), "applicationId": app}],
                "moreDataAvailable": False,
            },
        )

    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/interviewSchedule.list").mock(side_effect=answer)
        by_app = await adapter.list_children(Resource.INTERVIEW, "application", [uid(50), uid(51), uid(52)])
    assert route.call_count == 3
    assert [getattr(i, "application_id", None) for i in by_app[uid(51)]] == [uid(51), uid(51)]


async def test_offers_list_and_get(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        listing = router.post("/offer.list").respond(
            json={"success": True, "results": [offer()], "moreDataAvailable": False, "syncToken": "s"}
        )
        info = router.post("/offer.info").mock(
            side_effect=[
                httpx.Response(200, json={"success": True, "results": offer()}),
                httpx.Response(200, json={"success": False, "errors": ["offer_not_found"]}),
            ]
        )
        page = await adapter.list_offers(ListQuery(Filter(application_id=uid(11))))
        found = await adapter.get_offers([uid(20), uid(99)])
    assert body(listing) == {"limit": 100, "applicationId": uid(11)}
    assert [o.id for o in page.records] == [uid(20)]
    assert info.call_count == 2
    assert found[0] is not None
    assert found[1] is None


async def test_scorecards_by_application(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/applicationFeedback.list").respond(
            json={"success": True, "results": [feedback()], "moreDataAvailable": False}
        )
        page = await adapter.list_scorecards(ListQuery(Filter(application_id=uid(11))))
    assert body(route) == {"limit": 100, "applicationId": uid(11)}
    assert [s.id for s in page.records] == [uid(30)]


async def test_activities_by_candidate_page_through_notes(adapter: AshbyAdapter) -> None:
    first = {"success": True, "results": [note()], "moreDataAvailable": True, "nextCursor": "c2"}
    last = {"success": True, "results": [{**note(), "id": uid(41)}], "moreDataAvailable": False}
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/candidate.listNotes").mock(
            side_effect=[httpx.Response(200, json=first), httpx.Response(200, json=last)]
        )
        by_candidate = await adapter.list_activities_by_candidate_ids([uid(5)])
    assert body(route, 0) == {"candidateId": uid(5), "limit": 100}
    assert body(route, 1) == {"candidateId": uid(5), "limit": 100, "cursor": "c2"}
    assert [a.id for a in by_candidate[uid(5)]] == [uid(40), uid(41)]


async def test_process_records_by_candidate_go_through_its_applications(adapter: AshbyAdapter) -> None:
    cinfo = load_fixture("ashby", "POST_candidate.info.json")["results"]

    def candidate(request: httpx.Request) -> httpx.Response:
        cid = json.loads(request.content)["id"]
        apps = [f"{cid}-a1", f"{cid}-a2"]
        return httpx.Response(
            200, json={"success": True, "results": {**cinfo, "id": cid, "applicationIds": apps}}
        )

    def schedules(request: httpx.Request) -> httpx.Response:
        app = json.loads(request.content)["applicationId"]
        found = [{**schedule(), "applicationId": app}]
        return httpx.Response(200, json={"success": True, "results": found, "moreDataAvailable": False})

    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        c_route = router.post("/candidate.info").mock(side_effect=candidate)
        s_route = router.post("/interviewSchedule.list").mock(side_effect=schedules)
        by_candidate = await adapter.list_interviews_by_candidate_ids([uid(60), uid(61)])
    assert (c_route.call_count, s_route.call_count) == (2, 4)  # 2 candidates, 4 applications
    assert [getattr(i, "application_id", None) for i in by_candidate[uid(61)]] == [
        f"{uid(61)}-a1",
        f"{uid(61)}-a1",
        f"{uid(61)}-a2",
        f"{uid(61)}-a2",
    ]
    assert AshbyAdapter.can_list_children(Resource.OFFER, "candidate")
    assert AshbyAdapter.can_list_children(Resource.SCORECARD, "candidate")
