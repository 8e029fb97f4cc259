"""The ``sort`` query parameter most REST and JSON:API servers take (``sort=created_at``,
``sort=-created_at`` for descending): the adapter's declaration of it, and its simulator's
side."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from ..query import Sort, SortField

T = TypeVar("T")


def sort_params(
    param: str = "sort", name: Callable[[SortField], str] = lambda f: f.value
) -> dict[Sort, dict[str, str]]:
    """Every unified sort as ``param``: the field's ``name``, prefixed ``-`` when descending
    (``Endpoints.sorts``)."""
    return {Sort(f, d): {param: f"{'-' if d else ''}{name(f)}"} for f in SortField for d in (False, True)}


def sorted_by_param(records: Iterable[T], sort: str | None, value: Callable[[T, str], Any]) -> Sequence[T]:
    """The server side: ``records`` in the order ``sort`` asks, by ``value(record, field)``,
    records without a value last (``-field``: the whole order reversed); unsorted without one."""
    if not sort:
        return list(records)
    field = sort.lstrip("-")
    out = sorted(records, key=lambda r: (value(r, field) is None, value(r, field) or 0))
    return out[::-1] if sort.startswith("-") else out
