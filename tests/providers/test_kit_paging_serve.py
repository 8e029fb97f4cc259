"""Each paging scheme's client side (``request``/``next_cursor``) against its server side
(``serve``, what the simulators answer with): every item comes back exactly once, in order,
whatever the page size asked."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
import pytest

from providers.kit.paging import (
    BodyCursorPaging,
    LinkHeaderPaging,
    NextUrlPaging,
    OffsetPaging,
    PageNumberPaging,
    SyncTokenPaging,
)

ITEMS = [f"item-{n}" for n in range(23)]
SIZES = [1, 3, 7, 23, 50, 1000]


def _query(path: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(path).query))


@pytest.mark.parametrize("size", SIZES)
def test_link_header_page_numbers_round_trip(size: int) -> None:
    base = "https://harvest.example/proxy"
    paging = LinkHeaderPaging(base, max_size=10)
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(len(ITEMS) + 1):
        request = paging.request(cursor, size)
        params = _query(request.path) if request.path else request.params
        page, headers = paging.serve_numbered(f"{base}/v1/jobs", params, ITEMS, 100)
        seen.extend(page)
        cursor = paging.next_cursor(page, httpx.Response(200, headers=headers))
        if cursor is None:
            break
    assert seen == ITEMS


@pytest.mark.parametrize("size", SIZES)
def test_link_header_cursors_round_trip(size: int) -> None:
    base = "https://harvest.example"
    paging = LinkHeaderPaging(base, max_size=10)
    saved: dict[str, tuple[dict[str, str], int]] = {}

    def save(params: dict[str, str], start: int) -> str:
        saved[f"c{len(saved)}"] = (params, start)
        return f"c{len(saved) - 1}"

    seen: list[str] = []
    cursor: str | None = None
    for _ in range(len(ITEMS) + 1):
        request = paging.request(cursor, size)
        params, start = saved[_query(request.path)["cursor"]] if request.path else (request.params, 0)
        page, headers = paging.serve_cursor(f"{base}/v3/jobs", params, ITEMS, 100, start, save)
        seen.extend(page)
        cursor = paging.next_cursor(page, httpx.Response(200, headers=headers))
        if cursor is None:
            break
    assert seen == ITEMS
    assert all(set(_query(f"/v3/jobs?cursor={c}")) == {"cursor"} for c in saved)


def test_link_header_page_numbers_render_next_prev_and_last() -> None:
    paging = LinkHeaderPaging("https://h.example", max_size=500)
    page, headers = paging.serve_numbered(
        "https://h.example/v1/jobs", {"page": "2", "per_page": "5", "status": "open"}, ITEMS, 100
    )
    assert page == ITEMS[5:10]
    assert headers["Link"] == (
        '<https://h.example/v1/jobs?page=3&per_page=5&status=open>; rel="next", '
        '<https://h.example/v1/jobs?page=1&per_page=5&status=open>; rel="prev", '
        '<https://h.example/v1/jobs?page=5&per_page=5&status=open>; rel="last"'
    )
    _, uncounted = paging.serve_numbered("https://h.example/v1/jobs", {"skip_count": "true"}, ITEMS, 100)
    assert uncounted == {}


@pytest.mark.parametrize("size", SIZES)
def test_body_cursor_round_trip_with_the_providers_token(size: int) -> None:
    paging = BodyCursorPaging(max_size=10, next_field="next", more_field="hasNext", cursor_param="offset")
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(len(ITEMS) + 1):
        page, fields = paging.serve(
            paging.request(cursor, size).params,
            ITEMS,
            10,
            token=lambda end, page: f"{end}~{page[-1]}",  # an opaque token, as Lever's
            start_of=lambda token: int(token.split("~")[0]),
        )
        seen.extend(page)
        cursor = paging.next_cursor({"data": page, **fields})
        if cursor is None:
            break
    assert seen == ITEMS


@pytest.mark.parametrize("size", SIZES)
def test_sync_token_round_trip_puts_the_token_on_the_last_page_only(size: int) -> None:
    paging = SyncTokenPaging(
        BodyCursorPaging(10, "nextCursor", "moreDataAvailable", "cursor"),
        token_field="syncToken",
        token_param="s",
    )
    seen: list[str] = []
    tokens: list[str | None] = []
    cursor: str | None = None
    for _ in range(len(ITEMS) + 1):
        page, fields = paging.serve(paging.request(cursor, size).params, ITEMS, 10, "sync-1")
        seen.extend(page)
        tokens.append(paging.sync_token(fields))
        cursor = paging.next_cursor(fields)
        if cursor is None:
            break
    assert seen == ITEMS
    assert tokens[-1] == "sync-1"
    assert not any(tokens[:-1])


@pytest.mark.parametrize("size", SIZES)
def test_next_url_keyset_round_trip(size: int) -> None:
    base = "https://acme.workable.com"
    paging = NextUrlPaging(base, "/spi/v3", max_size=10, next_field=("paging", "next"))
    keyed = [(f"{n:04d}", item) for n, item in reversed(list(enumerate(ITEMS)))]  # served in key order
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(len(ITEMS) + 1):
        request = paging.request(cursor, size)
        params = _query(request.path) if request.path else {k: str(v) for k, v in request.params.items()}
        page, fields = paging.serve(f"{base}/spi/v3/candidates", params, keyed, 5)
        seen.extend(page)
        cursor = paging.next_cursor({"candidates": page, **fields})
        if cursor is None:
            assert "paging" not in fields  # no ``paging`` on the last page
            break
    assert seen == ITEMS


@pytest.mark.parametrize("size", SIZES)
def test_offset_round_trip(size: int) -> None:
    paging = OffsetPaging(max_size=10)
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(len(ITEMS) + 1):
        page, fields = paging.serve(paging.request(cursor, size).params, ITEMS, 10)
        seen.extend(page)
        cursor = paging.next_cursor({**fields, "items": list(page)})
        if cursor is None:
            break
    assert seen == ITEMS


def test_serve_refuses_what_it_cannot_read() -> None:
    with pytest.raises(ValueError, match="invalid literal"):
        OffsetPaging(max_size=10).serve({"limit": "many"}, ITEMS, 10)
    with pytest.raises(ValueError, match="invalid literal"):
        LinkHeaderPaging("https://h.example", 10).serve_numbered("u", {"page": "x"}, ITEMS, 10)


@pytest.mark.parametrize("size", [["x"], {"a": 1}, float("inf")])
def test_a_json_body_size_that_is_no_integer_is_refused_as_text_is(size: object) -> None:
    """An RPC body's ``limit`` is JSON: a list, an object or an infinity is refused with the
    ``ValueError`` that text which is no number raises, which the simulators answer as a 4xx."""
    with pytest.raises(ValueError, match="limit: no page size"):
        OffsetPaging(max_size=10).serve({"limit": size}, ITEMS, 10)


@pytest.mark.parametrize("size", SIZES)
def test_page_numbers_round_trip(size: int) -> None:
    paging = PageNumberPaging(max_size=10)
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(len(ITEMS) + 2):
        params = paging.request(cursor, size).params
        page = paging.serve(params, ITEMS, 10)
        seen.extend(page)
        url = f"https://h.example/x?{urlencode(params)}"
        cursor = paging.next_cursor(list(page), httpx.Response(200, request=httpx.Request("GET", url)))
        if cursor is None:
            break
    assert seen == ITEMS
