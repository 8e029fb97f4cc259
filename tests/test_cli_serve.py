"""`hiregraph serve` for real: a subprocess on a loopback port, as a user would start it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server() -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "HIREGRAPH_CONFIG": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "serve", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            proc.kill()
            out = proc.communicate(timeout=10)[0].decode()
            pytest.fail(f"server did not start:\n{out}")
        yield base
    finally:
        proc.terminate()
        proc.communicate(timeout=10)


def test_serve_answers_graphql_on_the_embedded_sandbox(server: str) -> None:
    response = httpx.post(
        f"{server}/graphql", json={"query": "{ candidates(first: 3) { edges { node { name } } } }"}
    )
    assert response.status_code == 200
    body = response.json()
    assert len(body["data"]["candidates"]["edges"]) == 3
    assert body["extensions"]["connection"] == "sandbox"
    page = httpx.get(f"{server}/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "GraphiQL" in page.text
