"""The whole upstream exchange is bounded: in time (connect, headers and the entire body under
the per-call timeout and the operation's deadline, however slowly the bytes trickle in) and in
size (a body over ``max_response_bytes`` is refused while it streams, not after it is buffered).

The unit tests talk to a real HTTP/1.1 server on loopback, so httpx's own socket-level
timeouts and connection pool are the ones in play; the GraphQL tests use in-process streams."""

from __future__ import annotations

import asyncio
import dataclasses
import gzip
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, cast

import httpx
import pytest

from graph.settings import SettingsError, parse_settings
from providers.errors import (
    CircuitOpen,
    ProviderBadInput,
    ProviderResponseInvalid,
    ProviderResponseTooLarge,
    ProviderTimeout,
)
from providers.greenhouse.simulator import SimulatorFaults, simulator_transport
from providers.http import UpstreamHttp
from providers.metering import UpstreamMeter, current_meter
from providers.records import CandidateRecord, Resource
from providers.resilience import UpstreamPolicy
from providers.resilience.guard import UpstreamGuard
from tests.graph.support import GraphQLClient

from .support import CountingTransport, app_over_simulators, first_id, gh_config, greenhouse_simulator

KIB = 1024
CAP = 256 * KIB
POLICY = UpstreamPolicy(
    call_timeout_s=0.5,
    max_response_bytes=CAP,
    backoff_initial_s=0.001,
    backoff_max_s=0.005,
    backoff_jitter_s=0.0,
)

SIZED = dataclasses.replace(POLICY, call_timeout_s=10.0)
"""For the size tests: the cap, with a call timeout a loaded machine cannot trip before it."""

Answer = Callable[["Upstream", asyncio.StreamWriter], Awaitable[None]]


class Upstream:
    """A loopback HTTP/1.1 server (keep-alive) whose answer to every request a test scripts;
    it counts requests and body bytes sent, and notes whether a client hung up mid-answer."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.requests = 0
        self.sent = 0
        self.finished = 0
        self.hung_up = asyncio.Event()
        self.port = 0
        self._server: asyncio.Server | None = None
        self._handlers: set[asyncio.Task[Any]] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def __aenter__(self) -> Upstream:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self._server is not None
        self._server.close()
        for handler in self._handlers:  # a trickle may still be going: stop it with the test
            handler.cancel()
        await asyncio.gather(*self._handlers, return_exceptions=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        handler = asyncio.current_task()
        assert handler is not None
        self._handlers.add(handler)
        try:
            while True:
                try:
                    await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                self.requests += 1
                await self.answer(self, writer)
                self.finished += 1
        except ConnectionError:
            self.hung_up.set()
        except asyncio.CancelledError:
            return  # cancelled by __aexit__: the test is over (asyncio would log it as an error)
        finally:
            writer.close()

    async def send(self, writer: asyncio.StreamWriter, data: bytes, *, body: bool = True) -> None:
        writer.write(data)
        await writer.drain()
        if body:
            self.sent += len(data)


def head(headers: dict[str, str]) -> bytes:
    lines = "".join(f"{k}: {v}\r\n" for k, v in {"Content-Type": "application/json", **headers}.items())
    return f"HTTP/1.1 200 OK\r\n{lines}\r\n".encode()


def whole(body: bytes, **headers: str) -> Answer:
    async def answer(up: Upstream, writer: asyncio.StreamWriter) -> None:
        await up.send(writer, head({"Content-Length": str(len(body)), **headers}), body=False)
        await up.send(writer, body)

    return answer


def chunked(body: bytes, piece: int = 64 * KIB) -> Answer:
    async def answer(up: Upstream, writer: asyncio.StreamWriter) -> None:
        await up.send(writer, head({"Transfer-Encoding": "chunked"}), body=False)
        for at in range(0, len(body), piece):
            part = body[at : at + piece]
            await up.send(writer, f"{len(part):x}\r\n".encode() + part + b"\r\n")
        await up.send(writer, b"0\r\n\r\n", body=False)

    return answer


def trickle(length: int, every_s: float) -> Answer:
    """Headers at once, then one byte every ``every_s``: no single socket read ever waits long."""

    async def answer(up: Upstream, writer: asyncio.StreamWriter) -> None:
        await up.send(writer, head({"Content-Length": str(length)}), body=False)
        for _ in range(length):
            await asyncio.sleep(every_s)
            await up.send(writer, b" ")

    return answer


def json_body(size: int) -> bytes:
    """A JSON document of exactly ``size`` bytes."""
    frame = b'{"pad": ""}'
    return frame[:-2] + b"x" * (size - len(frame)) + frame[-2:]


def upstream_http(client: httpx.AsyncClient, base_url: str, policy: UpstreamPolicy = POLICY) -> UpstreamHttp:
    http = UpstreamHttp(client, base_url=base_url, provider="greenhouse", connection="acme")
    http.guard = UpstreamGuard(policy, "test-account", rate_limited=False)
    return http


def one_connection() -> httpx.AsyncClient:
    """A pool of one connection that is given up on quickly: a leaked stream would keep it."""
    return httpx.AsyncClient(limits=httpx.Limits(max_connections=1), timeout=httpx.Timeout(5.0, pool=0.5))


@pytest.fixture
def meter() -> Iterator[Callable[[float], UpstreamMeter]]:
    token = current_meter.set(None)

    def start(deadline_in_s: float) -> UpstreamMeter:
        started = UpstreamMeter(deadline=time.monotonic() + deadline_in_s)
        current_meter.set(started)
        return started

    yield start
    current_meter.reset(token)


# --- time ---------------------------------------------------------------------------------


async def test_a_trickling_body_is_cut_at_the_call_timeout_and_the_connection_released() -> None:
    async with Upstream(trickle(60, every_s=0.1)) as up, one_connection() as client:
        http = upstream_http(client, up.url)
        started = time.monotonic()
        with pytest.raises(ProviderTimeout) as raised:
            await http.get_json("/slow")
        assert time.monotonic() - started < 3.0  # 0.5 s asked; 6 s if each read were timed alone
        assert "greenhouse" in raised.value.message
        assert up.requests == 1  # a timed-out read is not retried (as before)
        # The only pooled connection was released: the next call gets one (pool timeout 0.5 s).
        up.answer = whole(b'{"ok": true}')
        data, _ = await http.get_json("/fast")
        assert data == {"ok": True}


async def test_the_operation_deadline_bounds_a_trickling_body(meter: Callable[[float], Any]) -> None:
    async with Upstream(trickle(60, every_s=0.1)) as up, one_connection() as client:
        http = upstream_http(client, up.url, UpstreamPolicy(call_timeout_s=60.0))
        meter(0.4)
        started = time.monotonic()
        with pytest.raises(ProviderTimeout) as raised:
            await http.get_json("/slow")
        assert time.monotonic() - started < 3.0
        assert "deadline" in raised.value.message


async def test_a_timed_out_exchange_counts_as_a_breaker_failure() -> None:
    async with Upstream(trickle(60, every_s=0.1)) as up, one_connection() as client:
        http = upstream_http(client, up.url, UpstreamPolicy(call_timeout_s=0.3, breaker_failures=1))
        with pytest.raises(ProviderTimeout):
            await http.get_json("/slow")
        with pytest.raises(CircuitOpen):
            await http.get_json("/slow")
        assert up.requests == 1


# --- size ---------------------------------------------------------------------------------


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
async def test_a_body_over_the_cap_is_refused_while_it_streams(framing: str) -> None:
    total = 64 * 1024 * KIB
    body = json_body(total)
    answer = whole(body) if framing == "content-length" else chunked(body)
    async with Upstream(answer) as up, one_connection() as client:
        http = upstream_http(client, up.url, SIZED)
        with pytest.raises(ProviderResponseTooLarge) as raised:
            await http.get_json("/huge")
        assert isinstance(raised.value, ProviderResponseInvalid)
        message = raised.value.message
        assert "greenhouse" in message
        assert "'acme'" in message
        assert str(CAP) in message
        assert "xxx" not in message
        await asyncio.wait_for(up.hung_up.wait(), 2.0)  # the connection was dropped mid-answer
        assert up.finished == 0
        assert up.sent < total // 4  # what the kernel buffered, not the 64 MiB
        assert up.requests == 1  # the same page would be as large again: not retried
        up.answer = whole(b"[]")
        data, _ = await http.get_json("/small")  # a new connection: the pool slot was freed
        assert data == []


async def test_a_declared_length_over_the_cap_is_refused_before_the_body_is_read() -> None:
    async def declares_too_much(up: Upstream, writer: asyncio.StreamWriter) -> None:
        await up.send(writer, head({"Content-Length": str(CAP + 1)}), body=False)
        await asyncio.sleep(5)  # the body never comes: only the header can have refused it

    async with Upstream(declares_too_much) as up, one_connection() as client:
        started = time.monotonic()
        with pytest.raises(ProviderResponseTooLarge):
            await upstream_http(client, up.url, UpstreamPolicy(max_response_bytes=CAP)).get_json("/x")
        assert time.monotonic() - started < 3.0


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
async def test_a_body_at_the_cap_is_read_whole(framing: str) -> None:
    body = json_body(CAP)
    answer = whole(body) if framing == "content-length" else chunked(body, piece=7 * KIB)
    async with Upstream(answer) as up, one_connection() as client:
        http = upstream_http(client, up.url, SIZED)
        data, response = await http.get_json("/page")
        assert len(data["pad"]) == CAP - len(b'{"pad": ""}')
        assert response.content == body
        assert response.headers["content-type"] == "application/json"
        up.answer = whole(json_body(CAP + 1)) if framing == "content-length" else chunked(json_body(CAP + 1))
        with pytest.raises(ProviderResponseTooLarge):
            await http.get_json("/page")


async def test_the_cap_applies_to_the_decoded_body() -> None:
    small = gzip.compress(json.dumps({"items": list(range(1000))}).encode())
    bomb = gzip.compress(json_body(4 * CAP))  # about 1 KiB on the wire, 1 MiB decoded
    assert len(bomb) < CAP // 16
    async with Upstream(whole(small, **{"Content-Encoding": "gzip"})) as up, one_connection() as client:
        http = upstream_http(client, up.url, SIZED)
        data, _ = await http.get_json("/gz")
        assert data == {"items": list(range(1000))}
        up.answer = whole(bomb, **{"Content-Encoding": "gzip"})
        with pytest.raises(ProviderResponseTooLarge):
            await http.get_json("/gz")


async def test_an_oversized_answer_is_not_a_breaker_failure() -> None:
    async with Upstream(whole(json_body(CAP + 1))) as up, one_connection() as client:
        http = upstream_http(client, up.url, UpstreamPolicy(max_response_bytes=CAP, breaker_failures=1))
        with pytest.raises(ProviderResponseTooLarge):
            await http.get_json("/big")
        up.answer = whole(b"{}")
        data, _ = await http.get_json("/small")  # the provider answered: the circuit stays closed
        assert data == {}


# --- configuration --------------------------------------------------------------------------


def test_the_body_cap_defaults_to_8_mib_and_is_configurable() -> None:
    connections = {"gh": {"provider": "greenhouse", "credentials": {"api_key": "k"}}}
    assert parse_settings({"connections": connections}).upstream.max_response_bytes == 8 * 1024 * KIB
    configured = parse_settings({"connections": connections, "upstream": {"max_response_bytes": 4096}})
    assert configured.upstream.max_response_bytes == 4096
    for wrong in (0, 1.5, "8MB"):
        with pytest.raises(SettingsError, match="max_response_bytes"):
            parse_settings({"connections": connections, "upstream": {"max_response_bytes": wrong}})


# --- through GraphQL ----------------------------------------------------------------------

ONE_APPLICATION = first_id(
    Resource.CANDIDATE, lambda c: len(cast("CandidateRecord", c).application_ids or ()) == 1
)
CANDIDATE_JOB = """query($id: ID!) { candidate(id: $id) { name applications { job { name } } } }"""


class LaterAnswersStream(httpx.AsyncBaseTransport):
    """The simulator answers the first request; later ones get ``body()`` streamed in chunks."""

    def __init__(self, inner: httpx.AsyncBaseTransport, body: Callable[[], AsyncIterator[bytes]]) -> None:
        self.inner = CountingTransport(inner)
        self.body = body

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if self.inner.requests == 1:
            return response
        await response.aclose()
        return httpx.Response(200, headers={"Content-Type": "application/json"}, content=self.body())


async def graphql_over(transport: LaterAnswersStream, upstream: dict[str, Any]) -> dict[str, Any]:
    async with app_over_simulators(gh_config({"gh": "key-a"}, upstream), {"gh": transport}) as http:
        return await GraphQLClient(http).post(CANDIDATE_JOB, {"id": ONE_APPLICATION})


def errors_by_path(body: dict[str, Any]) -> dict[tuple[Any, ...], dict[str, Any]]:
    return {tuple(e["path"]): e for e in body.get("errors", [])}


async def test_an_oversized_page_nulls_its_branch_with_upstream_invalid_response() -> None:
    produced = 0

    async def four_mib() -> AsyncIterator[bytes]:
        nonlocal produced
        chunk = b"x" * (64 * KIB)
        for _ in range(64):
            produced += 1
            yield chunk
            await asyncio.sleep(0)

    sim = simulator_transport(greenhouse_simulator(SimulatorFaults(), "key-a"))
    transport = LaterAnswersStream(sim, four_mib)
    body = await graphql_over(transport, {"max_response_bytes": CAP})
    assert body["data"]["candidate"]["name"]
    error = errors_by_path(body)[("candidate", "applications", 0, "job")]
    assert error["extensions"] == {
        "code": "UPSTREAM_INVALID_RESPONSE",
        "provider": "greenhouse",
        "connection": "gh",
    }
    assert str(CAP) in error["message"]
    assert transport.inner.requests == 2
    assert produced <= CAP // (64 * KIB) + 1  # the stream was abandoned at the cap


async def test_a_trickling_page_nulls_its_branch_with_upstream_timeout() -> None:
    async def slow() -> AsyncIterator[bytes]:
        for _ in range(60):
            await asyncio.sleep(0.1)
            yield b" "

    sim = simulator_transport(greenhouse_simulator(SimulatorFaults(), "key-a"))
    transport = LaterAnswersStream(sim, slow)
    started = time.monotonic()
    body = await graphql_over(transport, {"call_timeout_s": 0.3})
    assert time.monotonic() - started < 3.0
    assert body["data"]["candidate"]["name"]
    error = errors_by_path(body)[("candidate", "applications", 0, "job")]
    assert error["extensions"]["code"] == "UPSTREAM_TIMEOUT"
    assert transport.inner.requests == 2


@pytest.mark.parametrize("params", [{"q": "\ud800"}, {"q": "x" * 70_000}])
async def test_a_value_no_url_can_carry_is_refused_before_anything_is_sent(params: dict[str, str]) -> None:
    # Client input is bounded at the GraphQL boundary; this is the guard for a provider's own
    # data (a lone surrogate, a huge id) that would make httpx raise while building the URL.
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    transport = httpx.MockTransport(answer)
    async with httpx.AsyncClient(transport=transport) as client:
        upstream = upstream_http(client, "https://upstream.test")
        with pytest.raises(ProviderBadInput):
            await upstream.request("GET", "/v1/candidates", params=params)
    assert sent == []
