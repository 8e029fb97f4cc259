"""``kit/simdata.py``: reversible UUID ids, lazily rendered lists and records under the
parents a request names, for simulators."""

from __future__ import annotations

import pytest

from providers.kit.simdata import Rendered, exact_uuid_id, from_uuid_id, under_parents, uuid_id
from providers.records import Resource
from providers.sandbox import generate

R = Resource


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


def test_under_parents_intersects_the_indexes_of_each_parent_asked() -> None:
    data = generate(7, 40)
    app = next(a for a in data.records(R.INTERVIEW) if a.application_id and a.job_interview_stage_id)
    by_app = ("application", uuid_id(app.application_id or ""))
    by_stage = ("stage", uuid_id(app.job_interview_stage_id or ""))
    both = under_parents(data, R.INTERVIEW, [by_app, by_stage])
    assert app in both
    assert all(i.application_id == app.application_id for i in both)
    assert all(i.job_interview_stage_id == app.job_interview_stage_id for i in both)
    assert under_parents(data, R.INTERVIEW, [by_app]) == list(
        data.children(R.INTERVIEW, "application")[app.application_id or ""]
    )
    assert under_parents(data, R.INTERVIEW, []) == list(data.records(R.INTERVIEW))
    assert under_parents(data, R.INTERVIEW, [("application", by_app[1].upper())]) == []  # not its exact id
