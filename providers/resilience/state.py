"""Where limiter and breaker state lives, behind one small protocol.

:class:`InProcessState` keeps it in a dict: one server process per provider budget. A shared
implementation (e.g. Redis, so several worker processes draw on one provider budget) only
has to offer :meth:`SharedState.update` atomically per key; the state values are small
dataclasses of numbers and lists (``LimiterState``, ``BreakerState``), so they serialise
with ``dataclasses.asdict``.

Keys come from :func:`state_key`: a hash of the provider, its base URL and the credentials,
so two connections using the same account share one budget and no secret is ever a key.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

S = TypeVar("S")
R = TypeVar("R")


class SharedState(Protocol):
    async def update(self, key: str, change: Callable[[S | None], tuple[S, R]]) -> R:
        """Apply ``change`` to the value stored under ``key`` (None when there is none) as one
        atomic step; store the new value and return the result."""
        ...


class InProcessState:
    """State shared by the connections of one process (one per ``ConnectionPool``)."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    async def update(self, key: str, change: Callable[[S | None], tuple[S, R]]) -> R:
        # ``change`` is synchronous, so nothing else runs on the loop between read and write.
        value, result = change(self._values.get(key))
        self._values[key] = value
        return result


def state_key(provider: str, base_url: str, credentials: Mapping[str, Any]) -> str:
    """A stable, secret-free identity of one upstream account."""
    identity = json.dumps([provider, base_url.rstrip("/"), dict(credentials)], sort_keys=True, default=str)
    return f"{provider}:{hashlib.sha256(identity.encode()).hexdigest()[:32]}"
