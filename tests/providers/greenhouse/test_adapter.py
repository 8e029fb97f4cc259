"""The adapter against respx-mocked Harvest v1 endpoints serving the documented payloads."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import respx

from providers.errors import ProviderError
from providers.query import Filter, FilterName, ListQuery
from providers.records import ApplicationRecord, AttachmentRecord, Resource
from tests.shared import load_fixture

from .helpers import API_KEY, BASE, adapter, basic, page

pytestmark = pytest.mark.shared


def fx(name: str) -> Any:
    return copy.deepcopy(load_fixture("greenhouse", name))


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


def candidate(cid: int) -> dict[str, Any]:
    raw: dict[str, Any] = fx("GET_candidates.json")[0]
    raw["id"] = cid
    for app in raw["applications"]:
        app["candidate_id"] = cid
        app["id"] = app["id"] + cid
    return raw


async def test_list_candidates_sends_native_filters_per_page_and_basic_auth(
    client: httpx.AsyncClient,
) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/v1/candidates").mock(
            return_value=page(
                fx("GET_candidates.json"),
                f"{BASE}/v1/candidates?page=2&per_page=25&job_id=5",
                last=f"{BASE}/v1/candidates?page=9&per_page=25&job_id=5",
            )
        )
        flt = Filter(
            created_after=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
            email="test@work.com",
            job_id="5",
            name="John",
        )
        result = await adapter(client).list_candidates(ListQuery(flt, page_size=25))
    request = route.calls.last.request
    assert dict(request.url.params) == {
        "created_after": "2024-01-02T03:04:05Z",
        "email": "test@work.com",
        "job_id": "5",
        "per_page": "25",
    }  # ``name`` is not a Greenhouse filter: left to the gateway
    assert request.headers["Authorization"] == basic(API_KEY)
    assert [r.id for r in result.records] == ["53883394"]
    assert result.next_cursor == "/v1/candidates?page=2&per_page=25&job_id=5"


async def test_pagination_follows_the_link_header_across_pages(client: httpx.AsyncClient) -> None:
    gh = adapter(client)
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/v1/jobs").mock(
            side_effect=[
                page([{"id": 1}], f"{BASE}/v1/jobs?page=2&per_page=2&updated_after=2020-01-01T00%3A00%3A00Z"),
                page([{"id": 2}], f"{BASE}/v1/jobs?page=3&per_page=2&updated_after=2020-01-01T00%3A00%3A00Z"),
                page([{"id": 3}]),
            ]
        )
        flt = Filter(updated_after=datetime(2020, 1, 1, tzinfo=UTC))
        ids, cursor = [], None
        while True:
            result = await gh.list_jobs(ListQuery(flt, page_size=2, cursor=cursor))
            ids += [r.id for r in result.records]
            if result.next_cursor is None:
                break
            cursor = result.next_cursor
    assert ids == ["1", "2", "3"]
    assert route.call_count == 3
    first, second, third = (c.request.url for c in route.calls)
    assert dict(first.params) == {"per_page": "2", "updated_after": "2020-01-01T00:00:00Z"}
    assert dict(second.params) == {"page": "2", "per_page": "2", "updated_after": "2020-01-01T00:00:00Z"}
    assert third.params["page"] == "3"


async def test_time_bounds_are_strict_although_greenhouse_includes_the_bound(
    client: httpx.AsyncClient,
) -> None:
    users = fx("GET_users.json")  # created 2015-11-18T22:26:32.243Z and 22:27:11.111Z
    bound = datetime(2015, 11, 18, 22, 26, 32, 243000, tzinfo=UTC)
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/v1/users").mock(return_value=page(users))
        result = await adapter(client).list_users(ListQuery(Filter(created_after=bound)))
    assert [r.id for r in result.records] == ["712"]


async def test_get_candidates_takes_50_ids_in_one_call_aligned(client: httpx.AsyncClient) -> None:
    ids = [str(1000 + i) for i in range(50)]
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/v1/candidates").mock(return_value=page([candidate(1003), candidate(1000)]))
        found = await adapter(client).get_candidates([*ids, "not-a-number"])
    assert route.call_count == 1
    params = route.calls.last.request.url.params
    assert params["candidate_ids"] == ",".join(ids)
    assert params["per_page"] == "50"
    assert [r.id if r else None for r in found[:4]] == ["1000", None, None, "1003"]
    assert found[-1] is None
    assert len(found) == 51


async def test_get_candidates_splits_more_than_50_ids(client: httpx.AsyncClient) -> None:
    ids = [str(i) for i in range(1, 121)]
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/v1/candidates").mock(return_value=page([]))
        found = await adapter(client).get_candidates(ids)
    assert route.call_count == 3
    assert sorted(len(c.request.url.params["candidate_ids"].split(",")) for c in route.calls) == [20, 50, 50]
    assert found == [None] * 120


async def test_applications_and_attachments_by_candidate_come_embedded_in_one_call(
    client: httpx.AsyncClient,
) -> None:
    gh = adapter(client)
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/v1/candidates").mock(return_value=page([candidate(11), candidate(12)]))
        apps = await gh.list_applications_by_candidate_ids(["11", "12", "13"])
        attachments = await gh.list_attachments_by_candidate_ids(["11"])
    assert route.call_count == 2  # one per level, whatever the number of candidates
    assert [a.id for a in apps["11"]] == ["69103381", "65153319"]
    assert all(isinstance(a, ApplicationRecord) and a.candidate_id == "12" for a in apps["12"])
    assert apps["13"] == []
    (attachment,) = attachments["11"]
    assert isinstance(attachment, AttachmentRecord)
    assert attachment.application_id == "69103381"


async def test_by_id_reads_are_concurrent_per_id_with_404_as_none(client: httpx.AsyncClient) -> None:
    job = fx("GET_jobs_id.json")
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        found_route = mock.get("/v1/jobs/6404").mock(return_value=httpx.Response(200, json=job))
        missing = mock.get("/v1/jobs/404").mock(
            return_value=httpx.Response(404, json={"message": "not found"})
        )
        result = await adapter(client).get_jobs(["6404", "404", "../users"])
    assert [r.id if r else None for r in result] == ["6404", None, None]
    assert found_route.call_count == 1
    assert missing.call_count == 1  # "../users" never reaches a URL


async def test_children_from_per_parent_endpoints(client: httpx.AsyncClient) -> None:
    gh = adapter(client)
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        stages = mock.get("/v1/jobs/1/stages").mock(return_value=page(fx("GET_jobs_id_stages.json")))
        no_job = mock.get("/v1/jobs/2/stages").mock(return_value=httpx.Response(404))
        feed = mock.get("/v1/candidates/5/activity_feed").mock(
            return_value=httpx.Response(200, json=fx("GET_candidates_id_activity_feed.json"))
        )
        tags = mock.get("/v1/candidates/5/tags").mock(return_value=page(fx("GET_candidates_id_tags.json")))
        scorecards = mock.get("/v1/applications/7/scorecards").mock(
            return_value=page(fx("GET_applications_id_scorecards.json"))
        )
        offers = mock.get("/v1/applications/7/offers").mock(
            return_value=page(fx("GET_applications_application_id_offers.json"))
        )
        interviews = mock.get("/v1/applications/7/scheduled_interviews").mock(
            return_value=page(fx("GET_applications_id_scheduled_interviews.json"))
        )
        posts = mock.get("/v1/jobs/1/job_posts").mock(return_value=page(fx("GET_jobs_id_job_posts.json")))
        by_job = await gh.list_job_interview_stages_by_job_ids(["1", "2"])
        activities = await gh.list_activities_by_candidate_ids(["5"])
        candidate_tags = await gh.list_tags_by_candidate_ids(["5"])
        by_app = await gh.list_scorecards_by_application_ids(["7"])
        app_offers = await gh.list_offers_by_application_ids(["7"])
        app_interviews = await gh.list_interviews_by_application_ids(["7"])
        form_fields = await gh.list_job_form_fields_by_job_ids(["1"])
    assert [s.id for s in by_job["1"]] == ["72200", "72199", "72194"]
    assert by_job["2"] == []
    assert [a.id for a in activities["5"]] == [
        "note-12345",
        "email-234675",
        "activity-6756789",
        "activity-6757869",
    ]
    assert [t.name for t in candidate_tags["5"]] == ["Don't have a job open for them now"]
    assert by_app["7"]
    assert all(s.application_id for s in by_app["7"])
    assert app_offers["7"]
    assert app_interviews["7"]
    assert form_fields["1"][0].id.endswith(":first_name")
    for route in (stages, no_job, feed, tags, scorecards, posts):
        assert route.call_count == 1
    assert dict(offers.calls.last.request.url.params) == {"per_page": "500"}
    assert dict(interviews.calls.last.request.url.params) == {"per_page": "500"}


async def test_stages_filtered_by_job_use_the_per_job_endpoint(client: httpx.AsyncClient) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/v1/jobs/146218/stages").mock(return_value=page(fx("GET_jobs_id_stages.json")))
        result = await adapter(client).list_job_interview_stages(
            ListQuery(Filter(job_id="146218", updated_before=datetime(2030, 1, 1, tzinfo=UTC)))
        )
    assert dict(route.calls.last.request.url.params) == {"updated_before": "2030-01-01T00:00:00Z"}
    assert len(result.records) == 3
    assert result.next_cursor is None


async def test_departments_offices_and_reject_reasons(client: httpx.AsyncClient) -> None:
    gh = adapter(client)
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        departments = mock.get("/v1/departments").mock(
            return_value=page(fx("GET_departments.render_as_list.json"))
        )
        offices = mock.get("/v1/offices").mock(return_value=page(fx("GET_offices.render_as_list.json")))
        one_office = mock.get("/v1/offices/47012").mock(
            return_value=httpx.Response(200, json=fx("GET_offices_id.json"))
        )
        reasons = mock.get("/v1/rejection_reasons").mock(return_value=page(fx("GET_rejection_reasons.json")))
        listed = await gh.list_departments(ListQuery())
        children = await gh.list_offices_by_parent_ids(["47012", "1"])
        (office,) = await gh.get_offices(["47012"])
        got = await gh.get_reject_reasons(["230", "1"])
    assert [d.id for d in listed.records] == ["12345", "67890"]
    assert dict(departments.calls.last.request.url.params) == {"render_as": "list", "per_page": "100"}
    assert [o.id for o in children["47012"]] == ["50891", "50852"]
    assert children["1"] == []
    assert offices.call_count == 1
    assert office is not None
    assert office.name == "New York"
    assert one_office.calls.last.request.url.params["render_as"] == "list"
    assert [r.name if r else None for r in got] == ["Hiring Freeze", None]
    assert reasons.calls.last.request.url.params["include_defaults"] == "true"


async def test_base_url_override_and_cursor_replayed_under_it(client: httpx.AsyncClient) -> None:
    proxy = "https://proxy.example/greenhouse"
    gh = adapter(client, base_url=proxy)
    with respx.mock(base_url=proxy, assert_all_called=True) as mock:
        route = mock.get("/v1/tags/candidate").mock(
            side_effect=[
                page(fx("GET_tags_candidate.json"), f"{BASE}/v1/tags/candidate?page=2&per_page=3"),
                page([]),
            ]
        )
        first = await gh.list_tags(ListQuery(page_size=3))
        second = await gh.list_tags(ListQuery(page_size=3, cursor=first.next_cursor))
    assert [t.name for t in first.records] == ["Ruby", "Rails", "Junior"]
    assert second.records == []
    assert second.next_cursor is None
    assert str(route.calls.last.request.url) == f"{proxy}/v1/tags/candidate?page=2&per_page=3"


@pytest.mark.parametrize(
    "cursor", ["https://evil.example/v1/candidates?page=2", "//evil.example/v1/x", "page=2"]
)
async def test_a_cursor_never_sends_the_key_elsewhere(client: httpx.AsyncClient, cursor: str) -> None:
    with (
        respx.mock(assert_all_called=False) as mock,
        pytest.raises(ProviderError, match="invalid page cursor"),
    ):
        await adapter(client).list_candidates(ListQuery(cursor=cursor))
    assert mock.calls.call_count == 0


def test_capabilities_are_read_from_the_methods() -> None:
    from providers.greenhouse import GreenhouseAdapter as GH

    assert not GH.serves(Resource.ORGANIZATION)
    assert not GH.can_list(Resource.ATTACHMENT)
    assert not GH.can_get(Resource.ATTACHMENT)
    assert GH.can_list_children(Resource.ATTACHMENT, "candidate")
    assert GH.can_list_children(Resource.APPLICATION, "candidate")
    assert GH.can_list_children(Resource.APPLICATION, "job")  # through the native job_id filter
    assert not GH.can_list_children(Resource.SCORECARD, "interview")
    assert "tags" in GH.supported_fields(Resource.CANDIDATE)
    assert "description" not in GH.supported_fields(Resource.JOB)
    assert GH.supported_fields(Resource.ORGANIZATION) == frozenset()
    for resource, names in GH.fields.items():
        assert names <= resource.field_names(), resource


async def test_applications_filters_never_send_last_activity_as_updated(client: httpx.AsyncClient) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/v1/applications").mock(return_value=page(fx("GET_applications.json")))
        flt = Filter(
            created_before=datetime(2018, 1, 1, tzinfo=UTC),
            updated_after=datetime(2017, 1, 1, tzinfo=UTC),
            job_id="107761",
            candidate_id="57683957",
        )
        result = await adapter(client).list_applications(ListQuery(flt, page_size=500))
    # updated_after and candidate_id are left to the gateway (no such v1 filter).
    assert dict(route.calls.last.request.url.params) == {
        "created_before": "2018-01-01T00:00:00Z",
        "job_id": "107761",
        "per_page": "500",
    }
    assert [r.id for r in result.records] == ["69306314", "69306509"]


async def test_get_applications_costs_one_call_per_id(client: httpx.AsyncClient) -> None:
    body = fx("GET_applications_id.json")
    ids = [str(100 + i) for i in range(50)]
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get(url__regex=r"/v1/applications/\d+$").mock(
            return_value=httpx.Response(200, json=body)
        )
        found = await adapter(client).get_applications(ids)
    assert route.call_count == 50  # no ids filter on /v1/applications: 50 concurrent reads
    assert all(r is not None and r.id == "69306314" for r in found)


@pytest.mark.parametrize(
    ("method", "path", "fixture", "first_id"),
    [
        ("list_interviews", "/v1/scheduled_interviews", "GET_scheduled_interviews.json", "9128481"),
        ("list_scorecards", "/v1/scorecards", "GET_scorecards.json", "123"),
        ("list_offers", "/v1/offers", "GET_offers.json", "1142785"),
        ("list_job_interview_stages", "/v1/job_stages", "GET_job_stages.json", "6001"),
        ("list_job_form_fields", "/v1/job_posts", "GET_job_posts.json", "123:first_name"),
        ("list_eeocs", "/v1/eeoc", "GET_eeoc.json", "286"),
        ("list_offices", "/v1/offices", "GET_offices.render_as_list.json", "50891"),
    ],
)
async def test_lists_send_their_native_filters(
    client: httpx.AsyncClient, method: str, path: str, fixture: str, first_id: str
) -> None:
    flt = Filter(updated_before=datetime(2030, 1, 1, tzinfo=UTC), name="x")
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get(path).mock(return_value=page(fx(fixture)))
        result = await getattr(adapter(client), method)(ListQuery(flt, page_size=10))
    params = dict(route.calls.last.request.url.params)
    native = adapter(client).native_filters.get(_RESOURCE[method], frozenset())
    assert params.pop("per_page") == "10"
    params.pop("render_as", None)
    assert params == (
        {"updated_before": "2030-01-01T00:00:00Z"} if FilterName.UPDATED_BEFORE in native else {}
    )
    assert result.records[0].id == first_id


_RESOURCE = {
    "list_interviews": Resource.INTERVIEW,
    "list_scorecards": Resource.SCORECARD,
    "list_offers": Resource.OFFER,
    "list_job_interview_stages": Resource.JOB_INTERVIEW_STAGE,
    "list_job_form_fields": Resource.JOB_FORM_FIELD,
    "list_eeocs": Resource.EEOC,
    "list_offices": Resource.OFFICE,
}


async def test_eeoc_by_application_id(client: httpx.AsyncClient) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/v1/applications/286/eeoc").mock(
            return_value=httpx.Response(200, json=fx("GET_applications_id_eeoc.json"))
        )
        mock.get("/v1/applications/5/eeoc").mock(return_value=httpx.Response(200, content=b"null"))
        found = await adapter(client).get_eeocs(["286", "5"])
    assert found[0] is not None
    assert (found[0].id, found[0].candidate_id) == ("286", "406")
    assert found[1] is None
