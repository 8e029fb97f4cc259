"""A key or token sent in a URL is refused, and never written to any log either."""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from uvicorn.logging import AccessFormatter

from graph.app import create_app
from graph.log_redaction import REDACTED, RedactSecrets, redact
from graph.settings import parse_settings
from tenancy.crypto import generate_key

from ..serving import on_loopback

SECRET = "Zq9-very-secret-value_kept-out-of-logs-0123456789a"
KEY = f"hg_live_abcdefabcdef_{SECRET[:43]}"
CONFIG = {"connections": {"demo": {"provider": "sandbox", "seed": 7, "size": 60}}}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            f"/graphql?query=%7B__typename%7D&api_key={KEY}",
            f"/graphql?query=%7B__typename%7D&api_key={REDACTED}",
        ),
        (f"/graphql?key={SECRET}&query=x", f"/graphql?key={REDACTED}&query=x"),
        (f"/graphql?TOKEN={SECRET}", f"/graphql?TOKEN={REDACTED}"),
        (f"/graphql?access_token={SECRET}#frag", f"/graphql?access_token={REDACTED}#frag"),
        (f"/graphql?api%5Fkey={SECRET}", f"/graphql?api%5Fkey={REDACTED}"),
        # A hiregraph key under any name, or in the path, keeps only its public id.
        (f"/graphql?auth={KEY}", f"/graphql?auth=hg_live_abcdefabcdef_{REDACTED}"),
        (f"/x/{KEY}/y", f"/x/hg_live_abcdefabcdef_{REDACTED}/y"),
        ("/graphql?query=%7Bjobs%7D&operationName=Jobs", "/graphql?query=%7Bjobs%7D&operationName=Jobs"),
        ("/graphql?monkey=banana", "/graphql?monkey=banana"),
    ],
)
def test_redact(path: str, expected: str) -> None:
    assert redact(path) == expected


def test_the_filter_rewrites_the_arguments_uvicorn_logs() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/graphql?api_key={KEY}", "1.1", 401),
        None,
    )
    assert RedactSecrets().filter(record)
    assert SECRET[:20] not in record.getMessage()
    assert record.getMessage() == f'127.0.0.1:5000 - "GET /graphql?api_key={REDACTED} HTTP/1.1" 401'


@pytest.fixture
async def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[tuple[str, io.StringIO]]:
    """The app under a real uvicorn (its own logging set-up, an ephemeral loopback port), with
    the access log also copied, formatted as uvicorn formats it, into a buffer."""
    monkeypatch.setenv("HIREGRAPH_SECRET_KEYS", generate_key())
    app = create_app(
        parse_settings(CONFIG), database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}", require_keys=True
    )
    buffer = io.StringIO()
    copy = logging.StreamHandler(buffer)
    copy.setFormatter(
        AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s', use_colors=False)
    )
    access = logging.getLogger("uvicorn.access")
    async with on_loopback(app, log_level="info", http="h11", ws="none") as port:
        # Added once uvicorn has set up its logging, which replaces the loggers' handlers.
        access.addHandler(copy)
        try:
            yield f"http://127.0.0.1:{port}", buffer
        finally:
            access.removeHandler(copy)


async def test_a_key_in_the_url_never_reaches_the_logs(
    served: tuple[str, io.StringIO], caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    base, access_log = served
    caplog.set_level(logging.DEBUG)
    async with httpx.AsyncClient(base_url=base) as http:
        refused = await http.get("/graphql", params={"query": "{ __typename }", "api_key": KEY})
        assert refused.status_code == 401
        assert SECRET[:20] not in refused.text
        assert (
            await http.get("/graphql", params={"query": "{ __typename }", "token": SECRET})
        ).status_code == 401
        assert (await http.get(f"/keys/{KEY}")).status_code == 404
    written = access_log.getvalue()
    assert written.count("GET /graphql?query=") == 2  # the requests are still logged
    assert f"api_key={REDACTED}" in written
    assert f"token={REDACTED}" in written
    # Everything the server logged (uvicorn's own handlers, hiregraph's loggers); the test's
    # client logs the URL it sent, which is not the server's doing.
    server_logs = [r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    assert any(r.name == "uvicorn.access" for r in caplog.records)
    for output in (written, *server_logs, *capsys.readouterr()):
        assert SECRET[:20] not in output
