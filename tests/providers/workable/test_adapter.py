"""Adapter tests: respx serves Workable's recorded payloads (shared fixtures) at the SPI v3 paths.

Collections whose second page was not recorded chain the two recorded pages: ``GET_candidates.json``
(with ``paging.next``) then ``GET_candidates.page_last.json`` (no ``paging``), and the same for events.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import respx

from providers.base import Connection
from providers.errors import ConnectionConfigError, ProviderBadInput, UnsupportedOperation
from providers.query import Filter, ListQuery
from providers.records import Resource
from providers.workable import WorkableAdapter
from tests.shared import load_fixture

from .conftest import BASE, TOKEN, make_adapter

pytestmark = pytest.mark.shared

CANDIDATES_NEXT = "/jobs/9CD658E13E/candidates?limit=50&since_id=2727b8c2"


def fx(name: str) -> Any:
    return load_fixture("workable", name)


def params(route: respx.Route, index: int = 0) -> dict[str, str]:
    return dict(route.calls[index].request.url.params)


def serve_lookups(router: respx.Router) -> tuple[respx.Route, respx.Route]:
    stages = router.get(url__regex=r"/jobs/[A-Z0-9]+/stages$").respond(
        json=fx("GET_jobs_shortcode_stages.json")
    )
    reasons = router.get("/disqualification_reasons").respond(json=fx("GET_disqualification_reasons.json"))
    return stages, reasons


# -- auth, base URL, capabilities ------------------------------------------------------------


async def test_bearer_token_on_the_subdomain_host(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.get("/departments").respond(json=fx("GET_departments.json"))
        await adapter.list_departments(ListQuery())
    request = route.calls[0].request
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Accept"] == "application/json"
    assert "X-WORKABLE-CLIENT-ID" not in request.headers
    assert str(request.url) == "https://nangodev.workable.com/spi/v3/departments"


async def test_partner_tokens_send_the_client_id(client: httpx.AsyncClient) -> None:
    adapter = make_adapter(client, client_id="partner-uid")
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.get("/departments").respond(json=[])
        await adapter.list_departments(ListQuery())
    assert route.calls[0].request.headers["X-WORKABLE-CLIENT-ID"] == "partner-uid"


async def test_base_url_override_wins_also_for_the_account_endpoint(client: httpx.AsyncClient) -> None:
    adapter = make_adapter(client, base_url="https://proxy.test/workable/spi/v3/")
    with respx.mock(base_url="https://proxy.test/workable/spi/v3", assert_all_called=True) as router:
        router.get("/departments").respond(json=[])
        account = router.get("/accounts/nangodev").respond(json=fx("GET_accounts_subdomain.json"))
        await adapter.list_departments(ListQuery())
        page = await adapter.list_organizations(ListQuery())
    assert account.call_count == 1
    assert [(o.id, o.name) for o in page.records] == [("b4e8e", "NangoDev")]


async def test_the_account_lives_on_www_by_default(adapter: WorkableAdapter) -> None:
    with respx.mock(assert_all_called=True) as router:
        route = router.get("https://www.workable.com/spi/v3/accounts/nangodev").respond(
            json=fx("GET_accounts_subdomain.json")
        )
        found = await adapter.get_organizations(["b4e8e", "other"])
    assert route.calls[0].request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert [o.name if o else None for o in found] == ["NangoDev", None]


def test_credentials_never_print_and_bad_ones_are_refused_without_echo() -> None:
    adapter = make_adapter(httpx.AsyncClient())
    assert TOKEN not in repr(adapter.credentials)
    with pytest.raises(ConnectionConfigError) as info:
        WorkableAdapter(
            Connection(
                name="c", provider="workable", credentials={"api_token": TOKEN, "subdomain": "evil.com/x"}
            )
        )
    assert "subdomain" in str(info.value)
    assert TOKEN not in str(info.value)


def test_capabilities() -> None:
    served = {r for r in Resource if WorkableAdapter.serves(r)}
    assert Resource.OFFICE not in served
    assert Resource.EEOC not in served
    assert Resource.SCORECARD not in served
    assert Resource.ATTACHMENT not in served
    assert {Resource.CANDIDATE, Resource.APPLICATION, Resource.JOB, Resource.INTERVIEW} <= served
    assert WorkableAdapter.child_relations(Resource.APPLICATION) == ("candidate", "job")
    assert WorkableAdapter.child_relations(Resource.TAG) == ("candidate",)
    for resource, names in WorkableAdapter.fields.items():
        assert names <= resource.field_names(), resource


# -- candidates and applications -------------------------------------------------------------


async def test_candidates_filters_go_upstream_and_pages_chain(adapter: WorkableAdapter) -> None:
    flt = Filter(
        created_after=datetime(2026, 1, 1, tzinfo=UTC),
        updated_after=datetime(2026, 2, 1, 12, 30, tzinfo=UTC),
        job_id="9CD658E13E",
    )
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        first = router.get("/candidates").respond(json=fx("GET_candidates.json"))
        second = router.get("/jobs/9CD658E13E/candidates").respond(json=fx("GET_candidates.page_last.json"))
        stages, reasons = serve_lookups(router)
        page1 = await adapter.list_candidates(ListQuery(flt, page_size=50))
        assert page1.next_cursor == CANDIDATES_NEXT
        page2 = await adapter.list_candidates(ListQuery(flt, page_size=50, cursor=page1.next_cursor))
    assert params(first) == {
        "limit": "50",
        "created_after": "2026-01-01T00:00:00Z",
        "updated_after": "2026-02-01T12:30:00Z",
        "shortcode": "9CD658E13E",
    }
    assert params(second) == {"limit": "50", "since_id": "2727b8c2"}  # the next URL as given
    assert len(page1.records) == 50
    assert len(page2.records) == 25
    assert page2.next_cursor is None
    # stages once per job, reasons once, across both pages (kept per adapter):
    assert sorted(str(c.request.url.path) for c in stages.calls) == [
        "/spi/v3/jobs/9CD658E13E/stages",
        "/spi/v3/jobs/B3627BCF5D/stages",
    ]
    assert reasons.call_count == 1
    assert first.calls[0].request.headers["Authorization"] == f"Bearer {TOKEN}"
    (application,) = [r for r in page1.records[0].embedded if r.id == page1.records[0].id]
    assert application.current_stage_id == "9CD658E13E:assessment"  # type: ignore[attr-defined]


async def test_next_urls_on_workables_host_are_followed_on_the_override(client: httpx.AsyncClient) -> None:
    adapter = make_adapter(client, base_url="http://sim.test/spi/v3")
    with respx.mock(base_url="http://sim.test/spi/v3", assert_all_called=True) as router:
        route = router.get("/jobs/9CD658E13E/candidates").respond(json={"candidates": []})
        await adapter.list_candidates(ListQuery(cursor=CANDIDATES_NEXT))
    assert str(route.calls[0].request.url) == f"http://sim.test/spi/v3{CANDIDATES_NEXT}"


async def test_a_forged_cursor_is_refused(adapter: WorkableAdapter) -> None:
    for cursor in ("https://evil.test/steal", "//evil.test/x", "/../../x", "/%2e%2e/x"):
        with pytest.raises(ProviderBadInput):
            await adapter.list_candidates(ListQuery(cursor=cursor))


async def test_candidate_email_filter_and_exact_semantics(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.get("/candidates").respond(json=fx("GET_candidates.page_last.json"))
        serve_lookups(router)
        page = await adapter.list_candidates(ListQuery(Filter(email="Nango.Testone@example.com")))
    assert params(route) == {"limit": "100", "email": "Nango.Testone@example.com"}
    assert {r.emails[0].email for r in page.records} == {"nango.testone@example.com"}


async def test_created_after_is_strict_even_if_upstream_is_not(adapter: WorkableAdapter) -> None:
    bound = datetime(2026, 7, 23, 19, 21, 6, tzinfo=UTC)  # equal to some candidates' created_at
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/candidates").respond(json=fx("GET_candidates.page_last.json"))
        serve_lookups(router)
        page = await adapter.list_candidates(ListQuery(Filter(created_after=bound)))
    assert page.records
    assert all(r.created_at is not None and r.created_at > bound for r in page.records)


async def test_applications_by_stage_use_shortcode_and_slug(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.get("/candidates").respond(json={"candidates": []})
        page = await adapter.list_applications(ListQuery(Filter(stage_id="9CD658E13E:phone-screen")))
    assert params(route) == {"limit": "100", "stage": "phone-screen", "shortcode": "9CD658E13E"}
    assert page.records == []


async def test_applications_of_a_candidate_are_the_candidate_itself(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.get("/candidates/27273038").respond(json=fx("GET_candidates_id.json"))
        router.get("/jobs/9CD658E13E/stages").respond(json=fx("GET_jobs_shortcode_stages.json"))
        children = await adapter.list_children(Resource.APPLICATION, "candidate", ["27273038"])
    assert route.call_count == 1
    (application,) = children["27273038"]
    assert (application.id, application.job_id) == ("27273038", "9CD658E13E")  # type: ignore[attr-defined]


async def test_get_50_candidates_costs_50_concurrent_calls_and_404_is_none(adapter: WorkableAdapter) -> None:
    ids = [f"c{n:02d}" for n in range(50)]
    body = fx("GET_candidates_id.json")

    def answer(request: httpx.Request) -> httpx.Response:
        cid = request.url.path.rsplit("/", 1)[-1]
        if cid == "c07":
            return httpx.Response(404, json={"error": "Not found"})
        return httpx.Response(200, json={"candidate": dict(body["candidate"], id=cid)})

    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.get(url__regex=r"/candidates/c\d+$").mock(side_effect=answer)
        stages = router.get("/jobs/9CD658E13E/stages").respond(json=fx("GET_jobs_shortcode_stages.json"))
        found = await adapter.get_candidates(ids)
    assert route.call_count == 50
    assert stages.call_count == 1
    assert [r.id if r else None for r in found] == [None if i == "c07" else i for i in ids]
    assert WorkableAdapter.max_batch_size == 50


async def test_tags_by_candidate_read_the_detail(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/candidates/27273038").respond(json=fx("GET_candidates_id.json"))
        router.get("/candidates/gone").respond(404, json={"error": "Not found"})
        tags = await adapter.list_tags_by_candidate_ids(["27273038", "gone"])
    assert {k: [t.name for t in v] for k, v in tags.items()} == {
        "27273038": ["nango", "priority"],
        "gone": [],
    }


# -- jobs, stages, form fields ---------------------------------------------------------------


async def test_jobs_list_and_get(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.get("/jobs").respond(json=fx("GET_jobs.json"))
        one = router.get("/jobs/9CD658E13E").respond(json=fx("GET_jobs_shortcode.json"))
        router.get("/jobs/NOPE").respond(404, json={"error": "Not found"})
        page = await adapter.list_jobs(ListQuery(Filter(updated_after=datetime(2026, 7, 1, tzinfo=UTC))))
        found = await adapter.get_jobs(["9CD658E13E", "NOPE"])
    assert params(route) == {
        "limit": "100",
        "include_fields": "full_description",
        "updated_after": "2026-07-01T00:00:00Z",
    }
    assert [j.id for j in page.records] == ["9CD658E13E", "B3627BCF5D"]
    assert page.next_cursor is None
    assert one.call_count == 1
    assert found[0] is not None
    assert found[0].job_type is not None
    assert found[1] is None


async def test_stages_and_form_fields_by_job(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        stages = router.get("/jobs/9CD658E13E/stages").respond(json=fx("GET_jobs_shortcode_stages.json"))
        form = router.get("/jobs/9CD658E13E/application_form").respond(
            json=fx("GET_jobs_shortcode_application_form.json")
        )
        by_job = await adapter.list_job_interview_stages_by_job_ids(["9CD658E13E"])
        got = await adapter.get_job_interview_stages(["9CD658E13E:offer", "9CD658E13E:nope", "bad"])
        fields = await adapter.list_job_form_fields(ListQuery(Filter(job_id="9CD658E13E")))
        got_fields = await adapter.get_job_form_fields(["9CD658E13E:resume"])
    assert [s.id for s in by_job["9CD658E13E"]][-1] == "9CD658E13E:hired"
    assert [s.name if s else None for s in got] == ["Offer", None, None]
    assert stages.call_count == 1  # a job's stages are kept (adapter.TABLES_TTL_S)
    assert form.call_count == 2
    assert len(fields.records) == 19
    assert got_fields[0] is not None
    assert got_fields[0].label == "Resume"


async def test_lists_that_need_their_parent_say_so(adapter: WorkableAdapter) -> None:
    for call in (adapter.list_job_interview_stages, adapter.list_job_form_fields, adapter.list_activities):
        with pytest.raises(UnsupportedOperation):
            await call(ListQuery())
    with pytest.raises(UnsupportedOperation):
        await adapter.list_offers(ListQuery())


# -- account-wide lists --------------------------------------------------------------------


async def test_departments_in_one_call(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.get("/departments").respond(json=fx("GET_departments.json"))
        found = await adapter.get_departments(["92b73", "missing"])
        children = await adapter.list_departments_by_parent_ids(["92b71", "92b79"])
    assert route.call_count == 1  # the second read is served from the kept list
    assert found[0] is not None
    assert found[0].name == "Support"
    assert found[1] is None
    assert sorted(d.name or "" for d in children["92b71"]) == ["Customer Success", "Marketing", "Sales"]
    assert children["92b79"] == []


async def test_reject_reasons(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/disqualification_reasons").respond(json=fx("GET_disqualification_reasons.json"))
        page = await adapter.list_reject_reasons(ListQuery())
    assert len(page.records) == 15
    assert page.records[-1].name == "Not interested"


async def test_users_include_inactive_members_and_get_reads_all_pages(adapter: WorkableAdapter) -> None:
    members = fx("GET_members.json")
    first = {
        "members": members["members"][:3],
        "paging": {"next": f"{BASE}/members?limit=100&since_id=1f3962"},
    }
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.get("/members")
        route.side_effect = [
            httpx.Response(200, json=members),
            httpx.Response(200, json=first),
            httpx.Response(200, json={"members": members["members"][3:]}),
        ]
        page = await adapter.list_users(ListQuery(Filter(email="API@nango.dev"), page_size=10))
        found = await adapter.get_users(["1f3965", "zzz"])
    assert params(route, 0) == {"limit": "10", "status": "all", "email": "API@nango.dev"}
    assert [u.id for u in page.records] == ["1f395d"]  # exact, case-insensitive e-mail match
    assert params(route, 1) == {"limit": "100", "status": "all"}
    assert params(route, 2) == {"limit": "100", "since_id": "1f3962"}
    assert [u.name if u else None for u in found] == ["Alexia Middleton", None]


# -- interviews, activities, offers ----------------------------------------------------------


async def test_interviews_page_and_filter_by_candidate(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.get("/events")
        route.side_effect = [
            httpx.Response(200, json=fx("GET_events.json")),
            httpx.Response(200, json=fx("GET_events.page_last.json")),
        ]
        page1 = await adapter.list_interviews(ListQuery(Filter(candidate_id="27270276"), page_size=50))
        page2 = await adapter.list_interviews(ListQuery(cursor=page1.next_cursor))
    assert params(route, 0) == {"limit": "50", "include_cancelled": "true", "candidate_id": "27270276"}
    assert page1.next_cursor == "/events?limit=50&since_id=10e0dcd"
    assert params(route, 1) == {"limit": "50", "since_id": "10e0dcd"}
    assert (len(page1.records), len(page2.records), page2.next_cursor) == (50, 21, None)


async def test_interviews_by_job_read_every_page(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.get("/events")
        route.side_effect = [
            httpx.Response(200, json=fx("GET_events.json")),
            httpx.Response(200, json=fx("GET_events.page_last.json")),
        ]
        by_job = await adapter.list_interviews_by_job_ids(["9CD658E13E"])
    assert params(route, 0) == {"limit": "100", "include_cancelled": "true", "shortcode": "9CD658E13E"}
    assert len(by_job["9CD658E13E"]) == 71


async def test_get_interviews_per_id(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/events/10e0d9a").respond(json=fx("GET_events_id.json"))
        router.get("/events/missing").respond(404, json={"error": "Not found"})
        found = await adapter.get_interviews(["10e0d9a", "missing"])
    assert found[0] is not None
    assert found[0].candidate_id == "27270276"
    assert found[1] is None


async def test_activities_of_candidates(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.get("/candidates/272731b1/activities").respond(
            json=fx("GET_candidates_id_activities.json")
        )
        children = await adapter.list_children(Resource.ACTIVITY, "candidate", ["272731b1"])
    assert route.call_count == 1
    assert [a.id for a in children["272731b1"]][:2] == ["9075283b", "907533be"]
    assert {a.candidate_id for a in children["272731b1"]} == {"272731b1"}  # type: ignore[attr-defined]


async def test_offers_per_candidate(adapter: WorkableAdapter) -> None:
    # A full offer body per https://workable.readme.io/reference/candidatesidoffer.
    full = {"candidate": {"id": "c2", "name": "X"}, "created_at": "2021-06-10T13:43:40.442Z", "state": "sent"}
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        none = router.get("/candidates/27273038/offer").respond(json=fx("GET_candidates_id_offer.json"))
        router.get("/candidates/c2/offer").respond(json=full)
        by_candidate = await adapter.list_children(Resource.OFFER, "candidate", ["27273038", "c2"])
        got = await adapter.get_offers(["c2"])
    assert by_candidate["27273038"] == []
    assert [o.id for o in by_candidate["c2"]] == ["c2"]
    assert got[0] is not None
    assert got[0].status == "sent"
    assert none.call_count == 1


async def test_ids_cannot_escape_their_path_segment(adapter: WorkableAdapter) -> None:
    # An id that cannot be one path segment is refused before any call (providers/paths.py);
    # any other character is percent-encoded, so the id stays one segment.
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        route = router.get(url__regex=r"/candidates/[^/]+$").respond(404, json={"error": "Not found"})
        for bad in ("..", "a/../../jobs"):
            with pytest.raises(ProviderBadInput):
                await adapter.get_candidates([bad])
        assert route.call_count == 0
        found = await adapter.get_candidates(["a?b#c%2e"])
    assert found == [None]
    assert route.calls[0].request.url.raw_path == b"/spi/v3/candidates/a%3Fb%23c%252e"
