"""The cost of one page of a root listing, for a provider's minimum-call model
(``CallModel.list_cost``), where a page costs more than one request: a listing read in upstream
pages of a fixed size, counted over the page's nodes or over one relationship of them."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from ..calls import ListCost


def upstream_pages(
    size: int, *, of: str | None = None, requests_per_page: int = 1, numbered: bool = False
) -> ListCost:
    """Upstream pages of ``size`` covering the page's nodes (``of``: the records of that
    relationship of theirs, such as ``"applications"``), at least one; each page costs
    ``requests_per_page`` requests one after another, so as many rounds (``numbered``: pages
    named by their number, which could all be asked at once: one round)."""

    def cost(nodes: Sequence[Mapping[str, Any]]) -> tuple[int, int]:
        count = len(nodes) if of is None else sum(len(n.get(of) or ()) for n in nodes)
        n = requests_per_page * max(1, math.ceil(count / size))
        return n, 1 if numbered else n

    return cost
