"""A simulator's opaque page cursors (the server side of ``LinkHeaderPaging.serve_cursor``):
each token keeps the request it continues (path, query parameters, next start), and a request
that sends one must send nothing else, to the same path."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass
class CursorStore:
    """Cursors handed out by a simulator, by token (kept for the simulator's life)."""

    saved: dict[str, tuple[str, dict[str, str], int]] = field(default_factory=dict)
    param: str = "cursor"

    def saver(self, path: str) -> Callable[[dict[str, str], int], str]:
        """``serve_cursor``'s ``save`` for a request to ``path``: a new token for the request's
        parameters and the next start."""

        def save(params: dict[str, str], start: int) -> str:
            token = secrets.token_urlsafe(12)
            self.saved[token] = (path, params, start)
            return token

        return save

    def resume(self, path: str, params: Mapping[str, str]) -> tuple[dict[str, str], int] | str:
        """The parameters and start a request to ``path`` continues from (its own and 0 without
        a cursor), or why its cursor is refused."""
        if self.param not in params:
            return dict(params), 0
        if len(params) > 1:
            return f"{self.param} must be the only query parameter"
        found = self.saved.get(params[self.param])
        if found is None or found[0] != path:
            return f"invalid {self.param}"
        return found[1], found[2]
