"""``kit.nested.Nested``: the id (or ids) of objects a payload nests whole, read from their
``id`` and rendered whole by the renderer the simulator's wire context names."""

from __future__ import annotations

from providers import records as rec
from providers.kit.mapping import At, RecordMap, Wire
from providers.kit.nested import Nested

APPLICATION = RecordMap(
    rec.ApplicationRecord,
    {
        "id": At("id"),
        "current_stage_id": Nested("stage", "stage", also={"previous_stage": "stage"}),
        "attachment_ids": Nested("files.all", "file", many=True),
    },
)
CANDIDATE = RecordMap(
    rec.CandidateRecord, {"id": At("id"), "tag_ids": Nested("tags", "tag", many=True, read=lambda _p: None)}
)
WIRE = Wire(
    ctx={
        "stage": lambda i: i and {"id": i, "name": f"Stage {i}"},
        "file": lambda i: {"id": i},
        "tag": str.upper,
    }
)


def test_reads_the_ids_of_the_nested_objects() -> None:
    payload = {
        "id": "a1",
        "stage": {"id": "s1", "name": "Screen"},
        "files": {"all": [{"id": "f1"}, {"id": "f2"}]},
    }
    record = APPLICATION.read(payload)
    assert (record.current_stage_id, record.attachment_ids) == ("s1", ("f1", "f2"))
    assert APPLICATION.read({"id": "a2"}).current_stage_id is None
    assert APPLICATION.read({"id": "a2"}).attachment_ids == ()


def test_read_replaces_how_the_value_is_read() -> None:
    assert CANDIDATE.read({"id": "c1", "tags": ["x"]}).tag_ids is None


def test_renders_each_object_whole_at_its_path_and_the_keys_repeating_it() -> None:
    record = rec.ApplicationRecord(id="a1", current_stage_id="s1", attachment_ids=("f1",))
    rendered = APPLICATION.render(record, WIRE)
    stage = {"id": "s1", "name": "Stage s1"}
    assert rendered == {"id": "a1", "stage": stage, "previous_stage": stage, "files": {"all": [{"id": "f1"}]}}
    assert APPLICATION.render(rec.ApplicationRecord(id="a2"), WIRE)["stage"] is None
    assert CANDIDATE.render(rec.CandidateRecord(id="c1", tag_ids=("t1",)), WIRE) == {
        "id": "c1",
        "tags": ["T1"],
    }
