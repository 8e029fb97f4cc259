"""The machine's PostgreSQL and Redis for tests: skip when absent, fail under CI.

``.ci/run`` starts both and sets ``HIREGRAPH_REQUIRE_SERVICES=1``; on a plain clone without
them, the tests that need them skip and say why.
"""

from __future__ import annotations

import os
import socket
import uuid
from typing import Final

import pytest

POSTGRES_URL: Final = os.environ.get(
    "HIREGRAPH_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REDIS_URL: Final = os.environ.get("HIREGRAPH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def required() -> bool:
    return os.environ.get("HIREGRAPH_REQUIRE_SERVICES", "") in ("1", "true")


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.0):
            return True
    except OSError:
        return False


def need(service: str, host: str, port: int) -> None:
    """Skip (or, under HIREGRAPH_REQUIRE_SERVICES=1, fail) when ``service`` is not listening."""
    if reachable(host, port):
        return
    message = f"{service} is not reachable at {host}:{port}"
    if required():
        pytest.fail(f"{message}, and HIREGRAPH_REQUIRE_SERVICES=1 requires it")
    pytest.skip(f"{message} (start it, or run .ci/run, to run this test)")


def unique(prefix: str) -> str:
    """A name no parallel test run shares."""
    return f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
