"""Upstream discipline: deadlines, retries, rate limits, circuit breaker, budgets.

``policy`` (the ``[upstream]`` knobs and providers' documented ``RateLimit``), ``limiter``,
``breaker`` and ``retry`` hold the mechanisms, ``state`` where their shared state lives,
``guard`` one connection's set of them, and ``binding`` attaches them to an adapter.
``providers/http.py`` applies them to every attempt; ``providers/metering.py`` holds the
per-operation budget and deadline.
"""

from __future__ import annotations

import time

from ..metering import UpstreamMeter
from .clock import SYSTEM_CLOCK, Clock, SystemClock
from .policy import RateLimit, UpstreamPolicy
from .state import InProcessState, SharedState, state_key

__all__ = [
    "SYSTEM_CLOCK",
    "Clock",
    "InProcessState",
    "RateLimit",
    "SharedState",
    "SystemClock",
    "UpstreamPolicy",
    "operation_meter",
    "state_key",
]


def operation_meter(policy: UpstreamPolicy) -> UpstreamMeter:
    """The meter of one GraphQL operation: its request budget and deadline start now."""
    return UpstreamMeter(
        budget=policy.operation_budget, deadline=time.monotonic() + policy.operation_deadline_s
    )
