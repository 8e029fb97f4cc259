"""Counts what a GraphQL operation costs upstream, and stops it at its budget and deadline.

The meter lives in a context variable set per operation, so adapters shared by many
concurrent requests still charge each call to the operation that caused it. ``wait_s``
is wall time during which at least one upstream call was in flight: parallel calls
overlap instead of adding up, so it reads as the latency a client actually paid.

``budget`` caps the requests (every attempt, retries included) and ``deadline`` (a
``clock()`` reading) the time: :func:`upstream_call` refuses to start a call past either,
with ``UpstreamBudgetExceeded`` or ``ProviderTimeout``, so the fields that needed it are
null with their code and the rest of the data returns.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from .errors import ProviderTimeout, UpstreamBudgetExceeded


@dataclass
class UpstreamMeter:
    requests: int = 0
    wait_s: float = 0.0
    budget: int | None = None
    """Requests the operation may send; None: no cap."""
    deadline: float | None = None
    """``clock()`` value after which no call starts; None: no deadline."""
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    _in_flight: int = 0
    _busy_since: float = 0.0

    def time_left(self) -> float | None:
        return None if self.deadline is None else self.deadline - self.clock()

    def check(
        self, provider: str = "", connection: str = "", resource: str = "", operation: str = ""
    ) -> None:
        """Raise if one more call would break the budget or start past the deadline."""
        # (checked up to three times per upstream call: nothing is built unless it raises)
        if self.budget is not None and self.requests >= self.budget:
            on = f" on connection '{connection}'" if connection else ""
            raise UpstreamBudgetExceeded(
                f"this operation used its budget of {self.budget} upstream requests{on}; "
                "ask for fewer or smaller pages, or split the query",
                **_where(provider, connection, resource, operation),
            )
        left = self.time_left()
        if left is not None and left <= 0:
            raise ProviderTimeout(
                f"this operation's upstream deadline passed before {provider or 'the provider'} "
                "could be asked",
                **_where(provider, connection, resource, operation),
            )

    def start_call(self) -> None:
        """Count a request that starts now; :meth:`end_call` when it is over."""
        self.requests += 1
        if self._in_flight == 0:
            self._busy_since = time.perf_counter()
        self._in_flight += 1

    def end_call(self) -> None:
        self._in_flight -= 1
        if self._in_flight == 0:
            self.wait_s += time.perf_counter() - self._busy_since


def _where(provider: str, connection: str, resource: str, operation: str) -> dict[str, str]:
    return {"provider": provider, "connection": connection, "resource": resource, "operation": operation}


current_meter: ContextVar[UpstreamMeter | None] = ContextVar("hiregraph_upstream_meter", default=None)


@contextmanager
def upstream_call(
    provider: str = "", connection: str = "", resource: str = "", operation: str = ""
) -> Iterator[None]:
    """Wrap one upstream request (one HTTP attempt, or one sandbox call) in this. Raises
    before the call when the operation's budget is used up or its deadline has passed."""
    meter = current_meter.get()
    if meter is None:
        yield
        return
    meter.check(provider, connection, resource, operation)
    meter.start_call()
    try:
        yield
    finally:
        meter.end_call()
