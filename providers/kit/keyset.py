"""The server side of keyset pages (``limit`` plus ``since_id``: the page starts at the first
key from there on) for a simulator that renders only what a page reads: the window of the
``(key, record)`` pairs from the key asked, one past the page (its key is the next page's
``since_id``), so that a request's cost follows its page, not the account. ``SimServer.page``
then pages the window as the adapter's ``NextUrlPaging`` reads it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from .paging import clamp_size

T = TypeVar("T")


@dataclass(frozen=True)
class Keyset:
    """Keyset pages of at most ``max_size``, ``default_size`` when the request asks none."""

    default_size: int
    max_size: int
    size_param: str = "limit"
    key_param: str = "since_id"

    def size(self, params: Mapping[str, str]) -> int:
        """The page size asked, clamped; a size that is not a number is the default (as
        providers answer one they cannot read, rather than refusing it)."""
        try:
            return clamp_size(int(params.get(self.size_param, self.default_size)), self.max_size)
        except ValueError:
            return self.default_size

    def params(self, params: Mapping[str, str]) -> dict[str, str]:
        """The request's parameters with the size as it is served (for ``SimServer.page``)."""
        return {**params, self.size_param: str(self.size(params))}

    def window(
        self, params: Mapping[str, str], keyed: Sequence[tuple[str, T]], render: Callable[[T], Any]
    ) -> list[tuple[str, Any]]:
        """The pairs of ``keyed`` from the key asked on, in key order, up to one past the page,
        each record rendered (the others never are)."""
        ordered = sorted(keyed, key=lambda pair: pair[0])
        since = params.get(self.key_param)
        if since:
            ordered = [pair for pair in ordered if pair[0] >= since]
        return [(key, render(record)) for key, record in ordered[: self.size(params) + 1]]
