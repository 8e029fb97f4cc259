"""Time, injectable: the limiter, breaker and deadlines read a :class:`Clock`, so tests drive
them with a fake one instead of sleeping."""

from __future__ import annotations

import asyncio
import time
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that never goes back (deadlines, windows, cool-downs)."""
        ...

    def time(self) -> float:
        """Seconds since the epoch (to read providers' ``*-Reset`` timestamps)."""
        ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


SYSTEM_CLOCK: Clock = SystemClock()


class WallClock(SystemClock):
    """Epoch seconds for every reading: state shared by several hosts (Redis) holds times
    each host must read the same way, and monotonic clocks are only comparable within one
    host. Hosts must keep their clocks synchronised (NTP); a step backwards is clamped by the
    limiter, which never reserves before an earlier reservation."""

    def monotonic(self) -> float:
        return time.time()


WALL_CLOCK: Clock = WallClock()
