"""``Endpoints.listed``: a resource read only under its parent gets its by-parent method but
no listing, not even one that requires the parent as a filter."""

from __future__ import annotations

from typing import ClassVar

from providers.kit.adapter import HttpAdapter
from providers.kit.mapping import At, RecordMap
from providers.kit.paging import OffsetPaging
from providers.kit.resources import Child, Endpoints
from providers.payload import WireModel
from providers.query import FilterName
from providers.records import ApplicationRecord, Resource

R = Resource


class Item(WireModel):
    id: str


APPLICATION = RecordMap(ApplicationRecord, {"id": At("id")})
UNDER_CANDIDATE = {"candidate": Child(path="/candidates/{id}/items")}


class Listed(HttpAdapter):
    name: ClassVar[str] = "toy-listed"
    paging = OffsetPaging(10)
    resources = (Endpoints(R.APPLICATION, Item, APPLICATION, children=UNDER_CANDIDATE),)


class Unlisted(HttpAdapter):
    name: ClassVar[str] = "toy-unlisted"
    paging = OffsetPaging(10)
    resources = (Endpoints(R.APPLICATION, Item, APPLICATION, children=UNDER_CANDIDATE, listed=False),)


def test_by_default_a_per_parent_path_is_also_a_listing_filtered_by_the_parent() -> None:
    assert Listed.can_list(R.APPLICATION)
    assert Listed.filters_natively(R.APPLICATION, FilterName.CANDIDATE_ID)


def test_unlisted_it_is_read_under_its_parent_only() -> None:
    assert not Unlisted.can_list(R.APPLICATION)
    assert not Unlisted.filters_natively(R.APPLICATION, FilterName.CANDIDATE_ID)
    assert Unlisted.can_list_children(R.APPLICATION, "candidate")
    assert Unlisted.serves(R.APPLICATION)
