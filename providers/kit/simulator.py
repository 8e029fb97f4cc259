"""What every provider simulator does around its endpoints: switchable faults (latency, slow
answers, injected statuses, malformed pages), the auth header checks and a fixed-window
request count for rate-limit headers and enforced limits.

A simulator composes these in its provider's order (some providers check auth before a rate
limit, some after) and renders errors in its provider's wire format.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import math
import time
from dataclasses import dataclass

from starlette.requests import Request


@dataclass
class SimulatorFaults:
    """Faults a test switches at run time (a simulator reads them on every request)."""

    latency_s: float = 0.0
    """Added before every answer."""
    fail_next_n_with_status: tuple[int, int] | None = None
    """``(n, status)``: the next ``n`` requests answer ``status`` (then it resets to None)."""
    retry_after_s: float | None = None
    """``Retry-After`` of a 429 (None: the simulator's window reset, or no header without one)."""
    timeout: bool = False
    """Sleep :attr:`timeout_s` before answering (set it above the client's timeout)."""
    timeout_s: float = 60.0
    malformed_pages: bool = False
    """List pages come back broken in the provider's own way (see each simulator)."""
    rate_limit: int | None = None
    """Enforce this many requests per window with a real 429, and announce it in the headers."""
    enforce_rate_limit: bool = False
    """Enforce the simulator's documented limit with a real 429 (headers are always sent)."""
    requests: int = 0
    """How many requests reached the simulator (a counter for tests)."""

    async def delay(self) -> None:
        """Count the request and hold it for the latency and slow-answer faults."""
        self.requests += 1
        if self.latency_s:
            await asyncio.sleep(self.latency_s)
        if self.timeout:
            await asyncio.sleep(self.timeout_s)

    def take_failure(self) -> int | None:
        """The status to fail this request with, if a failure is pending (one is used up)."""
        if self.fail_next_n_with_status is None:
            return None
        count, status = self.fail_next_n_with_status
        self.fail_next_n_with_status = (count - 1, status) if count > 1 else None
        return status if count > 0 else None

    def limit(self, documented: int) -> int:
        """The limit in force: the one a test set, else the provider's documented one."""
        return self.rate_limit or documented

    @property
    def enforcing(self) -> bool:
        return self.enforce_rate_limit or self.rate_limit is not None


class RateWindow:
    """Requests counted in fixed windows of ``window_s`` (``math.inf``: one window forever)."""

    def __init__(self, window_s: float = 10.0) -> None:
        self.window_s = window_s
        self.start = 0.0
        self.used = 0

    def take(self) -> None:
        """Count one request, opening a new window when the current one has ended."""
        now = time.time()
        if now - self.start >= self.window_s:
            self.start, self.used = now, 0
        self.used += 1

    def remaining(self, limit: int) -> int:
        return max(0, limit - self.used)

    def over(self, limit: int) -> bool:
        return self.used > limit

    def reset_at(self) -> int:
        """The epoch second the current window ends."""
        return math.ceil(self.start + self.window_s)

    def seconds_to_reset(self) -> float:
        """Seconds until :meth:`reset_at` (what a 429's ``Retry-After`` says when no fault sets it)."""
        return max(0.0, self.reset_at() - time.time())


class Refused(Exception):
    """A simulated write the provider would refuse: the HTTP status, the message and, for a
    provider whose errors say where, the JSON pointer into the request body."""

    def __init__(self, status: int, message: str, pointer: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.pointer = pointer


def basic_credentials(request: Request) -> tuple[str, str] | None:
    """``(user, password)`` of an HTTP Basic ``Authorization`` header, else None."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        user, _, password = base64.b64decode(value).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return user, password


def bearer_token(request: Request) -> str | None:
    """The token of a ``Bearer`` ``Authorization`` header, else None."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token if scheme == "Bearer" and token else None
