"""A list of wire objects read into value models key by key (``{value, type}`` contacts, a
form's question/answer pairs), declared as the model's fields and the wire keys that hold
them: a :class:`~providers.kit.fieldspecs.Listed` whose read and render are that table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .fieldspecs import Listed
from .mapping import get_path


def keyed_items(
    path: str, value: Callable[..., Any], keys: Mapping[str, str], template: Mapping[str, Any] | None = None
) -> Listed:
    """The objects at ``path``, each read into ``value`` (a model) from the item's keys named in
    ``keys`` (field -> wire key); rendered back key for key after ``template`` (wire keys no
    field reads, scalar constants). An absent list is empty."""
    return Listed(
        path,
        make=lambda item, _index: value(**{f: get_path(item, (k,)) for f, k in keys.items()}),
        value=lambda v: {**(template or {}), **{k: getattr(v, f) for f, k in keys.items()}},
    )
