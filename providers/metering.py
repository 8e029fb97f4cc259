"""Counts what a GraphQL operation costs upstream.

The meter lives in a context variable set per operation, so adapters shared by many
concurrent requests still charge each call to the operation that caused it. ``wait_s``
is wall time during which at least one upstream call was in flight: parallel calls
overlap instead of adding up, so it reads as the latency a client actually paid.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class UpstreamMeter:
    requests: int = 0
    wait_s: float = 0.0
    _in_flight: int = 0
    _busy_since: float = 0.0

    @contextmanager
    def call(self) -> Iterator[None]:
        self.requests += 1
        if self._in_flight == 0:
            self._busy_since = time.perf_counter()
        self._in_flight += 1
        try:
            yield
        finally:
            self._in_flight -= 1
            if self._in_flight == 0:
                self.wait_s += time.perf_counter() - self._busy_since


current_meter: ContextVar[UpstreamMeter | None] = ContextVar("hiregraph_upstream_meter", default=None)


@contextmanager
def upstream_call() -> Iterator[None]:
    """Wrap one upstream request (one HTTP attempt, or one sandbox call) in this."""
    meter = current_meter.get()
    if meter is None:
        yield
        return
    with meter.call():
        yield
