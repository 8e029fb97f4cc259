"""``providers/kit/camel.py``: rendered snake_case keys as a camelCase wire spells them."""

from __future__ import annotations

from providers.kit.camel import camel_keys


def test_keys_are_camelized_at_every_depth_values_never() -> None:
    rendered = {"created_at": 1, "archived": {"archived_at": None}, "list_of": [{"a_b": "c_d"}, "x_y"]}
    assert camel_keys(rendered) == {
        "createdAt": 1,
        "archived": {"archivedAt": None},
        "listOf": [{"aB": "c_d"}, "x_y"],
    }
    assert camel_keys("snake_case") == "snake_case"
