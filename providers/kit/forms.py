"""``multipart/form-data`` bodies read with the standard library's MIME parser: the gateway's
GraphQL uploads (``graph/multipart.py``) and the simulators' upload endpoints take the same
parts the same way."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any


@dataclass(frozen=True)
class FormPart:
    name: str
    file_name: str | None
    content_type: str
    content: bytes


def form_parts(content_type: str, body: bytes) -> dict[str, FormPart]:
    """The named parts of a form body (the last of a repeated name); ValueError when the body
    has no parts (a wrong boundary, or no multipart at all)."""
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode("latin-1", "replace") + body
    )
    if not message.is_multipart():
        raise ValueError("the multipart body has no parts (is the boundary right?)")
    parts: dict[str, FormPart] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        parts[name] = FormPart(
            name,
            part.get_filename(),
            part.get_content_type(),
            payload if isinstance(payload, bytes) else b"",
        )
    return parts


async def json_or_form(request: Any) -> dict[str, Any]:
    """A simulated write's body (a Starlette request): a ``multipart/form-data`` body's parts
    (:class:`FormPart` each), else the JSON object (an empty body is ``{}``). ValueError when
    it is neither a form nor JSON, or JSON but no object."""
    content_type = request.headers.get("content-type", "")
    raw = await request.body()
    if content_type.lower().startswith("multipart/form-data"):
        return dict(form_parts(content_type, raw))
    try:
        body = json.loads(raw or b"{}")
    except ValueError:  # json.JSONDecodeError, UnicodeDecodeError
        raise ValueError("the body is neither JSON nor a multipart form") from None
    if not isinstance(body, dict):
        raise ValueError("the body is not a JSON object")
    return body


def form_values(parts: Mapping[str, FormPart]) -> dict[str, str | FormPart]:
    """A form's parts as a JSON body would hold them: a text part as its string (UTF-8,
    undecodable bytes replaced), a file part (one with a file name) as it is."""
    return {
        name: part if part.file_name is not None else part.content.decode("utf-8", "replace")
        for name, part in parts.items()
    }
