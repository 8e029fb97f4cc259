"""The GraphiQL page runs subscriptions over a WebSocket (graphql-transport-ws): the page's own
client, driven in Node against a scripted server side of the protocol. (A real browser over
a real socket, on the sandbox's live activity, is in test_graphiql_browser.py.)"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from graph import graphiql as graphiql_mod
from graph.graphiql import graphiql_assets_installed, graphiql_html

INLINE_SCRIPT = re.compile(r"<script>\n(.*?)</script>", re.DOTALL)

HARNESS = r"""
const fs = require("fs");
const vm = require("vm");
const graphql = require(process.argv[1]);
let props = null;
const sockets = [];
const overHttp = [];
class FakeSocket {
  constructor(url, protocol) { this.url = url; this.protocol = protocol; this.sent = []; this.readyState = 1;
                               this.closed = null; sockets.push(this); }
  send(text) { this.sent.push(JSON.parse(text)); }
  close(code) { this.closed = code; this.readyState = 3; }
}
const sandbox = {
  document: { getElementById: () => ({ textContent: "" }) },
  React: { createElement: (component, p) => { props = p; return {}; } },
  ReactDOM: { createRoot: () => ({ render: () => {} }) },
  GraphiQL: Object.assign(function GraphiQL() {}, {
    GraphQL: graphql,
    createFetcher: () => (params) => { overHttp.push(params); return Promise.resolve({ data: null }); },
  }),
  WebSocket: FakeSocket,
  URL: URL,
  location: { href: "http://127.0.0.1:8000/graphql" },
};
sandbox.window = sandbox;
vm.runInNewContext(fs.readFileSync(0, "utf8"), sandbox);
const server = (ws, message) => ws.onmessage({ data: JSON.stringify(message) });

const headers = { "Authorization": "Bearer hg_live_x", "X-Hiregraph-Connection": "demo", "X-Other": "y" };
const query = "subscription S($after: String) { events(after: $after) { cursor } }";
const got = [];
let completed = false;
const live = props.fetcher({ query, operationName: "S", variables: { after: "c" } }, { headers })
  .subscribe({ next: (v) => got.push(v), complete: () => { completed = true; } });
const ws = sockets[0];
ws.onopen();
server(ws, { type: "connection_ack" });
server(ws, { type: "ping" });
server(ws, { id: "1", type: "next", payload: { data: { events: { cursor: "a" } } } });
server(ws, { id: "1", type: "next", payload: { data: { events: { cursor: "b" } } } });
live.unsubscribe();

const refusedGot = [];
let refusedCompleted = false;
props.fetcher({ query }, { headers: {} })
  .subscribe({ next: (v) => refusedGot.push(v), complete: () => { refusedCompleted = true; } });
const refused = sockets[1];
refused.onopen();
refused.onclose({ code: 4403, reason: "Forbidden" });

props.fetcher({ query: "{ __typename }" }, { headers });
props.fetcher({ query: "query Q { __typename } subscription S { events { cursor } }", operationName: "Q" }, { headers });

process.stdout.write(JSON.stringify({
  url: ws.url, protocol: ws.protocol, sent: ws.sent, got, completed, closed: ws.closed,
  refusedGot, refusedCompleted, refusedInit: refused.sent, sockets: sockets.length, overHttp: overHttp.length,
}));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js (node) on PATH")
@pytest.mark.skipif(
    not graphiql_assets_installed(),
    reason="GraphiQL npm assets not installed (run scripts/install-graphiql to enable this test)",
)
def test_the_page_runs_a_subscription_over_graphql_transport_ws() -> None:
    [script] = INLINE_SCRIPT.findall(graphiql_html())
    result = subprocess.run(
        ["node", "-e", HARNESS, str(graphiql_mod.NODE_MODULES_DIR / "graphql")],
        input=script,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["url"] == "ws://127.0.0.1:8000/graphql"
    assert out["protocol"] == "graphql-transport-ws"
    query = "subscription S($after: String) { events(after: $after) { cursor } }"
    assert out["sent"] == [
        {"type": "connection_init", "payload": {"Authorization": "Bearer hg_live_x", "connection": "demo"}},
        {
            "id": "1",
            "type": "subscribe",
            "payload": {"query": query, "operationName": "S", "variables": {"after": "c"}},
        },
        {"type": "pong"},
        {"id": "1", "type": "complete"},
    ]
    assert out["got"] == [{"data": {"events": {"cursor": "a"}}}, {"data": {"events": {"cursor": "b"}}}]
    assert out["closed"] == 1000
    assert out["refusedInit"] == [{"type": "connection_init", "payload": {}}]
    assert out["refusedGot"] == [
        {"errors": [{"message": "WebSocket 4403: the key or connection was refused"}]}
    ]
    assert out["refusedCompleted"] is True
    # Queries (and a query chosen from a document that also holds a subscription) stay on HTTP.
    assert out["sockets"] == 2
    assert out["overHttp"] == 2
