"""Adapter tests: respx serves Ashby's recorded payloads (shared fixtures) at the RPC paths.

Where Ashby has no recorded example (jobInterviewPlan.info, archiveReason.list, location.list,
candidateTag.list, success:false codes other than ``invalid_input``) the bodies follow the
OpenAPI spec, ``shared/fixtures/providers/ashby/_reference/ashby-openapi.json``.
"""

from __future__ import annotations

import asyncio
import base64
import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import respx

from providers.ashby import AshbyAdapter
from providers.query import Filter, ListQuery
from providers.records import AttachmentRecord, Resource
from tests.shared import load_fixture

from .conftest import API_KEY, BASE, make_adapter

pytestmark = pytest.mark.shared


def fx(name: str) -> Any:
    return load_fixture("ashby", name)


def body(route: respx.Route, index: int = 0) -> Any:
    return json.loads(route.calls[index].request.content)


def ok(results: Any, **extra: Any) -> httpx.Response:
    return httpx.Response(200, json={"success": True, "results": results, **extra})


def uid(n: int) -> str:
    return f"00000000-0000-0000-0000-{n:012x}"


# -- auth, base URL, capabilities -----------------------------------------------------------


async def test_basic_auth_with_the_key_as_username_and_a_blank_password(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/user.list").respond(json=fx("POST_user.list.json"))
        await adapter.list_users(ListQuery())
    request = route.calls[0].request
    expected = base64.b64encode(f"{API_KEY}:".encode()).decode()
    assert request.headers["Authorization"] == f"Basic {expected}"
    assert request.headers["Content-Type"] == "application/json"
    assert request.method == "POST"


async def test_base_url_override_is_honoured() -> None:
    async with httpx.AsyncClient() as client:
        adapter = make_adapter(client, base_url="https://proxy.example.com/ashby/")
        with respx.mock(base_url="https://proxy.example.com/ashby", assert_all_called=True) as router:
            router.post("/user.info").respond(json=fx("POST_user.info.json"))
            (user,) = await adapter.get_users([uid(1)])
    assert user is not None
    assert user.name == "Test User1"


def test_credentials_never_print() -> None:
    adapter = make_adapter(httpx.AsyncClient())
    assert API_KEY not in repr(adapter.credentials)
    assert API_KEY not in repr(adapter.upstream.auth)


def test_capabilities_are_read_from_the_class() -> None:
    served = {r for r in Resource if AshbyAdapter.serves(r)}
    assert served == {
        Resource.CANDIDATE,
        Resource.APPLICATION,
        Resource.JOB,
        Resource.DEPARTMENT,
        Resource.OFFICE,
        Resource.USER,
        Resource.TAG,
        Resource.REJECT_REASON,
        Resource.JOB_INTERVIEW_STAGE,
        Resource.JOB_FORM_FIELD,
        Resource.INTERVIEW,  # interviewSchedule.list (scheduled), never interview.list (definitions)
        Resource.OFFER,
        Resource.SCORECARD,
        Resource.ATTACHMENT,  # only through candidates and applications
        Resource.ACTIVITY,  # only through candidates (candidate.listNotes)
    }
    # No organization endpoint exists; EEOC answers (surveySubmission.list) have no documented keys.
    assert not AshbyAdapter.serves(Resource.ORGANIZATION)
    assert not AshbyAdapter.serves(Resource.EEOC)
    assert AshbyAdapter.can_list_children(Resource.APPLICATION, "job")  # native jobId filter
    assert AshbyAdapter.can_list_children(Resource.APPLICATION, "candidate")
    assert AshbyAdapter.can_list_children(Resource.JOB_INTERVIEW_STAGE, "job")
    assert AshbyAdapter.can_list_children(Resource.INTERVIEW, "application")
    assert AshbyAdapter.can_list_children(Resource.OFFER, "application")
    assert AshbyAdapter.can_list_children(Resource.SCORECARD, "application")
    assert AshbyAdapter.can_list_children(Resource.ACTIVITY, "candidate")
    assert AshbyAdapter.can_list_children(Resource.INTERVIEW, "candidate")  # via its applications
    # Attachments and activities have no endpoint of their own: only through their parent.
    assert AshbyAdapter.can_list_children(Resource.ATTACHMENT, "candidate")
    assert AshbyAdapter.can_list_children(Resource.ATTACHMENT, "application")
    assert not AshbyAdapter.can_list(Resource.ATTACHMENT)
    assert not AshbyAdapter.can_list(Resource.ACTIVITY)
    for resource in served:
        assert AshbyAdapter.supported_fields(resource) <= resource.field_names(), resource
        assert AshbyAdapter.supported_fields(resource)


# -- candidates -----------------------------------------------------------------------------


async def test_list_candidates_chains_pages_by_cursor(adapter: AshbyAdapter) -> None:
    first = fx("POST_candidate.list.json")
    last = {**first, "results": first["results"][:3], "moreDataAvailable": False, "syncToken": "s1"}
    del last["nextCursor"]
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/candidate.list").mock(
            side_effect=[httpx.Response(200, json=first), httpx.Response(200, json=last)]
        )
        page1 = await adapter.list_candidates(ListQuery(page_size=20))
        page2 = await adapter.list_candidates(ListQuery(page_size=20, cursor=page1.next_cursor))
    assert body(route, 0) == {"limit": 20}
    assert body(route, 1) == {"limit": 20, "cursor": "Ya6"}
    assert (len(page1.records), page1.next_cursor) == (20, "Ya6")
    assert (len(page2.records), page2.next_cursor) == (3, None)
    assert page1.records[0].remote_data == first["results"][0]


async def test_list_candidates_page_size_is_capped_at_100(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/candidate.list").respond(json=fx("POST_candidate.list.json"))
        await adapter.list_candidates(ListQuery(page_size=500))
    assert body(route) == {"limit": 100}


async def test_list_candidates_by_email_uses_candidate_search(adapter: AshbyAdapter) -> None:
    found = fx("POST_candidate.list.json")["results"][:2]  # candidate.search returns candidates
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/candidate.search").mock(return_value=ok(found))
        page = await adapter.list_candidates(ListQuery(Filter(email="USER1@example.com")))
    assert body(route) == {"email": "USER1@example.com"}
    assert [r.id for r in page.records] == [uid(1)]  # exact, case-insensitive match kept
    assert page.next_cursor is None


async def test_get_candidates_one_concurrent_call_per_id_aligned(adapter: AshbyAdapter) -> None:
    info = fx("POST_candidate.info.json")
    ids = [uid(1000 + i) for i in range(50)]

    def answer(request: httpx.Request) -> httpx.Response:
        wanted = json.loads(request.content)["id"]
        if wanted == ids[7]:
            return httpx.Response(200, json={"success": False, "errors": ["candidate_not_found"]})
        if wanted == ids[9]:
            return httpx.Response(404, json={"success": False, "errors": ["not_found"]})
        return httpx.Response(200, json={**info, "results": {**info["results"], "id": wanted}})

    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/candidate.info").mock(side_effect=answer)
        found = await adapter.get_candidates(ids)
    assert route.call_count == 50
    assert [r.id if r else None for r in found] == [None if i in (7, 9) else ids[i] for i in range(50)]


async def test_tags_and_attachments_by_candidate_come_from_candidate_info(adapter: AshbyAdapter) -> None:
    info = fx("POST_candidate.info.json")
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/candidate.info").respond(json=info)
        attachments = await adapter.list_attachments_by_candidate_ids([uid(1)])
        tags = await adapter.list_tags_by_candidate_ids([uid(1)])
    assert route.call_count == 2
    assert [a.file_name for a in attachments[uid(1)]] == ["Test User 2"]
    assert tags == {uid(1): []}


async def test_applications_by_candidate_cost_one_call_per_candidate_and_application(
    adapter: AshbyAdapter,
) -> None:
    cinfo = fx("POST_candidate.info.json")["results"]
    ainfo = fx("POST_application.info.json")["results"]
    cids = [uid(100 + i) for i in range(5)]

    def candidate(request: httpx.Request) -> httpx.Response:
        cid = json.loads(request.content)["id"]
        return ok({**cinfo, "id": cid, "applicationIds": [f"{cid}-a1", f"{cid}-a2"]})

    def application(request: httpx.Request) -> httpx.Response:
        aid = json.loads(request.content)["applicationId"]
        return ok({**ainfo, "id": aid})

    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        c_route = router.post("/candidate.info").mock(side_effect=candidate)
        a_route = router.post("/application.info").mock(side_effect=application)
        by_candidate = await adapter.list_applications_by_candidate_ids(cids)
    assert (c_route.call_count, a_route.call_count) == (5, 10)
    assert [a.id for a in by_candidate[cids[2]]] == [f"{cids[2]}-a1", f"{cids[2]}-a2"]


# -- applications ---------------------------------------------------------------------------


async def test_list_applications_native_filters_in_the_body(adapter: AshbyAdapter) -> None:
    after = datetime(2024, 2, 5, 0, 0, tzinfo=UTC)
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/application.list").respond(json=fx("POST_application.list.json"))
        page = await adapter.list_applications(ListQuery(Filter(created_after=after, job_id=uid(9))))
    assert body(route) == {"limit": 100, "createdAfter": 1707091200000, "jobId": uid(9)}
    assert page.next_cursor == fx("POST_application.list.json")["nextCursor"]
    # The strict ">" of the unified filter holds even if Ashby's bound were inclusive.
    assert page.records
    assert all(r.created_at and r.created_at > after for r in page.records)


async def test_list_applications_of_a_candidate_read_candidate_info_then_application_info(
    adapter: AshbyAdapter,
) -> None:
    cinfo = fx("POST_candidate.info.json")
    ainfo = fx("POST_application.info.json")["results"]

    def application(request: httpx.Request) -> httpx.Response:
        return ok({**ainfo, "id": json.loads(request.content)["applicationId"]})

    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        c_route = router.post("/candidate.info").respond(json=cinfo)
        a_route = router.post("/application.info").mock(side_effect=application)
        page = await adapter.list_applications(ListQuery(Filter(candidate_id=uid(1), job_id=uid(6))))
        none = await adapter.list_applications(ListQuery(Filter(candidate_id=uid(1), job_id=uid(7))))
    assert body(c_route) == {"id": uid(1)}
    assert (c_route.call_count, a_route.call_count) == (2, 2)
    assert [a.id for a in page.records] == [uid(2)]  # candidate.info's applicationIds
    assert page.next_cursor is None
    assert none.records == []  # the job filter is applied on what was read


async def test_list_applications_follows_the_recorded_cursor(adapter: AshbyAdapter) -> None:
    request = fx("POST_application.list.page_last.request.json")
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/application.list").respond(json=fx("POST_application.list.page_last.json"))
        page = await adapter.list_applications(ListQuery(cursor=request["cursor"]))
    assert body(route) == request  # {"limit": 100, "cursor": ...}, as recorded
    assert page.records == []
    assert page.next_cursor == fx("POST_application.list.page_last.json")["nextCursor"]


async def test_applications_by_job_use_the_native_job_filter(adapter: AshbyAdapter) -> None:
    first = fx("POST_application.list.json")
    last = {"success": True, "results": first["results"][:1], "moreDataAvailable": False, "syncToken": "x"}
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/application.list").mock(
            side_effect=[httpx.Response(200, json=first), httpx.Response(200, json=last)]
        )
        by_job = await adapter.list_children(Resource.APPLICATION, "job", [uid(9)])
    assert route.call_count == 2
    assert body(route, 0)["jobId"] == uid(9)
    assert body(route, 1) == {"limit": 100, "jobId": uid(9), "cursor": first["nextCursor"]}
    assert len(by_job[uid(9)]) == 21


async def test_get_applications_and_attachments_by_application(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/application.info").respond(json=fx("POST_application.info.json"))
        (application,) = await adapter.get_applications([uid(1)])
        attachments = await adapter.list_attachments_by_application_ids([uid(1)])
    assert body(route) == {"applicationId": uid(1)}
    assert application is not None
    assert application.current_stage_id == uid(3)
    (resume,) = attachments[uid(1)]
    assert isinstance(resume, AttachmentRecord)
    assert resume.application_id == uid(1)


# -- jobs and their children -------------------------------------------------------------


async def test_list_jobs_asks_every_status_expands_location_and_reads_postings(adapter: AshbyAdapter) -> None:
    postings = fx("POST_jobPosting.list.json")
    listing = fx("POST_job.list.json")
    # The redacted recordings do not share ids: point the first job at the recorded posting.
    listing["results"][0]["id"] = postings["results"][0]["jobId"]
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        jobs = router.post("/job.list").respond(json=listing)
        posts = router.post("/jobPosting.list").respond(json=postings)
        page = await adapter.list_jobs(ListQuery(page_size=50))
    assert body(jobs) == {
        "limit": 50,
        "status": ["Draft", "Open", "Closed", "Archived"],
        "expand": ["location"],
    }
    assert (jobs.call_count, posts.call_count) == (1, 1)
    assert len(page.records) == 20
    assert page.next_cursor is None
    assert page.records[0].job_posting_urls[0].url == postings["results"][0]["externalLink"]
    assert page.records[1].job_posting_urls == ()


async def test_get_jobs(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/job.info").respond(json=fx("POST_job.info.json"))
        router.post("/jobPosting.list").respond(json=fx("POST_jobPosting.list.json"))
        (job,) = await adapter.get_jobs([uid(1)])
    assert body(route) == {"id": uid(1), "expand": ["location"]}
    assert job is not None
    assert job.name == "[Old] Senior Full-Stack Engineer - Remote"


async def test_job_form_fields_by_job(adapter: AshbyAdapter) -> None:
    job_id = fx("POST_jobPosting.list.json")["results"][0]["jobId"]
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        listing = router.post("/jobPosting.list").respond(json=fx("POST_jobPosting.list.json"))
        info = router.post("/jobPosting.info").respond(json=fx("POST_jobPosting.info.json"))
        by_job = await adapter.list_job_form_fields_by_job_ids([job_id, uid(77)])
        page = await adapter.list_job_form_fields(ListQuery(Filter(job_id=job_id)))
    assert body(info) == fx("POST_jobPosting.info.request.json")
    assert (listing.call_count, info.call_count) == (1, 2)  # the posting list is kept (POSTINGS_TTL_S)
    assert [f.label for f in by_job[job_id]][:2] == ["Name", "Email"]
    assert by_job[uid(77)] == []
    assert len(page.records) == 7


async def test_stages_by_job_read_the_job_interview_plan(adapter: AshbyAdapter) -> None:
    # jobInterviewPlan.info: no recorded example; body from the OpenAPI spec schema.
    def plan(request: httpx.Request) -> httpx.Response:
        job_id = json.loads(request.content)["jobId"]
        return ok(
            {
                "jobId": job_id,
                "interviewPlanId": uid(50),
                "stages": [
                    {
                        "id": uid(51),
                        "title": "Application Review",
                        "type": "PreInterviewScreen",
                        "orderInInterviewPlan": 0,
                        "interviewStageGroupId": None,
                        "activities": [],
                    },
                    {
                        "id": uid(52),
                        "title": "Hired",
                        "type": "Hired",
                        "orderInInterviewPlan": 1,
                        "activities": [],
                    },
                ],
            }
        )

    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/jobInterviewPlan.info").mock(side_effect=plan)
        by_job = await adapter.list_job_interview_stages_by_job_ids([uid(1), uid(2)])
    assert route.call_count == 2
    assert [(s.name, s.position, s.job_id) for s in by_job[uid(2)]] == [
        ("Application Review", 0, uid(2)),
        ("Hired", 1, uid(2)),
    ]


async def test_get_job_interview_stages(adapter: AshbyAdapter) -> None:
    stage = fx("POST_application.info.json")["results"]["currentInterviewStage"]
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/interviewStage.info").mock(return_value=ok(stage))
        (found,) = await adapter.get_job_interview_stages([uid(3)])
    assert body(route) == {"interviewStageId": uid(3)}
    assert found is not None
    assert (found.name, found.position) == ("Archived", 10)


# -- organisation-wide lists ----------------------------------------------------------------


async def test_departments_list_and_get_many_in_one_call(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/department.list").respond(json=fx("POST_department.list.json"))
        page = await adapter.list_departments(ListQuery())
        found = await adapter.get_departments([uid(9), uid(1)])
    assert body(route) == {"includeArchived": True}
    assert route.call_count == 2
    assert [d.name for d in page.records] == ["Test User 1"]
    assert found[0] is None
    assert found[1] is not None
    assert found[1].id == uid(1)


async def test_offices_reject_reasons_and_tags(adapter: AshbyAdapter) -> None:
    # location.list, archiveReason.list, candidateTag.list: OpenAPI spec shapes (no recording).
    location = {
        "id": uid(1),
        "name": "Berlin",
        "isArchived": False,
        "isRemote": False,
        "address": {"postalAddress": {"addressLocality": "Berlin", "addressCountry": "Germany"}},
    }
    reason = {"id": uid(2), "text": "Too junior", "reasonType": "RejectedByOrg", "isArchived": False}
    tag_page1 = {
        "success": True,
        "results": [{"id": uid(3), "title": "A", "isArchived": False}],
        "moreDataAvailable": True,
        "nextCursor": "c2",
    }
    tag_page2 = {
        "success": True,
        "results": [{"id": uid(4), "title": "B", "isArchived": True}],
        "moreDataAvailable": False,
        "syncToken": "t",
    }
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/location.list").mock(return_value=ok([location], moreDataAvailable=False))
        router.post("/archiveReason.list").mock(return_value=ok([reason]))
        tags = router.post("/candidateTag.list").mock(
            side_effect=[httpx.Response(200, json=tag_page1), httpx.Response(200, json=tag_page2)]
        )
        (office,) = await adapter.get_offices([uid(1)])
        (rejection,) = await adapter.get_reject_reasons([uid(2)])
        found = await adapter.get_tags([uid(4), uid(3)])
    assert office is not None
    assert office.location == "Berlin, Germany"
    assert rejection is not None
    assert rejection.name == "Too junior"
    assert [t.name if t else None for t in found] == ["B", "A"]
    assert body(tags, 1) == {"includeArchived": True, "limit": 100, "cursor": "c2"}


# -- users ----------------------------------------------------------------------------------


async def test_list_users_includes_deactivated(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/user.list").respond(json=fx("POST_user.list.json"))
        page = await adapter.list_users(ListQuery())
    assert body(route) == {"limit": 100, "includeDeactivated": True}
    assert page.records[0].name == "Test User1"


async def test_list_users_by_email_uses_user_search(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/user.search").mock(return_value=ok([fx("POST_user.info.json")["results"]]))
        page = await adapter.list_users(ListQuery(Filter(email="user1@example.com")))
    assert body(route) == {"email": "user1@example.com"}
    assert [u.id for u in page.records] == [uid(1)]


async def test_get_users_fifty_ids_cost_fifty_calls(adapter: AshbyAdapter) -> None:
    info = fx("POST_user.info.json")
    ids = [uid(i) for i in range(1, 51)]
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.post("/user.info").mock(
            side_effect=lambda r: ok({**info["results"], "id": json.loads(r.content)["userId"]})
        )
        found = await adapter.get_users(ids)
    assert route.call_count == 50
    assert [u.id for u in found if u] == ids


async def test_posting_list_is_shared_by_concurrent_and_later_job_reads(adapter: AshbyAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/job.list").respond(json=fx("POST_job.list.json"))
        router.post("/job.info").respond(json=fx("POST_job.info.json"))
        posts = router.post("/jobPosting.list").respond(json=fx("POST_jobPosting.list.json"))
        await asyncio.gather(adapter.list_jobs(ListQuery()), adapter.get_jobs([uid(1), uid(2)]))
        await adapter.get_jobs([uid(3)])
    assert posts.call_count == 1  # kept for POSTINGS_TTL_S
