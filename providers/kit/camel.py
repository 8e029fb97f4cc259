"""Rendered snake_case keys back to a camelCase wire: a provider whose wire models read
camelCase keys through an alias generator (``to_camel``) keeps snake_case mapping paths, and
its simulator renders them as the wire spells them."""

from __future__ import annotations

import re
from typing import Any

_SNAKE = re.compile(r"_([a-z])")


def camel_keys(value: Any) -> Any:
    """``value`` with every dict key (nested in dicts and lists) from snake_case to camelCase."""
    if isinstance(value, dict):
        return {_SNAKE.sub(lambda m: m[1].upper(), k): camel_keys(v) for k, v in value.items()}
    return [camel_keys(v) for v in value] if isinstance(value, list) else value
