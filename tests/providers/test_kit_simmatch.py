"""``providers/kit/simmatch.py``: union and inclusive-range query parameters of a simulator."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from providers.kit.simmatch import any_of, within
from providers.kit.simserver import UnreadableParam


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


def test_a_bound_that_is_no_integer_is_the_clients_error_and_an_empty_one_no_bound() -> None:
    with pytest.raises(UnreadableParam, match="at_start: cannot read 'soon'"):
        within(asking("at_start=soon"), "at_start", "at_end", 10)
    with pytest.raises(UnreadableParam):  # refused whatever the record, even one with no value
        within(asking("at_end=later"), "at_start", "at_end", None, none_passes=True)
    assert within(asking("at_start=&at_end=20"), "at_start", "at_end", 10)
