"""The kit's paging schemes: the request for a page and the cursor of the page after it."""

from __future__ import annotations

import httpx

from providers.kit.paging import (
    BodyCursorPaging,
    LinkHeaderPaging,
    NextUrlPaging,
    OffsetPaging,
    PageNumberPaging,
    PageRequest,
    SyncTokenPaging,
    is_path_cursor,
    partial_cursor,
    split_partial_cursor,
)

BASE = "https://harvest.example/proxy"


def test_link_header_paging_replays_the_next_path_on_the_connection_base_url() -> None:
    paging = LinkHeaderPaging(BASE, max_size=500)
    assert paging.request(None, 9999) == PageRequest(None, {"per_page": "500"})
    assert paging.request("/v1/jobs?page=2", 10) == PageRequest("/v1/jobs?page=2")
    link = f'<{BASE}/v1/jobs?page=2&per_page=10>; rel="next", <{BASE}/v1/jobs?page=9>; rel="last"'
    response = httpx.Response(200, headers={"Link": link})
    assert paging.next_cursor(None, response) == "/v1/jobs?page=2&per_page=10"
    elsewhere = httpx.Response(200, headers={"Link": '<https://other.example/v3/jobs?cursor=x>; rel="next"'})
    assert paging.next_cursor(None, elsewhere) == "/v3/jobs?cursor=x"
    assert paging.next_cursor(None, httpx.Response(200)) is None


def test_body_cursor_paging_sends_the_token_back() -> None:
    paging = BodyCursorPaging(max_size=100, next_field="next", more_field="hasNext", cursor_param="offset")
    assert paging.request(None, 0) == PageRequest(None, {"limit": 1})
    assert paging.request("tok", 50) == PageRequest(None, {"limit": 50, "offset": "tok"})
    assert paging.next_cursor({"data": [], "hasNext": True, "next": "tok2"}) == "tok2"
    assert paging.next_cursor({"data": [], "hasNext": False, "next": "tok2"}) is None
    assert paging.next_cursor([{"id": 1}]) is None  # a bare array is one page


def test_next_url_paging_keeps_the_path_under_the_api_root() -> None:
    paging = NextUrlPaging("http://sim.test/spi/v3", "/spi/v3", 100, ("paging", "next"))
    assert paging.request(None, 500) == PageRequest(None, {"limit": 100})
    body = {"candidates": [], "paging": {"next": "https://acme.workable.com/spi/v3/candidates?since_id=a1"}}
    assert paging.next_cursor(body) == "/candidates?since_id=a1"
    assert paging.next_cursor({"candidates": []}) is None
    assert paging.next_cursor({"paging": {"next": "https://x.test/elsewhere"}}) is None


def test_offset_paging_stops_at_the_total() -> None:
    paging = OffsetPaging(max_size=100)
    assert paging.request("200", 10) == PageRequest(None, {"limit": 10, "offset": 200})
    assert paging.next_cursor({"offset": 0, "total": 25, "items": list(range(10))}) == "10"
    assert paging.next_cursor({"offset": 20, "total": 25, "items": list(range(5))}) is None


def test_sync_token_paging_pages_by_cursor_and_reads_the_last_page_token() -> None:
    pages = BodyCursorPaging(100, "nextCursor", "moreDataAvailable", "cursor")
    paging = SyncTokenPaging(pages, token_field="syncToken", token_param="syncToken")
    assert paging.max_size == 100
    assert paging.request("c1", 5).params == {"limit": 5, "cursor": "c1"}
    assert paging.next_cursor({"moreDataAvailable": True, "nextCursor": "c2"}) == "c2"
    assert paging.sync_token({"moreDataAvailable": False, "syncToken": "s1"}) == "s1"


def test_partial_page_cursors_and_path_cursor_checks() -> None:
    assert split_partial_cursor(partial_cursor("tok", 7)) == ("tok", 7)
    assert split_partial_cursor(partial_cursor(None, 3)) == (None, 3)
    assert split_partial_cursor("tok") == ("tok", 0)
    assert split_partial_cursor(None) == (None, 0)
    assert is_path_cursor("/v1/jobs?page=2")
    for forged in ("https://evil.test/x", "//evil.test/x", "/../x", "jobs"):
        assert not is_path_cursor(forged)


def test_page_number_paging_stops_at_a_short_page() -> None:
    paging = PageNumberPaging(max_size=100, page_param="current_page", size_param="items_per_page")
    assert paging.request(None, 500) == PageRequest(None, {"current_page": 1, "items_per_page": 100})
    assert paging.request("3:20", 50) == PageRequest(None, {"current_page": 3, "items_per_page": 20})

    def answered(url: str) -> httpx.Response:
        return httpx.Response(200, request=httpx.Request("GET", url))

    full = answered("https://rf.example/x?current_page=2&items_per_page=2")
    assert paging.next_cursor([1, 2], full) == "3:2"
    assert paging.next_cursor({"data": [1, 2], "total_items": 9}, full) == "3:2"
    assert paging.next_cursor([1], full) is None
    # no size asked: the API's default size is unknown, so the page is the only one
    assert paging.next_cursor([1, 2], answered("https://rf.example/x")) is None
