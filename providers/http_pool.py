"""The pooled client a server's providers share, without one of httpcore's per-request costs.

Profiled on the bench's gateway-CPU row (``bench/upstream_cpu.py``: 25 calls to one host,
most of them in flight together), httpcore's connection pool cost more CPU than the rest of
the gateway together. Whenever a request is queued or released, the pool asks every idle
connection whether the server closed it (``get_extra_info("is_readable")``), and anyio answers
by building its socket's whole attribute table, a ``getpeername`` system call included, to
find the raw socket: :class:`_Stream` finds the socket once and polls it with one poll object.
(Another cost, a failed ``import sniffio`` repeated on every lock, is gone by installing
sniffio: see pyproject.toml.)
"""

from __future__ import annotations

import select
import ssl
import typing
from typing import Any, Final

import httpcore
import httpx
from httpcore._utils import is_socket_readable


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


DEFAULT_LIMITS: Final = httpx.Limits(max_connections=100, max_keepalive_connections=20)
"""httpx's own defaults."""


class BackendTransport(httpx.AsyncHTTPTransport):
    """``httpx.AsyncHTTPTransport`` whose pool opens its connections through ``backend``, with
    httpx's default TLS context (``SSL_CERT_FILE`` honoured) and ``limits``."""

    def __init__(self, backend: httpcore.AsyncNetworkBackend, limits: httpx.Limits = DEFAULT_LIMITS) -> None:
        super().__init__(limits=limits)
        # httpx offers no public way to give its pool a network backend: the pool is rebuilt
        # as httpx builds it, with ours. A transport never reads proxy variables.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


class PooledTransport(BackendTransport):
    """The shared client's transport: httpcore's pool over :class:`_Backend`."""

    def __init__(self, limits: httpx.Limits = DEFAULT_LIMITS) -> None:
        super().__init__(_Backend(), limits)
