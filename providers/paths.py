"""Values that become part of an upstream URL path: one rule for what can be a path segment.

An id reaches a provider as one path segment (``/opportunities/{id}``). Formatted in raw,
``../../v1/users`` would address another endpoint, ``x?expand=...`` would add parameters and
a NUL or an over-long value would make httpx refuse the URL (an internal error). So every
adapter builds its paths with :func:`segment`, which percent-encodes the value (no character
is "safe": ``/``, ``?``, ``#`` and ``%`` are all encoded) after refusing what no provider's
id can be. The same rule is applied to id arguments at the GraphQL boundary
(``resolvers/filtering.py``), so a client sees the same answer on every connection; here it
also guards ids read from provider payloads (a parent record's ``posting`` or ``contact``),
which are no more trusted than a client's.

:func:`path_problem` is the last line of defence in ``UpstreamHttp.url``: a whole path (or a
page cursor replayed as one) must not contain a dot-segment, literal or percent-encoded,
that would climb out of the connection's base URL.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final
from urllib.parse import quote, unquote

from .errors import ProviderBadInput

if TYPE_CHECKING:  # providers/http.py imports this module
    from .http import CallContext

MAX_ID_CHARS: Final = 256
"""Longer than any provider's ids (UUIDs are 36, composite ids such as ``<uuid>:<uuid>``
under 100): a longer value cannot exist upstream."""

MAX_PATH_CHARS: Final = 8192
"""A whole upstream path with its query (a replayed page cursor): far under httpx's 64 KiB
URL limit, so an over-long one is refused as input instead of failing inside httpx."""

_SLASHES: Final = frozenset("/\\")
_DOT_SEGMENTS: Final = frozenset({".", ".."})
_SEPARATORS: Final = re.compile(r"[/\\]")
_QUERY_START: Final = re.compile(r"[?#]")
_UNSENDABLE: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
"""Every character of the general categories Cc (C0 controls, DEL, C1 controls) and Cs
(surrogates). Both are fixed sets in Unicode, so one search replaces a category lookup per
character, which was most of the cost of checking each upstream call's path."""
_SURROGATE: Final = re.compile(r"[\ud800-\udfff]")
UNPAIRED_SURROGATE: Final = "contains an unpaired surrogate"


def character_problem(value: str) -> str | None:
    """Why ``value`` cannot travel in a URL (or a filter) as text; None when it can."""
    found = _UNSENDABLE.search(value)
    if found is None:
        return None
    if found.group() < "\ud800":  # C0 (NUL, CR, LF...), DEL and C1 controls
        return "contains a control character"
    return UNPAIRED_SURROGATE  # a lone surrogate cannot be encoded as UTF-8


def encoding_problem(value: str) -> str | None:
    """Why ``value`` cannot be sent as text at all, in a URL or a JSON body (a lone surrogate,
    which no UTF-8 encoder takes; JSON's ``"\\ud800"`` decodes to one); None when it can."""
    return None if _SURROGATE.search(value) is None else UNPAIRED_SURROGATE


def id_problem(value: str) -> str | None:
    """Why ``value`` cannot be an id sent as one URL path segment; None when it can."""
    if not value:
        return "is empty"
    if len(value) > MAX_ID_CHARS:
        return f"is longer than {MAX_ID_CHARS} characters"
    if value in _DOT_SEGMENTS:
        return "is a relative path segment"
    if not _SLASHES.isdisjoint(value):
        return "contains a slash"
    return character_problem(value)


def segment(value: str, ctx: CallContext) -> str:
    """The id ``value`` as one percent-encoded URL path segment, or :class:`ProviderBadInput`
    (raised before any upstream call; the message never echoes the value)."""
    problem = id_problem(value)
    if problem is not None:
        raise ctx.error(ProviderBadInput, f"the id given cannot be a {ctx.provider} id: it {problem}")
    return quote(value, safe="")


def path_problem(path: str) -> str | None:
    """Why ``path`` (with its query) must not be sent under a base URL; None when it may.

    Dot-segments are checked after one percent-decoding: ``%2e%2e`` and ``.%2E`` are ``..`` to
    a server that decodes before routing, and ``%2F`` a separator. :func:`segment` encodes a
    literal ``%`` as ``%25``, so an id never decodes into a dot-segment here."""
    if len(path) > MAX_PATH_CHARS:
        return f"is longer than {MAX_PATH_CHARS} characters"
    bad = character_problem(path)
    if bad is not None:
        return bad
    route = _QUERY_START.split(path, maxsplit=1)[0]
    decoded = unquote(route)
    if not _DOT_SEGMENTS.isdisjoint(_SEPARATORS.split(decoded)):
        return "contains a dot-segment"
    if "\\" in decoded:
        return "contains a backslash"
    return character_problem(decoded)
