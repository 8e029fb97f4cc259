"""The simulator side of an OAuth 2.0 client-credentials exchange: a token endpoint that takes
the client's id and secret as HTTP Basic and the grant as a form, and the Bearer check of the
requests that carry the tokens it issued (kept until they expire, or a test clears them)."""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .simulator import basic_credentials, bearer_token


@dataclass
class ClientCredentialsTokens:
    """Issues tokens to the ``client_id``:``client_secret`` of ``credentials`` (read on each
    request: a test may revoke them; none: to no one) for the form
    ``grant_type=client_credentials`` whose ``form`` fields have the values of the credentials
    they name (``{"sub": "user_id"}``), each valid ``ttl_s``; ``tokens`` maps a token to its
    monotonic expiry."""

    credentials: Mapping[str, str]
    form: Mapping[str, str] = field(default_factory=dict)
    ttl_s: int = 3600
    tokens: dict[str, float] = field(default_factory=dict)

    async def token(self, request: Request) -> Response:
        """``POST`` to the token URL: 401 ``invalid_client``, 400 ``invalid_grant``, or a token."""
        form = {k: v[0] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()}
        creds = self.credentials
        client = (creds.get("client_id"), creds.get("client_secret"))
        if None in client or basic_credentials(request) != client:
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        wanted = {"grant_type": "client_credentials", **{k: creds.get(v) for k, v in self.form.items()}}
        if any(form.get(k) != v for k, v in wanted.items()):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        token = secrets.token_urlsafe(24)
        self.tokens[token] = time.monotonic() + self.ttl_s
        return JSONResponse({"access_token": token, "token_type": "Bearer", "expires_in": self.ttl_s})

    def valid(self, request: Request) -> bool:
        """Whether ``request`` carries a Bearer token issued here and not expired."""
        token = bearer_token(request)
        expires = self.tokens.get(token) if token else None
        return expires is not None and expires > time.monotonic()
