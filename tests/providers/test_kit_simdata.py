"""``kit/simdata.py``: reversible UUID ids and lazily rendered lists of a simulator."""

from __future__ import annotations

import pytest

from providers.kit.simdata import Rendered, exact_uuid_id, from_uuid_id, uuid_id


def test_a_uuid_id_decodes_back_and_only_its_exact_spelling_matches() -> None:
    made = uuid_id("cand_1")
    assert made == "63616e64-5f31-0000-0000-000000000000"
    assert from_uuid_id(made) == from_uuid_id(made.upper()) == "cand_1"
    assert exact_uuid_id(made) == "cand_1"
    assert exact_uuid_id(made.upper()) is None  # another spelling of the same UUID
    assert exact_uuid_id("not-a-uuid") is None
    assert exact_uuid_id(None) is None
    with pytest.raises(ValueError, match="too long"):
        uuid_id("x" * 17)


def test_rendered_renders_only_what_is_read() -> None:
    seen: list[int] = []

    def render(n: int) -> dict[str, int]:
        seen.append(n)
        return {"n": n}

    items = Rendered(list(range(10)), render)
    assert len(items) == 10
    assert seen == []
    assert items[2:4] == [{"n": 2}, {"n": 3}]
    assert items[5] == {"n": 5}
    assert seen == [2, 3, 5]
    assert list(Rendered([1], render)) == [{"n": 1}]
