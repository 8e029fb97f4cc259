"""The pooled client a server's providers share, without httpcore's per-request overheads.

Profiled on the bench's gateway-CPU row (``bench/upstream_cpu.py``: 25 calls to one host,
most of them in flight together), httpcore 1.0.9's connection pool cost more CPU than the
rest of the gateway together. Three causes, each fixed here without changing what is sent:

- Every lock and event httpcore makes (several per request) asks ``sniffio`` which async
  library runs. sniffio is not installed (anyio 4 no longer needs it) and Python does not
  remember a failed import, so each of those asks the file system again, about 27 µs:
  :func:`remember_missing` records the absence once, as an installed module would be.
- Whenever a request is queued or released, the pool asks every idle connection whether the
  server closed it (``get_extra_info("is_readable")``), and anyio answers by building its
  socket's whole attribute table, a ``getpeername`` system call included, to find the raw
  socket: :class:`_Stream` finds the socket once and polls it with one poll object.
- The same pass counts the pool's connections by building a list of them once per idle
  connection (quadratic in the connections held), and lists every available and every idle
  connection for each queued request to use the first: :class:`_Pool` reads ``len`` and
  takes the first.
"""

from __future__ import annotations

import importlib.util
import select
import ssl
import sys
import typing
from typing import Any, Final

import httpcore
import httpx
from httpcore._async.connection_pool import AsyncConnectionPool
from httpcore._async.interfaces import AsyncConnectionInterface
from httpcore._utils import is_socket_readable


def remember_missing(module: str) -> None:
    """Make ``import module`` fail at once when ``module`` is not installed (a ``None`` entry
    in ``sys.modules`` raises ``ModuleNotFoundError`` without searching ``sys.path``)."""
    if module not in sys.modules and importlib.util.find_spec(module) is None:
        sys.modules[module] = None  # type: ignore[assignment]


remember_missing("sniffio")


class _Stream(httpcore.AsyncNetworkStream):
    """httpcore's anyio stream, answering ``is_readable`` from a socket looked up once."""

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self.inner = inner
        self.socket = inner.get_extra_info("socket")
        # One poll object per connection, asked again at every check (httpcore makes and
        # registers a new one each time).
        self.poll: select.poll | None = None
        if self.socket is not None and self.socket.fileno() >= 0 and hasattr(select, "poll"):
            self.poll = select.poll()
            self.poll.register(self.socket.fileno(), select.POLLIN)

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:  # noqa: ASYNC109
        return await self.inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:  # noqa: ASYNC109
        await self.inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self.inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
    ) -> httpcore.AsyncNetworkStream:
        return _Stream(await self.inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            if self.poll is None or self.socket.fileno() < 0:
                return is_socket_readable(self.socket)  # closed: readable, as httpcore says
            return bool(self.poll.poll(0))
        return self.inner.get_extra_info(info)


class _Backend(httpcore.AsyncNetworkBackend):
    """httpcore's anyio backend, its streams wrapped in :class:`_Stream`."""

    def __init__(self) -> None:
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        stream = await self.inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return _Stream(stream)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return _Stream(await self.inner.connect_unix_socket(path, timeout, socket_options))

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class _Pool(AsyncConnectionPool):
    """httpcore 1.0.9's pool with two changes (marked ``was:``), the same connections chosen."""

    def _assign_requests_to_connections(self) -> list[AsyncConnectionInterface]:
        closing_connections = []
        for connection in list(self._connections):
            if connection.is_closed():
                self._connections.remove(connection)
            elif connection.has_expired():  # noqa: SIM114 (kept as httpcore has it)
                self._connections.remove(connection)
                closing_connections.append(connection)
            elif (
                connection.is_idle()
                # was: len([connection.is_idle() for connection in self._connections])
                and len(self._connections) > self._max_keepalive_connections
            ):
                self._connections.remove(connection)
                closing_connections.append(connection)

        queued_requests = [request for request in self._requests if request.is_queued()]
        for pool_request in queued_requests:
            origin = pool_request.request.url.origin
            # was: the lists of every available and every idle connection, built for each
            # queued request; only their first is used, the idle one only when the pool is full
            available = next(
                (c for c in self._connections if c.can_handle_request(origin) and c.is_available()), None
            )
            if available is not None:
                pool_request.assign_to_connection(available)
            elif len(self._connections) < self._max_connections:
                connection = self.create_connection(origin)
                self._connections.append(connection)
                pool_request.assign_to_connection(connection)
            elif (idle := next((c for c in self._connections if c.is_idle()), None)) is not None:
                self._connections.remove(idle)
                closing_connections.append(idle)
                connection = self.create_connection(origin)
                self._connections.append(connection)
                pool_request.assign_to_connection(connection)
        return closing_connections


DEFAULT_LIMITS: Final = httpx.Limits(max_connections=100, max_keepalive_connections=20)
"""httpx's own defaults."""


class PooledTransport(httpx.AsyncHTTPTransport):
    """``httpx.AsyncHTTPTransport`` over :class:`_Pool` and :class:`_Backend`, with httpx's
    default TLS context (``SSL_CERT_FILE`` honoured) and limits."""

    def __init__(self, limits: httpx.Limits = DEFAULT_LIMITS) -> None:
        super().__init__(limits=limits)
        # httpx offers no public way to give its pool a class or a network backend; the
        # pool is rebuilt as httpx builds it (see also providers/egress.py).
        self._pool = _Pool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_Backend(),
        )
