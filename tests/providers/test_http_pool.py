"""The shared client's pool (providers/http_pool.py): what it changes is only CPU, so these
check that it still pools, reuses and drops connections as httpx's own does, over real
loopback sockets."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from providers.egress import public_only_client
from providers.http import upstream_client
from providers.http_pool import PooledTransport

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: application/json\r\n\r\n{}"


class Server:
    """An HTTP/1.1 server on loopback answering ``{}`` to every request, counting connections;
    ``close_after_answer`` makes it close each connection once it has answered (keep-alive
    announced, then dropped: a pooled client must notice before reusing it)."""

    def __init__(self, *, close_after_answer: bool = False) -> None:
        self.connections = 0
        self.close_after_answer = close_after_answer
        self.url = ""

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while await reader.readuntil(b"\r\n\r\n"):
                await asyncio.sleep(0.01)  # so that requests overlap
                writer.write(RESPONSE)
                await writer.drain()
                if self.close_after_answer:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


@pytest.fixture
async def server(request: pytest.FixtureRequest) -> AsyncIterator[Server]:
    state = Server(close_after_answer=getattr(request, "param", False))
    listener = await asyncio.start_server(state.handle, "127.0.0.1", 0)
    port = listener.sockets[0].getsockname()[1]
    state.url = f"http://127.0.0.1:{port}"
    async with listener:
        yield state


async def test_concurrent_requests_share_pooled_connections(server: Server) -> None:
    async with upstream_client(5.0) as client:
        for _ in range(3):
            answers = await asyncio.gather(*(client.get(f"{server.url}/x") for _ in range(15)))
            assert {a.status_code for a in answers} == {200}
    # 15 in flight at once need 15 connections; the later rounds reuse them
    assert server.connections == 15


@pytest.mark.parametrize("server", [True], indirect=True)
async def test_a_connection_the_server_closed_is_not_reused(server: Server) -> None:
    async with upstream_client(5.0) as client:
        for _ in range(3):
            assert (await client.get(f"{server.url}/x")).status_code == 200
            await asyncio.sleep(0.05)  # the close reaches the idle connection
    assert server.connections == 3


async def test_a_full_pool_replaces_an_idle_connection_to_another_host(server: Server) -> None:
    other = Server()
    listener = await asyncio.start_server(other.handle, "127.0.0.1", 0)
    other.url = f"http://127.0.0.1:{listener.sockets[0].getsockname()[1]}"
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with listener, httpx.AsyncClient(transport=PooledTransport(limits)) as client:
        for url in (server.url, other.url, server.url):
            assert (await client.get(f"{url}/x")).status_code == 200
    assert (server.connections, other.connections) == (2, 1)


@pytest.mark.parametrize("make", [upstream_client, public_only_client])
async def test_the_shared_clients_keep_no_cookie(make: Callable[[float], httpx.AsyncClient]) -> None:
    # One client serves every tenant's connections: a cookie one account's upstream set must
    # not ride on another's requests to the same host.
    async with make(5.0) as client:
        request = httpx.Request("GET", "https://api.example.com/v1/candidates")
        answer = httpx.Response(200, headers={"Set-Cookie": "session=tenant-a; Path=/"}, request=request)
        client.cookies.extract_cookies(answer)
        assert len(client.cookies) == 0
        sent = client.build_request("GET", "https://api.example.com/v1/jobs")
        assert "cookie" not in sent.headers
