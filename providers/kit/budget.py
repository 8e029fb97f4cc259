"""Refusing a per-parent fan-out that cannot finish within the operation's budget.

Some providers have no endpoint returning a child resource for several parents: each costs
one request (or more) per parent. Forty candidates with about sixty parents each read one by
one can cost more than the default per-operation budget of 100. Started anyway, the fan-out
would spend the whole budget to answer some records and fail the others; refused up front, it
spends nothing and says how many records fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from ..errors import UpstreamBudgetExceeded
from ..http import CallContext
from ..metering import current_meter


def requests_left() -> int | None:
    """Requests the current operation may still send; None when it has no budget."""
    meter = current_meter.get()
    if meter is None or meter.budget is None:
        return None
    return max(0, meter.budget - meter.requests)


def how_many_fit(costs: Sequence[int], left: int) -> int:
    """How many of the parents, taken in order, can be read with ``left`` requests."""
    return sum(1 for total in accumulate(costs) if total <= left)


def ensure_affordable(
    costs: Sequence[int], *, what: str, per: str, ctx: CallContext, upstream: str, unit: str
) -> None:
    """Raise ``UpstreamBudgetExceeded`` before any call when reading the parents whose
    request counts are ``costs`` would overrun the operation's budget. ``what`` names the
    parents (``"candidates"``), ``per`` the price (``"2 requests per opportunity"``),
    ``upstream`` the provider's title and ``unit`` what it reads one at a time
    (``"opportunities"``).

    A best effort: reads running concurrently in the same operation can still use up the
    budget first, and are then stopped by the meter itself."""
    left = requests_left()
    needed = sum(costs)
    if left is None or needed <= left:
        return
    fit = how_many_fit(costs, left)
    advice = (
        f"the first {fit} fit: ask for at most {fit} (e.g. first: {fit}), or raise "
        "[upstream] operation_budget"
        if fit
        else "none fit: split the query, or raise [upstream] operation_budget"
    )
    raise ctx.error(
        UpstreamBudgetExceeded,
        f"{upstream} has no call for the {ctx.resource} records of several {unit}, it takes {per}: "
        f"these {len(costs)} {what} need {needed} upstream requests and this operation has {left} "
        f"left of its budget; {advice}",
    )
