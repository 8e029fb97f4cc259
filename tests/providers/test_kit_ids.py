"""The kit's reads keyed by ids (``kit/ids.py``): integer ids, derived reads given only valid
ids, a list read through an ids filter in batches, and records by owner or carrier."""

from __future__ import annotations

from typing import Any, ClassVar

import httpx
import pytest
from pydantic import ValidationError

from providers.base import Connection
from providers.kit.adapter import HttpAdapter
from providers.kit.ids import IntegerId, embedded_by_id, grouped, is_integer, listed_by_ids, only_valid_ids
from providers.kit.mapping import At, RecordMap
from providers.kit.paging import LinkHeaderPaging
from providers.kit.resources import Child, Endpoints
from providers.payload import WireModel
from providers.records import ApplicationRecord, CandidateRecord, Resource, TagRecord

BASE = "https://toy.example"
R = Resource


class Item(WireModel):
    id: str
    owner: str | None = None


APP = RecordMap(ApplicationRecord, {"id": At("id"), "candidate_id": At("owner")})


class Toy(HttpAdapter):
    name: ClassVar[str] = "toy-ids"
    default_base_url: ClassVar[str | None] = BASE
    paging = LinkHeaderPaging("", max_size=100)
    max_batch_size = 2
    resources = (
        Endpoints(
            R.APPLICATION,
            Item,
            APP,
            list="/apps",
            get="/apps/{id}",
            children={"candidate": Child("/people/{id}/apps")},
        ),
    )


only_valid_ids(Toy, is_integer)


def toy() -> tuple[Toy, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        path = request.url.path
        if path.startswith("/apps/"):
            return httpx.Response(200, json={"id": path.rsplit("/", 1)[1], "owner": "1"})
        if path.startswith("/people/"):
            return httpx.Response(200, json=[{"id": "9", "owner": path.split("/")[2]}])
        owners = request.url.params["owners"].split(",")
        return httpx.Response(200, json=[{"id": f"a{o}", "owner": o} for o in owners])

    return Toy(Connection("t", "toy-ids"), httpx.AsyncClient(transport=httpx.MockTransport(answer))), seen


@pytest.mark.parametrize(
    ("value", "ok"), [("42", True), ("0", True), ("4a", False), ("", False), ("٣", False)]
)
def test_an_integer_id_is_ascii_digits(value: str, ok: bool) -> None:
    assert is_integer(value) is ok


async def test_derived_reads_are_given_only_valid_ids() -> None:
    adapter, seen = toy()
    found = await adapter.get_applications(["1", "x/../2", "3"])  # type: ignore[attr-defined]
    assert [a and a.id for a in found] == ["1", None, "3"]
    by_parent = await adapter.list_applications_by_candidate_ids(["7", "..", "8"])  # type: ignore[attr-defined]
    assert {k: [a.candidate_id for a in v] for k, v in by_parent.items()} == {
        "7": ["7"],
        "..": [],
        "8": ["8"],
    }
    assert sorted(r.url.path for r in seen) == ["/apps/1", "/apps/3", "/people/7/apps", "/people/8/apps"]


async def test_a_list_by_an_ids_filter_reads_distinct_ids_in_batches() -> None:
    adapter, seen = toy()
    e = Toy.endpoints(R.APPLICATION)
    found = await listed_by_ids(adapter, e, "owners", ["1", "2", "1", "3"], page_size=50)
    assert sorted(a.id for a in found) == ["a1", "a2", "a3"]
    assert sorted(r.url.params["owners"] for r in seen) == ["1,2", "3"]
    assert {r.url.params["per_page"] for r in seen} == {"50"}


def test_grouped_by_owner_keeps_every_asked_id() -> None:
    apps = [ApplicationRecord(id="a", candidate_id="c1"), ApplicationRecord(id="b", candidate_id="c3")]
    assert grouped(apps, "candidate_id", ["c1", "c2"]) == {"c1": [apps[0]], "c2": []}


def test_embedded_by_the_id_of_the_record_that_carries_them() -> None:
    tag, app = TagRecord(id="t"), ApplicationRecord(id="a")
    carriers: list[Any] = [CandidateRecord(id="c1", embedded=(tag, app)), None]
    assert embedded_by_id(carriers, ApplicationRecord, ["c1", "c2"]) == {"c1": [app], "c2": []}


class Numbered(WireModel):
    id: IntegerId


@pytest.mark.parametrize(("value", "read"), [(42, "42"), ("7", "7")])
def test_an_integer_id_is_read_as_its_digits(value: Any, read: str) -> None:
    assert Numbered.model_validate({"id": value}).id == read


@pytest.mark.parametrize("value", [True, "4a", "", 1.5, None])
def test_anything_else_is_an_invalid_id(value: Any) -> None:
    with pytest.raises(ValidationError, match="integer"):
        Numbered.model_validate({"id": value})
