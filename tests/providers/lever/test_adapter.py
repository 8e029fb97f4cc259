"""Adapter tests over respx serving the shared Lever fixtures: exact query parameters,
paging, auth headers and call counts (the N+1 guard)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import httpx
import pytest
import respx

from providers.errors import ConnectionConfigError
from providers.lever import LeverAdapter
from providers.query import Filter, ListQuery
from providers.records import ApplicationRecord, Resource

from .conftest import API_KEY, BASE, CONNECTION, TOKEN, fixture, make_adapter
from .respx_support import CONTACT, POSTING, expanded_opportunity, ok, params, reasons_route

pytestmark = pytest.mark.shared


# -- auth and configuration --------------------------------------------------------------------
async def test_api_key_is_basic_auth_with_blank_password(client: httpx.AsyncClient) -> None:
    adapter = make_adapter(client)
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/tags").mock(return_value=ok(fixture("GET_tags.json")))
        await adapter.list_tags(ListQuery())
    expected = base64.b64encode(f"{API_KEY}:".encode()).decode()
    assert route.calls.last.request.headers["Authorization"] == f"Basic {expected}"


async def test_access_token_is_bearer(client: httpx.AsyncClient) -> None:
    adapter = make_adapter(client, credentials={"access_token": TOKEN})
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/tags").mock(return_value=ok(fixture("GET_tags.json")))
        await adapter.list_tags(ListQuery())
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize(
    "credentials", [{}, {"api_key": API_KEY, "access_token": TOKEN}, {"api_key": ""}, {"password": API_KEY}]
)
def test_exactly_one_credential(client: httpx.AsyncClient, credentials: dict[str, str]) -> None:
    with pytest.raises(ConnectionConfigError) as info:
        make_adapter(client, credentials=credentials)
    message = str(info.value)
    assert CONNECTION in message
    assert API_KEY not in message
    assert TOKEN not in message
    assert "api_key" in message or "password" in message


def test_secrets_never_print(client: httpx.AsyncClient) -> None:
    adapter = make_adapter(client)
    assert API_KEY not in repr(adapter.credentials)
    assert API_KEY not in str(adapter.credentials)
    assert API_KEY not in repr(adapter.connection)


async def test_base_url_override_eu(client: httpx.AsyncClient) -> None:
    eu = "https://api.eu.lever.co/v1"
    adapter = make_adapter(client, base_url=eu)
    with respx.mock(base_url=eu, assert_all_called=True) as mock:
        mock.get("/stages").mock(return_value=ok(fixture("GET_stages.json")))
        page = await adapter.list_job_interview_stages(ListQuery())
    assert len(page.records) == 11


def test_capabilities() -> None:
    assert LeverAdapter.can_list(Resource.CANDIDATE)
    assert LeverAdapter.can_get(Resource.CANDIDATE)
    assert LeverAdapter.can_get(Resource.INTERVIEW)
    assert not LeverAdapter.can_list(Resource.INTERVIEW)
    for absent in (Resource.DEPARTMENT, Resource.OFFICE, Resource.ORGANIZATION):
        assert not LeverAdapter.serves(absent)
    assert LeverAdapter.child_relations(Resource.APPLICATION) == ("candidate", "job")
    assert "first_name" not in LeverAdapter.supported_fields(Resource.CANDIDATE)
    assert "departments" not in LeverAdapter.supported_fields(Resource.JOB)
    for resource, names in LeverAdapter.fields.items():
        assert names <= resource.field_names(), resource


# -- applications ------------------------------------------------------------------------------
async def test_list_applications_pages_with_native_filters(adapter: LeverAdapter) -> None:
    page1, last = fixture("GET_opportunities.json"), fixture("GET_opportunities.page_last.json")
    token = page1["next"]
    flt = Filter(
        updated_after=datetime(2026, 1, 1, tzinfo=UTC),
        created_before=datetime(2026, 7, 1, tzinfo=UTC),
        job_id=POSTING,
        candidate_id=CONTACT,
        stage_id="lead-new",
    )
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        reasons = reasons_route(mock)
        route = mock.get("/opportunities").mock(side_effect=[ok(page1), ok(last)])
        first = await adapter.list_applications(ListQuery(flt, page_size=100))
        second = await adapter.list_applications(ListQuery(flt, page_size=100, cursor=first.next_cursor))
    assert first.next_cursor == token
    assert len(first.records) == 100
    assert len(second.records) == 4
    assert second.next_cursor is None
    assert all(isinstance(r, ApplicationRecord) for r in first.records)
    assert params(route.calls[0]) == {
        "updated_at_start": ["1767225600001"],
        "created_at_end": ["1782863999999"],
        "posting_id": [POSTING],
        "contact_id": [CONTACT],
        "stage_id": ["lead-new"],
        "expand": ["applications"],
        "limit": ["100"],
    }
    assert params(route.calls[1])["offset"] == [token]  # the token goes back verbatim
    assert reasons.call_count == 1  # archive reason types are cached


async def test_confidential_option(client: httpx.AsyncClient) -> None:
    adapter = make_adapter(client, options={"include_confidential": True})
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        # none of these opportunities is archived: archive reasons are not read
        route = mock.get("/opportunities").mock(return_value=ok(fixture("GET_opportunities.page_last.json")))
        await adapter.list_applications(ListQuery(page_size=500))
    assert params(route.calls.last)["confidentiality"] == ["all"]
    assert params(route.calls.last)["limit"] == ["100"]


async def test_get_50_applications_is_one_call_each_concurrently(adapter: LeverAdapter) -> None:
    ids = [f"00000000-0000-0000-0000-{i:012d}" for i in range(50)]

    def answer(request: httpx.Request) -> httpx.Response:
        opp_id = request.url.path.rsplit("/", 1)[-1]
        if opp_id == ids[7]:
            return httpx.Response(404, json=fixture("ERROR_example.json"))
        assert request.url.params["expand"] == "applications"
        return ok({"data": expanded_opportunity(opp_id)})

    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        reasons = reasons_route(mock)
        route = mock.get(path__regex=r"/opportunities/[0-9a-f-]+$").mock(side_effect=answer)
        found = await adapter.get_applications(ids)
    assert route.call_count == 50
    assert reasons.call_count == 1
    assert found[7] is None
    assert [r.id for r in found if r] == [i for i in ids if i != ids[7]]


async def test_applications_by_candidate_and_job_are_one_call(adapter: LeverAdapter) -> None:
    contacts = [f"contact-{i}" for i in range(50)]
    opps = [expanded_opportunity(f"opp-{i}", contacts[i % 50], f"posting-{i % 3}") for i in range(60)]
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        reasons_route(mock)
        route = mock.get("/opportunities").mock(return_value=ok({"data": opps, "hasNext": False}))
        by_candidate = await adapter.list_applications_by_candidate_ids(contacts)
        by_job = await adapter.list_applications_by_job_ids(["posting-0", "posting-1", "nothing"])
    assert route.call_count == 2
    assert params(route.calls[0])["contact_id"] == contacts
    assert params(route.calls[1])["posting_id"] == ["posting-0", "posting-1", "nothing"]
    assert [a.id for a in by_candidate["contact-3"]] == ["opp-3", "opp-53"]
    assert len(by_job["posting-0"]) == 20
    assert by_job["nothing"] == []


# -- candidates --------------------------------------------------------------------------------
async def test_get_50_candidates_is_one_call_per_100_opportunities(adapter: LeverAdapter) -> None:
    contacts = [f"contact-{i}" for i in range(50)]
    opps = [expanded_opportunity(f"opp-{i}", contacts[i % 49]) for i in range(150)]
    pages = [
        ok({"data": opps[:100], "hasNext": True, "next": "tok%5B1%5D"}),
        ok({"data": opps[100:], "hasNext": False}),
    ]
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        reasons_route(mock)
        route = mock.get("/opportunities").mock(side_effect=pages)
        found = await adapter.get_candidates(contacts)
    assert route.call_count == 2
    assert params(route.calls[1])["offset"] == ["tok%5B1%5D"]
    assert params(route.calls[1])["contact_id"] == contacts
    assert found[49] is None  # no opportunity for that contact
    first = found[0]
    assert first is not None
    assert first.id == "contact-0"
    assert first.application_ids is not None
    assert len(first.application_ids) == 4
    assert {a.id for a in first.embedded} == set(first.application_ids)


async def test_list_candidates_yields_each_contact_once(adapter: LeverAdapter) -> None:
    page = fixture("GET_opportunities.json")
    contacts_on_page = list(dict.fromkeys(o["contact"] for o in page["data"]))

    def answer(request: httpx.Request) -> httpx.Response:
        wanted = request.url.params.get_list("contact_id")
        if wanted:
            return ok({"data": [o for o in page["data"] if o["contact"] in wanted], "hasNext": False})
        return ok(page)

    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        reasons_route(mock)
        route = mock.get("/opportunities").mock(side_effect=answer)
        result = await adapter.list_candidates(ListQuery(page_size=len(contacts_on_page)))
    assert route.call_count == 2  # the page + all opportunities of its contacts
    assert [c.id for c in result.records] == contacts_on_page
    assert result.next_cursor == page["next"]
    assert params(route.calls[1])["contact_id"] == contacts_on_page


async def test_list_candidates_contact_spanning_pages_appears_on_one_page(adapter: LeverAdapter) -> None:
    older = expanded_opportunity("opp-old", "contact-x")
    older["createdAt"] = 1000
    newer = expanded_opportunity("opp-new", "contact-x")
    newer["createdAt"] = 2000
    other = expanded_opportunity("opp-y", "contact-y")
    pages = {None: [newer, other], "p2": [older]}

    def answer(request: httpx.Request) -> httpx.Response:
        wanted = request.url.params.get_list("contact_id")
        if wanted:
            everything = [newer, other, older]
            return ok({"data": [o for o in everything if o["contact"] in wanted], "hasNext": False})
        offset = request.url.params.get("offset")
        return ok(
            {"data": pages[offset], "hasNext": offset is None, "next": "p2" if offset is None else None}
        )

    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        reasons_route(mock)
        mock.get("/opportunities").mock(side_effect=answer)
        first = await adapter.list_candidates(ListQuery(page_size=1))
        second = await adapter.list_candidates(ListQuery(page_size=1, cursor=first.next_cursor))
    assert [c.id for c in first.records] == ["contact-y"]  # contact-x's oldest opportunity is on page 2
    assert [c.id for c in second.records] == ["contact-x"]
    assert second.records[0].application_ids == ("opp-old", "opp-new")


async def test_list_candidates_with_filters_checks_matching_opportunities(adapter: LeverAdapter) -> None:
    opp = expanded_opportunity()
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        reasons_route(mock)
        route = mock.get("/opportunities").mock(return_value=ok({"data": [opp], "hasNext": False}))
        flt = Filter(email="Nango-Seed-Candidate-1@example.com", job_id=POSTING)
        result = await adapter.list_candidates(ListQuery(flt))
    assert [c.id for c in result.records] == [CONTACT]
    assert route.call_count == 3
    listing, everything, matching = (params(c) for c in route.calls)
    assert listing["email"] == ["Nango-Seed-Candidate-1@example.com"]
    assert listing["posting_id"] == [POSTING]
    assert "email" not in everything
    assert everything["contact_id"] == [CONTACT]
    assert matching["email"] == listing["email"]
    assert matching["contact_id"] == [CONTACT]


# -- jobs, users, account-wide lists -----------------------------------------------------------
async def test_list_and_get_jobs(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        listing = mock.get("/postings").mock(return_value=ok(fixture("GET_postings.json")))
        one = mock.get(f"/postings/{POSTING}").mock(return_value=ok(fixture("GET_postings_id.json")))
        missing = mock.get("/postings/nope").mock(
            return_value=httpx.Response(404, json=fixture("ERROR_example.json"))
        )
        page = await adapter.list_jobs(
            ListQuery(Filter(updated_before=datetime(2026, 1, 1, tzinfo=UTC)), page_size=20)
        )
        found = await adapter.get_jobs([POSTING, "nope"])
    assert params(listing.calls.last) == {"updated_at_end": ["1767225599999"], "limit": ["20"]}
    assert len(page.records) == 6
    assert page.next_cursor is None
    assert found[0] is not None
    assert found[0].name == "Nango Seed Posting 1"
    assert found[1] is None
    assert one.call_count == missing.call_count == 1


async def test_users_include_deactivated_and_filter_by_email(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/users").mock(return_value=ok(fixture("GET_users.json")))
        page = await adapter.list_users(ListQuery(Filter(email="nango-seed-1@nango.dev")))
        mock.get("/users/be129d9b-50da-4485-9377-0d83e981f30b").mock(
            return_value=ok(fixture("GET_users_id.json"))
        )
        found = await adapter.get_users(["be129d9b-50da-4485-9377-0d83e981f30b"])
    assert params(route.calls.last) == {
        "includeDeactivated": ["true"],
        "email": ["nango-seed-1@nango.dev"],
        "limit": ["100"],
    }
    assert len(page.records) == 11
    assert found[0] is not None
    assert found[0].access_role == "interviewer"


async def test_stages_for_many_jobs_cost_one_call(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/stages").mock(return_value=ok(fixture("GET_stages.json")))
        by_job = await adapter.list_job_interview_stages_by_job_ids([f"job-{i}" for i in range(50)])
    assert route.call_count == 1
    assert [s.name for s in by_job["job-9"]][:2] == ["New lead", "Reached out"]


async def test_reject_reasons_are_non_hired_archive_reasons(adapter: LeverAdapter) -> None:
    data = fixture("GET_archive_reasons.json")
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/archive_reasons").mock(return_value=ok(data))
        page = await adapter.list_reject_reasons(ListQuery())
        found = await adapter.get_reject_reasons(
            ["c97322d4-a7f3-4008-948c-4f8e9c58d372", "0092d31b-502b-4f0d-b4da-3827e1a2991f"]
        )
    # the whole list, read once and kept: mapping applications needs the hired ones too
    assert route.call_count == 1
    assert params(route.calls[0]) == {"limit": ["100"]}
    assert len(page.records) == len([r for r in data["data"] if r["type"] == "non-hired"]) == 11
    assert found[0] is not None
    assert found[0].name == "Timing"
    assert found[1] is None


async def test_tags_by_candidate(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        opps = mock.get("/opportunities").mock(
            return_value=ok({"data": [expanded_opportunity()], "hasNext": False})
        )
        tags = mock.get("/tags").mock(return_value=ok(fixture("GET_tags.json")))
        by_candidate = await adapter.list_tags_by_candidate_ids([CONTACT, "nobody"])
    assert opps.call_count == tags.call_count == 1
    assert [t.id for t in by_candidate[CONTACT]][:2] == ["Nango Seed", "Nango Seed Posting 1"]
    assert by_candidate["nobody"] == []
