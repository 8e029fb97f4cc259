"""The ``sort`` query parameter most REST and JSON:API servers take (``sort=created_at``,
``sort=-created_at`` for descending), as an adapter declares it."""

from __future__ import annotations

from collections.abc import Callable

from ..query import Sort, SortField


def sort_params(
    param: str = "sort", name: Callable[[SortField], str] = lambda f: f.value
) -> dict[Sort, dict[str, str]]:
    """Every unified sort as ``param``: the field's ``name``, prefixed ``-`` when descending
    (``Endpoints.sorts``)."""
    return {Sort(f, d): {param: f"{'-' if d else ''}{name(f)}"} for f in SortField for d in (False, True)}
