"""Tags as names replaced whole: the field read from the names and rendered back as them, the
list an add or removal leaves, a sandbox tag's name, and a sandbox candidate's tags set to
exactly a list (what a simulator of such an API does)."""

from __future__ import annotations

from typing import cast

from providers.kit.mapping import At, RecordMap, Wire
from providers.kit.tags import retagged, set_tags, tag_name, tag_names_at
from providers.records import CandidateRecord, Resource, TagRecord
from providers.sandbox import generate
from providers.sandbox.writes import SandboxWriter
from providers.writes import TagChange


def test_retagged_adds_new_names_once_and_removes_any_spelling() -> None:
    assert retagged(["Java", "Remote"], ["java", "Go", "Go", "Rust"], add=True) == [
        "Java",
        "Remote",
        "Go",
        "Rust",
    ]
    assert retagged(["Java", "Remote"], ["REMOTE", "Nope"], add=False) == ["Java"]
    assert retagged((), ["A"], add=False) == []


def test_set_tags_makes_the_candidates_tags_exactly_the_names() -> None:
    data = generate(3, 4).fork()
    writer = SandboxWriter(data, "toy", "test")
    person = next(c for c in data.records(Resource.CANDIDATE) if isinstance(c, CandidateRecord))

    def names(c: CandidateRecord) -> list[str]:
        by_id = data.by_id(Resource.TAG)
        return sorted(cast("TagRecord", by_id[t]).name or t for t in c.tag_ids or ())

    assert names(set_tags(writer, person.id, ["Alpha", "Beta"])) == ["Alpha", "Beta"]
    assert names(set_tags(writer, person.id, ["beta", "Gamma"])) == ["Beta", "Gamma"]
    assert names(set_tags(writer, person.id, [])) == []


def test_tag_names_are_the_ids_and_render_back_through_the_simulators_names() -> None:
    tags = RecordMap(CandidateRecord, {"id": At("id"), "tag_ids": tag_names_at("profile.tags")})
    read = tags.read({"id": "c1", "profile": {"tags": ["Java", "Remote"]}})
    assert read.tag_ids == ("Java", "Remote")
    # no list is not an empty one: the tags are not known (a list item without them)
    assert tag_names_at().read({"id": "c2"}, {}) is None
    assert tag_names_at().read({"tags": []}, {}) == ()
    wire = Wire(ctx={"tag_name": str.upper})
    assert tags.render(read, wire) == {"id": "c1", "profile": {"tags": ["JAVA", "REMOTE"]}}
    unknown = CandidateRecord(id="c3", remote_id="c3")
    assert RecordMap(CandidateRecord, {"tag_ids": tag_names_at()}).render(unknown, wire) == {"tags": []}


def test_tag_name_reads_the_dataset_as_it_is_now() -> None:
    data = generate(3, 4).fork()
    tag = next(t for t in data.records(Resource.TAG) if isinstance(t, TagRecord))
    assert tag_name(data, tag.id) == tag.name
    assert tag_name(data, "no-such-tag") == "no-such-tag"
    person = next(c for c in data.records(Resource.CANDIDATE) if isinstance(c, CandidateRecord))
    made = SandboxWriter(data, "toy", "test").change_tags(TagChange(person.id, ("Brand New",)), add=True)
    assert "Brand New" in [tag_name(data, t) for t in made.tag_ids or ()]
