"""``carried``: the related records a payload carries whole, declared (``kit/embeds.py``)."""

from __future__ import annotations

from providers.kit.embeds import carried
from providers.kit.mapping import At, RecordMap, fn
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
