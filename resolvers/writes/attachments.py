"""Files for ``uploadAttachment``: an upload's size, and fetching a file by URL safely.

A URL is fetched by the gateway only for a provider that takes bytes
(``ProviderAdapter.attachment_by_url`` False). The fetch goes through
``providers/egress.py``'s public-only client: every address the host resolves to must be
public (no loopback, private, link-local or metadata address, checked where the socket
opens), it follows no redirect and reads at most ``max_upload_bytes``. The operator may allow
private addresses with ``HIREGRAPH_ALLOW_PRIVATE_UPSTREAMS=1`` (as for stored connections).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final
from urllib.parse import unquote, urlsplit

import httpx

from gateway.errors import BadUserInput
from providers.egress import is_public, public_only_client
from providers.paths import character_problem
from tenancy.runtime import private_upstreams_allowed

FETCH_TIMEOUT_S: Final = 20.0


@dataclass(frozen=True)
class Uploaded:
    """A file as the multipart request carried it (what the ``Upload`` scalar holds)."""

    file_name: str
    content_type: str | None
    content: bytes


def _open_client() -> httpx.AsyncClient:
    if private_upstreams_allowed():
        return httpx.AsyncClient(timeout=FETCH_TIMEOUT_S, follow_redirects=False, trust_env=False)
    return public_only_client(FETCH_TIMEOUT_S)


client_factory: Callable[[], httpx.AsyncClient] = _open_client
"""How a fetching client is opened (tests hand in one over a mock transport)."""


def too_large(size: int, limit: int) -> BadUserInput:
    return BadUserInput(
        f"the file is larger than {limit} bytes ({size} or more)", field="input.file", limit=limit
    )


def checked_url(url: str) -> str:
    parts = urlsplit(url)
    # A control character is refused by httpx as it builds the request (an internal error).
    unsendable = character_problem(url) is not None
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 2048 or unsendable:
        raise BadUserInput(
            "url must be an http(s) URL of at most 2048 characters, without control characters",
            field="input.url",
        )
    try:
        literal = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return url
    if not is_public(literal) and not private_upstreams_allowed():
        raise BadUserInput("url must name a public address", field="input.url")
    return url


def file_name_of(url: str) -> str:
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    return name or "attachment"


async def fetch(url: str, limit: int) -> Uploaded:
    """The file at ``url`` (public addresses only), refused past ``limit`` bytes."""
    checked_url(url)
    unreachable = BadUserInput(
        "the file at url could not be fetched (the gateway fetches from public addresses only)",
        field="input.url",
    )
    async with client_factory() as client:
        try:
            async with client.stream("GET", url) as response:
                if response.status_code != 200:
                    raise BadUserInput(
                        f"fetching url answered HTTP {response.status_code} (redirects are not followed)",
                        field="input.url",
                    )
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise too_large(int(declared), limit)
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body += chunk
                    if len(body) > limit:
                        raise too_large(len(body), limit)
                kind = response.headers.get("content-type")
        except httpx.HTTPError:
            raise unreachable from None
    return Uploaded(file_name_of(url), kind, bytes(body))
