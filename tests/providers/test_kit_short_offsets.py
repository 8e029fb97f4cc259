"""Offset paging when the answer may omit its offset and total (``kit/short_offsets.py``)."""

from __future__ import annotations

import httpx

from providers.kit.short_offsets import ShortPageOffsetPaging


def _answer(url: str) -> httpx.Response:
    return httpx.Response(200, request=httpx.Request("GET", url))


def test_with_a_total_it_stops_at_the_total() -> None:
    paging = ShortPageOffsetPaging(
        100, offset_field="offset", total_field="totalFound", items_field="content"
    )
    assert paging.next_cursor({"offset": 0, "totalFound": 25, "content": list(range(10))}) == "10"
    assert paging.next_cursor({"offset": 20, "totalFound": 25, "content": list(range(5))}) is None
    assert paging.next_cursor({"offset": 0, "totalFound": 25, "content": []}) is None
    assert paging.next_cursor(["not", "a", "mapping"]) is None


def test_without_offset_or_total_a_full_page_may_be_followed_by_another() -> None:
    paging = ShortPageOffsetPaging(100, items_field="content")
    full = _answer("https://api.test/users?limit=2&offset=4")
    assert paging.next_cursor({"content": [1, 2]}, full) == "6"
    assert paging.next_cursor({"content": [1]}, full) is None  # a short page is the last
    assert paging.next_cursor({"content": []}, full) is None
    # no size sent: the largest page is the one to fill
    assert paging.next_cursor({"content": list(range(100))}, _answer("https://api.test/users")) == "100"
    assert paging.next_cursor({"content": list(range(99))}, _answer("https://api.test/users")) is None


def test_the_items_are_the_first_list_unless_named() -> None:
    paging = ShortPageOffsetPaging(2)
    assert paging.next_cursor({"limit": 2, "rows": [1, 2]}) == "2"
    assert paging.request("4", 10).params == {"limit": 2, "offset": 4}
