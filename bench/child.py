"""A server the bench runs in a child process on loopback: started, waited for, stopped."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def child_server(
    command: Callable[[int], list[str]],
    *,
    what: str,
    ready: Callable[[str], bool],
    ready_within_s: float,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Runs ``command(port)`` and yields its base URL once ``ready(url)`` holds (a transport
    error means not yet); ``what`` names the server in errors. Stopped on the way out."""
    port = free_port()
    server = subprocess.Popen(command(port), cwd=cwd, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, server, what, ready, ready_within_s)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_ready(
    url: str, server: subprocess.Popen[bytes], what: str, ready: Callable[[str], bool], within_s: float
) -> None:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"{what} exited before it was ready")
        try:
            if ready(url):
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not become ready in {within_s:g} s")
