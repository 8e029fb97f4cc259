"""Read whole, paged here: a listing that requires its parent as a filter (``applicationId``)
and that the API serves only under that one parent, in one answer. The children are read as
the by-parent method reads them (``list_<plural>_by_<parent>_ids``, so the loaders and the
listing share one read), and the page the query asks is cut from them, so that the page size
holds whatever the API pages by; the items the payloads carry whole are the parent's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..query import ListQuery, Page
from ..records import Record, Resource
from ..relations import PARENT_FILTERS
from .resources import local_page, unsupported_without

if TYPE_CHECKING:
    from .adapter import HttpAdapter


async def list_under_parent(
    a: HttpAdapter, resource: Resource, parent: str, query: ListQuery
) -> Page[Record]:
    """The page ``query`` asks of the children of the one ``parent`` its filter names (a
    listing without that filter is not supported)."""
    name = PARENT_FILTERS[parent]
    value = getattr(query.filter, name.value)
    if value is None:
        raise unsupported_without(a, resource, name)
    found = await a.list_children(resource, parent, [value])
    return local_page(found[value], query)
