"""``kit/sorting.py``: the ``sort`` parameter, declared and served."""

from __future__ import annotations

from typing import Any

from providers.kit.sorting import sort_params, sorted_by_param
from providers.query import Sort, SortField


def test_every_sort_is_declared_with_a_minus_for_descending() -> None:
    sorts = sort_params()
    assert sorts[Sort(SortField.CREATED_AT)] == {"sort": "created_at"}
    assert sorts[Sort(SortField.UPDATED_AT, descending=True)] == {"sort": "-updated_at"}
    assert len(sorts) == 2 * len(SortField)
    dashed = sort_params("order", lambda f: f.value.replace("_", "-"))
    assert dashed[Sort(SortField.CREATED_AT, descending=True)] == {"order": "-created-at"}


def test_the_server_sorts_by_the_field_without_a_value_last() -> None:
    rows: list[dict[str, Any]] = [{"n": 2}, {"n": None}, {"n": 1}]

    def value(r: dict[str, Any], field: str) -> Any:
        return r[field]

    assert [r["n"] for r in sorted_by_param(rows, "n", value)] == [1, 2, None]
    assert [r["n"] for r in sorted_by_param(rows, "-n", value)] == [None, 2, 1]
    assert sorted_by_param(rows, None, value) == rows
    assert sorted_by_param(rows, "", value) == rows
