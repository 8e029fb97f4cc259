"""Egress to upstreams a tenant chose: public addresses only, checked where the socket opens.

A tenant admin names a connection's ``base_url`` (and an OAuth ``token_url``); without this
check the gateway would send the connection's credentials to whatever that names, loopback
and cloud metadata (169.254.169.254) included, and the differing errors would map the
operator's internal network. ``PublicOnlyConnect`` is the connect hook of the client's
transport (``providers/transport.py``): it resolves the host itself, refuses unless *every*
address is public, and connects to the address it checked (so a DNS answer that changes between a check and the connect,
"DNS rebinding", cannot slip through). The request keeps its URL, so the Host header and TLS SNI
and certificate check still use the host name.

Every failure to open a connection (a refused address, no such host, a closed port, a
connect timeout) is the same ``EgressRefused`` with the same message, so the answers cannot
tell a private address from a closed port from an unknown name.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterable
from typing import Final

import anyio
import httpx

from .http import CookielessClient
from .transport import Connect, Opener, Stream, UpstreamTransport, open_stream

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

UNREACHABLE: Final = "the upstream could not be reached"
"""The one message of every connection failure, whatever its cause."""

_NAT64: Final = ipaddress.IPv6Network("64:ff9b::/96")

SOCKETS: Opener = open_stream
"""What opens the sockets once an address is checked (tests replace it: no real network)."""


class EgressRefused(httpx.ConnectError):
    """No connection was opened. A ``ConnectError``, so the provider layer treats it as any
    unreachable upstream; the message is always :data:`UNREACHABLE`."""

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


class PublicOnlyConnect:
    """A transport's connect hook (:data:`providers.transport.Connect`) that opens TCP
    connections to public addresses only; ``opener`` opens the actual sockets."""

    def __init__(self, opener: Opener | None = None, resolver: Resolver | None = None) -> None:
        self.opener = opener
        self.resolver = resolver

    async def __call__(
        self,
        host: str,
        port: int,
        tls: ssl.SSLContext | None,
        timeout: float | None,  # noqa: ASYNC109 (the connect timeout)
    ) -> Stream:
        # Looked up at call time, so a test's stand-ins for ``resolve`` and ``SOCKETS`` apply.
        resolver = self.resolver or resolve
        opener = self.opener or SOCKETS
        try:
            async with asyncio.timeout(timeout):
                for address in public_addresses(await resolver(host, port)):
                    try:
                        # The checked address; the name stays the TLS server name.
                        return await opener(address, port, tls, timeout, server_hostname=host)
                    except (OSError, httpx.TransportError):
                        continue
        except (OSError, httpx.TransportError):  # TimeoutError and EgressRefused included
            pass
        # Refused, unresolvable, closed or silent: the same error, so none can be told apart.
        raise EgressRefused()


def public_only_transport(connect: Connect | None = None) -> UpstreamTransport:
    """A transport whose connections go through a :class:`PublicOnlyConnect`."""
    return UpstreamTransport(connect=connect or PublicOnlyConnect())


def public_only_client(timeout_s: float, connect: Connect | None = None) -> httpx.AsyncClient:
    """A client for tenant-chosen upstreams. It never follows redirects (each would be checked
    anyway) and ignores proxy environment variables, which would connect on its behalf."""
    return CookielessClient(transport=public_only_transport(connect), timeout=timeout_s, trust_env=False)
