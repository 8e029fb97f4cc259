"""GraphQL over Server-Sent Events (the graphql-sse protocol's "distinct connections mode").

A ``POST /graphql`` whose ``Accept`` header asks for ``text/event-stream`` is answered with an
event stream: each result is an ``event: next`` message whose ``data`` is the JSON response
(``data``, ``errors`` with the same ``extensions.code`` as over HTTP), and the end of the
operation is an ``event: complete``. A subscription streams until the client hangs up; a query
or mutation sent this way (the graphql-sse client sends everything so) is one ``next``, then
``complete``. A ``: ping`` comment every 15 s keeps idle proxies from closing the stream.

Everything before the stream is the HTTP endpoint's (``graph/http.py``): the caller's API key
and connection, body limits, document limits and cost, and a refusal answers as a plain HTTP
error (4xx, JSON), never as a stream. The framing is Strawberry's ``SSETransport``; hiregraph
does not route requests through Strawberry's own view because its HTTP admission is its own.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Mapping
from typing import Any, Final

from graphql import GraphQLError
from starlette.responses import StreamingResponse
from strawberry.http.streaming import SSETransport, merge_stream_with_heartbeat
from strawberry.types import ExecutionResult

from .errors import format_error

EVENT_STREAM: Final = "text/event-stream"
HEARTBEAT_S: Final = 15.0


def wants_event_stream(accept: str) -> bool:
    """Whether ``accept`` names ``text/event-stream`` with a q above 0 (wildcards do not count:
    ``*/*`` asks for a plain response)."""
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if media.lower() != EVENT_STREAM:
            continue
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    return float(value) > 0
                except ValueError:
                    return False
        return True
    return False


def _payload(result: ExecutionResult, request_id: str) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if result.errors:
        body["errors"] = [format_error(e, request_id) for e in result.errors]
    if result.data is not None or any(isinstance(e, GraphQLError) and e.path for e in result.errors or ()):
        body["data"] = result.data
    return body


def event_stream(
    results: AsyncIterator[Any],
    request_id: str,
    headers: Mapping[str, str],
    *,
    heartbeat_s: float = HEARTBEAT_S,
) -> StreamingResponse:
    """The response streaming ``results`` (execution results) as graphql-sse messages.

    Starlette stops iterating when the client disconnects, which closes ``results`` and so
    the subscription (it leaves the live feed)."""
    transport = SSETransport(heartbeat_interval=heartbeat_s)

    async def messages() -> AsyncGenerator[str, None]:
        try:
            async for result in results:
                yield transport.encode_event("next", _json(_payload(result, request_id)))
        finally:
            closing = getattr(results, "aclose", None)
            if closing is not None:
                await closing()
        yield transport.encode_complete()

    stream = merge_stream_with_heartbeat(
        messages, lambda: transport.encode_comment("ping"), heartbeat_s, send_initial_heartbeat=False
    )
    return StreamingResponse(stream(), headers={**transport.headers, **headers})


def single(body: Mapping[str, Any], headers: Mapping[str, str]) -> StreamingResponse:
    """One finished response (a query or mutation) as a ``next`` and a ``complete``."""
    transport = SSETransport()

    async def messages() -> AsyncGenerator[str, None]:
        yield transport.encode_event("next", _json(body))
        yield transport.encode_complete()

    return StreamingResponse(messages(), headers={**transport.headers, **headers})


def _json(body: Mapping[str, Any]) -> str:
    # compact, one line: an SSE data field cannot hold a newline
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False)
