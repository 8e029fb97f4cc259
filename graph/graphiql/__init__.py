"""Offline GraphiQL for hiregraph.

The GraphiQL page at ``GET /graphql`` (``Accept: text/html``) loads its JavaScript and CSS from
hiregraph itself, under ``/graphiql/assets/...``, never from a CDN.  The bundles are *not* part
of this repository: they come from the npm registry as pinned dependencies declared in
``graph/graphiql/package.json`` / ``package-lock.json`` and are installed by
``scripts/install-graphiql`` into the git-ignored ``graph/graphiql/node_modules`` folder.

The page's fetcher settles the ``operationName`` against the very text it sends: GraphiQL 3
updates its idea of the operation only 100 ms after the last keystroke, so a quick Run would
otherwise send the previous document's name with the new text. A subscription goes over a
WebSocket to the same URL (graphql-transport-ws, written out in the page: no extra bundle),
with the Headers tab's ``Authorization`` and ``X-Hiregraph-Connection`` in ``connection_init``.

Only an explicit allow-list of files from that folder is ever served.  When the files are
missing, :func:`graphiql_html` returns a short page explaining how to install them.

Wiring (done by the app)::

    GET /graphql with Accept: text/html  ->  HTMLResponse(graphiql_html())
    Starlette(routes=[..., *graphiql_routes()])
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

__all__ = [
    "ASSETS_URL_PREFIX",
    "NODE_MODULES_DIR",
    "graphiql_assets_installed",
    "graphiql_html",
    "graphiql_routes",
]

#: Where ``scripts/install-graphiql`` puts the npm packages (git-ignored).
NODE_MODULES_DIR: Path = Path(__file__).resolve().parent / "node_modules"

#: URL prefix under which the allow-listed asset files are served.
ASSETS_URL_PREFIX: Final = "/graphiql/assets"

INSTALL_COMMAND: Final = "scripts/install-graphiql"

_JS: Final = "text/javascript; charset=utf-8"
_CSS: Final = "text/css; charset=utf-8"

# Asset URLs carry ``?v=<package version>`` so a version bump busts the long-lived browser cache.
_CACHE_CONTROL: Final = "public, max-age=31536000, immutable"


@dataclass(frozen=True, slots=True)
class _Asset:
    package: str
    path: str  # relative to node_modules
    media_type: str


#: The ONLY files served from node_modules, keyed by the public name in the URL.
#: Keep in sync with ``required`` in ``scripts/install-graphiql``.
_ASSETS: Final[dict[str, _Asset]] = {
    "react.production.min.js": _Asset("react", "react/umd/react.production.min.js", _JS),
    "react-dom.production.min.js": _Asset("react-dom", "react-dom/umd/react-dom.production.min.js", _JS),
    "graphiql.min.js": _Asset("graphiql", "graphiql/graphiql.min.js", _JS),
    "graphiql.min.css": _Asset("graphiql", "graphiql/graphiql.min.css", _CSS),
}

_SCRIPT_ORDER: Final = ("react.production.min.js", "react-dom.production.min.js", "graphiql.min.js")
_STYLESHEETS: Final = ("graphiql.min.css",)


def _asset_file(name: str) -> Path | None:
    """Filesystem path of an allow-listed asset, or ``None`` if unknown or not installed."""
    asset = _ASSETS.get(name)
    if asset is None:
        return None
    path = NODE_MODULES_DIR / asset.path
    return path if path.is_file() else None


def graphiql_assets_installed() -> bool:
    """True when every file the GraphiQL page needs is present in node_modules."""
    return all(_asset_file(name) is not None for name in _ASSETS)


def _package_version(package: str) -> str:
    try:
        data = json.loads((NODE_MODULES_DIR / package / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "0"
    version = data.get("version") if isinstance(data, dict) else None
    return version if isinstance(version, str) and version else "0"


def _asset_url(name: str) -> str:
    version = _package_version(_ASSETS[name].package)
    return html.escape(f"{ASSETS_URL_PREFIX}/{name}?v={version}", quote=True)


def _js_literal(value: object) -> str:
    """JSON-encode for safe embedding inside an inline ``<script>`` element."""
    return (
        json.dumps(value)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_TITLE: Final = "hiregraph \u2014 GraphiQL"

_DEFAULT_QUERY: Final = """\
# hiregraph: one GraphQL API over every ATS.
#
# Pick a connection in the "Headers" tab below, e.g.
#   { "X-Hiregraph-Connection": "<provider>-demo" }
# (the embedded default has one per simulated provider;
# without it the server's default connection answers;
# the response's extensions tell which, and what the
# query cost upstream). Headers are remembered here.
#
# Docs for every type and field: the Documentation
# Explorer (top-left icon). Ctrl+Space completes,
# Ctrl+Enter runs.

query Pipeline {
  candidates(first: 10) {
    edges {
      node {
        name
        emails { email }
        applications {
          job { name departments { name } }
          currentStage { name }
          interviews {
            startAt
            scorecards { overallRecommendation interviewer { name } }
          }
          offers { status }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""

_PAGE: Final = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>{title}</title>
{stylesheets}
<style>
  html, body {{ height: 100%; margin: 0; }}
  #graphiql {{ height: 100vh; }}
  #graphiql-loading {{ font: 14px/1.5 system-ui, sans-serif; padding: 2rem; color: #555; }}
</style>
</head>
<body>
<div id="graphiql"><div id="graphiql-loading">Loading GraphiQL\u2026</div></div>
<noscript>GraphiQL needs JavaScript. You can still POST GraphQL queries as JSON to {endpoint_html}.</noscript>
{scripts}
<script>
(function () {{
  "use strict";
  var endpoint = {endpoint_js};
  var container = document.getElementById("graphiql");

  function simpleFetcher(params, opts) {{
    var headers = {{ "Content-Type": "application/json", "Accept": "application/json" }};
    var extra = (opts && opts.headers) || {{}};
    Object.keys(extra).forEach(function (k) {{ headers[k] = extra[k]; }});
    return fetch(endpoint, {{
      method: "POST",
      headers: headers,
      body: JSON.stringify(params),
      credentials: "same-origin"
    }}).then(function (res) {{ return res.json(); }});
  }}

  if (typeof window.GraphiQL === "undefined" || typeof window.React === "undefined" ||
      typeof window.ReactDOM === "undefined") {{
    container.textContent = "GraphiQL assets failed to load. Run {install_command} and reload. " +
      "POST " + endpoint + " works regardless.";
    return;
  }}

  var sendRequest = typeof GraphiQL.createFetcher === "function"
    ? GraphiQL.createFetcher({{ url: endpoint, enableIncrementalDelivery: false }})
    : simpleFetcher;

  // GraphiQL 3 re-derives the operation name (and document) it sends from the query editor
  // in a change handler debounced by 100 ms, while Run and Ctrl+Enter read the editor text
  // at once. Replacing `query Pipeline` and running inside that window sends the new text
  // with the old name, which the server rightly refuses ("no operation named 'Pipeline'").
  // The fetcher receives exactly the text that is sent, so the name is settled here, against
  // that text, with the graphql-js that GraphiQL itself bundles (its UMD build exports it as
  // GraphiQL.GraphQL; tests/graph/test_graphiql_browser.py notices if an upgrade drops it).
  var graphql = GraphiQL.GraphQL;

  function parsed(query) {{
    try {{
      return graphql.parse(query);
    }} catch (syntaxError) {{
      return null;  // the server reports the syntax error, whatever name is sent
    }}
  }}

  function currentOperation(params, opts) {{
    var ast = typeof params.query === "string" ? parsed(params.query) : null;
    if (ast === null) {{
      return {{ params: params, opts: opts }};
    }}
    var names = ast.definitions
      .filter(function (d) {{ return d.kind === graphql.Kind.OPERATION_DEFINITION; }})
      .map(function (d) {{ return d.name ? d.name.value : null; }});
    var fixed = Object.assign({{}}, params);
    if (names.indexOf(params.operationName) === -1) {{
      // The name is not in this document: stale. With one operation, that one is meant;
      // with several, send none and let the server ask which (GraphiQL's Run button offers
      // the choice once it has caught up with the text).
      if (names.length === 1 && names[0] !== null) {{
        fixed.operationName = names[0];
      }} else {{
        delete fixed.operationName;
      }}
    }}
    return {{ params: fixed, opts: Object.assign({{}}, opts, {{ documentAST: ast }}) }};
  }}

  function isSubscription(params) {{
    // Parsed here, from the text sent: GraphiQL's own documentAST may be of older text.
    var ast = typeof params.query === "string" ? parsed(params.query) : null;
    if (ast === null) {{
      return false;
    }}
    var operations = ast.definitions.filter(function (d) {{
      return d.kind === graphql.Kind.OPERATION_DEFINITION;
    }});
    var chosen = operations.filter(function (d) {{
      return params.operationName ? d.name && d.name.value === params.operationName : true;
    }});
    return chosen.length === 1 && chosen[0].operation === "subscription";
  }}

  // Subscriptions run over a WebSocket at the same URL (graphql-transport-ws). The Headers
  // tab's key and connection go in connection_init, where the server checks them (a browser
  // cannot set headers on a WebSocket). GraphiQL shows each `next` as it arrives.
  function subscribe(params, headers) {{
    return {{
      subscribe: function (observer) {{
        var url = new URL(endpoint, window.location.href);
        url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
        var ws = new WebSocket(url.toString(), "graphql-transport-ws");
        var payload = {{}};
        Object.keys(headers || {{}}).forEach(function (k) {{
          var name = k.toLowerCase();
          if (name === "authorization") {{ payload.Authorization = headers[k]; }}
          if (name === "x-hiregraph-connection") {{ payload.connection = headers[k]; }}
        }});
        var done = false;
        function finish() {{
          if (!done) {{ done = true; observer.complete(); }}
        }}
        function send(message) {{ ws.send(JSON.stringify(message)); }}
        ws.onopen = function () {{ send({{ type: "connection_init", payload: payload }}); }};
        ws.onmessage = function (event) {{
          var message = JSON.parse(event.data);
          if (message.type === "connection_ack") {{
            send({{ id: "1", type: "subscribe", payload: params }});
          }} else if (message.type === "next") {{
            observer.next(message.payload);
          }} else if (message.type === "error") {{
            observer.next({{ errors: message.payload }});
            finish();
            ws.close(1000);
          }} else if (message.type === "complete") {{
            finish();
            ws.close(1000);
          }} else if (message.type === "ping") {{
            send({{ type: "pong" }});
          }}
        }};
        ws.onclose = function (event) {{
          if (!done && event.code !== 1000) {{
            var why = event.code === 4403 ? "the key or connection was refused" : (event.reason || "closed");
            observer.next({{ errors: [{{ message: "WebSocket " + event.code + ": " + why }}] }});
          }}
          finish();
        }};
        return {{
          unsubscribe: function () {{
            if (ws.readyState === 1) {{ send({{ id: "1", type: "complete" }}); }}
            done = true;
            ws.close(1000);
          }}
        }};
      }}
    }};
  }}

  function fetcher(params, opts) {{
    var current = currentOperation(params, opts);
    if (isSubscription(current.params)) {{
      return subscribe(current.params, (opts && opts.headers) || {{}});
    }}
    return sendRequest(current.params, current.opts);
  }}

  var element = React.createElement(GraphiQL, {{
    fetcher: fetcher,
    defaultQuery: {default_query_js},
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: true,
    defaultEditorToolsVisibility: "headers"
  }});
  if (typeof ReactDOM.createRoot === "function") {{
    ReactDOM.createRoot(container).render(element);
  }} else {{
    ReactDOM.render(element, container);
  }}
}})();
</script>
</body>
</html>
"""

_NOT_INSTALLED_PAGE: Final = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
  body {{ font: 15px/1.6 system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1rem;
         color: #222; }}
  code, pre {{ background: #f3f3f3; border-radius: 4px; padding: 0.1em 0.35em; }}
  pre {{ padding: 0.75em 1em; overflow-x: auto; }}
</style>
</head>
<body>
<h1>GraphiQL assets are not installed</h1>
<p>hiregraph serves GraphiQL from local files (no CDN), and they have not been installed yet.
Install them (needs Node.js/npm; fetches the pinned <code>graphiql</code>, <code>react</code> and
<code>react-dom</code> packages into the git-ignored <code>graph/graphiql/node_modules</code>):</p>
<pre>{install_command}</pre>
<p>or start the server with the serve command from the README, which runs it for you.
Then reload this page.</p>
<p>The API itself works regardless: POST GraphQL requests as JSON to <code>{endpoint_html}</code>, e.g.</p>
<pre>curl -s -X POST -H 'Content-Type: application/json' \\
     -d '{{"query": "{{ __typename }}"}}' &lt;this server&gt;{endpoint_html}</pre>
</body>
</html>
"""


def graphiql_html(endpoint: str = "/graphql") -> str:
    """The GraphiQL page, or a "not installed" page when the asset files are missing."""
    endpoint_html = html.escape(endpoint, quote=True)
    if not graphiql_assets_installed():
        return _NOT_INSTALLED_PAGE.format(
            title=_TITLE,
            install_command=INSTALL_COMMAND,
            endpoint_html=endpoint_html,
        )
    stylesheets = "\n".join(f'<link rel="stylesheet" href="{_asset_url(n)}">' for n in _STYLESHEETS)
    scripts = "\n".join(f'<script src="{_asset_url(n)}"></script>' for n in _SCRIPT_ORDER)
    return _PAGE.format(
        title=_TITLE,
        stylesheets=stylesheets,
        scripts=scripts,
        endpoint_html=endpoint_html,
        endpoint_js=_js_literal(endpoint),
        default_query_js=_js_literal(_DEFAULT_QUERY),
        install_command=INSTALL_COMMAND,
    )


async def _serve_asset(request: Request) -> Response:
    name = request.path_params.get("name")
    asset = _ASSETS.get(name) if isinstance(name, str) else None
    path = NODE_MODULES_DIR / asset.path if asset is not None else None
    if asset is None or path is None or not path.is_file():
        return PlainTextResponse("Not Found", status_code=404)
    return FileResponse(
        path,
        media_type=asset.media_type,
        headers={"Cache-Control": _CACHE_CONTROL, "X-Content-Type-Options": "nosniff"},
    )


def graphiql_routes() -> list[BaseRoute]:
    """Routes serving the allow-listed GraphiQL asset files at ``/graphiql/assets/{name}``."""
    return [
        Route(
            ASSETS_URL_PREFIX + "/{name:str}",
            _serve_asset,
            methods=["GET", "HEAD"],
            name="graphiql_asset",
        )
    ]
