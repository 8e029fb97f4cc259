"""The failure matrix every provider's writes are held to: each failure of the write request
costs exactly that one request (a write is never retried, not even a 5xx or a 429), nothing is
sent after it, and the gateway gets the failure's code; only a timeout after sending and a
connection dropped mid-exchange may have landed (WRITE_OUTCOME_UNKNOWN). A provider's test
declares its writes and how its error bodies look."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import respx

from gateway.errors import ErrorCode, provider_error_code
from providers.errors import ProviderError
from resolvers.writes.path import maybe_sent

Failure = tuple[str, Any, ErrorCode, bool]


@dataclass(frozen=True)
class Write:
    name: str
    method: str
    path: str
    call: Callable[[Any], Awaitable[Any]]
    reads: tuple[tuple[str, Any], ...] = ()
    """What is read before the write, and the answers."""


def failures(body: Callable[[int, str], Any], refusal: int = 422) -> list[Failure]:
    """The matrix with the provider's error ``body(status, message)``; ``refusal`` is the
    status its validation errors come with."""

    def answer(status: int, message: str) -> httpx.Response:
        return httpx.Response(status, json=body(status, message))

    return [
        ("401", answer(401, "Unauthorized"), ErrorCode.UPSTREAM_AUTH_FAILED, False),
        ("403", answer(403, "Forbidden"), ErrorCode.UPSTREAM_AUTH_FAILED, False),
        ("404", answer(404, "Not found"), ErrorCode.NOT_FOUND, False),
        (str(refusal), answer(refusal, "Invalid"), ErrorCode.BAD_USER_INPUT, False),
        ("429", answer(429, "Too many requests"), ErrorCode.UPSTREAM_RATE_LIMITED, False),
        ("500", answer(500, "Internal error"), ErrorCode.UPSTREAM_UNAVAILABLE, False),
        ("503", httpx.Response(503, text="down"), ErrorCode.UPSTREAM_UNAVAILABLE, False),
        ("timeout after sending", httpx.ReadTimeout("read timed out"), ErrorCode.UPSTREAM_TIMEOUT, True),
        (
            "dropped mid-exchange",
            httpx.RemoteProtocolError("peer closed"),
            ErrorCode.UPSTREAM_UNAVAILABLE,
            True,
        ),
        ("never connected", httpx.ConnectError("refused"), ErrorCode.UPSTREAM_UNAVAILABLE, False),
    ]


async def assert_one_attempt(adapter: Any, base: str, write: Write, failure: Failure) -> ProviderError:
    """Runs ``write`` against ``failure`` and checks the matrix's rules; the error, for more."""
    _, answer, code, unknown = failure
    with respx.mock(base_url=base, assert_all_called=True) as router:
        for path, read in write.reads:
            router.get(path).respond(200, json=read)
        route = router.route(method=write.method, path=write.path)
        if isinstance(answer, Exception):
            route.side_effect = answer
        else:
            route.return_value = answer
        with pytest.raises(ProviderError) as info:
            await write.call(adapter)
        assert route.call_count == 1  # never retried, not even a 5xx or a 429
        assert len(router.calls) == len(write.reads) + 1  # nothing after a failed write
    assert provider_error_code(info.value) is code
    assert maybe_sent(info.value) is unknown
    return info.value
