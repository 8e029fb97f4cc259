"""The transport under every upstream client: HTTP/1.1 keep-alive over asyncio, with h11.

httpx stays the client API; this replaces what it sends requests through (httpcore's pool over
anyio streams), which cost more CPU than the rest of the gateway together on the bench's
gateway-CPU row (``bench/upstream_cpu.py``). What it does and does not do:

- one pool for all origins, bounded as ``httpx.Limits`` says: at most ``max_connections`` open
  (a request past it waits for one, up to the pool timeout; an idle connection to another origin
  is closed to make room), at most ``max_keepalive_connections`` idle, each idle at most
  ``keepalive_expiry`` seconds;
- a connection the server closed (or wrote to) while it sat idle is never reused: the socket
  is polled once, without blocking, as it leaves the pool; one found dead when the request is
  written (nothing of it sent) is replaced by a fresh one;
- a response body streams as it arrives; the connection goes back to the pool only once the
  body was read to its end, and is closed if the response is closed before that, or if anything
  (a cancellation included) interrupts the exchange;
- http and https (TLS with httpx's default context, SNI and certificate check by host name);
  no HTTP/2, no proxies (no transport here reads proxy variables);
- httpx's connect, read, write and pool timeouts, failing as httpx's own exceptions, which
  ``providers/http.py`` and ``providers/resilience`` classify;
- ``connect``, the one hook: what opens a connection to a host and port (``providers/egress.py``
  checks the addresses there). It returns a :class:`Stream`; :func:`open_stream` opens a real one.
"""

from __future__ import annotations

import asyncio
import select
import ssl
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Final, Protocol

import h11
import httpx

Origin = tuple[str, str, int]
"""(scheme, host, port)."""

DEFAULT_LIMITS: Final = httpx.Limits(max_connections=100, max_keepalive_connections=20)
"""httpx's own defaults."""

READ_BUFFER: Final = 256 * 1024
"""Bytes a connection holds unread before it stops reading from its socket."""
WRITE_CHUNK: Final = 64 * 1024
"""Request body bytes gathered before they are written."""


class Stream:
    """A byte stream to a server, as the pool uses it. A stand-in network (tests) subclasses it."""

    async def read(self, timeout: float | None) -> bytes:  # noqa: ASYNC109 (a socket operation's own timeout)
        """The next bytes received (``b""`` once the server closed its side); ``TimeoutError``
        when none came within ``timeout`` seconds, ``OSError`` when the connection broke."""
        raise NotImplementedError

    async def write(self, data: bytes, timeout: float | None) -> None:  # noqa: ASYNC109
        """Send ``data``; ``OSError`` when it could not be sent, ``TimeoutError`` when the
        server took none of it for ``timeout`` seconds."""
        raise NotImplementedError

    def close(self) -> None:
        """Close at once (idempotent)."""
        raise NotImplementedError

    def idle_usable(self) -> bool:
        """Whether an idle connection may carry a request: nothing received, not closed."""
        raise NotImplementedError


Connect = Callable[[str, int, ssl.SSLContext | None, float | None], Awaitable[Stream]]
"""Opens a connection: (host, port, TLS context or None for plain HTTP, connect timeout)."""


class Opener(Protocol):
    """:func:`open_stream`'s shape: a ``Connect`` that can be given another TLS server name."""

    def __call__(
        self,
        host: str,
        port: int,
        tls: ssl.SSLContext | None,
        timeout: float | None,
        *,
        server_hostname: str | None = None,
    ) -> Awaitable[Stream]: ...


def _expire(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_exception(TimeoutError())


class _SocketStream(asyncio.Protocol, Stream):
    """A :class:`Stream` over an asyncio transport: received bytes are queued as they come
    (no task per connection), and a waiting ``read`` is woken by the callback."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._transport: asyncio.Transport | None = None
        self._chunks: list[bytes] = []
        self._buffered = 0
        self._eof = False
        self._error: BaseException | None = None
        self._reader: asyncio.Future[None] | None = None
        self._drained: asyncio.Future[None] | None = None  # set while the transport's buffer is full
        self._paused = False
        self._poll: select.poll | None = None

    # -- asyncio callbacks
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        sock = transport.get_extra_info("socket")
        if sock is not None and hasattr(select, "poll"):
            # One poll object per connection: asking it costs one system call, and it sees a
            # close the event loop has not reported yet.
            self._poll = select.poll()
            self._poll.register(sock.fileno(), select.POLLIN)

    def data_received(self, data: bytes) -> None:
        self._chunks.append(data)
        self._buffered += len(data)
        if self._buffered > READ_BUFFER and not self._paused and self._transport is not None:
            self._paused = True
            self._transport.pause_reading()
        self._wake_reader()

    def eof_received(self) -> bool | None:
        self._eof = True
        self._wake_reader()
        return None  # the transport closes itself

    def connection_lost(self, exc: Exception | None) -> None:
        self._eof = True
        self._error = exc
        self._wake_reader()
        self._wake_writer()

    def pause_writing(self) -> None:
        if self._drained is None:
            self._drained = self._loop.create_future()

    def resume_writing(self) -> None:
        self._wake_writer()

    def _wake_reader(self) -> None:
        waiter, self._reader = self._reader, None
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _wake_writer(self) -> None:
        waiter, self._drained = self._drained, None
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    # -- Stream
    async def read(self, timeout: float | None) -> bytes:  # noqa: ASYNC109
        if not self._chunks and not self._eof:
            waiter = self._reader = self._loop.create_future()
            timer = None if timeout is None else self._loop.call_later(timeout, _expire, waiter)
            try:
                await waiter
            finally:
                self._reader = None
                if timer is not None:
                    timer.cancel()
        chunks = self._chunks
        if not chunks:
            error, self._error = self._error, None
            if error is not None:
                raise OSError(str(error) or type(error).__name__) from error
            return b""
        data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        chunks.clear()
        self._buffered = 0
        if self._paused and self._transport is not None:
            self._paused = False
            self._transport.resume_reading()
        return data

    async def write(self, data: bytes, timeout: float | None) -> None:  # noqa: ASYNC109
        transport = self._transport
        if transport is None or transport.is_closing():
            raise ConnectionResetError("the connection is closed")
        transport.write(data)
        if transport.is_closing():  # the send failed at once (a reset, a broken pipe)
            raise ConnectionResetError("the connection was closed while sending")
        waiter = self._drained
        if waiter is not None:
            timer = None if timeout is None else self._loop.call_later(timeout, _expire, waiter)
            try:
                await waiter
            finally:
                if timer is not None:
                    timer.cancel()
            if self._error is not None or transport.is_closing():
                raise ConnectionResetError("the connection was closed while sending")

    def close(self) -> None:
        if self._transport is not None:
            # abort, not close: a TLS close would wait for the server's answer to close_notify,
            # and nothing still buffered for a connection being dropped is worth sending.
            self._transport.abort()

    def idle_usable(self) -> bool:
        if self._eof or self._chunks or self._transport is None or self._transport.is_closing():
            return False
        return self._poll is None or not self._poll.poll(0)


async def open_stream(
    host: str,
    port: int,
    tls: ssl.SSLContext | None,
    timeout: float | None,  # noqa: ASYNC109 (the connect timeout)
    *,
    server_hostname: str | None = None,
) -> Stream:
    """A TCP connection to ``host``:``port`` (TLS over it with ``tls``, checking the certificate
    for ``server_hostname``, by default ``host``). ``OSError`` or ``TimeoutError`` on failure."""
    loop = asyncio.get_running_loop()
    name = (server_hostname or host) if tls is not None else None
    async with asyncio.timeout(timeout):
        _, protocol = await loop.create_connection(
            lambda: _SocketStream(loop), host, port, ssl=tls, server_hostname=name
        )
    return protocol


class _Connection:
    __slots__ = ("h11", "idle_since", "origin", "stream")

    def __init__(self, stream: Stream, origin: Origin) -> None:
        self.stream = stream
        self.origin = origin
        self.h11 = h11.Connection(h11.CLIENT)
        self.idle_since = 0.0


class _Stale(Exception):
    """A pooled connection turned out closed before any of the request was sent."""


class _Body(httpx.AsyncByteStream):
    """A response body, read from its connection as the caller iterates. The connection goes
    back to the pool at the body's end, and is closed if the body is abandoned before it."""

    def __init__(
        self, pool: UpstreamTransport, conn: _Connection, request: httpx.Request, read: float | None
    ) -> None:
        self._pool = pool
        self._conn: _Connection | None = conn
        self._request = request
        self._read_timeout = read

    async def __aiter__(self) -> AsyncIterator[bytes]:
        conn = self._conn
        if conn is None:
            return
        machine = conn.h11
        try:
            while True:
                event = machine.next_event()
                if event is h11.NEED_DATA:
                    machine.receive_data(await conn.stream.read(self._read_timeout))
                elif type(event) is h11.Data:
                    yield bytes(event.data)
                elif type(event) is h11.EndOfMessage:
                    break
                else:
                    raise httpx.RemoteProtocolError("the server closed the connection mid-response")
        except BaseException as exc:
            self._finish(reusable=False)
            mapped = _mapped(exc, self._request, reading=True)
            if mapped is exc:
                raise
            raise mapped from exc
        self._finish(reusable=True)

    def _finish(self, *, reusable: bool) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            self._pool._release(conn, reusable)

    async def aclose(self) -> None:
        self._finish(reusable=False)  # unread to its end (a fully read body was released)


def _mapped(exc: BaseException, request: httpx.Request, *, reading: bool) -> BaseException:
    """``exc`` as the httpx exception a caller classifies (anything else unchanged)."""
    if isinstance(exc, (httpx.TransportError, asyncio.CancelledError, GeneratorExit)):
        return exc
    if isinstance(exc, TimeoutError):
        timeout = httpx.ReadTimeout if reading else httpx.WriteTimeout
        return timeout(
            "the upstream did not answer in time" if reading else "sending timed out", request=request
        )
    if isinstance(exc, h11.RemoteProtocolError):
        return httpx.RemoteProtocolError(str(exc), request=request)
    if isinstance(exc, h11.LocalProtocolError):
        return httpx.LocalProtocolError(str(exc), request=request)
    if isinstance(exc, OSError):
        error = httpx.ReadError if reading else httpx.WriteError
        return error(str(exc) or type(exc).__name__, request=request)
    return exc


class UpstreamTransport(httpx.AsyncBaseTransport):
    """httpx's transport interface over a keep-alive pool of HTTP/1.1 connections that
    ``connect`` opens (default :func:`open_stream`)."""

    def __init__(self, limits: httpx.Limits = DEFAULT_LIMITS, connect: Connect = open_stream) -> None:
        self._connect = connect
        self._max_open = limits.max_connections
        self._max_idle = limits.max_keepalive_connections
        self._expiry = limits.keepalive_expiry
        self._idle: dict[Origin, list[_Connection]] = {}  # most recently used last
        self._idle_count = 0
        self._open = 0  # connections counted against max_connections: idle, busy, connecting
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._tls: ssl.SSLContext | None = None
        self._closed = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        scheme = url.scheme
        if scheme == "http":
            tls = None
        elif scheme == "https":
            if self._tls is None:
                self._tls = httpx.create_ssl_context()  # built on first use: it reads the CA file
            tls = self._tls
        else:
            raise httpx.UnsupportedProtocol(f"cannot send a request to a {scheme!r} URL", request=request)
        timeouts = request.extensions.get("timeout", {})
        origin = (scheme, url.host, url.port or (443 if tls is not None else 80))
        while True:
            conn, reused = await self._acquire(origin, tls, timeouts, request)
            try:
                return await self._exchange(conn, request, timeouts, reused)
            except _Stale:
                self._release(conn, reusable=False)  # and try again on another connection
            except BaseException as exc:
                self._release(conn, reusable=False)
                mapped = _mapped(exc, request, reading=True)
                if mapped is exc:
                    raise
                raise mapped from exc

    async def _exchange(
        self, conn: _Connection, request: httpx.Request, timeouts: dict[str, float | None], reused: bool
    ) -> httpx.Response:
        machine = conn.h11
        stream = conn.stream
        write_timeout = timeouts.get("write")
        url = request.url
        head = machine.send(
            h11.Request(method=request.method, target=url.raw_path, headers=request.headers.raw)
        )
        pending = [head] if head else []
        size = len(head or b"")
        first = True
        try:
            async for chunk in request.stream:  # type: ignore[union-attr]
                if chunk:
                    data = machine.send(h11.Data(data=chunk)) or b""
                    pending.append(data)
                    size += len(data)
                if size >= WRITE_CHUNK:
                    await self._write(stream, pending, write_timeout, stale=reused and first)
                    first, pending, size = False, [], 0
            pending.append(machine.send(h11.EndOfMessage()) or b"")
            await self._write(stream, pending, write_timeout, stale=reused and first)
        except (OSError, TimeoutError) as exc:
            raise _mapped(exc, request, reading=False) from exc

        read_timeout = timeouts.get("read")
        received = False
        while True:
            event = machine.next_event()
            if event is h11.NEED_DATA:
                data = await stream.read(read_timeout)
                if not data and not received:
                    raise httpx.RemoteProtocolError(
                        "Server disconnected without sending a response.", request=request
                    )
                received = True
                machine.receive_data(data)
            elif type(event) is h11.Response:
                break
            elif type(event) is not h11.InformationalResponse:  # (a 100 Continue is skipped)
                raise httpx.RemoteProtocolError(
                    "Server disconnected without sending a response.", request=request
                )
        return httpx.Response(
            event.status_code,
            headers=event.headers.raw_items(),
            stream=_Body(self, conn, request, read_timeout),
            extensions={"http_version": b"HTTP/1.1", "reason_phrase": event.reason},
        )

    @staticmethod
    async def _write(stream: Stream, pending: list[bytes], timeout: float | None, *, stale: bool) -> None:  # noqa: ASYNC109
        try:
            await stream.write(b"".join(pending), timeout)
        except ConnectionError:
            if stale:  # a pooled connection that was already closed: nothing of this request left
                raise _Stale() from None
            raise

    # -- the pool
    async def _acquire(
        self,
        origin: Origin,
        tls: ssl.SSLContext | None,
        timeouts: dict[str, float | None],
        request: httpx.Request,
    ) -> tuple[_Connection, bool]:
        """A connection to ``origin`` and whether it was pooled. Requests already waiting for
        one go first: a new request queues behind them."""
        queued = bool(self._waiters)
        while True:
            if self._closed:
                raise RuntimeError("the transport is closed")
            if not queued:
                idle = self._idle.get(origin)
                if idle:
                    now = time.monotonic()
                    while idle:
                        conn = idle.pop()
                        self._idle_count -= 1
                        if (
                            self._expiry is None or now - conn.idle_since < self._expiry
                        ) and conn.stream.idle_usable():
                            return conn, True
                        self._drop(conn)
                if self._max_open is not None and self._open >= self._max_open:
                    self._evict()
                if self._max_open is None or self._open < self._max_open:
                    return await self._new(origin, tls, timeouts.get("connect"), request), False
            await self._wait(timeouts.get("pool"), request)
            queued = False

    async def _new(
        self,
        origin: Origin,
        tls: ssl.SSLContext | None,
        connect_timeout: float | None,
        request: httpx.Request,
    ) -> _Connection:
        self._open += 1
        try:
            stream = await self._connect(origin[1], origin[2], tls, connect_timeout)
        except BaseException as exc:
            self._open -= 1
            self._wake()
            if isinstance(exc, TimeoutError):
                raise httpx.ConnectTimeout("connecting timed out", request=request) from exc
            if isinstance(exc, OSError):
                raise httpx.ConnectError(str(exc) or type(exc).__name__, request=request) from exc
            raise
        return _Connection(stream, origin)

    async def _wait(self, timeout: float | None, request: httpx.Request) -> None:  # noqa: ASYNC109
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        timer = None if timeout is None else asyncio.get_running_loop().call_later(timeout, _expire, waiter)
        try:
            await waiter
        except TimeoutError:
            raise httpx.PoolTimeout("no connection became free in time", request=request) from None
        except BaseException:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self._wake()  # woken, then cancelled before using it: pass the turn on
            raise
        finally:
            if timer is not None:
                timer.cancel()

    def _wake(self) -> None:
        """Let the first waiting request look for a connection again."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    def _evict(self) -> None:
        """Close the longest idle connection to any origin, making room for another."""
        for origin, idle in self._idle.items():
            if idle:
                self._idle_count -= 1
                self._drop(idle.pop(0))
                if not idle:
                    del self._idle[origin]
                return

    def _drop(self, conn: _Connection) -> None:
        conn.stream.close()
        self._open -= 1

    def _release(self, conn: _Connection, reusable: bool) -> None:
        """Give ``conn`` back: pooled if its exchange ended cleanly and there is room, else closed."""
        machine = conn.h11
        if (
            reusable
            and not self._closed
            and machine.our_state is h11.DONE
            and machine.their_state is h11.DONE
            and (self._max_idle is None or self._idle_count < self._max_idle)
        ):
            machine.start_next_cycle()
            conn.idle_since = time.monotonic()
            self._idle.setdefault(conn.origin, []).append(conn)
            self._idle_count += 1
        else:
            self._drop(conn)
        self._wake()

    async def aclose(self) -> None:
        self._closed = True
        for idle in self._idle.values():
            for conn in idle:
                self._drop(conn)
        self._idle.clear()
        self._idle_count = 0
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)  # to find the transport closed
        self._waiters.clear()
