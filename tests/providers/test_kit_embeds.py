"""``carried``: the related records a payload carries whole, declared (``kit/embeds.py``)."""

from __future__ import annotations

from providers.kit.embeds import carried
from providers.kit.mapping import At, Fn, RecordMap, fn
from providers.records import DepartmentRecord, TagRecord

DEPARTMENT = RecordMap(DepartmentRecord, {"id": At("id"), "name": At("label")})
TAG = RecordMap(TagRecord, {"id": fn(str), "name": fn(str)})


def test_an_object_at_the_path_is_one_record_when_it_has_its_id() -> None:
    read = carried(DEPARTMENT, "job.department")
    assert [d.name for d in read({"job": {"department": {"id": "d1", "label": "Ops"}}}, {})] == ["Ops"]
    assert read({"job": {"department": {"label": "no id"}}}, {}) == []
    assert read({"job": None}, {}) == []


def test_a_list_at_the_path_is_one_record_an_item() -> None:
    read = carried(TAG, "tags", key=None)
    assert [t.id for t in read({"tags": ["vip", "remote"]}, {})] == ["vip", "remote"]
    assert read({}, {}) == []


def test_a_dotted_key_keeps_the_items_that_have_it() -> None:
    entry = RecordMap(TagRecord, {"id": At("candidate.id"), "name": At("candidate.name")})
    read = carried(entry, "detail", key="candidate.id")
    detail = [{"candidate": {"id": "5", "name": "C"}}, {"candidate": {"name": "no id"}}]
    assert [t.id for t in read({"detail": detail}, {})] == ["5"]


def test_each_item_is_read_under_the_payload_and_at_its_position() -> None:
    seen = RecordMap(
        DepartmentRecord,
        {"id": At("id"), "name": fn(str), "parent_id": Fn(lambda _p, c: c["parent"])},
    )
    read = carried(seen, "jobs", under="id")
    [d] = read({"id": "c1", "jobs": [{"id": "j1"}]}, {"parent": "other"})
    assert (d.id, d.parent_id) == ("j1", "c1")
    ordered = RecordMap(TagRecord, {"id": At("name"), "name": Fn(lambda _p, c: str(c["at"]))})
    rows = [{"name": "a"}, {"name": ""}, {"name": "b"}]
    assert [(t.id, t.name) for t in carried(ordered, "rows", key="name", index="at")({"rows": rows}, {})] == [
        ("a", "0"),
        ("b", "1"),
    ]
