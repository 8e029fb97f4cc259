"""``kit/mapping.embedded_at``: the whole objects a payload carries at a path, one or (``many``)
a list of them, each read by its own record map."""

from __future__ import annotations

from providers import records as rec
from providers.kit.mapping import At, RecordMap, embedded_at

TAG = RecordMap(rec.TagRecord, {"id": At("id"), "name": At("name")})


def test_one_object_at_a_path() -> None:
    embeds = embedded_at("meta.tag", TAG)
    assert [t.id for t in embeds({"meta": {"tag": {"id": "1", "name": "a"}}}, {})] == ["1"]
    assert embeds({"meta": {}}, {}) == []


def test_many_objects_at_a_path() -> None:
    embeds = embedded_at("tags", TAG, many=True)
    found = embeds({"tags": [{"id": "1", "name": "a"}, {"id": "2", "name": "b"}]}, {})
    assert all(isinstance(t, rec.TagRecord) for t in found)
    assert [(t.id, t.remote_data) for t in found] == [
        ("1", {"id": "1", "name": "a"}),
        ("2", {"id": "2", "name": "b"}),
    ]
    assert embeds({"tags": None}, {}) == []
    assert embeds({}, {}) == []
