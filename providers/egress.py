"""Egress to upstreams a tenant chose: public addresses only, checked where the socket opens.

A tenant admin names a connection's ``base_url`` (and an OAuth ``token_url``); without this
check the gateway would send the connection's credentials to whatever that names, loopback
and cloud metadata (169.254.169.254) included, and the differing errors would map the
operator's internal network. ``PublicOnlyBackend`` is an httpcore network backend: it
resolves the host itself, refuses unless *every* address is public, and connects to the
address it checked (so a DNS answer that changes between a check and the connect, "DNS
rebinding", cannot slip through). The request keeps its URL, so the Host header and TLS SNI
and certificate check still use the host name.

Every failure to open a connection (a refused address, no such host, a closed port, a
connect timeout) is the same ``EgressRefused`` with the same message, so the answers cannot
tell a private address from a closed port from an unknown name.
"""

from __future__ import annotations

import ipaddress
import socket
import typing
from collections.abc import Awaitable, Callable, Iterable
from typing import Final

import anyio
import httpcore
import httpx

from .http import without_cookies
from .http_pool import BackendTransport

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

UNREACHABLE: Final = "the upstream could not be reached"
"""The one message of every connection failure, whatever its cause."""

_NAT64: Final = ipaddress.IPv6Network("64:ff9b::/96")

SOCKETS: httpcore.AsyncNetworkBackend = httpcore.AnyIOBackend()
"""What opens the sockets once an address is checked (tests replace it: no real network)."""


class EgressRefused(httpcore.ConnectError):
    """No connection was opened. A ``ConnectError``, so httpx and the provider layer treat it
    as any unreachable upstream; the message is always :data:`UNREACHABLE`."""

    def __init__(self) -> None:
        super().__init__(UNREACHABLE)


def is_public(ip: IPAddress) -> bool:
    """Whether ``ip`` is a globally routable unicast address (and so not loopback, private,
    link-local, shared, reserved, unspecified or multicast), also through the IPv6 forms that
    embed an IPv4 address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and not is_public(embedded):
            return False
    return ip.is_global and not ip.is_multicast


async def resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (an IP literal resolves to itself)."""
    infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def public_addresses(addresses: Iterable[str]) -> list[str]:
    """``addresses`` when every one is public; raises ``EgressRefused`` otherwise (one private
    answer among public ones is refused too: which one a connect would use is not ours to pick)."""
    checked = []
    for address in addresses:
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            raise EgressRefused() from None
        if not is_public(ip):
            raise EgressRefused()
        checked.append(address)
    if not checked:
        raise EgressRefused()
    return checked


class PublicOnlyBackend(httpcore.AsyncNetworkBackend):
    """Opens TCP connections to public addresses only; ``inner`` opens the actual sockets."""

    def __init__(
        self, inner: httpcore.AsyncNetworkBackend | None = None, resolver: Resolver | None = None
    ) -> None:
        self.inner = inner
        self.resolver = resolver

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        # Looked up at call time, so a test's stand-ins for ``resolve`` and ``SOCKETS`` apply.
        resolver = self.resolver or resolve
        inner = self.inner or SOCKETS
        options = list(socket_options or ())
        try:
            with anyio.fail_after(timeout):
                addresses = public_addresses(await resolver(host, port))
                for address in addresses:
                    try:
                        return await inner.connect_tcp(address, port, timeout, local_address, options)
                    except (httpcore.ConnectError, httpcore.ConnectTimeout, OSError):
                        continue
        except (EgressRefused, OSError, TimeoutError, httpcore.ConnectTimeout, httpcore.ConnectError):
            pass
        # Refused, unresolvable, closed or silent: the same error, so none can be told apart.
        raise EgressRefused()

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise EgressRefused()

    async def sleep(self, seconds: float) -> None:
        await (self.inner or SOCKETS).sleep(seconds)


class PublicOnlyTransport(BackendTransport):
    """A transport whose connections go through a :class:`PublicOnlyBackend`."""

    def __init__(self, backend: httpcore.AsyncNetworkBackend | None = None) -> None:
        super().__init__(backend or PublicOnlyBackend())


def public_only_client(
    timeout_s: float, backend: httpcore.AsyncNetworkBackend | None = None
) -> httpx.AsyncClient:
    """A client for tenant-chosen upstreams. It never follows redirects (each would be checked
    anyway) and ignores proxy environment variables, which would connect on its behalf."""
    return without_cookies(
        httpx.AsyncClient(
            transport=PublicOnlyTransport(backend),
            timeout=timeout_s,
            follow_redirects=False,
            trust_env=False,
        )
    )
