"""The GraphiQL page in a real (headless) Chromium, used the way a person uses it.

The real server (``create_app`` on the embedded default connections, uvicorn on an ephemeral
loopback port) serves the page; the test clicks into the query editor, selects everything with
Ctrl+A, types a new document key by key, runs it and reads the result pane.

Running right after the last keystroke matters: GraphiQL re-derives the operation name from the
editor in a change handler debounced by 100 ms, so a quick Run (or Ctrl+Enter) used to send the new
text with the default document's name and got "no operation named 'Pipeline'". The pointer rests
on the Run button while typing, so the click lands within milliseconds, inside that window. (A
timing race stays a race: on a loaded machine the old page could pass here now and then; the
deterministic check of the page's fetcher is in test_graphiql.py.)

Needs the ``playwright`` package (its driver; no downloaded browser), Debian's ``chromium`` and the
GraphiQL npm assets (``scripts/install-graphiql``). Without them the tests skip, unless
``HIREGRAPH_REQUIRE_BROWSER=1`` (CI) makes them fail instead.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
import pytest

from graph.app import create_app
from graph.graphiql import graphiql_assets_installed
from graph.settings import load_settings

from ..serving import on_loopback_thread

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request, Route

REQUIRE_BROWSER_ENV = "HIREGRAPH_REQUIRE_BROWSER"

# Debian's Chromium, driven by Playwright's bundled driver; never `playwright install`.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

EDITOR = ".graphiql-query-editor .CodeMirror"
RUN_BUTTON = ".graphiql-execute-button"
RESULT = ".graphiql-response .result-window"
TIMEOUT_MS = 15_000

ANONYMOUS_QUERY = "{ candidates(first: 3) { edges { node { name } } } }"
TWO_OPERATIONS = (
    "query Jobs { jobs(first: 2) { edges { node { name } } } } "
    "query People { candidates(first: 2) { edges { node { name } } } }"
)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _missing_tool() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "the `playwright` Python package is not installed (pip install playwright)"
    if _chromium() is None:
        return "Chromium is not installed (apt-get install -y chromium)"
    if not graphiql_assets_installed():
        return "GraphiQL npm assets are not installed (run scripts/install-graphiql)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    missing = _missing_tool()
    if missing is not None:
        if os.environ.get(REQUIRE_BROWSER_ENV) == "1":
            pytest.fail(f"{REQUIRE_BROWSER_ENV}=1 but {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def server_url(browser: Browser) -> Iterator[str]:
    """`hiregraph serve` on the embedded default, on an ephemeral loopback port.

    Depends on ``browser`` so that nothing starts when the tests skip.
    """
    settings = load_settings(None, environ={})  # the embedded default, whatever HIREGRAPH_CONFIG says
    app = create_app(settings, database_url=None, require_keys=False)
    with on_loopback_thread(app) as port:
        yield f"http://127.0.0.1:{port}"


@dataclass
class Session:
    """One browser tab on GraphiQL, with what it sent and what it tried to fetch elsewhere."""

    page: Page
    graphql_posts: list[dict[str, Any]] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def sent_operations(self) -> list[dict[str, Any]]:
        """The bodies POSTed for Run (the schema introspection left out)."""
        return [body for body in self.graphql_posts if body.get("operationName") != "IntrospectionQuery"]


@pytest.fixture
def graphiql(browser: Browser, server_url: str) -> Iterator[Session]:
    """A fresh tab (fresh localStorage) with GraphiQL loaded and its schema fetched."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    session = Session(page)

    def only_loopback(route: Route) -> None:
        # The page must work offline: anything not served by hiregraph itself is refused (and
        # reported below), never fetched.
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            session.blocked.append(route.request.url)
            route.abort()

    def record(request: Request) -> None:
        if request.method == "POST" and urlsplit(request.url).path == "/graphql":
            session.graphql_posts.append(json.loads(request.post_data or "{}"))

    context.route("**/*", only_loopback)
    page.on("request", record)
    try:
        with page.expect_response(lambda r: "IntrospectionQuery" in (r.request.post_data or "")):
            page.goto(f"{server_url}/graphql")
        page.wait_for_selector(EDITOR)
        yield session
        assert session.blocked == [], "the page tried to leave the machine"
    finally:
        context.close()


def _replace_document(page: Page, text: str) -> None:
    """Click into the query editor, select all (Ctrl+A) and type ``text`` key by key.

    Meanwhile the pointer rests on the Run button, as a person's does while typing.
    """
    page.click(EDITOR)
    page.hover(RUN_BUTTON)  # the keyboard focus stays in the editor
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def _result_text(page: Page) -> str:
    """Wait for the result pane to show a response and return its text as displayed.

    CodeMirror renders only the lines in view, so this is what a person reads, not always the
    whole response: enough for the first records' names or an error's message.
    """
    page.wait_for_function(
        "sel => /\"(data|errors)\"/.test(document.querySelector(sel)?.innerText ?? '')", arg=RESULT
    )
    return page.inner_text(RESULT).replace("\u00a0", " ")  # CodeMirror indents with no-break spaces


def _assert_shows_names(text: str, names: list[str]) -> None:
    assert '"errors"' not in text, text
    for name in names:
        assert f'"name": {json.dumps(name)}' in text, (name, text)


def _expected_names(server_url: str, query: str, field_name: str) -> list[str]:
    """What the server answers the same query over plain HTTP."""
    response = httpx.post(f"{server_url}/graphql", json={"query": query}, timeout=10)
    names = [edge["node"]["name"] for edge in response.json()["data"][field_name]["edges"]]
    assert names, "the sandbox has no records to compare with"
    return names


@pytest.mark.parametrize("run_with", ["run-button", "ctrl-enter"])
def test_anonymous_query_typed_over_the_default_document_runs(
    graphiql: Session, server_url: str, run_with: str
) -> None:
    page = graphiql.page
    expected = _expected_names(server_url, ANONYMOUS_QUERY, "candidates")

    _replace_document(page, ANONYMOUS_QUERY)
    if run_with == "run-button":
        page.mouse.down()
        page.mouse.up()
    else:
        page.keyboard.press("Control+Enter")
    _assert_shows_names(_result_text(page), expected)

    [sent] = graphiql.sent_operations()
    assert sent["query"] == ANONYMOUS_QUERY
    assert sent.get("operationName") is None  # the default document's "Pipeline" is gone


def test_choosing_one_of_two_named_operations_runs_that_one(graphiql: Session, server_url: str) -> None:
    page = graphiql.page
    expected = _expected_names(
        server_url, "{ candidates(first: 2) { edges { node { name } } } }", "candidates"
    )

    _replace_document(page, TWO_OPERATIONS)
    # Once GraphiQL has read the document, Run offers its two operations; pick the second.
    page.click(f"{RUN_BUTTON}[aria-haspopup='menu']")
    page.get_by_role("menuitem", name="People").click()
    text = _result_text(page)

    _assert_shows_names(text, expected)
    assert '"jobs"' not in text
    [sent] = graphiql.sent_operations()
    assert (sent["query"], sent["operationName"]) == (TWO_OPERATIONS, "People")


LIVE_SUBSCRIPTION = "subscription Live { events { cursor type source } }"


@pytest.fixture
def live_server_url(browser: Browser, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The embedded default with its sandbox's live activity at a fast rate, served with the
    WebSocket protocol ``hiregraph serve`` uses: nothing set up but the rate."""
    from graph.cli import WEBSOCKETS

    monkeypatch.setenv("HIREGRAPH_SANDBOX_ACTIVITY_S", "0.2")
    monkeypatch.delenv("HIREGRAPH_SANDBOX_ACTIVITY", raising=False)
    app = create_app(load_settings(None, environ={}), database_url=None, require_keys=False)
    with on_loopback_thread(app, ws=WEBSOCKETS) as port:
        yield f"http://127.0.0.1:{port}"


def _shown_cursor(page: Page) -> str | None:
    match = re.search(r'"cursor": "([^"]+)"', page.inner_text(RESULT))
    return match.group(1) if match else None


def test_a_subscription_shows_the_sandboxs_live_events(browser: Browser, live_server_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    try:
        with page.expect_response(lambda r: "IntrospectionQuery" in (r.request.post_data or "")):
            page.goto(f"{live_server_url}/graphql")
        page.wait_for_selector(EDITOR)
        _replace_document(page, LIVE_SUBSCRIPTION)
        page.mouse.down()
        page.mouse.up()
        # The result pane shows each event as it arrives: a first one, then a later one.
        page.wait_for_function(
            'sel => /"source": "sandbox"/.test(document.querySelector(sel)?.innerText ?? \'\')', arg=RESULT
        )
        first = _shown_cursor(page)
        assert first is not None
        page.wait_for_function(
            '([sel, first]) => { const m = /"cursor": "([^"]+)"/.exec('
            "document.querySelector(sel)?.innerText ?? ''); return m !== null && m[1] !== first; }",
            arg=[RESULT, first],
        )
        assert '"errors"' not in page.inner_text(RESULT)
        assert sockets == [f"{live_server_url.replace('http', 'ws', 1)}/graphql"]
    finally:
        context.close()
