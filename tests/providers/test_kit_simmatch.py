"""``providers/kit/simmatch.py``: union and inclusive-range query parameters of a simulator."""

from __future__ import annotations

from starlette.requests import Request

from providers.kit.simmatch import any_of, within


def asking(query: str) -> Request:
    return Request(
        {"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": query.encode()}
    )


def test_a_repeated_parameter_is_a_union() -> None:
    r = asking("tag=a&tag=b")
    assert any_of(r, "tag", ["x", "b"])
    assert not any_of(r, "tag", ["x"])
    assert not any_of(r, "tag", [])
    assert any_of(r, "other", [])  # not asked: everything matches


def test_bounds_are_inclusive_and_a_missing_value_passes_only_unbounded() -> None:
    r = asking("at_start=10&at_end=20")
    assert within(r, "at_start", "at_end", 10)
    assert within(r, "at_start", "at_end", 20)
    assert not within(r, "at_start", "at_end", 21)
    assert not within(r, "at_start", "at_end", None)
    assert within(r, "at_start", "at_end", None, none_passes=True)
    assert within(asking(""), "at_start", "at_end", None)
    assert within(asking("at_end=5"), "at_start", "at_end", -3)
