"""Small declarative pieces of the kit: children read from their parent's embedded records
(``Child(embedded=True)``) or through the ids it lists (``Child(via=...)``), embedded objects read at a path (``embedded_at``), lists of ids
(``Refs``), table lookups in functions, millisecond timestamps (``iso_z_millis``) and form
values (``form_values``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, ClassVar

from providers.base import Connection
from providers.kit.adapter import HttpAdapter
from providers.kit.forms import FormPart, form_values
from providers.kit.mapping import At, RecordMap, Ref, Refs, Wire, embedded_at, key_of, label_of, looked_up
from providers.kit.paging import OffsetPaging
from providers.kit.resources import Child, Endpoints, read_payload
from providers.kit.times import iso_z_millis
from providers.payload import WireModel
from providers.records import (
    ApplicationRecord,
    CandidateRecord,
    OfferRecord,
    Record,
    Resource,
    TagRecord,
    UserRecord,
)

R = Resource


class Person(WireModel):
    id: str
    tags: list[str] = []
    owner: dict[str, Any] | None = None


PERSON = RecordMap(CandidateRecord, {"id": At("id"), "tag_ids": Refs("tags", resource=R.TAG)})
USER = RecordMap(UserRecord, {"id": Ref("id", resource=R.USER), "name": At("name")})


def _tags(p: Person, _ctx: Any) -> list[Record]:
    return [TagRecord(id=t, name=t.upper()) for t in p.tags]


class Nested(HttpAdapter):
    name: ClassVar[str] = "nested"
    paging = OffsetPaging(max_size=10)
    resources = (
        Endpoints(R.CANDIDATE, Person, PERSON, embeds=(_tags, embedded_at("owner", USER))),
        Endpoints(R.TAG, Person, _tags, listed=False, children={"candidate": Child(embedded=True)}),
    )
    asked: ClassVar[list[Sequence[str]]] = []

    async def get_candidates(self, ids: Sequence[str]) -> list[Record | None]:
        self.asked.append(ids)
        people = {"p1": Person(id="p1", tags=["a", "b"], owner={"id": "u1", "name": "Ann"})}
        e = self.endpoints(R.CANDIDATE)
        return [read_payload(e, people[i])[0] if i in people else None for i in ids]


async def test_embedded_children_are_the_parents_embedded_records_of_their_type() -> None:
    adapter = Nested(Connection("n", "nested", credentials={}))
    found = await adapter.list_tags_by_candidate_ids(["p1", "gone"])
    assert found == {"p1": [TagRecord(id="a", name="A"), TagRecord(id="b", name="B")], "gone": []}
    assert Nested.asked == [["p1", "gone"]]  # one get-many of the parents
    await adapter.aclose()


def test_embedded_at_reads_the_object_at_a_path_and_none_where_absent() -> None:
    e = Nested.endpoints(R.CANDIDATE)
    (person,) = read_payload(e, Person(id="p1", owner={"id": "u1", "name": "Ann"}))
    assert [r for r in person.embedded if isinstance(r, UserRecord)] == [
        USER.read({"id": "u1", "name": "Ann"})
    ]
    (bare,) = read_payload(e, Person(id="p2"))
    assert bare.embedded == ()


def test_refs_render_each_id_through_the_wire_encoding() -> None:
    wire = Wire(encode=lambda resource, value: f"{resource.value}-{value}")
    record = PERSON.read(Person(id="p1", tags=["a", "b"]))
    assert record.tag_ids == ("a", "b")
    assert PERSON.render(record, wire) == {"id": "p1", "tags": ["tag-a", "tag-b"]}
    assert Refs("tags").wire_value(None, wire) is None


def test_iso_z_millis_writes_milliseconds_in_utc() -> None:
    assert iso_z_millis(datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)) == "2026-01-02T03:04:05.678Z"
    assert iso_z_millis(datetime(2026, 1, 2, tzinfo=UTC)) == "2026-01-02T00:00:00.000Z"


def test_form_values_are_text_strings_and_file_parts() -> None:
    upload = FormPart("file", "cv.pdf", "application/pdf", b"%PDF")
    parts = {"id": FormPart("id", None, "text/plain", b"c\xff1"), "file": upload}
    assert form_values(parts) == {"id": "c\ufffd1", "file": upload}


def test_table_lookups_in_functions_and_their_inverse() -> None:
    kinds = {"Personal": "personal", "Work": "work"}
    assert looked_up(kinds, "Work", "other") == "work"
    assert looked_up(kinds, "Pager", "other") == "other"
    assert looked_up(kinds, None, "other") is None
    assert label_of(kinds, "Work") == "work"
    assert label_of(kinds, "Pager") == "Pager"
    assert label_of(kinds, None) is None
    assert key_of(kinds, "work") == "Work"
    assert key_of(kinds, "pager") == "pager"


class Via(HttpAdapter):
    """Candidates list their applications' ids; applications and offers are read through them."""

    name: ClassVar[str] = "via"
    paging = OffsetPaging(max_size=10)
    resources = (
        Endpoints(
            R.APPLICATION, Person, PERSON, listed=False, children={"candidate": Child(via=R.APPLICATION)}
        ),
        Endpoints(R.OFFER, Person, PERSON, listed=False, children={"candidate": Child(via=R.APPLICATION)}),
    )
    people: ClassVar[dict[str, tuple[str, ...]]] = {"c1": ("a1", "a2"), "c2": ("a2",), "c3": ()}

    async def get_candidates(self, ids: Sequence[str]) -> list[Record | None]:
        return [
            CandidateRecord(id=i, application_ids=self.people[i]) if i in self.people else None for i in ids
        ]

    async def get_applications(self, ids: Sequence[str]) -> list[Record | None]:
        return [ApplicationRecord(id=i) for i in ids]

    async def list_offers_by_application_ids(self, ids: Sequence[str]) -> dict[str, list[Record]]:
        assert list(ids) == ["a1", "a2"]  # each application once
        return {i: [OfferRecord(id=f"o-{i}", application_id=i)] for i in ids}


async def test_children_via_the_ids_a_parent_lists() -> None:
    adapter = Via(Connection("v", "via", credentials={}))
    apps = await adapter.list_children(R.APPLICATION, "candidate", ["c1", "c2", "c3", "gone"])
    assert {c: [a.id for a in found] for c, found in apps.items()} == {
        "c1": ["a1", "a2"],
        "c2": ["a2"],
        "c3": [],
        "gone": [],
    }
    offers = await adapter.list_children(R.OFFER, "candidate", ["c1", "c2"])
    assert {c: [o.id for o in found] for c, found in offers.items()} == {
        "c1": ["o-a1", "o-a2"],
        "c2": ["o-a2"],
    }
    await adapter.aclose()
