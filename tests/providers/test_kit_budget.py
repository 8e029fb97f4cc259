"""``providers/kit/budget.py``: a per-parent fan-out that cannot fit the operation's budget is
refused before its first call, saying how many parents fit."""

from __future__ import annotations

import pytest

from providers.errors import UpstreamBudgetExceeded
from providers.http import CallContext
from providers.kit.budget import ensure_affordable, how_many_fit, requests_left
from providers.metering import UpstreamMeter, current_meter

CTX = CallContext("example", "conn", "attachment", "by candidate")


def afford(costs: list[int]) -> None:
    ensure_affordable(
        costs, what="candidates", per="2 requests per folder", ctx=CTX, upstream="Example", unit="folders"
    )


def test_how_many_fit_counts_the_parents_taken_in_order() -> None:
    assert how_many_fit([2, 4, 2, 2], 8) == 3
    assert how_many_fit([2, 4, 2, 2], 5) == 1
    assert how_many_fit([6], 5) == 0
    assert how_many_fit([], 5) == 0


def test_without_a_budget_everything_is_affordable() -> None:
    assert requests_left() is None
    afford([1000])


def test_a_fan_out_over_the_budget_is_refused_with_what_fits() -> None:
    token = current_meter.set(UpstreamMeter(budget=10, requests=3))
    try:
        assert requests_left() == 7
        afford([2, 2, 2, 1])  # exactly what is left
        with pytest.raises(UpstreamBudgetExceeded) as refused:
            afford([2, 4, 2])
        message = refused.value.message
        assert message.startswith("Example has no call for the attachment records of several folders")
        assert "it takes 2 requests per folder" in message
        assert "these 3 candidates need 8 upstream requests and this operation has 7 left" in message
        assert "the first 2 fit" in message
        assert "first: 2" in message
        assert refused.value.provider == "example"
        assert refused.value.resource == "attachment"
        with pytest.raises(UpstreamBudgetExceeded, match="none fit"):
            afford([8])
    finally:
        current_meter.reset(token)
