"""What JSON:API simulators read from a write's request document and answer when they refuse
it (the read side of JSON:API is ``kit/jsonapi.py``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.responses import JSONResponse

from .jsonapi import errors_body


def data_of(body: Any, type: str) -> dict[str, Any]:
    """The request document's primary ``data`` when it is a resource object of ``type``, else
    an empty one (whose missing members the handler then refuses)."""
    data = body.get("data") if isinstance(body, Mapping) else None
    return data if isinstance(data, dict) and data.get("type") == type else {}


def linked_id(data: Mapping[str, Any], name: str) -> str | None:
    """The id the to-one relationship ``name`` links (None: none, or not a string id, which
    JSON:API requires)."""
    found = (data.get("relationships") or {}).get(name, {})
    linkage = found.get("data") if isinstance(found, dict) else None
    ident = linkage.get("id") if isinstance(linkage, dict) else None
    return ident if isinstance(ident, str) else None


def error_response(status: int, message: str, pointer: str | None = None) -> JSONResponse:
    """A JSON:API ``errors`` answer; ``pointer``: the member of the request document it is
    about (``source.pointer``, ``/data/attributes/email``)."""
    body = errors_body(status, message)
    if pointer is not None:
        body["errors"][0]["source"] = {"pointer": pointer}
    return JSONResponse(body, status_code=status)
