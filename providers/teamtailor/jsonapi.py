"""JSON:API as Teamtailor serves it: the generic part is the kit's (``kit/jsonapi.py``); here
what is Teamtailor's own. Its attributes are dasherized (``first-name``): the wire models read
them by alias, the mappings name them in snake case, :func:`dasherize` renders them back; its
list answers carry ``meta.record-count`` and ``meta.page-count``.
"""

from __future__ import annotations

from pydantic import ConfigDict

from ..kit import jsonapi as kit
from ..kit.jsonapi import (
    Doc,
    Key,
    Kind,
    Object,
    PageNumbers,
    Rel,
    embedded,
    errors_body,
    split,
)
from ..kit.mapping import Json

__all__ = [
    "Attributes",
    "Doc",
    "Key",
    "Kind",
    "Object",
    "PageNumbers",
    "Rel",
    "dasherize",
    "embedded",
    "errors_body",
    "page_meta",
    "split",
]


def dashed(name: str) -> str:
    return name.replace("_", "-")


class Attributes(kit.Attributes):
    """A resource object's attributes, read by their dasherized names."""

    model_config = ConfigDict(extra="allow", frozen=True, alias_generator=dashed, populate_by_name=True)


def dasherize(out: Json) -> Json:
    """A rendered object with its attribute names as Teamtailor writes them."""
    attributes = out.get("attributes")
    if isinstance(attributes, dict):
        out["attributes"] = {dashed(k): v for k, v in attributes.items()}
    return out


def page_meta(count: int, pages: int) -> Json:
    """A list answer's ``meta`` as Teamtailor writes it."""
    return {"record-count": count, "page-count": pages}
