"""Tags as names replaced whole: the list an add or removal leaves, and a sandbox candidate's
tags set to exactly a list (what a simulator of such an API does)."""

from __future__ import annotations

from typing import cast

from providers.kit.tags import retagged, set_tags
from providers.records import CandidateRecord, Resource, TagRecord
from providers.sandbox import generate
from providers.sandbox.writes import SandboxWriter


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
