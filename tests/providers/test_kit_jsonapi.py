"""The kit's JSON:API pieces a provider's own tests do not reach: the ``included`` index."""

from __future__ import annotations

from providers.kit.jsonapi import split


def test_split_gives_each_item_the_shared_included_index() -> None:
    body = {"data": [{"id": "1", "type": "a"}], "included": [{"id": 2, "type": "b"}]}
    (doc,) = split(body)
    assert doc["included"] == {("b", "2"): {"id": 2, "type": "b"}}
    assert split({"data": {"id": "1"}}) is None


def test_an_included_object_without_an_id_is_left_out_of_the_index() -> None:
    """Side-posted objects carry a ``temp-id`` instead (Pinpoint's POST /applications)."""
    (doc,) = split({"data": [{"id": "1", "type": "a"}], "included": [{"type": "answers", "temp-id": "1"}]})
    assert doc["included"] == {}
