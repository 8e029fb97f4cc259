"""Stored connections reach public addresses only, checked where the socket opens (issue 10.3).

No test here reaches the network: names resolve through a stand-in for ``egress.resolve``
and sockets open through a stand-in for ``egress.SOCKETS`` that records every address it is
asked to connect to (so "nothing was sent to a private address" is checked, not assumed).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import ssl
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from providers import egress
from providers.egress import PublicOnlyConnect, is_public, public_only_client
from providers.greenhouse.simulator import create_simulator
from providers.sandbox.dataset import dataset
from providers.transport import Stream

from .admin_app import TEST, AdminApp, admin_app, error

PUBLIC = "93.184.216.34"
CLOSED_PUBLIC = "1.2.3.4"  # answered as a closed port by the stand-in network below
UNREACHABLE = "connection 'gh' failed its test call: greenhouse could not be reached"


class FakeStream(Stream):
    """A connection that answers its one request with an empty JSON list."""

    def __init__(self, server_hostname: str | None) -> None:
        self.sent = b""
        self.server_hostname = server_hostname  # the TLS server name (SNI, certificate check)
        self._answered = False

    async def read(self, timeout: float | None) -> bytes:  # noqa: ASYNC109
        if self._answered:
            return b""
        self._answered = True
        return b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]"

    async def write(self, data: bytes, timeout: float | None) -> None:  # noqa: ASYNC109
        self.sent += data

    def close(self) -> None:
        return None

    def idle_usable(self) -> bool:
        return False  # it answers once


class FakeNetwork:
    """Stands in for ``open_stream``. Records every connect; a private address fails the test
    outright (it must never get this far), ``CLOSED_PUBLIC`` answers like a closed port,
    ``timeout_on`` like a silent one."""

    def __init__(self) -> None:
        self.connected: list[tuple[str, int]] = []
        self.streams: list[FakeStream] = []
        self.timeout_on: set[str] = set()

    async def __call__(
        self,
        host: str,
        port: int,
        tls: ssl.SSLContext | None,
        timeout: float | None,  # noqa: ASYNC109
        *,
        server_hostname: str | None = None,
    ) -> Stream:
        assert is_public(ipaddress.ip_address(host)), f"connected to non-public {host}"
        self.connected.append((host, port))
        if host == CLOSED_PUBLIC:
            raise ConnectionRefusedError(111, "Connection refused")
        if host in self.timeout_on:
            raise TimeoutError()
        stream = FakeStream(server_hostname if tls is not None else None)
        self.streams.append(stream)
        return stream


class FakeDns:
    """Answers from a table (IP literals answer themselves); an unknown name does not resolve."""

    def __init__(self, table: dict[str, list[list[str]]]) -> None:
        self.table = table
        self.asked: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            pass
        answers = self.table.get(host)
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        # Successive lookups get successive answers (the last one repeats): DNS rebinding.
        return answers.pop(0) if len(answers) > 1 else answers[0]


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> FakeNetwork:
    fake = FakeNetwork()
    monkeypatch.setattr(egress, "SOCKETS", fake)
    return fake


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> FakeDns:
    fake = FakeDns(
        {
            "localhost": [["127.0.0.1", "::1"]],
            "api.example.test": [[PUBLIC]],
            "closed.example.test": [[CLOSED_PUBLIC]],
            "internal.example.test": [["127.0.0.1"]],
            "mixed.example.test": [[PUBLIC, "10.0.0.7"]],
            "slow.example.test": [["5.6.7.8"]],
        }
    )
    monkeypatch.setattr(egress, "resolve", fake)
    return fake


@pytest.fixture
async def server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, network: FakeNetwork, dns: FakeDns
) -> AsyncIterator[AdminApp]:
    monkeypatch.delenv("HIREGRAPH_ALLOW_PRIVATE_UPSTREAMS", raising=False)
    async with admin_app(tmp_path, monkeypatch) as app:
        yield app


def greenhouse(base_url: str, name: str = "gh") -> dict[str, Any]:
    return {
        "name": name,
        "provider": "greenhouse",
        "baseUrl": base_url,
        "credentials": [{"key": "api_key", "value": "gh-secret-key-1f9e"}],
    }


# -- the address check ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "255.255.255.255",
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "::",
        "fe80::1",
        "fd00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "64:ff9b::a9fe:a9fe",
        "2002:7f00:1::1",
    ],
)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", [PUBLIC, "1.1.1.1", "2606:4700:4700::1111", "::ffff:93.184.216.34"])
def test_public_addresses_pass(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


# -- createConnection -------------------------------------------------------------------------
@dataclass
class Trap:
    """Loopback listeners (IPv4 and, where there is one, IPv6) noting every connection."""

    port: int
    accepted: list[str]


@pytest.fixture
async def trap() -> AsyncIterator[Trap]:
    accepted: list[str] = []

    def note(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(str(writer.get_extra_info("peername")))
        writer.close()

    v4 = await asyncio.start_server(note, "127.0.0.1", 0)
    port = v4.sockets[0].getsockname()[1]
    servers = [v4]
    with contextlib.suppress(OSError):
        servers.append(await asyncio.start_server(note, "::1", port))
    yield Trap(port, accepted)
    for listening in servers:
        listening.close()
        await listening.wait_closed()


@pytest.mark.parametrize(
    "base_url",
    [
        "http://127.0.0.1:{port}",
        "http://localhost:{port}",
        "http://[::1]:{port}",
        "http://[::ffff:127.0.0.1]:{port}",
        "http://169.254.169.254/latest",
        "https://10.0.0.8",
        "http://internal.example.test:{port}",
        "http://mixed.example.test",
    ],
)
async def test_create_connection_refuses_non_public_upstreams(
    server: AdminApp, network: FakeNetwork, trap: Trap, base_url: str
) -> None:
    body = await server.create(**greenhouse(base_url.format(port=trap.port)))
    assert error(body) == ("BAD_USER_INPUT", UNREACHABLE)
    # Nothing was even connected to (and so no credential sent).
    assert trap.accepted == []
    assert network.connected == []
    assert (await server.post("{ tenantConnections { name } }"))["data"] == {"tenantConnections": []}


async def test_refused_unresolvable_closed_and_silent_answer_alike(
    server: AdminApp, network: FakeNetwork, dns: FakeDns
) -> None:
    network.timeout_on.add("5.6.7.8")
    answers = {
        url: error(await server.create(**greenhouse(url)))
        for url in (
            "http://127.0.0.1:6379",  # a private address
            "http://no-such-host.example.test",  # no such name
            "http://closed.example.test:81",  # a public address, closed port
            "http://slow.example.test",  # a public address that never answers
        )
    }
    assert set(answers.values()) == {("BAD_USER_INPUT", UNREACHABLE)}
    assert network.connected == [(CLOSED_PUBLIC, 81), ("5.6.7.8", 80)]


async def test_a_public_upstream_is_reached_by_the_checked_address_with_its_own_name(
    server: AdminApp, network: FakeNetwork
) -> None:
    body = await server.create(**greenhouse("https://api.example.test"))
    assert body.get("errors") is None, body
    assert network.connected == [(PUBLIC, 443)]
    (stream,) = network.streams
    assert stream.server_hostname == "api.example.test"  # TLS SNI and certificate name
    assert b"Host: api.example.test\r\n" in stream.sent


async def test_test_connection_and_queries_answer_the_same_after_a_rebinding(
    server: AdminApp, network: FakeNetwork, dns: FakeDns
) -> None:
    # Public while the connection is created, loopback from then on.
    dns.table["rebind.example.test"] = [[PUBLIC], ["127.0.0.1"]]
    created = await server.create(**greenhouse("http://rebind.example.test"))
    assert created.get("errors") is None, created
    tested = await server.post(TEST, name="gh")
    assert tested["data"]["testConnection"] == {
        "ok": False,
        "message": "greenhouse could not be reached",
        "code": "UPSTREAM_UNAVAILABLE",
    }
    queried = await server.http.post(
        "/graphql",
        json={"query": "{ users(first: 1) { edges { node { id } } } }"},
        headers={"Authorization": f"Bearer {server.key}", "X-Hiregraph-Connection": "gh"},
    )
    assert [(e["extensions"]["code"], e["message"]) for e in queried.json()["errors"]] == [
        ("UPSTREAM_UNAVAILABLE", "greenhouse could not be reached")
    ]
    assert network.connected == [(PUBLIC, 80)]


async def test_an_oauth_token_url_is_checked_too(server: AdminApp, network: FakeNetwork) -> None:
    body = await server.create(
        name="lev",
        provider="lever",
        baseUrl="https://api.example.test/v1",
        credentials=[
            {"key": "client_id", "value": "cid"},
            {"key": "client_secret", "value": "lever-client-secret-5d"},
            {"key": "refresh_token", "value": "rt"},
            {"key": "token_url", "value": "http://169.254.169.254/latest/meta-data"},
        ],
    )
    assert error(body) == (
        "BAD_USER_INPUT",
        "connection 'lev': lever connection 'lev': the OAuth token endpoint could not be reached",
    )
    assert network.connected == []


# -- the connect hook itself -----------------------------------------------------------------------
async def test_the_real_resolver_and_sockets_refuse_loopback_before_connecting(trap: Trap) -> None:
    assert await egress.resolve("169.254.169.254", 80) == ["169.254.169.254"]
    assert set(await egress.resolve("localhost", trap.port)) <= {"127.0.0.1", "::1"}
    async with public_only_client(2.0) as client:
        for url in (
            f"http://127.0.0.1:{trap.port}/",
            f"http://localhost:{trap.port}/",
            f"http://[::1]:{trap.port}/",
        ):
            with pytest.raises(httpx.ConnectError, match=r"^the upstream could not be reached$"):
                await client.get(url)
    assert trap.accepted == []


async def test_the_address_is_checked_at_every_connect_and_the_checked_one_is_used(
    network: FakeNetwork,
) -> None:
    dns = FakeDns({"rebind.example.test": [[PUBLIC], ["169.254.169.254"]]})
    connect = PublicOnlyConnect(resolver=dns)
    tls = ssl.create_default_context()
    stream = await connect("rebind.example.test", 443, tls, 2.0)
    assert isinstance(stream, FakeStream)
    assert network.connected == [(PUBLIC, 443)]  # the address, not the name: no second lookup
    assert stream.server_hostname == "rebind.example.test"  # the name stays the TLS name
    with pytest.raises(httpx.ConnectError, match=r"^the upstream could not be reached$"):
        await connect("rebind.example.test", 443, tls, 2.0)
    assert network.connected == [(PUBLIC, 443)]


async def test_proxy_settings_in_the_environment_are_ignored(
    network: FakeNetwork, dns: FakeDns, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A proxy would open the connection on the client's behalf, past the check.
    monkeypatch.setenv("HTTP_PROXY", "http://10.0.0.1:3128")
    monkeypatch.setenv("ALL_PROXY", "http://10.0.0.1:3128")
    async with public_only_client(2.0) as client:
        assert (await client.get("http://api.example.test/v1/users")).json() == []
    assert network.connected == [(PUBLIC, 80)]


# -- the operator's setting -------------------------------------------------------------------
@pytest.fixture
def loopback_simulator() -> Iterator[str]:
    """The Greenhouse simulator on a real loopback port (in a thread with its own loop)."""
    app = create_simulator(dataset(7, 20), credentials={"api_key": "sim-key"})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    import threading

    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        thread.join(0.01)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)


async def test_with_private_upstreams_allowed_loopback_works_and_a_closed_port_answers_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loopback_simulator: str
) -> None:
    monkeypatch.setenv("HIREGRAPH_ALLOW_PRIVATE_UPSTREAMS", "1")
    async with admin_app(tmp_path, monkeypatch) as app:
        made = await app.create(
            name="local",
            provider="greenhouse",
            baseUrl=loopback_simulator,
            credentials=[{"key": "api_key", "value": "sim-key"}],
        )
        assert made.get("errors") is None, made
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            closed = s.getsockname()[1]
        refused = await app.create(**greenhouse(f"http://127.0.0.1:{closed}"))
        assert error(refused) == ("BAD_USER_INPUT", UNREACHABLE)
