"""Offset paging for an API whose answers do not always say where they stand: ``offset`` and
``limit`` parameters, and an answer that may omit the offset (read back from the request) and
the total (then a full page means another may follow, a short page is the last)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from .paging import OffsetPaging


@dataclass(frozen=True)
class ShortPageOffsetPaging(OffsetPaging):
    """:class:`OffsetPaging` that pages on where the total is missing: the offset sent is read
    from the request when the answer has none, and without a total a page as long as the size
    asked may be followed by another. ``items_field``: where the items are (None: the answer's
    first list)."""

    items_field: str | None = None

    def next_cursor(self, body: Any, response: httpx.Response | None = None) -> str | None:
        if not isinstance(body, Mapping):
            return None
        if self.items_field is not None:
            items = body.get(self.items_field) or []
        else:
            items = next((v for v in body.values() if isinstance(v, list)), [])
        sent = response.request.url.params if response is not None else httpx.QueryParams()
        offset = body.get(self.offset_field)
        offset = offset if isinstance(offset, int) else int(sent.get(self.offset_param) or 0)
        total = body.get(self.total_field)
        after = offset + len(items)
        if isinstance(total, int):
            return str(after) if items and after < total else None
        full = len(items) >= int(sent.get(self.size_param) or self.max_size)
        return str(after) if items and full else None
