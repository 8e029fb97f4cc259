"""Reads the Lever adapter avoids: a listing page resumed inside, account lists asked for at
several depths or concurrently, a contact's opportunities under a candidate just read, and
archive reasons when nothing is archived."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import respx

from providers.errors import ProviderNotFound
from providers.lever import LeverAdapter
from providers.query import ListQuery
from providers.records import ApplicationRecord

from .conftest import BASE, fixture, make_adapter
from .respx_support import ok, params, reasons_route

pytestmark = pytest.mark.shared


def _contacts_answer(mock: respx.MockRouter, page: dict[str, Any]) -> respx.Route:
    data = page["data"]

    def answer(request: httpx.Request) -> httpx.Response:
        wanted = request.url.params.get_list("contact_id")
        if wanted:
            return ok({"data": [o for o in data if o["contact"] in wanted], "hasNext": False})
        return ok(page)

    return mock.get("/opportunities").mock(side_effect=answer)


async def test_a_page_resumed_inside_is_not_read_again(adapter: LeverAdapter) -> None:
    page = fixture("GET_opportunities.json")
    contacts = list(dict.fromkeys(o["contact"] for o in page["data"]))
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        reasons_route(mock)
        route = _contacts_answer(mock, page)
        first = await adapter.list_candidates(ListQuery(page_size=30))
        second = await adapter.list_candidates(ListQuery(page_size=30, cursor=first.next_cursor))
        assert route.call_count == 2  # the listing page and its contacts, once for both pages
        again = await adapter.list_candidates(ListQuery(page_size=30))
    assert [c.id for c in first.records] == contacts[:30]
    assert [c.id for c in second.records] == contacts[30:60]
    assert first.next_cursor != page["next"]  # inside the listing page, not after it
    assert again.records == first.records
    assert route.call_count == 4  # a query from the start reads afresh


async def test_a_page_resumed_inside_by_another_adapter_skips_what_was_returned(
    client: httpx.AsyncClient,
) -> None:
    page = fixture("GET_opportunities.json")
    page["hasNext"] = False
    contacts = list(dict.fromkeys(o["contact"] for o in page["data"]))
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        reasons_route(mock)
        route = _contacts_answer(mock, page)
        first = await make_adapter(client).list_candidates(ListQuery(page_size=90))
        rest = await make_adapter(client).list_candidates(ListQuery(page_size=90, cursor=first.next_cursor))
    assert [c.id for c in first.records + rest.records] == contacts
    assert rest.next_cursor is None
    assert route.call_count == 4  # the second adapter keeps nothing: it reads the page again
    assert "offset" not in params(route.calls[2])


async def test_full_listing_pages_fill_one_page_of_candidates(adapter: LeverAdapter) -> None:
    last = fixture("GET_opportunities.page_last.json")
    first = fixture("GET_opportunities.json")
    first["data"] = first["data"][:60]
    pages = {None: first, first["next"]: last}
    everything = first["data"] + last["data"]

    def answer(request: httpx.Request) -> httpx.Response:
        wanted = request.url.params.get_list("contact_id")
        if wanted:
            return ok({"data": [o for o in everything if o["contact"] in wanted], "hasNext": False})
        return ok(pages[request.url.params.get("offset")])

    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        reasons_route(mock)
        route = mock.get("/opportunities").mock(side_effect=answer)
        result = await adapter.list_candidates(ListQuery(page_size=100))
    assert len(result.records) == len({o["contact"] for o in everything}) < 100
    assert result.next_cursor is None
    assert [params(c)["limit"] for c in route.calls if "contact_id" not in params(c)] == [["100"], ["100"]]


async def test_concurrent_and_later_stage_reads_share_one_request(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/stages").mock(return_value=ok(fixture("GET_stages.json")))
        by_job, listed = await asyncio.gather(
            adapter.list_job_interview_stages_by_job_ids(["j1", "j2"]),
            adapter.list_job_interview_stages(ListQuery()),
        )
        again = await adapter.get_job_interview_stages([listed.records[0].id])
    assert route.call_count == 1
    assert by_job["j1"] == listed.records
    assert again == [listed.records[0]]


async def test_a_failed_account_read_is_not_kept(adapter: LeverAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = mock.get("/stages").mock(
            side_effect=[
                httpx.Response(404, json=fixture("ERROR_example.json")),
                ok(fixture("GET_stages.json")),
            ]
        )
        with pytest.raises(ProviderNotFound):
            await adapter.list_job_interview_stages(ListQuery())
        page = await adapter.list_job_interview_stages(ListQuery())
    assert route.call_count == 2
    assert len(page.records) == 11


async def test_children_of_a_candidate_just_read_reuse_its_opportunities(adapter: LeverAdapter) -> None:
    page = fixture("GET_opportunities.json")
    contact = page["data"][0]["contact"]
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        route = _contacts_answer(mock, page)
        mock.get(url__regex=r"/v1/opportunities/[^/]+/(files|resumes)\?").mock(
            return_value=ok({"data": [], "hasNext": False})
        )
        [candidate] = await adapter.get_candidates([contact])
        attachments = await adapter.list_attachments_by_candidate_ids([contact])
        again = await adapter.get_candidates([contact])
    assert candidate is not None
    assert again == [candidate]
    assert attachments == {contact: []}
    # the by-id read, then the root read again (root reads are always fresh): never for children
    assert route.call_count == 2


async def test_archive_reasons_are_read_only_for_archived_opportunities(adapter: LeverAdapter) -> None:
    page = fixture("GET_opportunities.json")
    page["data"] = [o for o in page["data"] if not o.get("archived")]
    page["hasNext"] = False
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        _contacts_answer(mock, page)
        result = await adapter.list_candidates(ListQuery(page_size=100))
    assert result.records
    apps = [a for c in result.records for a in c.embedded if isinstance(a, ApplicationRecord)]
    assert apps
    assert all(a.rejected_at is None for a in apps)
