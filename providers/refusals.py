"""What a provider said when it refused a write's input (HTTP 400, 409 or 422).

Each provider words a refusal its own way; these are the shapes their documentation and
recordings show (fixtures' READMEs), read without a wire model because a refusal's body is
advisory: an unknown shape gives no reasons, never an error of its own.

- Greenhouse Harvest: ``{"message": "Validation error", "errors": [{"message", "field"}]}``
- Lever: ``{"code": "BadRequestError", "message": "..."}``
- Workable: ``{"error": "..."}``
- Ashby: ``{"success": false, "errors": ["invalid_input"]}`` (codes, no fields)
- JSON:API (Teamtailor, Pinpoint): ``{"errors": [{"detail", "title", "source": {"pointer"}}]}``

Reasons are bounded (a few, each short) so a provider echoing a whole record, or an HTML
error page, cannot flood the client's error; a body that is not JSON gives none.
"""

from __future__ import annotations

import json
from typing import Any, Final

import httpx

from .errors import Reason

MAX_REASONS: Final = 5
MAX_MESSAGE: Final = 300
REFUSAL_STATUSES: Final = frozenset({400, 409, 422})


def _text(value: Any) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def _pointer_field(source: Any) -> str:
    """The last segment of a JSON:API ``source.pointer`` (``/data/attributes/first-name``)."""
    if not isinstance(source, dict):
        return ""
    pointer = source.get("pointer") or source.get("parameter")
    if not isinstance(pointer, str):
        return ""
    return _text(pointer.rstrip("/").rsplit("/", 1)[-1])


def _one(item: Any) -> Reason | None:
    if isinstance(item, str):
        text = _text(item)
        return Reason(text) if text else None
    if not isinstance(item, dict):
        return None
    message = _text(item.get("message") or item.get("detail") or item.get("title") or item.get("error"))
    field = _text(item.get("field") or item.get("attribute")) or _pointer_field(item.get("source"))
    if not message and not field:
        return None
    return Reason(message or "invalid", field)


def reasons_in(body: Any) -> tuple[Reason, ...]:
    """The reasons a decoded refusal body gives, in the provider's order."""
    if not isinstance(body, dict):
        return ()
    found: list[Reason] = []
    errors = body.get("errors")
    if isinstance(errors, list):
        found.extend(r for r in map(_one, errors) if r is not None)
    elif isinstance(errors, dict):
        # Rails-style ``{"errors": {"email": ["is invalid"]}}``
        for field, messages in errors.items():
            for message in messages if isinstance(messages, list) else [messages]:
                if text := _text(message):
                    found.append(Reason(text, _text(field)))
    if not found:
        single = _one({"message": body.get("message") or body.get("error"), "field": body.get("field")})
        if single is not None:
            found.append(single)
    unique = list(dict.fromkeys(found))
    return tuple(unique[:MAX_REASONS])


def reasons_of(response: httpx.Response) -> tuple[Reason, ...]:
    """The reasons in a refusal's body, if it is JSON (an HTML error page gives none)."""
    try:
        return reasons_in(json.loads(response.content))
    except (ValueError, UnicodeDecodeError):
        return ()
