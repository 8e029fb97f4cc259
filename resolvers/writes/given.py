"""The input fields a mutation's client gave: what the checks are asked about (a field left
out, or null, is not given; ``graph/types/write_inputs.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from strawberry.types.base import has_object_definition
from strawberry.types.field import StrawberryField
from strawberry.types.unset import UNSET

from providers.coverage import camel


def set_fields(value: Any, prefix: str = "") -> Iterator[tuple[str, Any, StrawberryField]]:
    """Each input field set in the input object ``value``: its GraphQL name after ``prefix``, its
    value and its field. Nested input objects are the caller's to enter."""
    for f in value.__strawberry_definition__.fields:
        inner = getattr(value, f.python_name)
        if inner is not UNSET and inner is not None:
            yield f"{prefix}{f.graphql_name or camel(f.python_name)}", inner, f


def given_fields(value: Any, prefix: str = "") -> frozenset[str]:
    """The GraphQL names of the input fields set in ``value`` (nested ones as ``outer.inner``)."""
    found: set[str] = set()
    for name, inner, _ in set_fields(value, prefix):
        found.add(name)
        if has_object_definition(inner):
            found |= given_fields(inner, f"{name}.")
    return frozenset(found)
