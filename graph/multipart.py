"""The GraphQL multipart request spec (https://github.com/jaydenseric/graphql-multipart-request-spec):
a ``multipart/form-data`` POST whose ``operations`` part is the JSON request (one operation or
a batch) with ``null`` where files go, whose ``map`` part says which file part goes where
(``{"0": ["variables.input.file"]}``), and whose other parts are the files.

Each file becomes an ``Uploaded`` (name, content type, bytes) in the variables, which is what
the ``Upload`` scalar passes to a resolver. The whole body is read within a cap
(``max_upload_bytes`` per file, plus room for the operations), and a part over it is refused
with 413 before anything runs. Because a form post is a request a browser sends cross-origin
without asking, the request must carry a header no plain form can
(``GraphQL-Require-Preflight`` or ``Apollo-Require-Preflight``, any value), as Apollo requires.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

from providers.kit.forms import FormPart, form_parts
from resolvers.writes.attachments import Uploaded

PREFLIGHT_HEADERS: Final = ("graphql-require-preflight", "apollo-require-preflight")
OPERATIONS_ROOM: Final = 1_000_000
"""Bytes allowed for the ``operations`` and ``map`` parts on top of the files."""


class MultipartError(ValueError):
    """The multipart body breaks the spec; the message says how (never a file's content)."""


def is_multipart(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() == "multipart/form-data"


def parse(content_type: str, body: bytes, max_file_bytes: int) -> Any:
    """The request's JSON (``operations``) with every mapped file put in place."""
    try:
        parts = form_parts(content_type, body)
    except ValueError as exc:
        raise MultipartError(str(exc)) from None
    operations = _json(parts.pop("operations", None), "operations")
    mapping = _json(parts.pop("map", None), "map")
    if not isinstance(mapping, dict):
        raise MultipartError("`map` must be a JSON object of file part name -> paths")
    for name, paths in mapping.items():
        file_part = parts.get(name)
        if file_part is None:
            raise MultipartError(f"`map` names a file part '{str(name)[:40]}' the body does not have")
        if len(file_part.content) > max_file_bytes:
            raise MultipartError(f"a file is larger than {max_file_bytes} bytes")
        upload = Uploaded(file_part.file_name or name, file_part.content_type, file_part.content)
        if not isinstance(paths, list) or not paths:
            raise MultipartError("each `map` entry must be a non-empty list of paths")
        for path in paths:
            operations = _place(operations, str(path).split("."), upload)
    return operations


def _json(part: FormPart | None, what: str) -> Any:
    if part is None:
        raise MultipartError(f"the multipart body has no `{what}` part")
    try:
        return json.loads(part.content)
    except ValueError:
        raise MultipartError(f"the `{what}` part is not valid JSON") from None


def _place(node: Any, path: Sequence[str], upload: Uploaded) -> Any:
    if not path:
        if node is not None:
            raise MultipartError("a `map` path must point at a null placeholder")
        return upload
    head, rest = path[0], path[1:]
    if isinstance(node, list) and head.isdigit() and int(head) < len(node):
        node[int(head)] = _place(node[int(head)], rest, upload)
        return node
    if isinstance(node, dict) and head in node:
        node[head] = _place(node[head], rest, upload)
        return node
    raise MultipartError(f"the `map` path '{'.'.join(path)[:100]}' is not in `operations`")
