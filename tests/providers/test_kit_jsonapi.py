"""The kit's JSON:API pieces a provider's own tests do not reach: page numbers without a next
link (``CountedPages``), client and server side together."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from providers.kit.jsonapi import CountedPages, split

PAGING = CountedPages(max_size=100, default_size=20)


def answered(params: dict[str, str], count: int) -> tuple[dict[str, Any], httpx.Response]:
    request = httpx.Request("GET", "https://x.example/api/v1/jobs", params=params)
    body = {"data": [{"id": str(i), "type": "jobs"} for i in range(count)]}
    return body, httpx.Response(200, json=body, request=request)


def test_a_full_page_points_at_the_next_number_with_the_same_size() -> None:
    sent = PAGING.request(None, 3).params
    assert sent == {"page[number]": 1, "page[size]": 3}
    body, response = answered({k: str(v) for k, v in sent.items()}, 3)
    cursor = PAGING.next_cursor(body, response)
    assert cursor == "2:3"
    # the size travels in the cursor: a later page asked with another size keeps the numbering
    assert PAGING.request(cursor, 50).params == {"page[number]": 2, "page[size]": 3}


def test_a_short_page_is_the_last_and_a_bare_first_page_uses_the_default_size() -> None:
    body, response = answered({"page[number]": "4", "page[size]": "3"}, 2)
    assert PAGING.next_cursor(body, response) is None
    body, response = answered({}, 20)
    assert PAGING.next_cursor(body, response) == "2:20"
    assert PAGING.next_cursor({"errors": []}, response) is None


def test_sizes_are_clamped_and_the_server_serves_the_numbered_slice() -> None:
    assert PAGING.request(None, 5000).params["page[size]"] == 100
    items = list(range(7))
    assert PAGING.serve({"page[number]": "2", "page[size]": "3"}, items) == [3, 4, 5]
    assert PAGING.serve({"page[number]": "3", "page[size]": "3"}, items) == [6]
    assert PAGING.serve({}, items) == items
    with pytest.raises(ValueError, match="start at 1"):
        PAGING.serve({"page[number]": "0"}, items)


def test_split_gives_each_item_the_shared_included_index() -> None:
    body = {"data": [{"id": "1", "type": "a"}], "included": [{"id": 2, "type": "b"}]}
    (doc,) = split(body)
    assert doc["included"] == {("b", "2"): {"id": 2, "type": "b"}}
    assert split({"data": {"id": "1"}}) is None


def test_an_included_object_without_an_id_is_left_out_of_the_index() -> None:
    """Side-posted objects carry a ``temp-id`` instead (Pinpoint's POST /applications)."""
    (doc,) = split({"data": [{"id": "1", "type": "a"}], "included": [{"type": "answers", "temp-id": "1"}]})
    assert doc["included"] == {}
