"""What a connection may spend upstream: the knobs of the ``[upstream]`` config table.

:class:`UpstreamPolicy` holds the per-connection discipline (timeouts, retries, concurrency,
breaker, rate-limit waits) and the per-operation budget; :class:`RateLimit` is a provider's
documented limit, declared once on its adapter class (``ProviderAdapter.rate_limit``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class RateLimit:
    """A provider's documented request rate for one credential.

    ``burst`` set: a token bucket (``requests`` per ``per_s`` steady, up to ``burst`` at once).
    ``burst`` None: a window of ``per_s`` seconds that admits ``requests`` calls, enforced as a
    sliding window so that no window the provider counts, wherever it starts, sees more.
    """

    requests: int
    per_s: float
    burst: int | None = None

    def __post_init__(self) -> None:
        if self.requests < 1 or self.per_s <= 0 or (self.burst is not None and self.burst < 1):
            raise ValueError("a rate limit needs requests >= 1, per_s > 0 and burst >= 1")


@dataclass(frozen=True)
class UpstreamPolicy:
    """Upstream discipline of a connection; defaults apply when the config has no ``[upstream]``."""

    call_timeout_s: float = 10.0
    """Longest one HTTP attempt may take, connecting, headers and the whole body together (also
    capped by what is left of the operation deadline): a body that trickles in does not reset it."""
    max_response_bytes: int = 8 * 1024 * 1024
    """Largest body (decoded) one upstream answer may have; a larger one is refused while it
    streams, with UPSTREAM_INVALID_RESPONSE. The largest real provider page seen is ~150 KB."""
    operation_deadline_s: float = 30.0
    """Wall time one GraphQL operation may spend upstream; later calls fail with UPSTREAM_TIMEOUT."""
    operation_budget: int = 100
    """Upstream requests (retries included) one operation may send; then UPSTREAM_BUDGET_EXCEEDED."""
    max_attempts: int = 3
    """Attempts of one idempotent read, the first included."""
    backoff_initial_s: float = 0.1
    backoff_max_s: float = 2.0
    backoff_jitter_s: float = 0.25
    """Exponential backoff between attempts: initial * 2**n plus up to this much random jitter."""
    max_retry_after_s: float = 10.0
    """A ``Retry-After`` longer than this is reported (UPSTREAM_RATE_LIMITED), not waited out."""
    retry_budget_ratio: float = 0.2
    """Retries earned per first attempt: under sustained failure retries add at most this share."""
    retry_budget_reserve: int = 10
    """Retries available before any were earned (and the most that can be saved up)."""
    max_concurrency: int = 50
    """Requests in flight at once on one connection (per process): one full batch of per-id
    reads (adapters' ``max_batch_size``) still goes out in a single round trip."""
    breaker_failures: int = 5
    """Consecutive failed attempts (5xx, timeouts, connection errors) that open the circuit."""
    breaker_cooldown_s: float = 30.0
    """How long an open circuit fails fast before one probe call is let through."""
    max_rate_wait_s: float = 2.0
    """Longest wait for a rate-limit slot; beyond it the call is shed with RATE_LIMITED."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise ValueError(f"'{f.name}' must be a number")
            if f.type == "int" and not isinstance(value, int):
                raise ValueError(f"'{f.name}' must be an integer")
            least = 1 if f.name in _AT_LEAST_ONE else 0
            if value < least or (f.name in _POSITIVE and value == 0):
                raise ValueError(f"'{f.name}' must be {'at least 1' if least else 'positive'}")

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any], *, base: UpstreamPolicy | None = None) -> UpstreamPolicy:
        """The policy of a config table: ``base`` (or the defaults) with the keys it sets.
        Raises ValueError naming the key (never echoing a value)."""
        known = {f.name for f in fields(cls)}
        unknown = set(raw) - known
        if unknown:
            raise ValueError(f"unknown key(s) {sorted(unknown)}; known: {sorted(known)}")
        values = dict(raw)
        for name in values:
            if name in _FLOATS and isinstance(values[name], int) and not isinstance(values[name], bool):
                values[name] = float(values[name])
        return replace(base or cls(), **values)


_AT_LEAST_ONE = frozenset(
    {"operation_budget", "max_attempts", "max_concurrency", "breaker_failures", "max_response_bytes"}
)
_POSITIVE = frozenset({"call_timeout_s", "operation_deadline_s"})
_FLOATS = frozenset(f.name for f in fields(UpstreamPolicy) if f.type == "float")
