"""Keyset windows: what a simulator renders of a ``since_id`` page."""

from __future__ import annotations

from providers.kit.keyset import Keyset

KEYSET = Keyset(default_size=2, max_size=3)
KEYED = [("c", 3), ("a", 1), ("d", 4), ("b", 2)]


def test_size_is_clamped_and_an_unreadable_one_is_the_default() -> None:
    assert [KEYSET.size(p) for p in ({}, {"limit": "9"}, {"limit": "0"}, {"limit": "x"}, {"limit": ""})] == [
        2,
        3,
        1,
        2,
        2,
    ]
    assert KEYSET.params({"limit": "x", "q": "1"}) == {"limit": "2", "q": "1"}


def test_window_starts_at_the_key_and_reads_one_past_the_page() -> None:
    rendered: list[int] = []

    def render(n: int) -> str:
        rendered.append(n)
        return f"#{n}"

    assert KEYSET.window({}, KEYED, render) == [("a", "#1"), ("b", "#2"), ("c", "#3")]
    assert KEYSET.window({"since_id": "b", "limit": "1"}, KEYED, render) == [("b", "#2"), ("c", "#3")]
    assert rendered == [1, 2, 3, 2, 3]  # "d" was never rendered
