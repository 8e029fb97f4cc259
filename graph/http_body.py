"""Reading a GraphQL-over-HTTP request: its body (JSON, or a GraphQL multipart request with
files, graph/multipart.py) within the size caps, and the parameters in it or in the URL. Every
failure is an :class:`HttpError` with the status it answers."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import unquote_to_bytes

from starlette.requests import Request

from gateway.errors import BadRequest

from .multipart import OPERATIONS_ROOM, PREFLIGHT_HEADERS, MultipartError, is_multipart
from .multipart import parse as parse_multipart

JSON: Final = "application/json"
MAX_BODY_BYTES: Final = 1_000_000
URL_PARAMS: Final = ("query", "variables", "operationName", "extensions")
"""The GraphQL parameters a GET or HEAD carries in its URL."""
_STRAY_PERCENT: Final = re.compile(rb"%(?![0-9A-Fa-f]{2})")


@dataclass(frozen=True)
class GraphQLParams:
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None


class HttpError(BadRequest):
    def __init__(self, message: str, status: int = 400, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def request_params(data: Any, *, from_url: bool = False) -> GraphQLParams:
    if not isinstance(data, dict):
        raise HttpError("the request body must be a JSON object with a `query`")
    query = data.get("query")
    if not isinstance(query, str) or not query.strip():
        raise HttpError("`query` must be a non-empty string")
    variables = _object(data.get("variables"), "`variables`", from_url)
    _object(data.get("extensions"), "`extensions`", from_url)
    operation_name = data.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise HttpError("`operationName` must be a string")
    return GraphQLParams(query, variables or None, operation_name or None)


def _object(value: Any, what: str, from_url: bool) -> dict[str, Any] | None:
    # In a URL every parameter is a string; a JSON body may also carry it encoded.
    if isinstance(value, str):
        value = _json(value, what) if value else None
    elif from_url and value is not None:
        raise HttpError(f"{what} must be JSON-encoded")
    if value is not None and not isinstance(value, dict):
        raise HttpError(f"{what} must be a JSON object")
    return value


def _not_finite(text: str) -> float:
    raise ValueError(f"{text} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    return value if math.isfinite(value) else _not_finite(text)


def _json(raw: str | bytes, what: str) -> Any:
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        return json.loads(text, parse_constant=_not_finite, parse_float=_finite)
    except (ValueError, RecursionError):
        raise HttpError(f"{what} is not valid JSON") from None


def _check_content_type(header: str) -> None:
    media, *params = (p.strip() for p in header.split(";"))
    if media.lower() != JSON:
        raise HttpError("POST bodies must be `Content-Type: application/json`", status=415)
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise HttpError("POST bodies must be UTF-8 (`charset=utf-8`)", status=415)


def url_params(query_string: bytes) -> dict[str, str]:
    """The GraphQL parameters of a GET's or HEAD's query string (the others are left out).

    One given twice is refused: which to take is a guess that a proxy or cache in front may make
    otherwise, reading another operation from the same URL than the one that runs here. So is one
    that is no valid percent-encoding or no UTF-8, which decoding would replace by stand-ins
    (U+FFFD, a literal ``%``) rather than run as sent."""
    found: dict[str, str] = {}
    for pair in query_string.split(b"&"):
        raw_name, _, raw_value = pair.partition(b"=")
        name = unquote_to_bytes(raw_name.replace(b"+", b" ")).decode("utf-8", "replace")
        if name not in URL_PARAMS:
            continue
        if name in found:
            raise HttpError(f"`{name}` is given twice in the URL")
        if _STRAY_PERCENT.search(raw_value):
            raise HttpError(f"`{name}` in the URL is not percent-encoded")
        try:
            found[name] = unquote_to_bytes(raw_value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            raise HttpError(f"`{name}` in the URL is not UTF-8") from None
    return found


async def read_body(request: Request, max_upload_bytes: int) -> Any:
    if request.method in ("GET", "HEAD"):
        return url_params(request.scope["query_string"])
    content_type = request.headers.get("content-type", "")
    if request.method == "POST" and is_multipart(content_type):
        return await _read_multipart(request, content_type, max_upload_bytes)
    _check_content_type(content_type)
    return _json(await _capped_body(request, MAX_BODY_BYTES), "the request body")


async def _capped_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HttpError(f"the request body is larger than {limit} bytes", status=413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HttpError(f"the request body is larger than {limit} bytes", status=413)
    return bytes(body)


async def _read_multipart(request: Request, content_type: str, max_upload_bytes: int) -> Any:
    """A GraphQL multipart request (graph/multipart.py), files in place in its variables."""
    if not any(request.headers.get(h) for h in PREFLIGHT_HEADERS):
        raise HttpError(
            "a multipart request must carry a `GraphQL-Require-Preflight` header (any value), "
            "so that no plain cross-site form can send one",
            status=400,
        )
    body = await _capped_body(request, max_upload_bytes + OPERATIONS_ROOM)
    try:
        return parse_multipart(content_type, body, max_upload_bytes)
    except MultipartError as exc:
        status = 413 if "larger than" in str(exc) else 400
        raise HttpError(str(exc), status=status) from None
