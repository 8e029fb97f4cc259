"""``kit/sorting.py``: the ``sort`` parameter, as declared."""

from __future__ import annotations

from providers.kit.sorting import sort_params
from providers.query import Sort, SortField


def test_every_sort_is_declared_with_a_minus_for_descending() -> None:
    sorts = sort_params()
    assert sorts[Sort(SortField.CREATED_AT)] == {"sort": "created_at"}
    assert sorts[Sort(SortField.UPDATED_AT, descending=True)] == {"sort": "-updated_at"}
    assert len(sorts) == 2 * len(SortField)
    dashed = sort_params("order", lambda f: f.value.replace("_", "-"))
    assert dashed[Sort(SortField.CREATED_AT, descending=True)] == {"order": "-created-at"}
