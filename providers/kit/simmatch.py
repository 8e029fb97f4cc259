"""Query parameters a simulated listing matches its items against, as many providers define
them: a repeated parameter is a union (``?tag=a&tag=b``: either), and a pair of parameters
bounds a number inclusively (``?created_at_start=..&created_at_end=..``, epoch milliseconds)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from starlette.requests import Request

from .resources import Param
from .simserver import read_filter


def any_of(request: Request, name: str, values: Iterable[Any]) -> bool:
    """No ``name`` asked, or one of ``values`` is among those asked (all of its repeats)."""
    wanted = request.query_params.getlist(name)
    return not wanted or any(v in wanted for v in values)


def within(request: Request, lower: str, upper: str, value: int | None, *, none_passes: bool = False) -> bool:
    """``lower`` <= ``value`` <= ``upper`` for the integer bounds asked (absent or empty:
    unbounded; not an integer: ``simserver.UnreadableParam``). A missing value passes only when
    neither bound is asked, or when ``none_passes``."""
    start, end = _bound(request, lower), _bound(request, upper)
    if value is None:
        return none_passes or (start is None and end is None)
    return (start is None or value >= start) and (end is None or value <= end)


def _bound(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name)
    return None if raw is None else read_filter(Param(name, parse=int), raw)
