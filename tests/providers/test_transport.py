"""The upstream transport (providers/transport.py) against real loopback servers: keep-alive and
its limits, the ways a server ends a connection, body framings, cancellation, TLS."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import ipaddress
import socket
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import httpx
import pytest

from providers.egress import public_only_client
from providers.http import upstream_client
from providers.transport import Stream, UpstreamTransport, open_stream

Answer = Callable[["Server", str, str, asyncio.StreamWriter], Awaitable[bool]]
"""Writes the answer to (method, path); returns whether to keep the connection open."""


def ok(body: bytes = b"{}", *, extra: bytes = b"") -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n%s\r\n%s" % (len(body), extra, body)


async def answer_ok(server: Server, method: str, path: str, writer: asyncio.StreamWriter) -> bool:
    await asyncio.sleep(0.01)  # so that concurrent requests overlap
    writer.write(ok())
    return True


class Server:
    """An HTTP/1.1 server on loopback whose answers a test scripts. It counts the connections
    it accepted, those open now, and those the client hung up (closed while the server was
    waiting for a request or still answering)."""

    def __init__(self, answer: Answer = answer_ok, tls: ssl.SSLContext | None = None) -> None:
        self.answer = answer
        self.tls = tls
        self.connections = 0
        self.open = 0
        self.most_open = 0
        self.hung_up = 0
        self.requests: list[tuple[str, str, bytes]] = []
        self.readers: dict[asyncio.StreamWriter, asyncio.StreamReader] = {}
        self.url = ""
        self._listener: asyncio.Server | None = None
        self._handlers: set[asyncio.Task[None]] = set()

    async def __aenter__(self) -> Server:
        self._listener = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self.tls)
        port = self._listener.sockets[0].getsockname()[1]
        self.url = f"{'https' if self.tls else 'http'}://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self._listener is not None
        self._listener.close()
        if self._handlers:  # the clients hung up: let the handlers see it before stopping them
            await asyncio.wait(self._handlers, timeout=1)
        for handler in self._handlers:
            handler.cancel()
        await asyncio.gather(*self._handlers, return_exceptions=True)
        await self._listener.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        self.connections += 1
        self.open += 1
        self.most_open = max(self.most_open, self.open)
        self.readers[writer] = reader
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                method, path, _ = head.split(b" ", 2)
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                body = await reader.readexactly(length)
                self.requests.append((method.decode(), path.decode(), body))
                keep = await self.answer(self, method.decode(), path.decode(), writer)
                await writer.drain()
                if not keep:
                    break
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            self.hung_up += 1
        finally:
            self.open -= 1
            writer.close()
            self._handlers.discard(task)

    async def until_hung_up(self, writer: asyncio.StreamWriter) -> bool:
        """Waits for the client to close the connection (an answer that stalls); returns False."""
        assert await self.readers[writer].read() == b""
        self.hung_up += 1
        return False

    async def wait_until(self, check: Callable[[], bool]) -> None:
        for _ in range(400):  # two seconds at most
            if check():
                return
            await asyncio.sleep(0.005)
        raise AssertionError("the server never got there")


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    async with Server() as running:
        yield running


def client(limits: httpx.Limits | None = None, timeout: float = 5.0) -> httpx.AsyncClient:
    transport = UpstreamTransport(limits) if limits else UpstreamTransport()
    return httpx.AsyncClient(transport=transport, timeout=timeout)


# -- keep-alive --------------------------------------------------------------------------------
async def test_sequential_requests_share_one_connection(server: Server) -> None:
    async with client() as http:
        for _ in range(5):
            answer = await http.post(f"{server.url}/x", json={"a": 1})
            assert answer.json() == {}
    assert server.connections == 1
    assert [r[2] for r in server.requests] == [b'{"a":1}'] * 5
    await server.wait_until(lambda: server.open == 0)  # closing the client closed it


async def test_concurrent_requests_share_pooled_connections(server: Server) -> None:
    async with upstream_client(5.0) as http:
        for _ in range(3):
            answers = await asyncio.gather(*(http.get(f"{server.url}/x") for _ in range(15)))
            assert {a.status_code for a in answers} == {200}
    # 15 in flight at once need 15 connections; the later rounds reuse them
    assert server.connections == 15


async def test_requests_past_the_limit_wait_for_a_free_connection(server: Server) -> None:
    async with client(httpx.Limits(max_connections=2)) as http:
        answers = await asyncio.gather(*(http.get(f"{server.url}/{i}") for i in range(8)))
    assert {a.status_code for a in answers} == {200}
    assert (server.connections, server.most_open) == (2, 2)


async def test_a_request_waits_no_longer_than_the_pool_timeout() -> None:
    async def slow(server: Server, method: str, path: str, writer: asyncio.StreamWriter) -> bool:
        await asyncio.sleep(0.5)
        writer.write(ok())
        return True

    async with Server(slow) as server, client(httpx.Limits(max_connections=1)) as http:
        busy = asyncio.create_task(http.get(f"{server.url}/slow"))
        await server.wait_until(lambda: len(server.requests) == 1)
        with pytest.raises(httpx.PoolTimeout):
            await http.get(f"{server.url}/x", timeout=httpx.Timeout(5.0, pool=0.05))
        assert (await busy).status_code == 200
        assert (await http.get(f"{server.url}/x")).status_code == 200
    assert server.connections == 1


async def test_a_cancelled_waiter_passes_its_turn_on(server: Server) -> None:
    async with client(httpx.Limits(max_connections=1)) as http:
        first = asyncio.create_task(http.get(f"{server.url}/1"))
        second = asyncio.create_task(http.get(f"{server.url}/2"))
        third = asyncio.create_task(http.get(f"{server.url}/3"))
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        second.cancel()
        async with asyncio.timeout(2):
            assert (await first).status_code == 200
            assert (await third).status_code == 200
        assert second.cancelled()
    assert server.connections == 1


async def test_idle_connections_past_the_keepalive_limit_are_closed(server: Server) -> None:
    async with client(httpx.Limits(max_connections=10, max_keepalive_connections=2)) as http:
        await asyncio.gather(*(http.get(f"{server.url}/x") for _ in range(5)))
        await server.wait_until(lambda: server.open == 2)
        await asyncio.gather(*(http.get(f"{server.url}/x") for _ in range(2)))
    assert server.connections == 5  # the two kept were reused


async def test_an_expired_idle_connection_is_not_reused(server: Server) -> None:
    async with client(httpx.Limits(keepalive_expiry=0.05)) as http:
        await http.get(f"{server.url}/x")
        await asyncio.sleep(0.1)
        await http.get(f"{server.url}/x")
    assert server.connections == 2


async def test_a_full_pool_replaces_an_idle_connection_to_another_host(server: Server) -> None:
    async with Server() as other, client(httpx.Limits(max_connections=1)) as http:
        for url in (server.url, other.url, server.url):
            assert (await http.get(f"{url}/x")).status_code == 200
    assert (server.connections, other.connections) == (2, 1)


# -- the server ends a connection --------------------------------------------------------------
async def test_a_connection_the_server_closed_while_idle_is_not_reused() -> None:
    async def once(server: Server, method: str, path: str, writer: asyncio.StreamWriter) -> bool:
        writer.write(ok())  # keep-alive announced (HTTP/1.1), then dropped
        return False

    async with Server(once) as server, client() as http:
        for _ in range(3):
            assert (await http.get(f"{server.url}/x")).status_code == 200
            await server.wait_until(lambda: server.open == 0)
    assert server.connections == 3


async def test_a_close_the_event_loop_has_not_seen_yet_is_noticed_before_reuse() -> None:
    # The server side here is a bare socket closed synchronously, and the next request starts
    # before the loop runs again: only the socket itself can tell the connection is dead.
    loop = asyncio.get_running_loop()
    with socket.create_server(("127.0.0.1", 0)) as listening:
        listening.setblocking(False)
        url = f"http://127.0.0.1:{listening.getsockname()[1]}/x"

        async def answer_one() -> socket.socket:
            conn, _ = await loop.sock_accept(listening)
            await loop.sock_recv(conn, 65536)
            await loop.sock_sendall(conn, ok())
            return conn

        async with client() as http:
            first = asyncio.create_task(http.get(url))
            with await answer_one():
                assert (await first).status_code == 200
            # closed (the with block), and before this task yields, the request is under way
            second = asyncio.create_task(http.get(url))
            accepting = asyncio.create_task(answer_one())
            # (Sent on the dead connection instead, the request fails and nothing is accepted.)
            await asyncio.wait([second, accepting], timeout=2, return_when=asyncio.FIRST_EXCEPTION)
            if not accepting.done():
                accepting.cancel()
            assert second.result().status_code == 200
            accepting.result().close()


async def test_connection_close_is_honoured() -> None:
    async def closing(server: Server, method: str, path: str, writer: asyncio.StreamWriter) -> bool:
        writer.write(ok(extra=b"Connection: close\r\n"))
        return True  # the client must hang up itself

    async with Server(closing) as server, client() as http:
        for _ in range(2):
            assert (await http.get(f"{server.url}/x")).status_code == 200
        await server.wait_until(lambda: server.hung_up == 2)
    assert server.connections == 2


class ScriptedStream(Stream):
    """A connection that answers ``answers`` requests, then fails every write as a connection
    the server reset while it sat idle (which the transport cannot see before writing)."""

    def __init__(self, answers: int) -> None:
        self.answers = answers
        self.pending = b""
        self.closed = False

    async def read(self, timeout: float | None) -> bytes:  # noqa: ASYNC109
        data, self.pending = self.pending, b""
        return data

    async def write(self, data: bytes, timeout: float | None) -> None:  # noqa: ASYNC109
        if self.answers == 0:
            raise ConnectionResetError("reset by peer")
        self.answers -= 1
        self.pending = ok()

    def close(self) -> None:
        self.closed = True

    def idle_usable(self) -> bool:
        return True


async def test_a_pooled_connection_found_closed_at_send_is_replaced() -> None:
    streams: list[ScriptedStream] = []

    async def connect(host: str, port: int, tls: ssl.SSLContext | None, timeout: float | None) -> Stream:  # noqa: ASYNC109
        streams.append(ScriptedStream(answers=1))
        return streams[-1]

    async with httpx.AsyncClient(transport=UpstreamTransport(connect=connect)) as http:
        for _ in range(2):
            assert (await http.post("http://upstream.test/x", content=b"write")).status_code == 200
    assert len(streams) == 2
    assert streams[0].closed


async def test_a_fresh_connection_failing_at_send_is_an_error() -> None:
    async def connect(host: str, port: int, tls: ssl.SSLContext | None, timeout: float | None) -> Stream:  # noqa: ASYNC109
        return ScriptedStream(answers=0)

    async with httpx.AsyncClient(transport=UpstreamTransport(connect=connect)) as http:
        with pytest.raises(httpx.WriteError):
            await http.get("http://upstream.test/x")


async def test_a_server_closing_mid_body_is_a_protocol_error_and_the_pool_goes_on() -> None:
    async def short(server: Server, method: str, path: str, writer: asyncio.StreamWriter) -> bool:
        if path == "/short":
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
            return False
        writer.write(ok())
        return True

    async with Server(short) as server, client() as http:
        with pytest.raises(httpx.RemoteProtocolError):
            await http.get(f"{server.url}/short")
        assert (await http.get(f"{server.url}/x")).json() == {}
    assert server.connections == 2


async def test_a_server_closing_before_answering_is_a_protocol_error() -> None:
    async def silent(server: Server, method: str, path: str, writer: asyncio.StreamWriter) -> bool:
        return False

    async with Server(silent) as server, client() as http:
        with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
            await http.get(f"{server.url}/x")


async def test_a_silent_server_is_a_read_timeout_and_its_connection_is_dropped() -> None:
    async def hang(server: Server, method: str, path: str, writer: asyncio.StreamWriter) -> bool:
        if path == "/hang":
            return await server.until_hung_up(writer)
        writer.write(ok())
        return True

    async with Server(hang) as server, client(timeout=0.1) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.get(f"{server.url}/hang")
        await server.wait_until(lambda: server.hung_up == 1)
        assert (await http.get(f"{server.url}/x")).status_code == 200
    assert server.connections == 2


async def test_a_closed_port_is_a_connect_error() -> None:
    listener = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = listener.sockets[0].getsockname()[1]
    listener.close()
    await listener.wait_closed()
    async with client() as http:
        with pytest.raises(httpx.ConnectError):
            await http.get(f"http://127.0.0.1:{port}/x")


async def test_a_connect_that_times_out_is_a_connect_timeout() -> None:
    async def never(host: str, port: int, tls: ssl.SSLContext | None, timeout: float | None) -> Stream:  # noqa: ASYNC109
        async with asyncio.timeout(timeout):
            await asyncio.sleep(10)
        raise AssertionError("unreachable")

    transport = UpstreamTransport(httpx.Limits(max_connections=1), connect=never)
    async with httpx.AsyncClient(transport=transport, timeout=0.05) as http:
        for _ in range(2):  # the failed connect gave its place in the pool back
            with pytest.raises(httpx.ConnectTimeout):
                await http.get("http://upstream.test/x")


# -- bodies ------------------------------------------------------------------------------------
async def test_chunked_and_length_bodies_are_read_and_the_connection_reused() -> None:
    async def framed(server: Server, method: str, path: str, writer: asyncio.StreamWriter) -> bool:
        if path == "/chunked":
            writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            for piece in (b'{"a":', b" [1, 2", b"]}"):
                writer.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                await writer.drain()
                await asyncio.sleep(0.005)
            writer.write(b"0\r\n\r\n")
        else:
            writer.write(ok(b'{"b": true}'))
        return True

    async with Server(framed) as server, client() as http:
        assert (await http.get(f"{server.url}/chunked")).json() == {"a": [1, 2]}
        assert (await http.get(f"{server.url}/length")).json() == {"b": True}
        assert (await http.get(f"{server.url}/chunked")).json() == {"a": [1, 2]}
    assert server.connections == 1


async def test_a_body_delimited_by_the_close_is_read_to_the_close() -> None:
    async def old_style(server: Server, method: str, path: str, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
        writer.write(b'{"until": "the close"}')
        return False

    async with Server(old_style) as server, client() as http:
        for _ in range(2):
            assert (await http.get(f"{server.url}/x")).json() == {"until": "the close"}
    assert server.connections == 2


async def test_answers_without_a_body_leave_the_connection_reusable() -> None:
    async def bodiless(server: Server, method: str, path: str, writer: asyncio.StreamWriter) -> bool:
        if method == "HEAD":  # declares the length of the body a GET would get, sends none
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
        elif path == "/204":
            writer.write(b"HTTP/1.1 204 No Content\r\n\r\n")
        elif path == "/304":
            writer.write(b'HTTP/1.1 304 Not Modified\r\nETag: "x"\r\nContent-Length: 7\r\n\r\n')
        else:
            writer.write(ok(b"hello"))
        return True

    async with Server(bodiless) as server, client(timeout=1.0) as http:
        head = await http.head(f"{server.url}/x")
        assert (head.status_code, head.content, head.headers["content-length"]) == (200, b"", "5")
        assert (await http.get(f"{server.url}/204")).content == b""
        assert (await http.get(f"{server.url}/304")).status_code == 304
        assert (await http.get(f"{server.url}/x")).content == b"hello"
    assert server.connections == 1


@pytest.mark.parametrize("chunked", [False, True])
async def test_large_bodies_stream_whole(chunked: bool) -> None:
    body = bytes(range(256)) * 4096 * 8  # 8 MiB

    async def large(server: Server, method: str, path: str, writer: asyncio.StreamWriter) -> bool:
        if chunked:
            writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            for at in range(0, len(body), 100_000):
                piece = body[at : at + 100_000]
                writer.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                await writer.drain()
            writer.write(b"0\r\n\r\n")
        else:
            writer.write(ok(body))
        return True

    upload = b"u" * 300_000
    async with Server(large) as server, client() as http:
        async with http.stream("POST", f"{server.url}/x", content=upload) as answer:
            received = bytearray()
            async for chunk in answer.aiter_raw():
                received += chunk
                await asyncio.sleep(0)  # a slow reader: the transport stops reading meanwhile
        assert bytes(received) == body
        assert (await http.get(f"{server.url}/x")).content == body
    assert server.requests[0][2] == upload
    assert server.connections == 1


async def test_a_body_closed_before_its_end_closes_the_connection() -> None:
    async def large(server: Server, method: str, path: str, writer: asyncio.StreamWriter) -> bool:
        writer.write(ok(b"x" * 1_000_000))
        return True

    async with Server(large) as server, client() as http:
        async with http.stream("GET", f"{server.url}/x") as answer:
            async for _ in answer.aiter_raw():
                break
        await server.wait_until(lambda: server.hung_up == 1)
        assert len((await http.get(f"{server.url}/x")).content) == 1_000_000
    assert server.connections == 2


# -- cancellation -----------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["headers", "body"])
async def test_a_cancelled_exchange_drops_its_connection_and_the_pool_goes_on(where: str) -> None:
    async def stall(server: Server, method: str, path: str, writer: asyncio.StreamWriter) -> bool:
        if path == "/stall":
            if where == "body":
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
                await writer.drain()
            return await server.until_hung_up(writer)
        writer.write(ok())
        return True

    async with Server(stall) as server, client(httpx.Limits(max_connections=1)) as http:
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.1):
                await http.get(f"{server.url}/stall")
        # The one connection the limit allows was given back, and the stalled one hung up.
        assert (await http.get(f"{server.url}/x")).status_code == 200
        await server.wait_until(lambda: server.hung_up == 1)
    assert server.connections == 2


# -- TLS ---------------------------------------------------------------------------------------
def self_signed(directory: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for ``name`` (and 127.0.0.1) and its key, as PEM files."""
    x509 = pytest.importorskip("cryptography.x509", reason="generating a certificate needs cryptography")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    alt = x509.SubjectAlternativeName([x509.DNSName(name), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(alt, critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "cert.pem", directory / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_file, key_file


@pytest.fixture
def tls_server_context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ssl.SSLContext:
    """A server context with a certificate for ``localhost``, which the transport's default
    TLS context (httpx's, honouring ``SSL_CERT_FILE``) trusts."""
    cert_file, key_file = self_signed(tmp_path, "localhost")
    monkeypatch.setenv("SSL_CERT_FILE", str(cert_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return context


async def test_https_checks_the_certificate_by_host_name_and_keeps_alive(
    tls_server_context: ssl.SSLContext,
) -> None:
    async with Server(tls=tls_server_context) as server, upstream_client(5.0) as http:
        url = server.url.replace("127.0.0.1", "localhost")
        for _ in range(3):
            assert (await http.get(f"{url}/x")).json() == {}
    assert server.connections == 1


async def test_https_refuses_a_certificate_for_another_name(tls_server_context: ssl.SSLContext) -> None:
    async with Server(tls=tls_server_context) as server:
        port = int(server.url.rsplit(":", 1)[1])

        async def as_other_name(
            host: str,
            port: int,
            tls: ssl.SSLContext | None,
            timeout: float | None,  # noqa: ASYNC109
        ) -> Stream:
            # The right address, checked as another name's: the certificate does not match.
            return await open_stream("127.0.0.1", port, tls, timeout, server_hostname="other.test")

        transport = UpstreamTransport(connect=as_other_name)
        async with httpx.AsyncClient(transport=transport) as http:
            with pytest.raises(httpx.ConnectError, match="certificate"):
                await http.get(f"https://other.test:{port}/x")


# -- the shared clients ------------------------------------------------------------------------
@pytest.mark.parametrize("make", [upstream_client, public_only_client])
async def test_the_shared_clients_keep_no_cookie(make: Callable[[float], httpx.AsyncClient]) -> None:
    # One client serves every tenant's connections: a cookie one account's upstream set must
    # not ride on another's requests to the same host.
    async with make(5.0) as http:
        request = httpx.Request("GET", "https://api.example.com/v1/candidates")
        answer = httpx.Response(200, headers={"Set-Cookie": "session=tenant-a; Path=/"}, request=request)
        http.cookies.extract_cookies(answer)
        assert len(http.cookies) == 0
        sent = http.build_request("GET", "https://api.example.com/v1/jobs")
        assert "cookie" not in sent.headers


async def test_a_closed_client_closes_its_idle_connections(server: Server) -> None:
    http = client()
    await asyncio.gather(*(http.get(f"{server.url}/x") for _ in range(3)))
    assert server.open == 3
    await http.aclose()
    await server.wait_until(lambda: server.open == 0)
    with contextlib.suppress(RuntimeError):
        await http.get(f"{server.url}/x")  # httpx refuses a closed client itself
