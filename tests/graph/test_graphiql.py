"""Tests for the offline GraphiQL page and its allow-listed asset routes (graph.graphiql).

These never need a browser or network access. Tests against the real npm bundles are skipped when
``scripts/install-graphiql`` has not been run; everything else uses a fake node_modules in tmp_path.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

with warnings.catch_warnings():
    # Starlette >= 1.x warns at import time when the test client falls back to plain httpx
    # (it prefers "httpx2"); pyproject turns warnings into errors. Scoped to this one import.
    warnings.filterwarnings("ignore", message=r"Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

import graph.graphiql as graphiql_mod
from graph.graphiql import graphiql_assets_installed, graphiql_html, graphiql_routes

REPO_ROOT = Path(__file__).resolve().parents[2]
INSTALL_SCRIPT = REPO_ROOT / "scripts" / "install-graphiql"

EXTERNAL_URL = re.compile(r"https?://", re.IGNORECASE)
ASSET_REF = re.compile(r'(?:src|href)="(/graphiql/assets/[^"]+)"')

# Public asset name -> (path inside node_modules, expected content type prefix).
EXPECTED_ASSETS = {
    "react.production.min.js": ("react/umd/react.production.min.js", "text/javascript"),
    "react-dom.production.min.js": ("react-dom/umd/react-dom.production.min.js", "text/javascript"),
    "graphiql.min.js": ("graphiql/graphiql.min.js", "text/javascript"),
    "graphiql.min.css": ("graphiql/graphiql.min.css", "text/css"),
}

REAL_ASSETS_INSTALLED = graphiql_assets_installed()
needs_real_assets = pytest.mark.skipif(
    not REAL_ASSETS_INSTALLED,
    reason="GraphiQL npm assets not installed (run scripts/install-graphiql to enable this test)",
)


def _make_app(endpoint: str = "/graphql") -> Starlette:
    async def graphql_get(request: Request) -> Response:
        return HTMLResponse(graphiql_html(endpoint))

    return Starlette(routes=[Route(endpoint, graphql_get, methods=["GET"]), *graphiql_routes()])


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(_make_app()) as c:
        yield c


@pytest.fixture
def fake_node_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake install: every allow-listed file plus package.json files and some extra files."""
    root = tmp_path / "node_modules"
    for name, (rel, _) in EXPECTED_ASSETS.items():
        f = root / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(f"/* fake {name} */\n", encoding="utf-8")
    for pkg, version in {"react": "18.3.1", "react-dom": "18.3.1", "graphiql": "3.9.0"}.items():
        (root / pkg / "package.json").write_text(f'{{"name": "{pkg}", "version": "{version}"}}')
    # Files that exist but must never be served.
    (root / "graphiql" / "graphiql.min.js.map").write_text("{}")
    (root / ".package-lock.json").write_text("{}")
    (root / ".stamp").write_text("x\n")
    (tmp_path / "package.json").write_text('{"private": true}')
    (tmp_path / "secret.txt").write_text("secret")
    monkeypatch.setattr(graphiql_mod, "NODE_MODULES_DIR", root)
    return root


@pytest.fixture
def missing_node_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "does-not-exist" / "node_modules"
    monkeypatch.setattr(graphiql_mod, "NODE_MODULES_DIR", root)
    return root


def _asset_refs(page: str) -> list[str]:
    return ASSET_REF.findall(page)


# --- the page ----------------------------------------------------------------------------------


def _check_page(page: str) -> None:
    assert EXTERNAL_URL.search(page) is None, EXTERNAL_URL.search(page)
    assert "<title>hiregraph \u2014 GraphiQL</title>" in page
    refs = _asset_refs(page)
    names = {ref.split("?", 1)[0].rsplit("/", 1)[1] for ref in refs}
    assert names == set(EXPECTED_ASSETS)
    assert all(ref.startswith("/graphiql/assets/") for ref in refs)
    # React must load before ReactDOM, both before GraphiQL.
    order = [page.index(f"/graphiql/assets/{n}") for n in EXPECTED_ASSETS if n.endswith(".js")]
    assert order == sorted(order)
    assert "shouldPersistHeaders: true" in page
    assert "isHeadersEditorEnabled: true" in page
    assert "createFetcher" in page
    assert "X-Hiregraph-Connection" in page


def test_page_is_offline_and_references_every_asset(fake_node_modules: Path, client: TestClient) -> None:
    resp = client.get("/graphql", headers={"Accept": "text/html"})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    _check_page(resp.text)
    # Cache busting by package version.
    assert "/graphiql/assets/graphiql.min.js?v=3.9.0" in resp.text
    assert "/graphiql/assets/react.production.min.js?v=18.3.1" in resp.text


@needs_real_assets
def test_real_page_is_offline_and_references_every_asset() -> None:
    _check_page(graphiql_html())


def test_endpoint_is_embedded_safely(fake_node_modules: Path) -> None:
    page = graphiql_html("/api/graphql")
    assert 'var endpoint = "/api/graphql";' in page
    evil = graphiql_html('/g"</script><script>alert(1)</script>')
    assert "</script><script>alert(1)" not in evil
    assert EXTERNAL_URL.search(evil) is None


# --- asset routes ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED_ASSETS))
def test_each_asset_is_served_from_fake_install(
    fake_node_modules: Path, client: TestClient, name: str
) -> None:
    rel, ctype = EXPECTED_ASSETS[name]
    resp = client.get(f"/graphiql/assets/{name}?v=1")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith(ctype)
    assert "max-age=" in resp.headers["cache-control"]
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.content == (fake_node_modules / rel).read_bytes()
    head = client.head(f"/graphiql/assets/{name}")
    assert head.status_code == 200


@needs_real_assets
def test_each_referenced_real_asset_is_served(client: TestClient) -> None:
    page = client.get("/graphql").text
    refs = _asset_refs(page)
    assert len(refs) == len(EXPECTED_ASSETS)
    for ref in refs:
        name = ref.split("?", 1)[0].rsplit("/", 1)[1]
        resp = client.get(ref)
        assert resp.status_code == 200, ref
        assert resp.headers["content-type"].startswith(EXPECTED_ASSETS[name][1]), ref
        assert len(resp.content) > 1000, ref
        assert "immutable" in resp.headers["cache-control"]


@pytest.mark.parametrize(
    "path",
    [
        "/graphiql/assets/../package.json",
        "/graphiql/assets/..%2Fpackage.json",
        "/graphiql/assets/%2e%2e%2f%2e%2e%2fpackage.json",
        "/graphiql/assets/..%2F..%2Fsecret.txt",
        "/graphiql/assets/%2e%2e/%2e%2e/secret.txt",
        "/graphiql/assets/graphiql%2Fgraphiql.min.js",
        "/graphiql/assets/graphiql/graphiql.min.js",
        "/graphiql/assets/react/umd/react.production.min.js",
        "/graphiql/assets/graphiql.min.js.map",
        "/graphiql/assets/.package-lock.json",
        "/graphiql/assets/.stamp",
        "/graphiql/assets/package.json",
        "/graphiql/assets/unknown.js",
        "/graphiql/assets/",
        "/graphiql/assets",
    ],
)
def test_traversal_and_unknown_names_are_404(fake_node_modules: Path, client: TestClient, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 404, (path, resp.text[:200])
    assert b"secret" not in resp.content
    assert b"private" not in resp.content


@pytest.mark.parametrize("name", sorted(EXPECTED_ASSETS))
def test_assets_are_404_when_not_installed(missing_node_modules: Path, client: TestClient, name: str) -> None:
    assert client.get(f"/graphiql/assets/{name}").status_code == 404


def test_partial_install_counts_as_not_installed(fake_node_modules: Path) -> None:
    (fake_node_modules / "react-dom" / "umd" / "react-dom.production.min.js").unlink()
    assert not graphiql_assets_installed()
    assert "not installed" in graphiql_html()


# --- not-installed page ------------------------------------------------------------------------


def test_not_installed_page(missing_node_modules: Path, client: TestClient) -> None:
    assert not graphiql_assets_installed()
    resp = client.get("/graphql", headers={"Accept": "text/html"})
    assert resp.status_code == 200
    page = resp.text
    assert "GraphiQL assets are not installed" in page
    assert "scripts/install-graphiql" in page
    assert "POST" in page
    assert "/graphql" in page
    assert "/graphiql/assets/" not in page
    assert "<script" not in page
    assert EXTERNAL_URL.search(page) is None


def test_installed_flag_follows_the_files(fake_node_modules: Path) -> None:
    assert graphiql_assets_installed()
    assert "not installed" not in graphiql_html()


# --- scripts/install-graphiql (hermetic: fake npm, copied layout) ------------------------------


def _tool_dir(tmp_path: Path, *, fake_npm: str | None) -> Path:
    """A PATH directory holding just the tools the script needs (+ optionally a fake npm)."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    for tool in ("bash", "dirname", "cat", "cut", "sha256sum", "shasum", "mkdir"):
        found = shutil.which(tool)
        if found:
            (bindir / tool).symlink_to(found)
    if fake_npm is not None:
        npm = bindir / "npm"
        npm.write_text(fake_npm)
        npm.chmod(npm.stat().st_mode | stat.S_IXUSR)
    return bindir


def _copy_layout(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    (repo / "graph" / "graphiql").mkdir(parents=True)
    shutil.copy2(INSTALL_SCRIPT, repo / "scripts" / "install-graphiql")
    (repo / "graph" / "graphiql" / "package-lock.json").write_text('{"lockfileVersion": 3}\n')
    return repo


FAKE_NPM = """#!/usr/bin/env bash
echo "$PWD $*" >> "$NPM_LOG"
for f in graphiql/graphiql.min.js graphiql/graphiql.min.css react/umd/react.production.min.js \\
         react-dom/umd/react-dom.production.min.js; do
  mkdir -p "node_modules/$(dirname "$f")"; echo x > "node_modules/$f"
done
"""


def _run_script(repo: Path, bindir: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": str(bindir), "NPM_LOG": str(tmp_path / "npm.log"), "HOME": str(tmp_path)}
    return subprocess.run(
        [str(bindir / "bash"), str(repo / "scripts" / "install-graphiql")],
        cwd=tmp_path,  # not the repo: must work from any cwd
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


needs_bash = pytest.mark.skipif(
    shutil.which("bash") is None or os.name != "posix", reason="needs bash (POSIX)"
)


@needs_bash
def test_install_script_is_executable() -> None:
    assert os.access(INSTALL_SCRIPT, os.X_OK)


@needs_bash
def test_install_script_without_npm_warns_and_exits_0(tmp_path: Path) -> None:
    repo = _copy_layout(tmp_path)
    result = _run_script(repo, _tool_dir(tmp_path, fake_npm=None), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "npm not found" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (repo / "graph" / "graphiql" / "node_modules").exists()


@needs_bash
def test_install_script_runs_npm_ci_once_then_is_idempotent(tmp_path: Path) -> None:
    repo = _copy_layout(tmp_path)
    bindir = _tool_dir(tmp_path, fake_npm=FAKE_NPM)
    log = tmp_path / "npm.log"

    first = _run_script(repo, bindir, tmp_path)
    assert first.returncode == 0, first.stderr
    pkg_dir = repo / "graph" / "graphiql"
    assert log.read_text().splitlines() == [f"{pkg_dir} ci --no-audit --no-fund --loglevel=error"]
    lock_hash = hashlib.sha256((pkg_dir / "package-lock.json").read_bytes()).hexdigest()
    assert (pkg_dir / "node_modules" / ".stamp").read_text().strip() == lock_hash

    second = _run_script(repo, bindir, tmp_path)
    assert second.returncode == 0, second.stderr
    assert len(log.read_text().splitlines()) == 1  # npm not called again

    # A changed lockfile triggers a reinstall.
    (pkg_dir / "package-lock.json").write_text('{"lockfileVersion": 3, "changed": true}\n')
    third = _run_script(repo, bindir, tmp_path)
    assert third.returncode == 0, third.stderr
    assert len(log.read_text().splitlines()) == 2


# --- the page's fetcher, run under Node.js against the real graphql-js -------------------------

# Runs the page's inline script with stand-ins for React, ReactDOM and GraphiQL (whose
# createFetcher records what would go over the wire), then calls the fetcher GraphiQL would get.
PAGE_SCRIPT_HARNESS = r"""
const fs = require("fs");
const vm = require("vm");
const [graphqlModule, casesJson] = process.argv.slice(1);
const graphql = require(graphqlModule);
const sent = [];
let props = null;
const sandbox = {
  document: { getElementById: () => ({ textContent: "" }) },
  React: { createElement: (component, p) => { props = p; return {}; } },
  ReactDOM: { createRoot: () => ({ render: () => {} }) },
  GraphiQL: Object.assign(function GraphiQL() {}, {
    GraphQL: graphql,
    createFetcher: () => (params, opts) => {
      const doc = opts && opts.documentAST;
      sent.push({ params, documentOperations: doc ? doc.definitions.length : null });
      return Promise.resolve({ data: null });
    },
  }),
};
sandbox.window = sandbox;
vm.runInNewContext(fs.readFileSync(0, "utf8"), sandbox);
// GraphiQL hands over the document of its last debounced parse: here, the default one.
const stale = { documentAST: graphql.parse("query Pipeline { __typename }") };
for (const [query, operationName] of JSON.parse(casesJson)) {
  props.fetcher({ query, operationName }, stale);
}
process.stdout.write(JSON.stringify(sent));
"""

INLINE_SCRIPT = re.compile(r"<script>\n(.*?)</script>", re.DOTALL)

needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js (node) on PATH")


@needs_node
@needs_real_assets
def test_fetcher_sends_the_operation_name_of_the_text_it_sends() -> None:
    """GraphiQL updates the operation name 100 ms after the last keystroke, but Run reads the
    text at once: the page's fetcher must settle the name against the text actually sent."""
    [script] = INLINE_SCRIPT.findall(graphiql_html())
    anonymous = "{ candidates(first: 3) { edges { node { name } } } }"
    two = "query A { __typename } query B { __typename }"
    cases: list[tuple[str, str | None]] = [
        (anonymous, "Pipeline"),  # the reported bug: stale default name, anonymous query
        ("query Renamed { __typename }", "Pipeline"),  # renamed: its one operation is meant
        (two, "B"),  # a chosen operation that exists is kept
        (two, "Pipeline"),  # stale among several: send none, the server asks which
        (anonymous, None),
        ("{ candidates(", "Pipeline"),  # unparsable: left alone, the server reports the syntax
    ]
    result = subprocess.run(
        [
            "node",
            "-e",
            PAGE_SCRIPT_HARNESS,
            str(graphiql_mod.NODE_MODULES_DIR / "graphql"),
            json.dumps(cases),
        ],
        input=script,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    sent = json.loads(result.stdout)
    assert [entry["params"].get("operationName") for entry in sent] == [
        None,
        "Renamed",
        "B",
        None,
        None,
        "Pipeline",
    ]
    assert [entry["params"]["query"] for entry in sent] == [query for query, _ in cases]
    # The document handed on is the one sent, not GraphiQL's stale parse of the default
    # (except for the unparsable text, passed through untouched).
    assert [entry["documentOperations"] for entry in sent] == [1, 1, 2, 2, 1, 1]
