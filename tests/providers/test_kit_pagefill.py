"""``providers/kit/pagefill.py``: a page filled from upstream pages of another size."""

from __future__ import annotations

from providers.cache import Cached
from providers.kit.pagefill import Upstream, fill_page
from providers.kit.paging import split_partial_cursor
from providers.records import TagRecord

# three upstream pages, the middle one empty (filtered away)
PAGES: dict[str | None, Upstream[TagRecord]] = {
    None: ([TagRecord(id=f"a{i}", remote_id=None) for i in range(3)], "t2"),
    "t2": ([], "t3"),
    "t3": ([TagRecord(id=f"c{i}", remote_id=None) for i in range(4)], None),
}


class Upstream3:
    def __init__(self) -> None:
        self.reads: list[str | None] = []

    async def __call__(self, token: str | None) -> Upstream[TagRecord]:
        self.reads.append(token)
        return PAGES[token]


def ids(records: list[TagRecord]) -> list[str]:
    return [r.id for r in records]


async def test_pages_are_read_until_the_page_is_full_and_resume_inside_one() -> None:
    read = Upstream3()
    first = await fill_page(read, None, 5)
    assert ids(first.records) == ["a0", "a1", "a2", "c0", "c1"]
    assert split_partial_cursor(first.next_cursor) == ("t3", 2)
    rest = await fill_page(read, first.next_cursor, 5)
    assert ids(rest.records) == ["c2", "c3"]
    assert rest.next_cursor is None
    assert read.reads == [None, "t2", "t3", "t3"]  # nothing kept: the partial page is read again


async def test_a_partly_returned_page_is_kept_for_its_scope() -> None:
    read, kept = Upstream3(), Cached[str, Upstream[TagRecord]](60.0)
    first = await fill_page(read, None, 2, kept=kept, scope={"f": 1})
    assert ids(first.records) == ["a0", "a1"]
    second = await fill_page(read, first.next_cursor, 2, kept=kept, scope={"f": 1})
    assert ids(second.records) == ["a2", "c0"]
    assert split_partial_cursor(second.next_cursor) == ("t3", 1)
    assert read.reads == [None, "t2", "t3"]  # the first page's rest came from ``kept``
    await fill_page(read, first.next_cursor, 2, kept=kept, scope={"f": 2})  # another scope
    assert read.reads == [None, "t2", "t3", None, "t2", "t3"]


async def test_at_most_max_reads_pages_are_read() -> None:
    read = Upstream3()
    page = await fill_page(read, None, 10, max_reads=2)
    assert ids(page.records) == ["a0", "a1", "a2"]
    assert page.next_cursor == "t3"
    assert read.reads == [None, "t2"]
