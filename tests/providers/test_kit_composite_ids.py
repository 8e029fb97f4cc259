"""``providers/kit/composite_ids.py``: ids composed of a parent's and a record's own."""

from __future__ import annotations

from providers.kit.composite_ids import child_id, split_child_id


def test_a_composed_id_splits_back_at_its_first_colon() -> None:
    assert child_id("opp", "note") == "opp:note"
    assert split_child_id(child_id("opp", "note")) == ("opp", "note")
    assert split_child_id(child_id("job", child_id("group", "q"))) == ("job", "group:q")


def test_an_id_not_composed_is_none() -> None:
    assert split_child_id("plain") is None
    assert split_child_id(":own") is None
    assert split_child_id("parent:") is None
