"""Refusing a per-opportunity fan-out that cannot finish within the operation's budget.

Lever has no endpoint returning interviews, feedback, notes, offers, files or resumes for
several opportunities: each costs one request per opportunity, attachments two (``/files``
and ``/resumes``; ``expand`` offers neither). Forty candidates hold about sixty
opportunities, so their attachments alone are ~120 requests, over the default per-operation
budget of 100. Started anyway, the fan-out would spend the whole budget (and ~10 s of
Lever's 10 requests/s) to answer some records and fail the others; refused up front, it
spends nothing and says how many records fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from providers.errors import UpstreamBudgetExceeded
from providers.http import CallContext
from providers.metering import current_meter


def requests_left() -> int | None:
    """Requests the current operation may still send; None when it has no budget."""
    meter = current_meter.get()
    if meter is None or meter.budget is None:
        return None
    return max(0, meter.budget - meter.requests)


def how_many_fit(costs: Sequence[int], left: int) -> int:
    """How many of the parents, taken in order, can be read with ``left`` requests."""
    return sum(1 for total in accumulate(costs) if total <= left)


def ensure_affordable(costs: Sequence[int], *, what: str, per: str, ctx: CallContext) -> None:
    """Raise ``UpstreamBudgetExceeded`` before any call when reading the parents whose
    request counts are ``costs`` would overrun the operation's budget. ``what`` names the
    parents (``"candidates"``), ``per`` the price (``"2 requests per opportunity"``).

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
        f"Lever has no call for the {ctx.resource} records of several opportunities, it takes {per}: "
        f"these {len(costs)} {what} need {needed} upstream requests and this operation has {left} "
        f"left of its budget; {advice}",
    )
